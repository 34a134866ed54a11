import type { ReactNode } from 'react'
import { segments, type Range } from '@shared/search'

/** Text with the given ranges in <mark>: React text nodes only, never HTML from a doc. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly Range[] }): ReactNode {
  return segments(text, ranges).map((s, i) => (s.mark ? <mark key={i} className="app-search-mark">{s.text}</mark> : s.text))
}
