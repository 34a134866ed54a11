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
 * Read plain data out of a Y.Doc and re-render when the doc changes. `select` runs once per
 * committed change (not per render); pass the values it closes over in `deps`.
 */
export function useDocValue<T>(doc: AnyDoc, select: (doc: AnyDoc) => T, deps: readonly unknown[] = []): T {
  track(doc)
  const subscribe = useCallback((cb: () => void) => subscribeDoc(doc, cb), [doc])
  const version = useSyncExternalStore(subscribe, () => versions.get(doc) ?? 0)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- select is keyed by deps by contract
  return useMemo(() => select(doc), [doc, version, ...deps])
}
