import type * as Y from 'yjs'
import { newId, type ActivityId, type CardId, type ColumnId, type PersonId } from '../domain/ids'
import { MIGRATION_ORIGIN, type OpContext } from './context'
import { collect, problemReason, reportReadProblem } from './readProblems'
import { parseStoredActivity } from './records/activity'
import {
  CHUNK_WRITE_MAX_BYTES,
  CHUNK_WRITE_MAX_ENTRIES,
  decodeArchiveChunk,
  encodeChunk,
  parseStoredArchiveChunk,
  type StoredArchiveChunk
} from './records/activityArchive'
import { KEYS } from './schema'

/**
 * The append-only history of a project. Every domain operation writes one entry in the same
 * transaction as its change, so later features (cycle graphs, velocity, "while you were
 * offline") are computed from this log rather than from a second source of truth.
 */
export type ActivityType =
  | 'project.created'
  | 'project.updated'
  | 'column.added'
  | 'column.updated'
  | 'column.moved'
  | 'column.removed'
  | 'card.created'
  | 'card.updated'
  | 'card.moved'
  | 'card.archived'
  | 'card.restored'
  | 'card.checklist'
  // issue 3: ship cycles. data.cycle is the cycle number; rollover commits carry rolledOver: true
  | 'card.committed'
  | 'card.uncommitted'
  | 'cycle.goal'
  | 'cycle.closed'
  | 'feedback.added'
  | 'feedback.updated'
  | 'decision.recorded'
  // issue 9: mentor links and session logs (mentorLinks.ts)
  | 'mentorLink.added'
  | 'mentorLink.changed'
  | 'mentorSession.logged'
  | 'mentorSession.updated'

export interface ActivityEntry {
  readonly id: ActivityId
  readonly at: number
  readonly by: PersonId
  readonly byName: string
  readonly type: ActivityType
  readonly cardId?: CardId
  readonly columnId?: ColumnId
  /** Type-specific detail, e.g. `{ from, to }` for a move or the changed field names. */
  readonly data?: Readonly<Record<string, unknown>>
}

export function activityOf(doc: Y.Doc): Y.Array<ActivityEntry> {
  return doc.getArray<ActivityEntry>(KEYS.activity)
}

/**
 * The log keeps at most this many newest entries as live array values; older ones are moved into
 * the archive (`activityArchive`, plain chunks of bytes) so the cost of opening a project does not
 * grow with its history.
 */
export const ACTIVITY_LIVE_MAX = 2_000
/** Compaction starts once the live log passes this (not at every entry after ACTIVITY_LIVE_MAX). */
export const ACTIVITY_COMPACT_AT = 2_500

/** The archive of older entries (chunk key → plain chunk, records/activityArchive.ts); top-level, so peers merge it. */
export function activityArchiveOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(KEYS.activityArchive)
}

/** Call only inside the caller's transaction. */
export function appendActivity(
  doc: Y.Doc,
  ctx: OpContext,
  entry: { type: ActivityType; cardId?: CardId; columnId?: ColumnId; data?: Record<string, unknown> }
): void {
  const full: ActivityEntry = {
    id: newId<ActivityId>(),
    at: ctx.now(),
    by: ctx.author.id,
    byName: ctx.author.name,
    ...entry
  }
  const log = activityOf(doc)
  log.push([full])
  if (log.length > ACTIVITY_COMPACT_AT) compactLive(doc)
}

/**
 * Moves the oldest (length − ACTIVITY_LIVE_MAX) live entries into archive chunks, in the current
 * transaction. They are the first values of the live array in this peer's view: concurrent
 * appends only ever go to the end, so `delete(0, n)` removes exactly the entries just archived.
 *
 * Concurrency: chunk keys come from their content, so two peers compacting the same range write
 * the same key and value (one chunk). Overlapping ranges make different chunks holding some of
 * the same entries; readers keep each entry id once. Every entry deleted from the live array is
 * in a chunk written by the same transaction, so none is lost.
 */
function compactLive(doc: Y.Doc): number {
  const log = activityOf(doc)
  const n = log.length - ACTIVITY_LIVE_MAX
  if (n <= 0) return 0
  const moved: { entry: ActivityEntry; src: [number, number] }[] = []
  let taken = 0
  for (let item = log._start; item && taken < n; item = item.right) {
    if (item.deleted || !item.countable) continue
    const values: unknown[] = item.content.getContent()
    for (let i = 0; i < values.length && taken < n; i++, taken++) {
      // A value a peer wrote wrongly is dropped with its place: readers skipped it anyway.
      const r = activityEntryOf(values[i])
      if ('entry' in r) moved.push({ entry: r.entry, src: [item.id.client, item.id.clock + i] })
    }
  }
  const archive = activityArchiveOf(doc)
  let group: typeof moved = []
  let bytes = 0
  const flush = (): void => {
    if (group.length === 0) return
    const data = encodeChunk(
      group.map((g) => g.entry),
      group.map((g) => g.src)
    )
    let firstAt = Number.POSITIVE_INFINITY
    let lastAt = 0
    for (const g of group) {
      firstAt = Math.min(firstAt, g.entry.at)
      lastAt = Math.max(lastAt, g.entry.at)
    }
    const first = group[0]?.entry.id ?? ''
    const last = group[group.length - 1]?.entry.id ?? ''
    const key = `${first}~${last}~${group.length}~${hashBytes(data)}`
    // Written unless a colleague already wrote this very chunk (the same bytes under the same key).
    const existing = archive.get(key) as Partial<StoredArchiveChunk> | undefined
    if (!(existing?.data instanceof Uint8Array && sameBytes(existing.data, data))) {
      const chunk: StoredArchiveChunk = { v: 1, count: group.length, firstAt, lastAt, data }
      archive.set(key, chunk)
    }
    group = []
    bytes = 0
  }
  for (const m of moved) {
    const size = JSON.stringify(m.entry).length + 1
    if (group.length >= CHUNK_WRITE_MAX_ENTRIES || (group.length > 0 && bytes + size > CHUNK_WRITE_MAX_BYTES)) flush()
    group.push(m)
    bytes += size
  }
  flush()
  log.delete(0, n)
  return n
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}

/** FNV-1a of the chunk's bytes: part of its key, so equal keys mean equal chunks. */
function hashBytes(b: Uint8Array): string {
  let h = 0x811c9dc5
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193)
  return (h >>> 0).toString(36)
}

/**
 * The one-off move of a big existing log into the archive, when a team member opens a project
 * (its own transaction, origin 'migration'; not undoable). Only a copy this person may write:
 * never a mentor's or viewer's copy (the team refuses their changes) or a doc from a newer
 * version. Idempotent: nothing happens while the live log is within ACTIVITY_COMPACT_AT.
 */
export function compactActivity(doc: Y.Doc): number {
  if (activityOf(doc).length <= ACTIVITY_COMPACT_AT) return 0
  let moved = 0
  doc.transact(() => {
    moved = compactLive(doc)
  }, MIGRATION_ORIGIN)
  return moved
}

// Entries are immutable plain values, so each one's validation is cached by the value itself.
const parsed = new WeakMap<object, { readonly entry: ActivityEntry } | { readonly reason: string }>()

/**
 * One stored entry, validated (cached by the value: entries never change). For readers that walk
 * the log themselves (offlineSummary.ts): skip what has a `reason`.
 */
export function activityEntryOf(v: unknown): { readonly entry: ActivityEntry } | { readonly reason: string } {
  let r = typeof v === 'object' && v !== null ? parsed.get(v) : undefined
  if (!r) {
    const p = parseStoredActivity(v)
    r = p.ok ? { entry: p.entry } : { reason: problemReason(p.reason) }
    if (typeof v === 'object' && v !== null) parsed.set(v, r)
  }
  return r
}

/** A chunk whose envelope passed (not yet decoded), with its key in the archive. */
export interface ArchivedChunk {
  readonly key: string
  readonly chunk: StoredArchiveChunk
}

// Chunks are immutable values: their envelope check and their decoded entries are cached by the
// value itself (a key a peer overwrote holds a new value, so it is checked afresh).
const envelopes = new WeakMap<object, { readonly chunk: StoredArchiveChunk } | { readonly reason: string }>()
interface Decoded {
  readonly entries: readonly ActivityEntry[]
  /** Each entry's original place in the log, when the chunk says. */
  readonly src: readonly (readonly [number, number])[] | null
  readonly problems: readonly (readonly [string, string])[]
}
const decodedChunks = new WeakMap<object, Decoded | { readonly reason: string }>()

function envelopeOf(value: unknown): { readonly chunk: StoredArchiveChunk } | { readonly reason: string } {
  const cached = typeof value === 'object' && value !== null ? envelopes.get(value) : undefined
  if (cached) return cached
  const p = parseStoredArchiveChunk(value)
  const r = p.ok ? { chunk: p.chunk } : { reason: p.reason }
  if (typeof value === 'object' && value !== null) envelopes.set(value, r)
  return r
}

/**
 * The archive's chunks whose envelope is sound (count, times, sizes), without decoding any; the
 * others are reported ('activity archive'). Cheap: for counting and for choosing what to decode.
 */
export function archivedChunks(doc: Y.Doc): readonly ArchivedChunk[] {
  const out: ArchivedChunk[] = []
  activityArchiveOf(doc).forEach((value, key) => {
    const r = envelopeOf(value)
    if ('chunk' in r) out.push({ key, chunk: r.chunk })
    else reportReadProblem(doc, 'activity archive', key, r.reason)
  })
  return out
}

/**
 * How much history the archive holds, from the chunks' own counts (nothing decoded). Concurrent
 * overlapping compactions count an entry once per chunk that holds it; see projectProgress.ts.
 */
export function archivedEntryCount(doc: Y.Doc): { readonly chunks: number; readonly entries: number } {
  let entries = 0
  const chunks = archivedChunks(doc)
  for (const c of chunks) entries += c.chunk.count
  return { chunks: chunks.length, entries }
}

/**
 * The validated entries of one chunk (decoded once per chunk value). A chunk that fails as a
 * whole (not JSON, not a list, a count or times that do not match what it holds) gives none; an
 * entry failing its schema is left out. Both are reported under 'activity archive'.
 */
function decodeChunk(doc: Y.Doc, value: object, key: string, chunk: StoredArchiveChunk): Decoded | null {
  let d = decodedChunks.get(value)
  if (!d) {
    const raw = decodeArchiveChunk(chunk)
    if (!raw.ok) d = { reason: raw.reason }
    else {
      const entries: ActivityEntry[] = []
      const src: (readonly [number, number])[] = []
      const problems: [string, string][] = []
      raw.values.forEach((v, i) => {
        const r = activityEntryOf(v)
        if (!('entry' in r)) problems.push([`${key}#${i}`, r.reason])
        else if (r.entry.at < chunk.firstAt || r.entry.at > chunk.lastAt) problems.push([`${key}#${i}`, 'at: outside the chunk’s firstAt / lastAt'])
        else {
          entries.push(r.entry)
          if (raw.src) src.push(raw.src[i] as readonly [number, number])
        }
      })
      d = { entries, src: raw.src ? src : null, problems }
    }
    decodedChunks.set(value, d)
  }
  if ('reason' in d) {
    reportReadProblem(doc, 'activity archive', key, d.reason)
    return null
  }
  for (const [k, reason] of d.problems) reportReadProblem(doc, 'activity archive', k, reason)
  return d
}

/**
 * The entries of the archived chunks that pass `want` (by envelope; nothing else is decoded),
 * with their original places in the log when known. For readers with their own rule of which
 * chunks matter (offlineSummary.ts, projectExport.ts).
 */
export function readArchivedChunks(doc: Y.Doc, want: (chunk: StoredArchiveChunk, key: string) => boolean): readonly { readonly key: string; readonly chunk: StoredArchiveChunk; readonly entries: readonly ActivityEntry[]; readonly src: readonly (readonly [number, number])[] | null }[] {
  const out: { key: string; chunk: StoredArchiveChunk; entries: readonly ActivityEntry[]; src: readonly (readonly [number, number])[] | null }[] = []
  const archive = activityArchiveOf(doc)
  for (const { key, chunk } of archivedChunks(doc)) {
    if (!want(chunk, key)) continue
    const value = archive.get(key)
    if (typeof value !== 'object' || value === null) continue
    const d = decodeChunk(doc, value, key, chunk)
    if (d) out.push({ key, chunk, entries: d.entries, src: d.src })
  }
  return out
}

/** The log's one order: time, ties by id, so every peer lists entries alike. */
export function compareActivity(a: ActivityEntry, b: ActivityEntry): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export interface ReadActivityOptions {
  /**
   * Only entries at or after this time (ms). Archived chunks that end before it are not decoded,
   * so a reader of recent changes pays for the recent past only.
   */
  readonly since?: number
}

/**
 * Entries in time order (ties by id, so every peer agrees): the live log and the archive, each
 * entry id once. Each passes its stored schema (records/activity.ts); one a peer wrote wrongly is
 * skipped and reported, as is a malformed archive chunk.
 */
export function readActivity(doc: Y.Doc, options: ReadActivityOptions = {}): readonly ActivityEntry[] {
  const since = options.since
  const out: ActivityEntry[] = []
  const seen = new Set<string>()
  const problems = collect(doc, 'activity entry')
  activityOf(doc).forEach((v: unknown, i) => {
    const r = activityEntryOf(v)
    if (!('entry' in r)) problems.skip(`#${i}`, r.reason)
    else if ((since === undefined || r.entry.at >= since) && !seen.has(r.entry.id)) {
      seen.add(r.entry.id)
      out.push(r.entry)
    }
  })
  problems.done()
  if (activityArchiveOf(doc).size > 0) {
    for (const c of readArchivedChunks(doc, (chunk) => since === undefined || chunk.lastAt >= since)) {
      for (const e of c.entries) {
        if ((since !== undefined && e.at < since) || seen.has(e.id)) continue
        seen.add(e.id)
        out.push(e)
      }
    }
  }
  return out.sort(compareActivity)
}
