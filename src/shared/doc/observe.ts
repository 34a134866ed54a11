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

/**
 * Like subscribeDoc, but told once per burst of transactions, a microtask after the first. For
 * listeners with real work (re-rendering, timers): the transaction's 'update' handlers, and so
 * the network send, run first. Nothing is lost: a change made while a call is queued is covered
 * by that call.
 */
export function subscribeDocLater(doc: Y.Doc, onChange: () => void): () => void {
  let queued = false
  let active = true
  const run = (): void => {
    queued = false
    if (active) onChange()
  }
  const handler = (): void => {
    if (queued) return
    queued = true
    queueMicrotask(run)
  }
  doc.on('afterTransaction', handler)
  return () => {
    active = false
    doc.off('afterTransaction', handler)
  }
}
