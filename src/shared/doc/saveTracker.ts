/**
 * Knows whether every local change has reached IndexedDB. y-indexeddb writes each update in its
 * own transaction and never says when it committed; a page closed or reloaded before then loses
 * the change silently. We queue a read-only transaction on the same store right after it:
 * IndexedDB runs transactions on overlapping stores in the order they were created, so when our
 * read completes, every earlier write has committed. One probe covers all writes made in the
 * same task (probes are coalesced with a microtask).
 */

type Listener = (pending: number) => void

const listeners = new Set<Listener>()
let pendingDocs = 0

function emit(): void {
  listeners.forEach((l) => l(pendingDocs))
}

/** Number of open docs with changes not yet confirmed on disk (0 = everything saved). */
export function unsavedDocCount(): number {
  return pendingDocs
}

/** Called with the count of docs still saving whenever it changes. Returns unsubscribe. */
export function onSaveStateChange(cb: Listener): () => void {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

export interface DocSaveTracker {
  /** Call after y-indexeddb queued its write for a local change. */
  noteWrite(): void
  /** Resolves when every write noted so far has committed (or failed: failures are reported elsewhere). */
  whenSaved(): Promise<void>
  dispose(): void
}

export function trackSaves(db: IDBDatabase, storeName: string): DocSaveTracker {
  let requested = 0
  let confirmed = 0
  let probeQueued = false
  let disposed = false
  const waiters: Array<{ seq: number; resolve: () => void }> = []

  const setPending = (nowPending: boolean, wasPending: boolean): void => {
    if (nowPending === wasPending) return
    pendingDocs += nowPending ? 1 : -1
    emit()
  }

  const settle = (seq: number): void => {
    const wasPending = confirmed < requested
    confirmed = Math.max(confirmed, seq)
    const still = waiters.filter((w) => w.seq > confirmed)
    waiters.filter((w) => w.seq <= confirmed).forEach((w) => w.resolve())
    waiters.splice(0, waiters.length, ...still)
    if (!disposed) setPending(confirmed < requested, wasPending)
  }

  const probe = (): void => {
    probeQueued = false
    if (disposed) return
    const seq = requested
    try {
      const tx = db.transaction([storeName], 'readonly')
      tx.objectStore(storeName).count()
      // Complete or not, the writes before it are settled: a failed write is reported by the
      // database's error/abort listeners, not hidden behind a "Saving…" that never ends.
      tx.oncomplete = () => settle(seq)
      tx.onabort = () => settle(seq)
      tx.onerror = (ev) => ev.preventDefault()
    } catch {
      // The database is closed: nothing more will be written through it.
      settle(seq)
    }
  }

  return {
    noteWrite() {
      if (disposed) return
      const wasPending = confirmed < requested
      requested++
      setPending(true, wasPending)
      if (!probeQueued) {
        probeQueued = true
        queueMicrotask(probe)
      }
    },
    whenSaved() {
      if (confirmed >= requested) return Promise.resolve()
      return new Promise((resolve) => waiters.push({ seq: requested, resolve }))
    },
    dispose() {
      if (disposed) return
      setPending(false, confirmed < requested)
      disposed = true
      waiters.splice(0).forEach((w) => w.resolve())
    }
  }
}
