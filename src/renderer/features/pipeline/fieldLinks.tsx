import { useEffect, type ReactNode } from 'react'
import { useLocation } from 'wouter'

/**
 * Links from the Pipeline linter to the field that needs fixing: `/projects/:id/details#field` or
 * `/settings#field`. With hash routing a second `#` would break the route, so the field id travels
 * in the history entry's state instead, and the form it leads to focuses that field when it
 * opens. The link's href is the page alone, so opening it in a new tab still reaches the page.
 */
export function splitFieldHref(href: string): { path: string; field: string | null } {
  const i = href.indexOf('#')
  return i < 0 ? { path: href, field: null } : { path: href.slice(0, i), field: href.slice(i + 1) || null }
}

interface FocusState {
  readonly focusField?: unknown
}

/** Focus a form field by id (for the problem statement: its editable area), scrolled into view. */
export function focusFieldById(id: string): boolean {
  const el = document.getElementById(id)
  if (!el) return false
  const target = el.matches('input, select, textarea, button, [contenteditable="true"]') ? el : (el.querySelector<HTMLElement>('[contenteditable="true"], input, select, textarea') ?? el)
  target.scrollIntoView({ block: 'center' })
  target.focus()
  return document.activeElement === target
}

/** A link to a field, for a linter issue. */
export function FieldLink({ href, children, className }: { href: string; children: ReactNode; className?: string }): ReactNode {
  const [, navigate] = useLocation()
  const { path, field } = splitFieldHref(href)
  return (
    <a
      className={className ?? 'govuk-link'}
      href={`#${path}`}
      onClick={(ev) => {
        if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return
        ev.preventDefault()
        navigate(path, { state: field ? { focusField: field } : null })
      }}
    >
      {children}
    </a>
  )
}

/**
 * On a form reached from a FieldLink: focus the field it named, once `ready` (the form has
 * rendered), after the page's own "focus the heading" (useFocusOnNavigate) has run. Only ids in
 * `ids` are honoured; the state is cleared so a reload or Back does not jump again.
 */
export function useFocusFieldFromLink(ready: boolean, ids: readonly string[]): void {
  useEffect(() => {
    if (!ready) return
    const state = window.history.state as FocusState | null
    const field = typeof state?.focusField === 'string' ? state.focusField : null
    if (!field || !ids.includes(field)) return
    const frame = requestAnimationFrame(() => {
      if (focusFieldById(field)) window.history.replaceState({ ...state, focusField: undefined }, '')
    })
    return () => cancelAnimationFrame(frame)
    // ids is a module constant at each call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready])
}
