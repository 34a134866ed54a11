/**
 * Knows whether every local change has reached IndexedDB. y-indexeddb writes each update in its
 * own transaction and never says when it committed; a page closed or reloaded before then loses
 * the change silently. We queue a read-only transaction on the same store right after it:
 * IndexedDB runs transactions on overlapping stores in the order they were created, so when our
 * read completes, every earlier write has committed. One probe covers all writes made in the
 * same task (probes are coalesced with a microtask).
 *
 * Other stores with acknowledged writes (the durable local store: src/shared/storage) report
 * through `registerSaveSource`, so the header's "Saved on this computer" covers them too, and a
 * write that failed anywhere turns it into "Not saved" with what to do.
 */

type Listener = (pending: number) => void

/** What went wrong with a write, in words a person can act on. */
export interface SaveFailure {
  readonly message: string
  readonly action: string
  /** True when the page's error banner already announces it (doc storage errors), so the header need not. */
  readonly announcedElsewhere?: boolean
}

export type SaveState =
  | { readonly kind: 'saved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'failed'; readonly failure: SaveFailure }

const listeners = new Set<Listener>()
let pendingDocs = 0
const sources = new Map<symbol, { pending: boolean; failure: SaveFailure | null }>()
let state: SaveState = { kind: 'saved' }

const SAVED: SaveState = { kind: 'saved' }
const SAVING: SaveState = { kind: 'saving' }

export const DOC_GONE_FAILURE: SaveFailure = {
  message: 'The saved copy of your work was removed by another window or by clearing this browser’s data, so new changes are not being saved',
  action: 'Copy your latest changes somewhere safe, then reload Fortnight.',
  announcedElsewhere: true
}

export const DOC_WRITE_FAILURE: SaveFailure = {
  message: 'A change to your work could not be saved on this computer',
  action: 'Check the computer has free disk space, copy your latest change somewhere safe, then reload Fortnight.',
  announcedElsewhere: true
}

function count(): number {
  let n = pendingDocs
  for (const s of sources.values()) if (s.pending) n++
  return n
}

function emit(): void {
  let failure: SaveFailure | null = null
  for (const s of sources.values()) failure ??= s.failure
  const pending = count()
  const next: SaveState = failure ? { kind: 'failed', failure } : pending > 0 ? SAVING : SAVED
  // Stable between changes (safe for useSyncExternalStore).
  if (next.kind !== state.kind || (next.kind === 'failed' && state.kind === 'failed' && next.failure !== state.failure)) state = next
  listeners.forEach((l) => l(pending))
}

/**
 * Number of open docs and local stores with changes not yet confirmed on disk (0 = everything
 * saved): wait for 0 before a reload or a switch of programme.
 */
export function unsavedDocCount(): number {
  return count()
}

/** Saved, saving, or failed (with a reason): what the header shows. Stable between changes. */
export function saveState(): SaveState {
  return state
}

/** Called with the count of docs and stores still saving whenever it, or a failure, changes. Returns unsubscribe. */
export function onSaveStateChange(cb: Listener): () => void {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

export interface SaveSource {
  /** True while this source has writes not yet confirmed on disk. */
  setPending(pending: boolean): void
  /** A write failed (null once everything failed has been saved after all). */
  setFailure(failure: SaveFailure | null): void
  dispose(): void
}

/** A store other than a doc whose writes the header should account for. */
export function registerSaveSource(): SaveSource {
  const key = Symbol('save source')
  sources.set(key, { pending: false, failure: null })
  const update = (patch: Partial<{ pending: boolean; failure: SaveFailure | null }>): void => {
    const s = sources.get(key)
    if (!s) return
    const next = { ...s, ...patch }
    if (next.pending === s.pending && next.failure === s.failure) return
    sources.set(key, next)
    emit()
  }
  return {
    setPending: (pending) => update({ pending }),
    setFailure: (failure) => update({ failure }),
    dispose: () => {
      if (sources.delete(key)) emit()
    }
  }
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
  // A failed write of this doc: its change is not on disk, and a later write does not bring it back.
  const failures = registerSaveSource()
  const onFailed = (ev: Event): void => {
    const tx = (ev.target as IDBRequest | IDBTransaction | null) ?? null
    const mode = tx && 'mode' in tx ? tx.mode : tx && 'transaction' in tx ? tx.transaction?.mode : undefined
    if (mode !== 'readonly') failures.setFailure(DOC_WRITE_FAILURE)
  }
  // Another window (or "clear site data") deletes or upgrades the database: edits from now on go
  // nowhere, so "Not saved" stays until the page is reloaded (the tracker is disposed right after).
  let gone = false
  const onGone = (): void => {
    gone = true
    failures.setFailure(DOC_GONE_FAILURE)
  }
  db.addEventListener('abort', onFailed)
  db.addEventListener('error', onFailed)
  db.addEventListener('versionchange', onGone)

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
      db.removeEventListener('abort', onFailed)
      db.removeEventListener('error', onFailed)
      db.removeEventListener('versionchange', onGone)
      if (!gone) failures.dispose()
      waiters.splice(0).forEach((w) => w.resolve())
    }
  }
}
