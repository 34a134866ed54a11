/**
 * @mentions in comments: who a comment is addressed to, as ids.
 *
 * A comment stores the ids it mentions (people in the programme, mentors in the directory), not
 * names: names change, and the "For you" list matches ids. The text keeps "@Name" as typed, so the
 * comment reads the same everywhere, including in an app that does not know the people list (a
 * mentor's, another council's). Pure: no Yjs, no DOM.
 *
 * Names may contain spaces ("@Asha Patel"), so a mention is matched against the known names
 * rather than cut at the first space: at each "@" (at the start, or after anything that is not a
 * letter or digit, so "asha@council.gov.uk" is not a mention) the longest known name that follows,
 * compared without case or accents' case, and ending at a word boundary. An "@" followed by no
 * known name is left as text: nothing is mentioned.
 */

/** At most this many people are mentioned by one comment (the mentor room refuses more). */
export const MAX_MENTIONS = 20

export type MentionKind = 'person' | 'mentor'

export interface MentionCandidate {
  readonly id: string
  readonly name: string
  readonly kind: MentionKind
  /** Told apart in the suggestions: "Mentor, NHS Digital", "Team". */
  readonly detail?: string
}

const WORD = /[\p{L}\p{N}_]/u

function fold(s: string): string {
  return s.toLocaleLowerCase('en-GB').normalize('NFC')
}

/** True when the character before `at` lets an "@" there start a mention. */
function startsMention(text: string, at: number): boolean {
  return at === 0 || !WORD.test(text[at - 1]!)
}

/** Usable names, longest first (so "@Asha Patel" beats "@Asha"), ties by id. */
function byLongestName(candidates: readonly MentionCandidate[]): MentionCandidate[] {
  return candidates
    .filter((c) => c.name.trim().length > 0)
    .slice()
    .sort((a, b) => b.name.trim().length - a.name.trim().length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export interface MentionMatch {
  /** Index of the "@". */
  readonly start: number
  /** Index just after the name. */
  readonly end: number
  /** Every candidate with that name (two people can share one). */
  readonly candidates: readonly MentionCandidate[]
}

/** Every "@Name" in `text` that names a candidate, in order. */
export function findMentions(text: string, candidates: readonly MentionCandidate[]): readonly MentionMatch[] {
  const sorted = byLongestName(candidates)
  if (sorted.length === 0) return []
  const out: MentionMatch[] = []
  for (let i = text.indexOf('@'); i !== -1; i = text.indexOf('@', i + 1)) {
    if (!startsMention(text, i)) continue
    let end = -1
    const matched: MentionCandidate[] = []
    for (const c of sorted) {
      const name = c.name.trim()
      if (matched.length > 0 && i + 1 + name.length < end) break
      // Compared on the original text, so indices stay those of `text`.
      if (fold(text.slice(i + 1, i + 1 + name.length)) !== fold(name)) continue
      const after = i + 1 + name.length
      if (after < text.length && WORD.test(text[after]!) && WORD.test(name[name.length - 1]!)) continue
      end = after
      matched.push(c)
    }
    if (matched.length > 0) {
      out.push({ start: i, end, candidates: matched })
      i = end - 1
    }
  }
  return out
}

/**
 * The ids `text` mentions, in order of first appearance, without repeats, at most
 * `MAX_MENTIONS`. Where two candidates share a name, the one(s) in `preferred` (picked from the
 * suggestions) win; with none picked, all of them are mentioned: better one person too many told
 * than the right one missed.
 */
export function parseMentions(text: string, candidates: readonly MentionCandidate[], preferred: ReadonlySet<string> = new Set()): readonly string[] {
  const ids: string[] = []
  for (const m of findMentions(text, candidates)) {
    const picked = m.candidates.filter((c) => preferred.has(c.id))
    for (const c of picked.length > 0 ? picked : m.candidates) {
      if (!ids.includes(c.id)) ids.push(c.id)
    }
  }
  return ids.slice(0, MAX_MENTIONS)
}

/** The "@query" being typed at `caret`, if any: where it starts and what follows the "@". */
export function mentionQueryAt(text: string, caret: number): { readonly start: number; readonly query: string } | null {
  const before = text.slice(0, caret)
  const at = before.lastIndexOf('@')
  if (at === -1 || !startsMention(text, at)) return null
  const query = before.slice(at + 1)
  // A name has at most a few words; a line break ends the mention.
  if (query.length > 60 || /[\n\r@]/.test(query) || query.split(' ').length > 4) return null
  return { start: at, query }
}

/**
 * Candidates whose name (or any word of it) starts with `query`, ignoring case: best matches
 * first (the whole name, then a word), then by name. An empty query lists everyone.
 */
export function mentionSuggestions(query: string, candidates: readonly MentionCandidate[], limit = 8): readonly MentionCandidate[] {
  const q = fold(query.trim())
  const scored: { c: MentionCandidate; score: number }[] = []
  for (const c of candidates) {
    const name = fold(c.name.trim())
    if (!name) continue
    const score = q === '' ? 1 : name.startsWith(q) ? 0 : name.split(/\s+/).some((w) => w.startsWith(q)) ? 1 : -1
    if (score >= 0) scored.push({ c, score })
  }
  scored.sort((a, b) => a.score - b.score || a.c.name.localeCompare(b.c.name, 'en-GB') || (a.c.id < b.c.id ? -1 : 1))
  return scored.slice(0, limit).map((s) => s.c)
}

/** `text` with the "@query" at `start..caret` replaced by "@Name ", and where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string): { readonly text: string; readonly caret: number } {
  const rest = text.slice(caret)
  const insert = `@${name.trim()}${rest.startsWith(' ') ? '' : ' '}`
  return { text: text.slice(0, start) + insert + rest, caret: start + insert.length + (rest.startsWith(' ') ? 1 : 0) }
}

export type TextPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'mention'; readonly text: string; readonly id: string }

/**
 * A comment's text cut into plain parts and "@Name" parts, for showing mentions. Only names of
 * ids the comment actually mentions are marked: an "@Name" typed but not stored is plain text.
 */
export function mentionParts(text: string, mentioned: readonly string[], candidates: readonly MentionCandidate[]): readonly TextPart[] {
  const ids = new Set(mentioned)
  const known = candidates.filter((c) => ids.has(c.id))
  const parts: TextPart[] = []
  let from = 0
  for (const m of findMentions(text, known)) {
    if (m.start > from) parts.push({ kind: 'text', text: text.slice(from, m.start) })
    parts.push({ kind: 'mention', text: text.slice(m.start, m.end), id: m.candidates[0]!.id })
    from = m.end
  }
  if (from < text.length) parts.push({ kind: 'text', text: text.slice(from) })
  return parts
}
