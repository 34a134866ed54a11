import { useCallback, useRef, useSyncExternalStore } from 'react'
import { subscribeDoc, subscribeDocLater, type AnyDoc } from '@shared/doc'
import { samePlainData } from '@shared/domain/samePlainData'

export { samePlainData }

// One change counter per doc, bumped synchronously (so any render reads the current doc), before
// any component hears about the change (a microtask later: the network send goes first).
const versions = new WeakMap<AnyDoc, number>()

function track(doc: AnyDoc): void {
  if (versions.has(doc)) return
  versions.set(doc, 0)
  subscribeDoc(doc, () => versions.set(doc, (versions.get(doc) ?? 0) + 1))
}

/**
 * One read per doc version and reader, shared by every component that asks: a board's header,
 * filter and tiles reading the same thing after a change run the reader once, not once each.
 * (Keyed by the reader; a reader asked with different args keeps only the latest.)
 */
const shared = new WeakMap<AnyDoc, Map<unknown, { readonly version: number; readonly arg: unknown; readonly value: unknown }>>()

function sharedRead<T, A>(doc: AnyDoc, version: number, select: (doc: AnyDoc, arg?: A) => T, arg: A | undefined): T {
  let byReader = shared.get(doc)
  if (!byReader) shared.set(doc, (byReader = new Map()))
  const hit = byReader.get(select)
  if (hit && hit.version === version && Object.is(hit.arg, arg)) return hit.value as T
  const value = select(doc, arg)
  byReader.set(select, { version, arg, value })
  return value
}

interface Cached<T> {
  readonly doc: AnyDoc
  readonly version: number
  readonly select: unknown
  readonly arg: unknown
  readonly value: T
}

/**
 * Read plain data out of a Y.Doc and re-render when the doc changes. `select` should be a
 * module-level reader (readBoard, readCard...) so it runs once per committed change, not per
 * render; a reader that needs a parameter gets it as `arg` (e.g. `useDocValue(doc, readCard, id)`).
 *
 * The component re-renders only when what `select` returns changed (compared as plain data): a
 * comment arriving does not re-render the whole board when the board's data is the same.
 */
export function useDocValue<T>(doc: AnyDoc, select: (doc: AnyDoc) => T): T
export function useDocValue<T, A>(doc: AnyDoc, select: (doc: AnyDoc, arg: A) => T, arg: A): T
export function useDocValue<T, A>(doc: AnyDoc, select: (doc: AnyDoc, arg?: A) => T, arg?: A): T {
  track(doc)
  const cache = useRef<Cached<T> | null>(null)
  const subscribe = useCallback((cb: () => void) => subscribeDocLater(doc, cb), [doc])
  const getSnapshot = (): T => {
    const version = versions.get(doc) ?? 0
    const c = cache.current
    if (c && c.doc === doc && c.version === version && c.select === select && Object.is(c.arg, arg)) return c.value
    const next = sharedRead(doc, version, select, arg)
    const value = c && c.doc === doc && samePlainData(c.value, next) ? c.value : next
    cache.current = { doc, version, select, arg, value }
    return value
  }
  return useSyncExternalStore(subscribe, getSnapshot)
}
