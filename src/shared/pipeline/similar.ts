import MiniSearch from 'minisearch'
import { listInWords, TAG_POINTS } from '../domain/matching'
import { normaliseTag } from '../doc/project'
import type { Phase } from '../domain/phases'
import { byTitle } from './catalogue'
import type { CatalogueProject } from './importSchema'
import { eachWord as eachWordOf, tagWords } from '../domain/words'

/**
 * "Look sideways" (issue 10): which projects in the sector catalogue are like the one a team is
 * starting, so they can talk to those councils first.
 *
 * Two signals, added up:
 *  - the Pipeline's own rule: it e-mails a project's owner when a new project shares at least 3 of
 *    its tags. Every shared tag is worth TAG_POINTS (as in mentor matching), and a project that
 *    meets the rule is listed before every project that does not;
 *  - BM25 over each catalogue project's title (counted twice), description and department,
 *    queried with the project's name, problem statement, service area and tag words. Same formula
 *    and constants as mentor matching (src/shared/domain/matching.ts: k1 = 1.2, b = 0.75, the same
 *    stop words and plural folding), so "similar" means one thing across Fortnight.
 *
 * Why not call rankMentors: its unit is a mentor (a profile plus past projects, capacity, sector)
 * and it re-reads every document's words for each query, which suits 500 mentors once per screen
 * but not 5,000 catalogue projects re-ranked as someone types a project's name. Here each
 * catalogue (array) is indexed once — an inverted index: word → the projects holding it — and a
 * query only touches the projects that share a word or a tag with it (about 2 ms for 5,000).
 * matching.ts does not export its tokeniser, so its rules are repeated below; if it ever does,
 * this file should use it.
 *
 * Pure and deterministic: ties are broken by title, then key.
 */

export interface SimilarQuery {
  readonly name: string
  /** The problem statement as plain text. */
  readonly problem: string
  readonly tags: readonly string[]
  readonly serviceArea: string
}

export interface SimilarOptions {
  /** How many to return; default 5. */
  readonly limit?: number
  /** Below this score (and under 3 shared tags) a "match" is a common word or two; default MIN_SIMILAR_SCORE. */
  readonly minScore?: number
  /** Catalogue keys to leave out. */
  readonly exclude?: ReadonlySet<string>
}

export interface SimilarProject {
  readonly project: CatalogueProject
  /** Higher is more similar; rounded to 6 decimals so float noise never decides an order. */
  readonly score: number
  /** The project's tags this catalogue project also has, in the project's order. */
  readonly sharedTags: readonly string[]
  /** 3 or more shared tags: the Pipeline itself would call these two projects similar. */
  readonly pipelineRule: boolean
  /** Words of the project found in the catalogue project's title, description or department (not already said by a shared tag), most telling first; at most 5. */
  readonly matchingTerms: readonly string[]
  /** One plain-English sentence: why. */
  readonly reason: string
}

export const DEFAULT_SIMILAR_LIMIT = 5
export const PIPELINE_RULE_TAGS = 3
export const MIN_SIMILAR_SCORE = 4
/** The smallest corpus IDF is computed over (see similarProjects). */
export const MIN_IDF_DOCS = 30
const K1 = 1.2
const B = 0.75
const TITLE_REPEAT = 2
const MAX_TERMS = 5

// ——— Words: the rules of matching.ts (domain/words.ts), plus one stop word ———

/** Not a stop word for mentors: every project in a catalogue of council *digital* projects is digital. */
const CATALOGUE_STOP: ReadonlySet<string> = new Set(['digital'])
const eachWord = (text: string, fn: (stem: string, surface: string) => void): void => eachWordOf(text, fn, CATALOGUE_STOP)

// ——— The index ———

interface Index {
  readonly projects: readonly CatalogueProject[]
  /** stem → [project index, times it occurs] pairs, flattened. */
  readonly postings: ReadonlyMap<string, readonly number[]>
  readonly lengths: Float64Array
  readonly avgLength: number
  /** tag → indices of projects with it. */
  readonly byTag: ReadonlyMap<string, readonly number[]>
}

const indexes = new WeakMap<readonly CatalogueProject[], Index>()

/** The index of one catalogue array, built on first use and kept while the array lives. */
export function similarityIndex(projects: readonly CatalogueProject[]): Index {
  let idx = indexes.get(projects)
  if (idx) return idx
  const postings = new Map<string, number[]>()
  const byTag = new Map<string, number[]>()
  const lengths = new Float64Array(projects.length)
  let total = 0
  const tf = new Map<string, number>()
  projects.forEach((p, i) => {
    tf.clear()
    let length = 0
    const add = (s: string): void => {
      tf.set(s, (tf.get(s) ?? 0) + 1)
      length++
    }
    for (let r = 0; r < TITLE_REPEAT; r++) eachWord(p.title, add)
    eachWord(p.content, add)
    eachWord(p.department, add)
    for (const [s, f] of tf) {
      const list = postings.get(s)
      if (list) list.push(i, f)
      else postings.set(s, [i, f])
    }
    lengths[i] = length
    total += length
    for (const t of p.tags) {
      const list = byTag.get(t)
      if (list) list.push(i)
      else byTag.set(t, [i])
    }
  })
  idx = { projects, postings, lengths, avgLength: projects.length > 0 ? Math.max(1, total / projects.length) : 1, byTag }
  indexes.set(projects, idx)
  return idx
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6
const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true })

/** The sentence a suggestion shows. */
export function similarReason(s: Pick<SimilarProject, 'sharedTags' | 'matchingTerms' | 'pipelineRule'>): string {
  const parts: string[] = []
  if (s.sharedTags.length > 0)
    parts.push(
      `shares ${s.sharedTags.length === 1 ? 'the tag' : `${s.sharedTags.length} tags:`} ${listInWords(s.sharedTags)}${s.pipelineRule ? " (the Pipeline's own rule for similar projects is 3 or more shared tags)" : ''}`
    )
  if (s.matchingTerms.length > 0) parts.push(`mentions ${listInWords(s.matchingTerms.map((t) => `“${t}”`))}`)
  if (parts.length === 0) return 'Nothing in it matches this project.'
  const sentence = parts.join('; ')
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`
}

/**
 * The catalogue projects most like `project`, best first: those meeting the Pipeline's rule
 * (3 or more shared tags) first, then by score; at most `limit`, none under `minScore` unless they
 * meet the rule.
 */
export function similarProjects(project: SimilarQuery, catalogue: readonly CatalogueProject[], opts: SimilarOptions = {}): SimilarProject[] {
  const limit = Math.max(0, opts.limit ?? DEFAULT_SIMILAR_LIMIT)
  const minScore = opts.minScore ?? MIN_SIMILAR_SCORE
  if (limit === 0 || catalogue.length === 0) return []
  const idx = similarityIndex(catalogue)
  const N = catalogue.length

  const tags: string[] = []
  for (const t of project.tags) {
    const n = normaliseTag(t)
    if (n && !tags.includes(n)) tags.push(n)
  }
  const surface = new Map<string, string>()
  const addQuery = (text: string): void => eachWord(text, (s, w) => void (surface.has(s) || surface.set(s, w)))
  addQuery(project.name)
  addQuery(tagWords(tags))
  addQuery(project.serviceArea)
  addQuery(project.problem)

  // BM25, one query word at a time over the projects that hold it. Typed arrays and one list of
  // the projects touched: re-ranking on every keystroke makes no garbage to collect.
  const scores = new Float64Array(N)
  const touched: number[] = []
  const idfs = new Map<string, number>()
  for (const s of surface.keys()) {
    const list = idx.postings.get(s)
    if (!list) continue
    const n = list.length / 2
    // A small catalogue (a few projects imported by hand) would make every word look common:
    // count at least MIN_IDF_DOCS projects, as matching.ts does. Plain BM25 from that size up.
    const idf = Math.log(1 + (Math.max(N, MIN_IDF_DOCS) - n + 0.5) / (n + 0.5))
    idfs.set(s, idf)
    for (let k = 0; k < list.length; k += 2) {
      const i = list[k]!
      const f = list[k + 1]!
      if (scores[i] === 0) touched.push(i)
      scores[i]! += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * idx.lengths[i]!) / idx.avgLength))
    }
  }
  const shared = new Map<number, string[]>()
  for (const t of tags)
    for (const i of idx.byTag.get(t) ?? []) {
      const list = shared.get(i)
      if (list) list.push(t)
      else {
        shared.set(i, [t])
        if (scores[i] === 0) touched.push(i)
      }
    }

  interface Scored {
    readonly i: number
    readonly score: number
    readonly sharedTags: readonly string[]
    readonly rule: boolean
  }
  const candidates: Scored[] = []
  for (const i of touched) {
    const p = catalogue[i]!
    if (opts.exclude?.has(p.key)) continue
    const sharedTags = shared.get(i) ?? []
    const score = round(TAG_POINTS * sharedTags.length + scores[i]!)
    const rule = sharedTags.length >= PIPELINE_RULE_TAGS
    if (!rule && score < minScore) continue
    candidates.push({ i, score, sharedTags, rule })
  }
  candidates.sort(
    (a, b) =>
      Number(b.rule) - Number(a.rule) ||
      b.score - a.score ||
      collator.compare(catalogue[a.i]!.title, catalogue[b.i]!.title) ||
      (catalogue[a.i]!.key < catalogue[b.i]!.key ? -1 : catalogue[a.i]!.key > catalogue[b.i]!.key ? 1 : 0)
  )

  return candidates.slice(0, limit).map((c) => {
    const p = catalogue[c.i]!
    // Why: each query word's part of this project's score, best first.
    const parts = new Map<string, number>()
    const f = new Map<string, number>()
    const count = (s: string): void => void (idfs.has(s) && f.set(s, (f.get(s) ?? 0) + 1))
    for (let r = 0; r < TITLE_REPEAT; r++) eachWord(p.title, count)
    eachWord(p.content, count)
    eachWord(p.department, count)
    for (const [s, tf] of f) parts.set(s, (idfs.get(s)! * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * idx.lengths[c.i]!) / idx.avgLength)))
    const saidByTags = new Set<string>()
    for (const t of c.sharedTags) eachWord(tagWords([t]), (s) => saidByTags.add(s))
    const matchingTerms = [...parts.entries()]
      .filter(([s]) => !saidByTags.has(s))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, MAX_TERMS)
      .map(([s]) => surface.get(s) ?? s)
    const core = { sharedTags: c.sharedTags, matchingTerms, pipelineRule: c.rule }
    return { project: p, score: c.score, ...core, reason: similarReason(core) }
  })
}

// ——— Searching the catalogue (the /catalogue page) ———

export interface CatalogueFilters {
  /** Words to look for (as typed: prefixes and small typos match). */
  readonly query: string
  /** A ProjectStatus, 'none' for projects without one, '' for any. */
  readonly phase: Phase | 'none' | ''
  /** An organisation exactly as stored, '' for any. */
  readonly organisation: string
}

const searchers = new WeakMap<readonly CatalogueProject[], MiniSearch<{ id: number; title: string; organisation: string; department: string; content: string; tags: string; owner: string }>>()

function searcherFor(projects: readonly CatalogueProject[]) {
  let ms = searchers.get(projects)
  if (ms) return ms
  ms = new MiniSearch({
    idField: 'id',
    fields: ['title', 'organisation', 'department', 'content', 'tags', 'owner'],
    storeFields: [],
    searchOptions: {
      boost: { title: 3, tags: 2, organisation: 2 },
      prefix: (term) => term.length >= 2,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'AND'
    }
  })
  ms.addAll(projects.map((p, id) => ({ id, title: p.title, organisation: p.organisation, department: p.department, content: p.content, tags: tagWords(p.tags), owner: p.owner })))
  searchers.set(projects, ms)
  return ms
}

/**
 * Search the catalogue on this computer (MiniSearch, built once per catalogue array): the projects
 * matching every word, best first (ties by title), narrowed by phase and organisation. With no
 * words, every project that passes the filters, by title. MiniSearch rather than the BM25 above:
 * a person searching expects "hous" to find "housing" and a typo to be forgiven, and needs no "why".
 */
export function searchCatalogue(projects: readonly CatalogueProject[], filters: CatalogueFilters): CatalogueProject[] {
  const keep = (p: CatalogueProject): boolean =>
    (filters.phase === '' || (filters.phase === 'none' ? p.status === null : p.status === filters.phase)) &&
    (filters.organisation === '' || p.organisation === filters.organisation)
  const q = filters.query.trim()
  if (q === '') return projects.filter(keep) // already in title order
  const hits = searcherFor(projects).search(q)
  const out: { p: CatalogueProject; score: number }[] = []
  for (const h of hits) {
    const p = projects[h.id as number]
    if (p && keep(p)) out.push({ p, score: round(h.score) })
  }
  out.sort((a, b) => b.score - a.score || byTitle(a.p, b.p))
  return out.map((x) => x.p)
}

/** Organisations in the catalogue, A to Z, with how many projects each has. */
export function catalogueOrganisations(projects: readonly CatalogueProject[]): { readonly name: string; readonly count: number }[] {
  const counts = new Map<string, number>()
  for (const p of projects) if (p.organisation) counts.set(p.organisation, (counts.get(p.organisation) ?? 0) + 1)
  return [...counts.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => collator.compare(a.name, b.name))
}
