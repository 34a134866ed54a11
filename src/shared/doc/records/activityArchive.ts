/**
 * One chunk of archived activity (the top-level `activityArchive` map, chunk key → this plain
 * value), as a peer may have stored it.
 *
 * Why a chunk is one plain value holding bytes: Yjs decodes every struct of a doc when it loads,
 * and 50,000 log entries as 50,000 array values made opening a project 10–30 times slower. A
 * Uint8Array inside a plain value is stored as one run of bytes (ContentAny), so loading it costs
 * a copy, not 50,000 objects; the entries are parsed only when a reader needs them.
 *
 * `data` is UTF-8 JSON `{ "s": strings, "e": rows, "p": places }` (see `encodeChunk`): the entries
 * in the order they stood in the log, with repeated strings (people, card and column ids, types)
 * written once, so a year of history costs about a third of the bytes plain JSON would (bytes read
 * from IndexedDB at every open); `p` is each entry's original place in the log ([client, clock] in
 * runs), so "while you were offline" can still tell which entries reached this computer after a point.
 * `firstAt` / `lastAt` are the earliest and latest entry times, so a reader of recent entries can
 * pass over an old chunk without decoding it. Chunks never change once written.
 */
export interface StoredArchiveChunk {
  readonly v: 1
  readonly count: number
  readonly firstAt: number
  readonly lastAt: number
  readonly data: Uint8Array
}

/** What a compaction writes per chunk at most (entries). */
export const CHUNK_WRITE_MAX_ENTRIES = 1_000
/** What a compaction writes per chunk at most (bytes of `data`); one entry may exceed it alone. */
export const CHUNK_WRITE_MAX_BYTES = 512 * 1024
/** A chunk claiming more than this is refused unread (a peer could write anything). */
export const CHUNK_READ_MAX_ENTRIES = 5_000
/** An honest chunk is at most CHUNK_WRITE_MAX_BYTES plus one entry (data ≤ 20,000 characters). */
export const CHUNK_READ_MAX_BYTES = 2 * 1024 * 1024

const MAX_TIME = 8.64e15
const isTime = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= MAX_TIME

/** The cheap check of a chunk's envelope (no decoding): the record, or why it is refused. */
export function parseStoredArchiveChunk(value: unknown): { ok: true; chunk: StoredArchiveChunk } | { ok: false; reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a record' }
  const r = value as Record<string, unknown>
  if (r.v !== 1) return { ok: false, reason: 'unknown chunk version' }
  const { count, firstAt, lastAt, data } = r
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > CHUNK_READ_MAX_ENTRIES) return { ok: false, reason: 'count: not a whole number from 1 to 5,000' }
  if (!isTime(firstAt) || !isTime(lastAt) || firstAt > lastAt) return { ok: false, reason: 'firstAt / lastAt: not valid times' }
  if (!(data instanceof Uint8Array)) return { ok: false, reason: 'data: not bytes' }
  if (data.byteLength > CHUNK_READ_MAX_BYTES) return { ok: false, reason: `data: too large (${data.byteLength} bytes)` }
  return { ok: true, chunk: { v: 1, count, firstAt, lastAt, data } }
}

/** An entry as written into a chunk (already validated by the writer). */
export interface ChunkEntryIn {
  readonly id: string
  readonly at: number
  readonly by: string
  readonly byName: string
  readonly type: string
  readonly cardId?: string
  readonly columnId?: string
  readonly data?: Readonly<Record<string, unknown>>
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * The bytes of a chunk: `{ s, e, p }` where `s` lists each repeated string once, and each row of `e`
 * is `[id, at − previous at (or [at]), by, byName, type, cardId, columnId, data]` with the last five as indexes
 * into `s` (null when absent) and `data` as `[key, value, …]`: a key always, a string value as an
 * index, any other value wrapped in a one-element list. `p` is `[client, clock, run length, …]`.
 * Deterministic (strings numbered by first use), so peers archiving the same entries write the same bytes.
 */
export function encodeChunk(entries: readonly ChunkEntryIn[], places: readonly (readonly [number, number])[]): Uint8Array {
  const strings: string[] = []
  const index = new Map<string, number>()
  const ref = (v: string): number => {
    let i = index.get(v)
    if (i === undefined) {
      i = strings.length
      strings.push(v)
      index.set(v, i)
    }
    return i
  }
  let prev = 0
  const rows = entries.map((e) => {
    const dataRow: unknown[] | null = e.data
      ? Object.entries(e.data).flatMap(([k, v]) => [ref(k), typeof v === 'string' ? ref(v) : [v]])
      : null
    // Times as steps from the previous entry (short numbers); a time that is not a whole number is
    // written as it is, [at], so no rounding creeps in.
    const step = Number.isSafeInteger(e.at) && Number.isSafeInteger(prev) ? e.at - prev : [e.at]
    const row = [e.id, step, ref(e.by), ref(e.byName), ref(e.type), e.cardId === undefined ? null : ref(e.cardId), e.columnId === undefined ? null : ref(e.columnId), dataRow]
    prev = e.at
    return row
  })
  const runs: number[] = []
  for (const [client, clock] of places) {
    const n = runs.length
    if (n >= 3 && runs[n - 3] === client && (runs[n - 2] as number) + (runs[n - 1] as number) === clock) runs[n - 1] = (runs[n - 1] as number) + 1
    else runs.push(client, clock, 1)
  }
  return encoder.encode(JSON.stringify({ s: strings, e: rows, p: runs }))
}

/**
 * The raw values of a chunk (plain objects, each still to be validated as an activity entry: a
 * row that does not decode becomes a value the entry schema refuses) and their places in the log
 * (null when missing or malformed), or why the chunk as a whole is refused.
 */
export function decodeArchiveChunk(chunk: StoredArchiveChunk): { ok: true; values: readonly unknown[]; src: readonly (readonly [number, number])[] | null } | { ok: false; reason: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(decoder.decode(chunk.data))
  } catch {
    return { ok: false, reason: 'data: not UTF-8 JSON' }
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, reason: 'data: not a chunk' }
  const { s, e, p } = parsed as Record<string, unknown>
  if (!Array.isArray(s) || !s.every((x) => typeof x === 'string')) return { ok: false, reason: 'data: strings not a list of text' }
  if (!Array.isArray(e)) return { ok: false, reason: 'data: not a list of entries' }
  if (e.length !== chunk.count) return { ok: false, reason: `count: says ${chunk.count}, holds ${e.length}` }
  const str = (i: unknown): string | undefined => (typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < s.length ? (s[i] as string) : undefined)
  let at = 0
  const values = e.map((row: unknown): unknown => {
    if (!Array.isArray(row) || row.length !== 8) return 'not a row of 8'
    const [id, delta, by, byName, type, cardId, columnId, data] = row as unknown[]
    if (typeof delta === 'number') at += delta
    else if (Array.isArray(delta) && delta.length === 1 && typeof delta[0] === 'number') at = delta[0]
    else return 'at: not a number'
    const out: Record<string, unknown> = { id, at, by: str(by), byName: str(byName), type: str(type) }
    if (cardId !== null) out.cardId = str(cardId) ?? cardId
    if (columnId !== null) out.columnId = str(columnId) ?? columnId
    if (data !== null) {
      if (!Array.isArray(data) || data.length % 2 !== 0) return 'data: not a list of pairs'
      const d: Record<string, unknown> = {}
      for (let i = 0; i < data.length; i += 2) {
        const k = str(data[i])
        const v = data[i + 1]
        if (k === undefined || k === '__proto__') return 'data: a key is not valid'
        if (Array.isArray(v) && v.length === 1) d[k] = v[0]
        else if (str(v) !== undefined) d[k] = str(v)
        else return 'data: a value is not valid'
      }
      out.data = d
    }
    return out
  })
  let src: [number, number][] | null = null
  if (Array.isArray(p) && p.length % 3 === 0 && p.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
    const places: [number, number][] = []
    for (let i = 0; i < p.length && places.length <= values.length; i += 3) {
      for (let k = 0; k < (p[i + 2] as number) && places.length <= values.length; k++) places.push([p[i] as number, (p[i + 1] as number) + k])
    }
    if (places.length === values.length) src = places
  }
  return { ok: true, values, src }
}
