import { useEffect, useRef } from 'react'
import { useLocation } from 'wouter'

const CARD_ROUTE = /\/cards\//

/**
 * A single-page app does not move focus when the page changes, so a keyboard or screen-reader
 * user who opened a project would be left on <body> at the top of nothing. After each navigation
 * focus moves to the new page's main heading (once it has rendered: a project may still be
 * loading), and the heading is announced. Opening and closing the card dialog is left alone: the
 * dialog takes focus itself and gives it back to the card it came from.
 */
export function useFocusOnNavigate(): void {
  const [location] = useLocation()
  const previous = useRef(location)
  useEffect(() => {
    const from = previous.current
    previous.current = location
    if (from === location || CARD_ROUTE.test(location) || CARD_ROUTE.test(from)) return
    let done = false
    const focusHeading = (): boolean => {
      // The new page's heading, not the old one: while a page still loading suspends, React keeps
      // the previous page in the document, hidden, until the new one can show.
      const h1 = [...document.querySelectorAll<HTMLElement>('main h1')].find((h) => h.checkVisibility())
      if (!h1) return false
      if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1')
      h1.focus({ preventScroll: false })
      return true
    }
    if (focusHeading()) return
    const main = document.querySelector('main')
    if (!main) return
    const observer = new MutationObserver(() => {
      if (!done && focusHeading()) {
        done = true
        observer.disconnect()
      }
    })
    // Attributes too: React reveals a page that finished loading by changing its style.
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden'] })
    // A page that never shows a heading must not grab focus later, when the person has moved on.
    const timer = setTimeout(() => observer.disconnect(), 3_000)
    return () => {
      done = true
      observer.disconnect()
      clearTimeout(timer)
    }
  }, [location])
}
