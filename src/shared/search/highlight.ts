/**
 * Which words of a piece of text to highlight, as character ranges. Pure string work so the
 * renderer can split text into React nodes (text and <mark>) without ever treating doc text as
 * HTML.
 */

export interface Range {
  readonly start: number
  readonly end: number
}

export interface Segment {
  readonly text: string
  readonly mark: boolean
}

/** The same word boundaries MiniSearch uses by default (spaces and punctuation). */
const WORD = /[^\n\r\p{Z}\p{P}]+/gu

/** Lower-cased index form of a word, as MiniSearch's default processTerm makes it. */
export function normaliseTerm(word: string): string {
  return word.toLowerCase()
}

/**
 * Ranges of the words in `text` whose index form is one of `terms` (the document terms a search
 * matched, so a prefix or typo match highlights the whole word that was found). Ordered, never
 * overlapping.
 */
export function highlightRanges(text: string, terms: Iterable<string>): Range[] {
  const wanted = new Set([...terms].map(normaliseTerm))
  if (wanted.size === 0) return []
  const out: Range[] = []
  for (const m of text.matchAll(WORD)) {
    if (wanted.has(normaliseTerm(m[0]))) out.push({ start: m.index, end: m.index + m[0].length })
  }
  return out
}

/** `text` cut into plain and marked runs, in order; joined they give `text` back exactly. */
export function segments(text: string, ranges: readonly Range[]): Segment[] {
  const out: Segment[] = []
  let at = 0
  for (const r of ranges) {
    if (r.start < at || r.end > text.length || r.end <= r.start) continue
    if (r.start > at) out.push({ text: text.slice(at, r.start), mark: false })
    out.push({ text: text.slice(r.start, r.end), mark: true })
    at = r.end
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false })
  return out
}

/** Whitespace (line breaks included) collapsed to single spaces, for one-line result text. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * A short excerpt of `text` around its first highlighted word (`radius` characters either side,
 * cut at word boundaries, with "…" where text was left out), and the highlight ranges within it.
 */
export function snippet(text: string, terms: Iterable<string>, radius = 70): { text: string; ranges: Range[] } {
  const line = oneLine(text)
  const ranges = highlightRanges(line, terms)
  const first = ranges[0]
  if (line.length <= radius * 2 || !first) {
    const cut = line.length <= radius * 2 ? line : `${line.slice(0, wordEnd(line, radius * 2))}…`
    return { text: cut, ranges: ranges.filter((r) => r.end <= cut.length) }
  }
  let from = Math.max(0, first.start - radius)
  if (from > 0) from = wordStart(line, from)
  let to = Math.min(line.length, first.end + radius)
  if (to < line.length) to = wordEnd(line, to)
  const prefix = from > 0 ? '…' : ''
  const suffix = to < line.length ? '…' : ''
  const shift = prefix.length - from
  return {
    text: `${prefix}${line.slice(from, to)}${suffix}`,
    ranges: ranges.filter((r) => r.start >= from && r.end <= to).map((r) => ({ start: r.start + shift, end: r.end + shift }))
  }
}

function wordStart(s: string, i: number): number {
  const space = s.indexOf(' ', i)
  return space >= 0 && space - i < 20 ? space + 1 : i
}

function wordEnd(s: string, i: number): number {
  const space = s.lastIndexOf(' ', i)
  return space > 0 && i - space < 20 ? space : i
}
