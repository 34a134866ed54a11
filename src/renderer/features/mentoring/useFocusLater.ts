import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * Move focus to an element by id once it has rendered. A button that disappears when pressed
 * ("Mark as active", "Make a card") would otherwise leave a keyboard user on <body>. The doc's
 * change reaches the screen a render or two after the press, so the target is looked for after
 * each render for a moment, then forgotten (it must never grab focus later, once the person has
 * moved on).
 */
export function useFocusLater(): (id: string) => void {
  const target = useRef<{ id: string; until: number } | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const t = target.current
    if (!t) return
    const el = document.getElementById(t.id)
    if (el) {
      target.current = null
      if (!el.matches('a, button, input, select, textarea, [tabindex]')) el.setAttribute('tabindex', '-1')
      el.focus()
      return
    }
    if (Date.now() > t.until) {
      target.current = null
      return
    }
    const timer = setTimeout(() => setTick((n) => n + 1), 20)
    return () => clearTimeout(timer)
  })
  return useCallback((id: string) => {
    target.current = { id, until: Date.now() + 1_000 }
    setTick((n) => n + 1)
  }, [])
  void tick
}
