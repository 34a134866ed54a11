import { useCallback, useRef, useSyncExternalStore } from 'react'
import { subscribeDoc, subscribeDocLater, type AnyDoc } from '@shared/doc'

// One change counter per doc, bumped synchronously (so any render reads the current doc), before
// any component hears about the change (a microtask later: the network send goes first).
const versions = new WeakMap<AnyDoc, number>()

function track(doc: AnyDoc): void {
  if (versions.has(doc)) return
  versions.set(doc, 0)
  subscribeDoc(doc, () => versions.set(doc, (versions.get(doc) ?? 0) + 1))
}

/**
 * True when `a` and `b` are the same plain data (primitives, arrays, plain objects, Dates, Maps
 * and Sets).
 * Anything else (class instances, Y types, functions) counts as the same only if it is the
 * same object, so a reader that returns live objects is never wrongly thought unchanged.
 */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!samePlainData(a[i], b[i])) return false
    return true
  }
  if (a instanceof Date) return b instanceof Date && Object.is(a.getTime(), b.getTime())
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size || Object.getPrototypeOf(a) !== Map.prototype || Object.getPrototypeOf(b) !== Map.prototype) return false
    for (const [k, v] of a) if (!b.has(k) || !samePlainData(v, b.get(k))) return false
    return true
  }
  if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size || Object.getPrototypeOf(a) !== Set.prototype || Object.getPrototypeOf(b) !== Set.prototype) return false
    for (const v of a) if (!b.has(v)) return false
    return true
  }
  const pa = Object.getPrototypeOf(a) as unknown
  const pb = Object.getPrototypeOf(b) as unknown
  if (pa !== pb || (pa !== Object.prototype && pa !== null)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false
    if (!samePlainData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  }
  return true
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
    const next = select(doc, arg)
    const value = c && c.doc === doc && samePlainData(c.value, next) ? c.value : next
    cache.current = { doc, version, select, arg, value }
    return value
  }
  return useSyncExternalStore(subscribe, getSnapshot)
}
