import type { ReactNode } from 'react'

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase()
}

/** Decorative: the name is always written next to it, so it is hidden from screen readers. */
export function Avatar({ name, colour }: { name: string; colour: string }): ReactNode {
  return (
    <span className="app-avatar" style={{ background: colour }} aria-hidden="true">
      {initials(name)}
    </span>
  )
}
