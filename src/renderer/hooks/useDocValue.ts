import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { subscribeDoc, type AnyDoc } from '@shared/doc'

// One change counter per doc, bumped before any component hears about the change.
const versions = new WeakMap<AnyDoc, number>()

function track(doc: AnyDoc): void {
  if (versions.has(doc)) return
  versions.set(doc, 0)
  subscribeDoc(doc, () => versions.set(doc, (versions.get(doc) ?? 0) + 1))
}

/**
 * Read plain data out of a Y.Doc and re-render when the doc changes. `select` should be a
 * module-level reader (readBoard, readCard...) so it runs once per committed change, not per
 * render; a reader that needs a parameter gets it as `arg` (e.g. `useDocValue(doc, readCard, id)`).
 */
export function useDocValue<T>(doc: AnyDoc, select: (doc: AnyDoc) => T): T
export function useDocValue<T, A>(doc: AnyDoc, select: (doc: AnyDoc, arg: A) => T, arg: A): T
export function useDocValue<T, A>(doc: AnyDoc, select: (doc: AnyDoc, arg?: A) => T, arg?: A): T {
  track(doc)
  const subscribe = useCallback((cb: () => void) => subscribeDoc(doc, cb), [doc])
  const version = useSyncExternalStore(subscribe, () => versions.get(doc) ?? 0)
  return useMemo(() => {
    void version // recompute on every committed change of the doc
    return select(doc, arg)
  }, [doc, version, select, arg])
}
