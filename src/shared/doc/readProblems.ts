import type * as Y from 'yjs'
import type { z } from 'zod'

/**
 * Records a reader skipped because they failed their stored-data schema (src/shared/doc/records).
 *
 * Why: a doc holds what any peer wrote, including a peer whose app was changed to send anything.
 * One malformed record must never throw into React and take a screen down, and it must not vanish
 * silently either: the person is told "2 records from a colleague's computer could not be read and
 * are not shown", and the details go to the console for whoever investigates.
 *
 * Problems are kept per doc and per record kind. A reader that reads every record of a kind calls
 * `collect(doc, kind)` and `done()` at the end, which replaces that kind's list (so a record that
 * was fixed or deleted stops being reported); a reader of one record adds to it. Listeners hear a
 * microtask later, never during the render that ran the reader.
 */
export type RecordKind =
  | 'card'
  | 'column'
  | 'comment'
  | 'cycle'
  | 'decision'
  | 'feedback'
  | 'person'
  | 'project'
  | 'project summary'
  | 'programme'
  | 'activity entry'
  | 'activity archive'
  | 'mentor'
  | 'mentor link'
  | 'mentor session'
  | 'pairing opt-in'
  | 'pairing round'
  | 'project progress'
  | 'pipeline record'

export interface ReadProblem {
  readonly kind: RecordKind
  /** Where it is stored (map key, array index or field), shortened: a hostile key can be huge. */
  readonly key: string
  /** What failed, for the console and tests; not shown to people. */
  readonly reason: string
}

interface DocProblems {
  readonly byKind: Map<RecordKind, Map<string, ReadProblem>>
  snapshot: readonly ReadProblem[]
  readonly listeners: Set<() => void>
  queued: boolean
}

const registry = new WeakMap<Y.Doc, DocProblems>()
const EMPTY: readonly ReadProblem[] = Object.freeze([])

function stateOf(doc: Y.Doc): DocProblems {
  let s = registry.get(doc)
  if (!s) {
    s = { byKind: new Map(), snapshot: EMPTY, listeners: new Set(), queued: false }
    registry.set(doc, s)
  }
  return s
}

/** Shorten a key or a message so a 1 MB key cannot flood the console or the screen. */
export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length} characters)` : s
}

function changed(s: DocProblems): void {
  const next: ReadProblem[] = []
  for (const m of s.byKind.values()) next.push(...m.values())
  const same = next.length === s.snapshot.length && next.every((p, i) => p === s.snapshot[i])
  if (same) return
  const fresh = next.filter((p) => !s.snapshot.includes(p))
  s.snapshot = next.length === 0 ? EMPTY : Object.freeze(next)
  for (const p of fresh) console.warn(`Fortnight: skipped a ${p.kind} that could not be read (${p.key}): ${p.reason}`)
  if (s.queued || s.listeners.size === 0) return
  s.queued = true
  queueMicrotask(() => {
    s.queued = false
    for (const l of [...s.listeners]) l()
  })
}

/** Every record of this doc currently skipped by a reader. The same array while nothing changes. */
export function readProblemsOf(doc: Y.Doc): readonly ReadProblem[] {
  return registry.get(doc)?.snapshot ?? EMPTY
}

/** Told (a microtask later) when the list of skipped records changes. For useSyncExternalStore. */
export function subscribeReadProblems(doc: Y.Doc, listener: () => void): () => void {
  const s = stateOf(doc)
  s.listeners.add(listener)
  return () => s.listeners.delete(listener)
}

/** What a person is told; null when nothing was skipped. */
export function readProblemsMessage(count: number): string | null {
  if (count <= 0) return null
  return count === 1
    ? "1 record from a colleague's computer could not be read and is not shown"
    : `${count.toLocaleString('en-GB')} records from a colleague's computer could not be read and are not shown`
}

export function problemReason(error: z.ZodError | string): string {
  if (typeof error === 'string') return clip(error, 200)
  const first = error.issues[0]
  if (!first) return 'not valid'
  const path = first.path.map(String).join('.')
  return clip(`${path ? `${path}: ` : ''}${first.message}`, 200)
}

/** Add one problem (readers of a single record); a pass of `collect` may later clear it. */
export function reportReadProblem(doc: Y.Doc, kind: RecordKind, key: string, reason: string): void {
  const s = stateOf(doc)
  let m = s.byKind.get(kind)
  if (!m) s.byKind.set(kind, (m = new Map()))
  const k = clip(key)
  const prev = m.get(k)
  if (prev && prev.reason === reason) return
  m.set(k, Object.freeze({ kind, key: k, reason }))
  changed(s)
}

export interface ProblemCollector {
  skip(key: string, reason: string): void
  /** Replace the kind's problems with the ones skipped in this pass. */
  done(): void
}

/** For a reader that reads every record of `kind`: skip as it goes, `done()` at the end. */
export function collect(doc: Y.Doc, kind: RecordKind): ProblemCollector {
  let found: Map<string, string> | null = null
  return {
    skip(key, reason) {
      ;(found ??= new Map()).set(clip(key), reason)
    },
    done() {
      const s = registry.get(doc)
      const before = s?.byKind.get(kind)
      if (!found && (!before || before.size === 0)) return // the common case: nothing wrong, nothing to do
      const state = s ?? stateOf(doc)
      const next = new Map<string, ReadProblem>()
      for (const [key, reason] of found ?? []) {
        const prev = before?.get(key)
        next.set(key, prev && prev.reason === reason ? prev : Object.freeze({ kind, key, reason }))
      }
      state.byKind.set(kind, next)
      changed(state)
    }
  }
}

/**
 * The generic "read and validate" step for one stored record: the parsed value, or null after
 * reporting it. For readers outside this folder (comments.ts) that hold a schema from records/.
 */
export function parseStored<T>(schema: z.ZodType<T>, value: unknown, key: string, skip: (key: string, reason: string) => void): T | null {
  let result: ReturnType<typeof schema.safeParse>
  try {
    result = schema.safeParse(value)
  } catch (e) {
    // A getter or proxy on a hostile value: still a skipped record, never an exception.
    skip(key, problemReason(e instanceof Error ? e.message : String(e)))
    return null
  }
  if (result.success) return result.data
  skip(key, problemReason(result.error))
  return null
}

/**
 * Read and validate every record of a kind in one pass: the records that pass, in the order
 * given; the others reported under `kind`.
 */
export function readRecords<T>(doc: Y.Doc, kind: RecordKind, entries: Iterable<readonly [string, unknown]>, schema: z.ZodType<T>): T[] {
  const c = collect(doc, kind)
  const out: T[] = []
  for (const [key, value] of entries) {
    const v = parseStored(schema, value, key, c.skip)
    if (v !== null) out.push(v)
  }
  c.done()
  return out
}
