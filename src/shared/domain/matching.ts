import type { Mentor } from '../doc/mentors'
import { eachWord, tagWords } from './words'

/**
 * Mentor suggestions for a change project (issue 9): who has done something like this before?
 *
 * Pure: plain data in, plain data out; no Yjs, no clock, no randomness, so the same directory and
 * project give the same list on every computer and in every test.
 *
 * How a mentor scores (higher is more similar):
 *
 *   score = 3 × (project tags the mentor shares, from their expertise or past projects' tags)
 *         + BM25(their most similar past project)
 *         + ½ × BM25(their expertise and bio)
 *         + ¼ × BM25(each of their other past projects)
 *
 * BM25 in ten lines. Each past project (title counted twice, summary, tag words) and each mentor's
 * profile (expertise words, bio) is a "document"; the project's name, problem statement, tags,
 * service area and phase give the query words (the phase's at a quarter weight). Words are
 * lower-cased, stop words dropped and plurals folded ("repairs" = "repair"). For each query word
 * t (weight w) found in a document d:
 *   idf(t)    = w × ln(1 + (N − n(t) + ½) / (n(t) + ½))    N documents, n(t) of them contain t: rare words count more
 *   part(t,d) = idf(t) × f·(k1 + 1) / (f + k1·(1 − b + b·|d|/avg|d|))   f = times t occurs in d
 * with k1 = 1.2 (a word said five times is not five times the evidence) and b = 0.75 (a long
 * summary does not win by length alone). BM25(d) is the sum of part(t,d) over the query words.
 * A hand-written BM25 rather than MiniSearch's: we need each document's score per word to say
 * *why* (the matching words, the most similar past project), and a ranking must stay well within
 * 50 ms for 500 mentors including reading their text. Building a MiniSearch index of the same
 * 2,000 documents took 40–190 ms on the development machine; this whole ranking takes about 20 ms
 * (`npm run bench -- mentors`).
 */

export interface MatchProject {
  readonly id: string
  readonly name: string
  /** The problem statement as plain text. */
  readonly problem: string
  readonly tags: readonly string[]
  readonly serviceArea: string
  readonly phase: string
}

export interface MentorSuggestion {
  readonly mentor: Mentor
  /** Higher is more similar; rounded to 6 decimals so float noise never decides an order. */
  readonly score: number
  /** Project tags the mentor shares (expertise or a past project's tags), in the project's order. */
  readonly sharedTags: readonly string[]
  /** Words of the project found in the mentor's entry (not already said by a shared tag), most telling first; at most 5. */
  readonly matchingTerms: readonly string[]
  readonly bestPastProject: { readonly title: string; readonly score: number } | null
  /** Not local government: a different view of the same problem. */
  readonly crossSector: boolean
  /** Active links ≥ capacity: listed after every mentor with room. */
  readonly atCapacity: boolean
  /** One plain-English sentence: why this mentor. */
  readonly reason: string
}

export interface RankOptions {
  /** Active mentor links per mentor id (capacity counts these). Missing means none. */
  readonly activeLinks: ReadonlyMap<string, number>
  /** Mentor ids to leave out (already linked to this project). */
  readonly exclude?: ReadonlySet<string>
  /** How many suggestions before the cross-sector one is added. Default 5. */
  readonly limit?: number
}

export const DEFAULT_SUGGESTION_LIMIT = 5
/** Points per shared tag: a tag is a deliberate statement of topic, worth about one rare word. */
export const TAG_POINTS = 3
/** Below this a "match" is a common word or two: not worth a team's time. */
export const MIN_SUGGESTION_SCORE = 2
/**
 * A mentor from another sector is added to the list when none made it on their own, if they
 * score at least this share of the best score (and MIN_CROSS_SECTOR_SCORE): similar enough to be
 * worth a conversation, not a token name.
 */
export const CROSS_SECTOR_FLOOR = 0.25
export const MIN_CROSS_SECTOR_SCORE = 2

/** The smallest corpus IDF is computed over (see rankMentors). */
export const MIN_IDF_DOCS = 30
const K1 = 1.2
const B = 0.75
const PROFILE_WEIGHT = 0.5
const OTHER_PAST_WEIGHT = 0.25
const MAX_TERMS = 5
const PHASE_WEIGHT = 0.25



/** Plural folding only: enough to match "repairs" with "repair" without inventing matches. */


/** A document as its words' stems, in order (tokenised once per mentor object, see `prepare`). */
type Unit = readonly string[]

interface Prepared {
  readonly profile: Unit
  readonly past: readonly Unit[]
  /** Expertise tags and every past project's tags. */
  readonly tags: ReadonlySet<string>
  readonly pastTags: readonly ReadonlySet<string>[]
}

function unitOf(parts: readonly string[]): Unit {
  const stems: string[] = []
  const push = (s: string): void => void stems.push(s)
  for (const p of parts) eachWord(p, push)
  return stems
}


// Mentor objects from the doc reader stay the same while an entry is unchanged (useDocValue keeps
// them), so a re-rank after a link changes costs no re-tokenising.
const prepared = new WeakMap<Mentor, Prepared>()

function prepare(m: Mentor): Prepared {
  let p = prepared.get(m)
  if (p) return p
  const pastTags = m.pastProjects.map((pp) => new Set(pp.tags))
  const tags = new Set(m.expertise)
  for (const s of pastTags) for (const t of s) tags.add(t)
  p = {
    profile: unitOf([tagWords(m.expertise), m.bio]),
    past: m.pastProjects.map((pp) => unitOf([pp.title, pp.title, pp.summary, tagWords(pp.tags)])),
    tags,
    pastTags
  }
  prepared.set(m, p)
  return p
}

/** A document against this query: its length and how often each query word occurs in it (only those). */
interface Counted {
  readonly length: number
  readonly tf: ReadonlyMap<string, number> | null
}

function countIn(u: Unit, query: ReadonlySet<string>): Counted {
  let tf: Map<string, number> | null = null
  for (const s of u) if (query.has(s)) (tf ??= new Map()).set(s, (tf.get(s) ?? 0) + 1)
  return { length: u.length, tf }
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6

function compareByName(a: Mentor, b: Mentor): number {
  return a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** "a", "a and b", "a, b and c" (no Oxford comma, as GOV.UK writes lists). */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** The sentence a suggestion shows: which past project, which tags, which words. */
export function reasonFor(s: Pick<MentorSuggestion, 'sharedTags' | 'matchingTerms' | 'bestPastProject'>): string {
  const parts: string[] = []
  if (s.bestPastProject) parts.push(`worked on “${s.bestPastProject.title}”`)
  if (s.sharedTags.length) parts.push(`shares the tag${s.sharedTags.length > 1 ? 's' : ''} ${listInWords(s.sharedTags)}`)
  if (s.matchingTerms.length) parts.push(`matches the word${s.matchingTerms.length > 1 ? 's' : ''} ${listInWords(s.matchingTerms.map((t) => `“${t}”`))}`)
  if (parts.length === 0) return 'Nothing in their entry matches this project yet.'
  // Semicolons between the parts: each part may hold its own "a, b and c" list.
  const sentence = parts.join('; ')
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`
}

/**
 * Rank the directory for one project. Retired mentors and `exclude`d ones are never suggested,
 * nor anyone scoring under MIN_SUGGESTION_SCORE. Mentors with room come first (by score, then
 * name, then id); mentors at capacity follow, marked, rather than vanishing: a team may still ask,
 * and taking them on needs a confirmation. The first `limit` are returned, plus the best mentor
 * from another sector when none is among them and one clears the cross-sector floor.
 */
export function rankMentors(project: MatchProject, mentors: readonly Mentor[], opts: RankOptions): readonly MentorSuggestion[] {
  const limit = Math.max(0, opts.limit ?? DEFAULT_SUGGESTION_LIMIT)
  const live = mentors.filter((m) => !m.retired)

  // The query: each distinct word of the project, the form it was written in (for "why") and its
  // weight. The phase counts for little: "Discovery" says how far along a project is, not what
  // it is about, and a coach of discoveries would otherwise top every list.
  const surface = new Map<string, string>()
  const weight = new Map<string, number>()
  const addQuery = (text: string, w: number): void =>
    eachWord(text, (s, word) => {
      if (!surface.has(s)) surface.set(s, word)
      weight.set(s, Math.max(weight.get(s) ?? 0, w))
    })
  const projectTags: string[] = []
  for (const t of project.tags) if (t && !projectTags.includes(t)) projectTags.push(t)
  addQuery(project.name, 1)
  addQuery(tagWords(projectTags), 1)
  addQuery(project.serviceArea, 1)
  addQuery(project.problem, 1)
  addQuery(project.phase, PHASE_WEIGHT)

  // Document frequencies over every live mentor's documents (excluded ones too, so linking a
  // mentor does not shift everyone else's scores).
  const query = new Set(surface.keys())
  const counted = live.map((m) => {
    const p = prepare(m)
    return { profile: countIn(p.profile, query), past: p.past.map((u) => countIn(u, query)) }
  })
  const df = new Map<string, number>()
  let docs = 0
  let totalLength = 0
  for (const c of counted)
    for (const u of [c.profile, ...c.past]) {
      docs++
      totalLength += u.length
      if (u.tf) for (const t of u.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1)
    }
  const avgLength = docs > 0 ? Math.max(1, totalLength / docs) : 1
  const idf = new Map<string, number>()
  // A small directory (a council starting out has two or three mentors) would make every word
  // look common and no score clear the floor: count at least MIN_IDF_DOCS documents, as if the
  // rest were about something else. From that size up, this is plain BM25.
  const idfDocs = Math.max(docs, MIN_IDF_DOCS)
  for (const [t, n] of df) idf.set(t, (weight.get(t) ?? 1) * Math.log(1 + (idfDocs - n + 0.5) / (n + 0.5)))

  /** BM25 of one document, adding each word's part × `w` to `byTerm` when given. */
  const bm25 = (u: Counted, byTerm: Map<string, number> | null, w: number): number => {
    if (!u.tf) return 0
    let sum = 0
    const norm = K1 * (1 - B + (B * u.length) / avgLength)
    for (const [t, f] of u.tf) {
      const part = ((idf.get(t) as number) * f * (K1 + 1)) / (f + norm)
      sum += part
      if (byTerm) byTerm.set(t, (byTerm.get(t) ?? 0) + part * w)
    }
    return sum
  }

  interface Scored {
    readonly i: number
    readonly mentor: Mentor
    readonly score: number
    readonly sharedTags: readonly string[]
    readonly best: number
    readonly bestScore: number
    readonly crossSector: boolean
    readonly atCapacity: boolean
  }
  const exclude = opts.exclude
  const scored: Scored[] = []
  live.forEach((mentor, i) => {
    if (exclude?.has(mentor.id)) return
    const p = prepare(mentor)
    const c = counted[i]!
    const sharedTags = projectTags.filter((t) => p.tags.has(t))
    const pastScores = c.past.map((u) => bm25(u, null, 1))
    const profileScore = bm25(c.profile, null, 1)

    // The most similar past project: its words, plus the project tags it carries.
    let best = -1
    let bestScore = 0
    pastScores.forEach((s, k) => {
      const withTags = s + TAG_POINTS * projectTags.filter((t) => p.pastTags[k]?.has(t)).length
      if (withTags > bestScore) {
        bestScore = withTags
        best = k
      }
    })
    let top = 0
    let sum = 0
    for (const x of pastScores) {
      sum += x
      if (x > top) top = x
    }
    const text = top + OTHER_PAST_WEIGHT * (sum - top) + PROFILE_WEIGHT * profileScore
    const score = round(TAG_POINTS * sharedTags.length + text)
    if (score < MIN_SUGGESTION_SCORE) return
    const atCapacity = (opts.activeLinks.get(mentor.id) ?? 0) >= mentor.capacity
    scored.push({ i, mentor, score, sharedTags, best, bestScore, crossSector: mentor.sector !== 'local-government', atCapacity })
  })

  /** Why, worked out only for the mentors returned. */
  const explain = (s: Scored): MentorSuggestion => {
    const c = counted[s.i]!
    const byTerm = new Map<string, number>()
    for (const u of c.past) bm25(u, byTerm, 1)
    bm25(c.profile, byTerm, PROFILE_WEIGHT)
    const saidByTags = new Set<string>()
    for (const t of s.sharedTags) eachWord(tagWords([t]), (st) => saidByTags.add(st))
    const matchingTerms = [...byTerm.entries()]
      .filter(([t]) => !saidByTags.has(t))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, MAX_TERMS)
      .map(([t]) => surface.get(t) ?? t)
    const pastProject = s.best >= 0 ? s.mentor.pastProjects[s.best] : undefined
    const bestPastProject = pastProject ? { title: pastProject.title, score: round(s.bestScore) } : null
    const core = { sharedTags: s.sharedTags, matchingTerms, bestPastProject }
    return { mentor: s.mentor, score: s.score, ...core, crossSector: s.crossSector, atCapacity: s.atCapacity, reason: reasonFor(core) }
  }

  scored.sort((a, b) => Number(a.atCapacity) - Number(b.atCapacity) || b.score - a.score || compareByName(a.mentor, b.mentor))
  const top = scored.slice(0, limit)
  if (top.length > 0 && !top.some((s) => s.crossSector)) {
    let bestScore = 0
    for (const s of scored) if (s.score > bestScore) bestScore = s.score
    const floor = Math.max(MIN_CROSS_SECTOR_SCORE, CROSS_SECTOR_FLOOR * bestScore)
    const other = scored.slice(limit).find((s) => s.crossSector && s.score >= floor)
    if (other) top.push(other)
  }
  return top.map(explain)
}
