import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { migrateDoc, type MigrationOutcome } from './migrations'
import { connectTabs } from './tabChannel'
import { trackSaves, type DocSaveTracker } from './saveTracker'

/** A doc opened from this computer's storage, migrated and ready for the UI and the network. */
export interface LocalDoc {
  readonly name: string
  readonly doc: Y.Doc
  readonly migration: MigrationOutcome
  /** True when the doc was written by a newer Fortnight: show it, never write to it. */
  readonly readOnly: boolean
  /**
   * Storage problems after opening (a failed or aborted write, the database closed under us), and
   * changes from another tab or window of this browser that could not be applied here.
   */
  onStorageError(cb: (error: StorageError) => void): () => void
  /** Resolves once every change made so far is committed to IndexedDB on this computer. */
  whenSaved(): Promise<void>
  close(): Promise<void>
}

export class StorageError extends Error {
  override readonly name = 'StorageError'
  constructor(
    message: string,
    readonly docName: string,
    override readonly cause?: unknown
  ) {
    super(message)
  }
}

export const DEFAULT_OPEN_TIMEOUT_MS = 10_000

/**
 * Open = load from IndexedDB (bounded by a timeout, so a stuck database becomes a visible
 * error instead of a blank screen), then migrate in one transaction. Only after this may a
 * network provider be connected, so peers never see a half-loaded or unmigrated doc.
 */
export async function openLocalDoc(name: string, opts: { timeoutMs?: number } = {}): Promise<LocalDoc> {
  const doc = new Y.Doc()
  const persistence = new IndexeddbPersistence(name, doc)
  const listeners = new Set<(e: StorageError) => void>()
  const report = (e: StorageError): void => {
    if (listeners.size === 0) console.error(e)
    listeners.forEach((l) => l(e))
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      persistence.whenSynced,
      // y-indexeddb never rejects whenSynced itself; a failed open surfaces through _db.
      (persistence as unknown as { _db: Promise<IDBDatabase> })._db.then(() => new Promise<never>(() => {})),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new StorageError(`Your saved work did not load within ${secondsText(timeoutMs)}`, name)),
          timeoutMs
        )
      })
    ])
  } catch (err) {
    // Not awaited: destroy() waits for the database to open, which a blocked open never does.
    void persistence.destroy().catch(() => {})
    doc.destroy()
    throw err instanceof StorageError ? err : new StorageError('Your saved work could not be opened', name, err)
  } finally {
    clearTimeout(timer)
  }

  const db = persistence.db
  let saves: DocSaveTracker | null = null
  if (db) {
    saves = trackSaves(db, 'updates')
    const tracker = saves
    // Registered after y-indexeddb's own listener, so its write transaction is queued first.
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== persistence) tracker.noteWrite()
    })
    // Request errors and aborted transactions bubble up to the database object.
    db.addEventListener('error', (ev) => {
      ev.preventDefault()
      const target = ev.target as IDBRequest | null
      report(new StorageError('A change could not be saved on this computer', name, target?.error))
    })
    db.addEventListener('abort', (ev) => {
      const target = ev.target as IDBTransaction | null
      report(new StorageError('A change could not be saved on this computer', name, target?.error))
    })
    db.addEventListener('close', () => report(new StorageError('Storage on this computer was closed unexpectedly', name)))
    // Another window (or "clear site data") is deleting or upgrading this database: from now on
    // our writes may go nowhere, so say so rather than carry on silently.
    db.addEventListener('versionchange', () => {
      // y-indexeddb closes its connection now; unhook it, or every later edit throws InvalidStateError.
      void persistence.destroy().catch(() => {})
      saves?.dispose()
      report(new StorageError('Your saved copy is being removed or changed by another window, so new changes here may not be saved', name))
    })
  }

  const migration = migrateDoc(doc)
  // Only now, loaded and migrated: other tabs and windows of this profile see each other's edits at once.
  const tabs = connectTabs(doc, name, { onError: (message, cause) => report(new StorageError(message, name, cause)) })
  return {
    name,
    doc,
    migration,
    readOnly: migration.status === 'newer',
    onStorageError(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    whenSaved() {
      return saves ? saves.whenSaved() : Promise.resolve()
    },
    async close() {
      listeners.clear()
      tabs.close()
      // Let writes already queued commit before the connection closes, so "Saving…" ends truthfully.
      await saves?.whenSaved()
      saves?.dispose()
      await persistence.destroy()
      doc.destroy()
    }
  }
}

function secondsText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000))
  return `${s} second${s === 1 ? '' : 's'}`
}

/** Delete a doc's local copy (used when a user removes a project from this computer). */
export async function deleteLocalDoc(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name)
    req.onsuccess = () => resolve()
    req.onerror = () => reject(new StorageError('Could not delete the saved copy', name, req.error))
  })
}
