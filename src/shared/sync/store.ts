/**
 * The little key-value store the sync layer keeps its local state in (keyring, settings, offline
 * markers). In the app, the durable local store (src/shared/storage/durableStore.ts: memory backed
 * by IndexedDB with acknowledged writes, because localStorage reaches the disk seconds late and a
 * crash lost it); a Map in tests. Never the synced doc: a secret written
 * into a doc would be synced to whoever can read that doc.
 */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { readonly data: Map<string, string> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k)
  }
}

export function readJson(store: KeyValueStore, key: string): unknown {
  try {
    const raw = store.getItem(key)
    return raw === null ? undefined : (JSON.parse(raw) as unknown)
  } catch {
    return undefined
  }
}

/**
 * A store where one key (the keyring) lives in memory and is saved elsewhere: in the desktop app,
 * main encrypts it with safeStorage (src/main/sync/keyStore.ts), so it never reaches
 * the local store. Every other key goes to `base`. `save` gets each new value (null once removed).
 */
export function withSealedKey(base: KeyValueStore, key: string, initial: string | null, save: (value: string | null) => void): KeyValueStore {
  let value = initial
  return {
    getItem: (k) => (k === key ? value : base.getItem(k)),
    setItem: (k, v) => {
      if (k !== key) return base.setItem(k, v)
      value = v
      save(v)
    },
    removeItem: (k) => {
      if (k !== key) return base.removeItem(k)
      value = null
      save(null)
    }
  }
}
