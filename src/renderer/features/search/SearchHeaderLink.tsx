import { useEffect, type ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import { SEARCH_INPUT_ID } from './searchIds'
import { focusSearchBoxOnArrival, shortcutEnabled } from './searchPrefs'

const NOT_TYPING = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'image', 'color', 'range'])

/** True when a key press at `target` is someone typing, so "/" must stay a character. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type)
}

/**
 * The header's "Search" link, and the "/" shortcut to the same place from any page (when focus is
 * not in a text field, and unless turned off on the search page).
 */
export function SearchHeaderLink(): ReactNode {
  const [location, navigate] = useLocation()
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || e.isComposing) return
      if (isTyping(e.target) || !shortcutEnabled()) return
      e.preventDefault()
      if (location === '/search') return document.getElementById(SEARCH_INPUT_ID)?.focus()
      focusSearchBoxOnArrival()
      navigate('/search')
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [location, navigate])
  return (
    <Link href="/search" aria-current={location === '/search' ? 'page' : undefined} aria-keyshortcuts={shortcutEnabled() ? '/' : undefined}>
      Search
    </Link>
  )
}
