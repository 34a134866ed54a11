import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react'
import type { AnyDoc, DocRegistry } from '@shared/doc'
import { Keyring, KEYRING_KEY } from '@shared/sync/keyring'
import { SyncManager, type DocSync } from '@shared/sync/session'
import { SETTINGS_KEY } from '@shared/sync/settings'
import { withSealedKey, type KeyValueStore } from '@shared/sync/store'
import { NOT_SHARED, type SyncStatus } from '@shared/sync/status'
import { yWebrtcFactory } from '@shared/sync/transports'
import type { Profile } from '../workspace/profile'
import { installTestHooks } from './testHooks'
import { localStore } from '../storage/localStore'
import { registerSaveSource } from '@shared/doc/saveTracker'

/**
 * The renderer's sync session: one SyncManager for the app, attached to the doc registry so a
 * doc joins its rooms only after it has loaded from this computer and migrated, and leaves them
 * when it closes.
 */
const SyncCtx = createContext<SyncManager | null>(null)

/**
 * Where this computer's sync keys are kept: `os` (desktop, encrypted by the operating system's key
 * store through safeStorage), `browser` (browser mode: the durable local store in IndexedDB, with a
 * localStorage mirror, readable by anyone with this browser profile), `unprotected` (desktop
 * without a usable key store: the same local store).
 */
export type KeyStorage = 'os' | 'browser' | 'unprotected'
const KeyStorageCtx = createContext<KeyStorage>('browser')

/** The store the keyring lives in, once known (isJoinedDoc reads it). */
let activeStore: KeyValueStore | null = null

/**
 * Desktop: the keyring comes from main, decrypted with safeStorage, and is saved back through
 * it. Migration: a keyring still in localStorage (from before issue 8) is moved into the sealed
 * store once, then removed from localStorage; nobody loses a key.
 */
async function openKeyStore(): Promise<{ store: KeyValueStore; where: KeyStorage }> {
  const api = window.fortnight
  const local = localStore()
  if (!api) return { store: local, where: 'browser' }
  try {
    const loaded = await api.keysLoad()
    if (!loaded.protected) return { store: local, where: 'unprotected' }
    let initial = loaded.data
    const legacy = local.getItem(KEYRING_KEY)
    if (initial === null && legacy !== null) {
      await api.keysSave({ data: legacy })
      initial = legacy
    }
    if (legacy !== null) local.removeItem(KEYRING_KEY)
    // Main's encrypted writes count in the header's "Saving…" like any other.
    const source = registerSaveSource()
    let saving = 0
    const store = withSealedKey(local, KEYRING_KEY, initial, (value) => {
      saving++
      source.setPending(true)
      void api
        .keysSave({ data: value ?? '{}' })
        .catch((err: unknown) => {
          // Never lose a key: keep it where it can be read, and say so in the console.
          console.error('Sync keys could not be saved encrypted; kept in local storage instead', err)
          if (value !== null) local.setItem(KEYRING_KEY, value)
        })
        .finally(() => {
          if (--saving === 0) source.setPending(false)
        })
    })
    return { store, where: 'os' }
  } catch (err) {
    console.error('The encrypted sync keys could not be opened', err)
    return { store: local, where: 'unprotected' }
  }
}
const NAME = /^fortnight:(programme|project):(.+)$/

export function docIdOf(name: string): { kind: 'programme' | 'project'; id: string } | null {
  const m = NAME.exec(name)
  return m ? { kind: m[1] as 'programme' | 'project', id: m[2]! } : null
}

/** True when this computer holds a key for the doc (so an empty local copy is waiting for sync, not new). */
export function isJoinedDoc(docId: string): boolean {
  return new Keyring(activeStore ?? localStore()).get(docId) !== undefined
}

/** The role this computer holds for a doc, before sync has started (null: not shared here). */
export function joinedRole(docId: string): 'team' | 'mentor' | 'viewer' | null {
  return new Keyring(activeStore ?? localStore()).get(docId)?.role ?? null
}

type OpenedKeyStore = { store: KeyValueStore; where: KeyStorage }
/** Opened once per app run: the programme loader waits for it (who am I in this programme?), sync uses it. */
let opening: Promise<OpenedKeyStore> | null = null
let openedStore: OpenedKeyStore | null = null

function keyStoreOnce(): Promise<OpenedKeyStore> {
  opening ??= openKeyStore().then((o) => {
    activeStore = o.store
    openedStore = o
    return o
  })
  return opening
}

/**
 * True once this computer's keyring can be read: in the desktop app it comes from main, so until
 * then `isJoinedDoc` and `joinedRole` would read an empty localStorage and take a joined programme
 * for a new one (or a manager's view-only programme for their own).
 */
export function useKeyStoreReady(): boolean {
  const [ready, setReady] = useState(() => !window.fortnight || openedStore !== null)
  useEffect(() => {
    if (ready) return
    let live = true
    void keyStoreOnce().then(() => live && setReady(true))
    return () => {
      live = false
    }
  }, [ready])
  return ready
}

export function SyncProvider(props: { registry: DocRegistry; profile: Profile; children: ReactNode }): ReactNode {
  const [opened, setOpened] = useState<OpenedKeyStore | null>(() => (window.fortnight ? openedStore : { store: localStore(), where: 'browser' }))
  useEffect(() => {
    if (opened) return
    let live = true
    void keyStoreOnce().then((o) => {
      if (live) setOpened(o)
    })
    return () => {
      live = false
    }
  }, [opened])
  if (!opened) return null
  return (
    <KeyStorageCtx.Provider value={opened.where}>
      <SyncSession {...props} store={opened.store} />
    </KeyStorageCtx.Provider>
  )
}

/** Where this computer's sync keys are kept (the Sharing page says so). */
export function useKeyStorage(): KeyStorage {
  return useContext(KeyStorageCtx)
}

function SyncSession(props: { registry: DocRegistry; profile: Profile; store: KeyValueStore; children: ReactNode }): ReactNode {
  const { registry, profile, store } = props
  const [manager] = useState(() => new SyncManager({ store, factory: yWebrtcFactory(), identity: profile }))
  useEffect(() => manager.setIdentity(profile), [manager, profile])
  useEffect(() => {
    const docs = new Map<string, AnyDoc>()
    const offOpen = registry.onOpen((local) => {
      const parsed = docIdOf(local.name)
      if (!parsed) return
      docs.set(parsed.id, local.doc)
      manager.attach(parsed.id, parsed.kind, local.doc)
    })
    const offClose = registry.onClose((local) => {
      const parsed = docIdOf(local.name)
      if (!parsed) return
      docs.delete(parsed.id)
      void manager.detach(parsed.id)
    })
    const offHooks = installTestHooks(manager, docs)
    return () => {
      offOpen()
      offClose()
      offHooks()
      void manager.detachAll()
    }
  }, [registry, manager])
  useEffect(() => {
    // Another tab or window of this profile changed the sync settings or the keyring (the local
    // store's localStorage mirror tells us; the new value is already in localStore()): follow it,
    // so "Work offline", a new address or a new share apply everywhere.
    const onStorage = (e: StorageEvent): void => {
      if (e.storageArea !== window.localStorage) return
      if (e.key === null || e.key === SETTINGS_KEY || e.key === KEYRING_KEY) void manager.reloadFromStore()
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [manager])
  return <SyncCtx.Provider value={manager}>{props.children}</SyncCtx.Provider>
}

export function useSyncManager(): SyncManager {
  const m = useContext(SyncCtx)
  if (!m) throw new Error('useSyncManager must be used inside <SyncProvider>')
  return m
}

/** For components that also render outside sync (the page frame). */
export function useOptionalSyncManager(): SyncManager | null {
  return useContext(SyncCtx)
}

/** Re-render on any sync change; `read` must return a stable value when nothing changed. */
export function useSyncValue<T>(read: (m: SyncManager) => T, fallback: T): T {
  const m = useContext(SyncCtx)
  return useSyncExternalStore(
    (cb) => (m ? m.onChange(cb) : () => {}),
    () => (m ? read(m) : fallback)
  )
}

export function useDocSyncStatus(docId: string): SyncStatus {
  return useSyncValue((m) => m.status(docId), NOT_SHARED)
}

export function useDocSync(docId: string): DocSync | null {
  return useSyncValue((m) => m.sync(docId), null)
}

export function useRole(docId: string): 'team' | 'mentor' | 'viewer' | null {
  return useSyncValue((m) => m.role(docId), null)
}
