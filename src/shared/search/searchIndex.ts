import MiniSearch, { type SearchResult } from 'minisearch'
import type { ProjectId } from '../domain/ids'
import { SEARCH_KINDS, type SearchEntry } from './entries'
import { normaliseTerm } from './highlight'

export interface SearchOptions {
  /** Archived cards, and everything in archived projects, are left out unless this is true. */
  readonly includeArchived?: boolean
  /** At most this many results (the best ones); `total` still counts them all. Default 100. */
  readonly limit?: number
}

export interface SearchHit {
  readonly entry: SearchEntry
  readonly score: number
  /** The indexed words that matched (whole words, after prefix and typo matching): what to highlight. */
  readonly terms: readonly string[]
}

export interface SearchGroup {
  readonly projectId: ProjectId
  readonly projectName: string
  readonly hits: readonly SearchHit[]
}

export interface SearchResults {
  readonly query: string
  /** Every match, before `limit`. */
  readonly total: number
  /** Results in `groups` (≤ limit). */
  readonly shown: number
  /** One group per project, the project with the best result first. */
  readonly groups: readonly SearchGroup[]
}

export const DEFAULT_SEARCH_LIMIT = 100

const FIELDS = ['title', 'labels', 'text', 'checklist'] as const

const KIND_ORDER = new Map<string, number>(SEARCH_KINDS.map((k, i) => [k, i]))

/**
 * "Fuzzy-lite": when nothing matches as typed, one typo is allowed in words of 5 letters or more,
 * two from 10. Only then: typo matching on every query would be slower and bring in near-misses
 * when the real word is there.
 */
function fuzzyFor(term: string): number | false {
  if (term.length >= 10) return 2
  if (term.length >= 5) return 1
  return false
}

/**
 * Prefix matching from the third letter: one or two letters are the start of most words on a
 * big board, which makes the query slow and the results useless.
 */
function prefixFor(term: string): boolean {
  return term.length >= 3
}

/**
 * Words too common to tell anything apart. Leaving them out of the index keeps it smaller and
 * stops "the" scoring every card on a 20,000-card board; they are still highlighted as plain text.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by for from has in is it its of on or that the to was were will with'.split(' ')
)

function processTerm(term: string): string | null {
  const t = normaliseTerm(term)
  return STOP_WORDS.has(t) ? null : t
}

function sameIndexed(a: SearchEntry, b: SearchEntry): boolean {
  return FIELDS.every((f) => a[f] === b[f])
}

/** Score rounded so that float noise from the order documents were added in never decides an order. */
function rounded(score: number): number {
  return Math.round(score * 1e6) / 1e6
}

/**
 * A full-text index of a programme's projects, fed one project at a time. Pure: it never opens a
 * doc, so it runs the same in the app, in tests and in the bench.
 *
 * Order is deterministic: score (rounded), then kind (project, card, feedback, decision,
 * comment), then id; projects are ordered by their best result.
 */
export class SearchIndex {
  private readonly ms = new MiniSearch<SearchEntry>({
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [],
    processTerm,
    searchOptions: {
      boost: { title: 3, labels: 2 },
      prefix: prefixFor,
      fuzzy: false,
      maxFuzzy: 2,
      combineWith: 'AND'
    }
  })
  private readonly entries = new Map<string, SearchEntry>()
  /** Ids of archived entries: most searches need no per-result archive check when there are none. */
  private readonly archived = new Set<string>()
  private readonly byProject = new Map<ProjectId, Set<string>>()

  /** How many entries are indexed. */
  get size(): number {
    return this.entries.size
  }

  /** The projects that have entries. */
  projectIds(): readonly ProjectId[] {
    return [...this.byProject.keys()]
  }

  /**
   * Make the index hold exactly `entries` for `projectId`: entries that are new are added, gone
   * ones removed, and only those whose indexed text changed are re-indexed. Returns how many
   * entries were (re)indexed or removed, so callers can tell a no-op.
   */
  setProject(projectId: ProjectId, entries: readonly SearchEntry[]): { indexed: number; removed: number } {
    const ids = new Set<string>()
    let indexed = 0
    let removed = 0
    for (const entry of entries) {
      if (entry.projectId !== projectId) throw new Error(`Entry ${entry.id} belongs to another project`)
      if (ids.has(entry.id)) continue
      ids.add(entry.id)
      const old = this.entries.get(entry.id)
      if (old === entry) continue
      if (!old) {
        this.ms.add(entry)
        indexed++
      } else if (!sameIndexed(old, entry)) {
        this.ms.replace(entry)
        indexed++
      }
      this.entries.set(entry.id, entry)
      if (entry.archived) this.archived.add(entry.id)
      else this.archived.delete(entry.id)
    }
    for (const id of this.byProject.get(projectId) ?? []) {
      if (ids.has(id)) continue
      this.ms.discard(id)
      this.entries.delete(id)
      this.archived.delete(id)
      removed++
    }
    if (ids.size) this.byProject.set(projectId, ids)
    else this.byProject.delete(projectId)
    return { indexed, removed }
  }

  /** Forget a project (removed from the programme). */
  removeProject(projectId: ProjectId): void {
    this.setProject(projectId, [])
  }

  search(query: string, options: SearchOptions = {}): SearchResults {
    const q = query.trim()
    if (!q) return { query: q, total: 0, shown: 0, groups: [] }
    const includeArchived = options.includeArchived ?? false
    const limit = Math.max(1, options.limit ?? DEFAULT_SEARCH_LIMIT)
    const archived = this.archived
    const filter = includeArchived || archived.size === 0 ? undefined : (r: SearchResult): boolean => !archived.has(r.id as string)
    let raw: SearchResult[] = this.ms.search(q, { filter })
    if (raw.length === 0) raw = this.ms.search(q, { filter, fuzzy: fuzzyFor })
    // MiniSearch gives results best first. Only the best `limit` (and any tied with the last of
    // them) are turned into hits and ordered: on a big board a broad word matches thousands.
    const hits: SearchHit[] = []
    let floor = -Infinity
    for (const r of raw) {
      const score = rounded(r.score)
      if (hits.length >= limit && score < floor) break
      const entry = this.entries.get(r.id as string)
      if (!entry) continue
      hits.push({ entry, score, terms: [...r.terms].sort() })
      if (hits.length === limit) floor = score
    }
    hits.sort(
      (a, b) =>
        b.score - a.score ||
        (KIND_ORDER.get(a.entry.kind) ?? 9) - (KIND_ORDER.get(b.entry.kind) ?? 9) ||
        (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0)
    )
    const shown = hits.slice(0, Math.max(0, limit))
    const groups = new Map<ProjectId, { projectId: ProjectId; projectName: string; hits: SearchHit[] }>()
    for (const h of shown) {
      let g = groups.get(h.entry.projectId)
      if (!g) {
        g = { projectId: h.entry.projectId, projectName: h.entry.projectName, hits: [] }
        groups.set(h.entry.projectId, g)
      }
      g.hits.push(h)
    }
    return { query: q, total: raw.length, shown: shown.length, groups: [...groups.values()] }
  }
}

