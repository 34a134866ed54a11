/**
 * The renderer's one durable local store (src/shared/storage/durableStore.ts), opened once before
 * the app renders (main.tsx). Everything that used localStorage reads and writes through
 * `localStore()`; until the store is open (unit tests, or a browser whose IndexedDB would not
 * open) that is plain localStorage, as before.
 *
 * localStorage stays as a mirror only: other tabs and windows of this browser profile learn of a
 * change through its `storage` event (SyncContext, the programme list and the read marks listen
 * for it). The event's new value is put into this tab's memory here, before any other listener
 * runs (this listener is added first), so they read the new value through `localStore()`.
 */
import { registerSaveSource } from '@shared/doc/saveTracker'
import { isFortnightKey, openDurableStore, type DurableStore } from '@shared/storage/durableStore'
import type { KeyValueStore } from '@shared/sync/store'

let durable: DurableStore | null = null

/** Where the small local state lives: the durable store once open, localStorage until then. */
export function localStore(): KeyValueStore {
  return durable ?? globalThis.localStorage
}

/** The durable store, when open (null in unit tests and when IndexedDB would not open). */
export function durableStore(): DurableStore | null {
  return durable
}

const OPEN_FAILED = {
  message: 'Fortnight could not open its storage on this computer, so your settings may not be kept',
  action: 'Close other Fortnight windows and reload. If this keeps happening, check the browser is not in private mode and the disk is not full.'
}

/**
 * Opens the store (copying localStorage in on the first start) and connects it to the header's
 * save status. Never rejects: on failure the app carries on with localStorage and says "Not saved".
 */
export async function openLocalStore(idb: IDBFactory = indexedDB): Promise<void> {
  if (durable) return
  const source = registerSaveSource()
  let mirror: Storage | null = null
  try {
    mirror = window.localStorage
  } catch {
    // Storage blocked: no cross-tab events, nothing else lost.
  }
  try {
    const store = await openDurableStore({ idb, legacy: mirror, mirror })
    durable = store
    store.onChange(() => {
      source.setPending(store.pending() > 0)
      source.setFailure(store.problem())
    })
  } catch (err) {
    console.error('The local store could not be opened', err)
    source.setFailure(OPEN_FAILED)
    return
  }
  window.addEventListener('storage', (e) => {
    if (!durable || e.storageArea !== mirror) return
    if (e.key === null) return // cleared elsewhere: the values here are still saved in IndexedDB
    if (isFortnightKey(e.key)) durable.applyExternal(e.key, e.newValue)
  })
}

/** Resolves once every local write has been confirmed on disk. */
export function whenLocalStoreSaved(): Promise<void> {
  return durable ? durable.whenSaved() : Promise.resolve()
}
