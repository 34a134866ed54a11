import type * as Y from 'yjs'

/**
 * Subscribe to every committed change of a doc (local, remote, migration). The renderer's
 * useDocValue hook uses this as the `subscribe` of useSyncExternalStore.
 */
export function subscribeDoc(doc: Y.Doc, onChange: () => void): () => void {
  const handler = (): void => onChange()
  doc.on('afterTransaction', handler)
  return () => doc.off('afterTransaction', handler)
}
