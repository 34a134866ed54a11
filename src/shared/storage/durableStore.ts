/**
 * This computer's small local state (profile, open programme, programme list, sync settings,
 * browser-mode keyring, offline markers, read marks) in a store whose writes are acknowledged.
 *
 * Why not localStorage: Chromium writes it to disk seconds late, so a crash just after the
 * first-run welcome lost the profile and the programme id while the work itself sat safe in
 * IndexedDB. Here every value is held in memory (reads stay synchronous, as `KeyValueStore`
 * promises) and written through to its own IndexedDB database; a write counts as saved only once
 * its transaction has completed, with `durability: 'strict'` (flushed to disk, not just handed to
 * the operating system). Writes made in the same task share one transaction; IndexedDB runs
 * transactions on the same store in the order they were created, so the last write always wins.
 *
 * A failed write is kept and tried again (with the next write, and on a timer) until it lands;
 * until then `problem()` says what went wrong in words a person can act on.
 */
import type { KeyValueStore } from '../sync/store'

export const DURABLE_DB_NAME = 'fortnight-local'
const DB_VERSION = 1
const VALUES = 'values'
const META = 'meta'
const MIGRATED = 'migratedFromLocalStorage'

/** What the header says when a write has not reached the disk. */
export interface SaveProblem {
  readonly message: string
  readonly action: string
}

export const WRITE_PROBLEM: SaveProblem = {
  message: 'Your settings on this computer could not be saved',
  action: 'Check the computer has free disk space. Fortnight keeps trying; do not close it until the header says “Saved on this computer”.'
}
const CLOSED_PROBLEM: SaveProblem = {
  message: 'Storage on this computer was closed by another window or by clearing site data',
  action: 'Reload Fortnight, then make your last change again.'
}

export interface DurableStore extends KeyValueStore {
  /** Writes not yet confirmed on disk (0 = everything saved). */
  pending(): number
  /** The latest write that failed and has not since been saved, or null. */
  problem(): SaveProblem | null
  /** Called whenever `pending()` or `problem()` changes. */
  onChange(cb: () => void): () => void
  /** Resolves once every write made so far has committed (or failed: see `problem()`). */
  whenSaved(): Promise<void>
  /** A value another tab or window has already saved: update memory only. */
  applyExternal(key: string, value: string | null): void
  keys(): readonly string[]
  close(): void
}

/** The old home of these values, copied in once on the first start with this store. */
export interface LegacyStorage {
  readonly length: number
  key(index: number): string | null
  getItem(key: string): string | null
}

export interface OpenDurableStoreOptions {
  readonly idb: IDBFactory
  readonly name?: string
  /** Copied in on the first open (keys accepted by `isOwnKey`). */
  readonly legacy?: LegacyStorage | null
  /** Also written on every change (best effort): localStorage, for other tabs' `storage` events. */
  readonly mirror?: KeyValueStore | null
  readonly isOwnKey?: (key: string) => boolean
  readonly timeoutMs?: number
  /** First retry delay after a failed write; doubles up to 30 s. */
  readonly retryMs?: number
}

/** Keys that belong to Fortnight in the old localStorage. */
export const isFortnightKey = (key: string): boolean => key.startsWith('fortnight.') || key.startsWith('fortnight:')

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
    tx.onerror = () => undefined
  })
}

function strict(db: IDBDatabase, stores: string[]): IDBTransaction {
  return db.transaction(stores, 'readwrite', { durability: 'strict' })
}

async function openDb(idb: IDBFactory, name: string, timeoutMs: number): Promise<IDBDatabase> {
  const req = idb.open(name, DB_VERSION)
  req.onupgradeneeded = () => {
    const db = req.result
    if (!db.objectStoreNames.contains(VALUES)) db.createObjectStore(VALUES)
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      request(req),
      new Promise<never>((_, reject) => {
        req.onblocked = () => undefined
        timer = setTimeout(() => reject(new Error(`Local storage did not open within ${Math.round(timeoutMs / 1000)} seconds`)), timeoutMs)
      })
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Opens the store: loads every value into memory (one read), and on the first open copies the
 * legacy values in, committed before this resolves, so nobody loses a profile, keyring or setting.
 */
export async function openDurableStore(opts: OpenDurableStoreOptions): Promise<DurableStore> {
  const isOwnKey = opts.isOwnKey ?? isFortnightKey
  const db = await openDb(opts.idb, opts.name ?? DURABLE_DB_NAME, opts.timeoutMs ?? 10_000)
  const values = new Map<string, string>()
  {
    const tx = db.transaction([VALUES, META], 'readonly')
    const store = tx.objectStore(VALUES)
    const [keys, vals, migrated] = await Promise.all([
      request(store.getAllKeys()),
      request(store.getAll()),
      request(tx.objectStore(META).get(MIGRATED))
    ])
    keys.forEach((k, i) => {
      const v = vals[i]
      if (typeof k === 'string' && typeof v === 'string') values.set(k, v)
    })
    if (migrated === undefined) {
      const copied: [string, string][] = []
      const legacy = opts.legacy
      for (let i = 0; legacy && i < legacy.length; i++) {
        const k = legacy.key(i)
        if (k === null || !isOwnKey(k) || values.has(k)) continue
        const v = legacy.getItem(k)
        if (v !== null) copied.push([k, v])
      }
      const wtx = strict(db, [VALUES, META])
      for (const [k, v] of copied) wtx.objectStore(VALUES).put(v, k)
      wtx.objectStore(META).put(Date.now(), MIGRATED)
      await done(wtx)
      copied.forEach(([k, v]) => values.set(k, v))
    }
  }
  return new Durable(db, values, opts.mirror ?? null, opts.retryMs ?? 500)
}

class Durable implements DurableStore {
  /** Written in memory, not yet in a transaction: key → value (null = removed). */
  private dirty = new Map<string, string | null>()
  /** Failed writes waiting to be tried again. */
  private failed = new Map<string, string | null>()
  private inFlight = 0
  private flushQueued = false
  private closed = false
  private broken: SaveProblem | null = null
  private writeProblem: SaveProblem | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private retryDelay: number
  private readonly listeners = new Set<() => void>()
  private waiters: Array<() => void> = []

  constructor(
    private readonly db: IDBDatabase,
    private readonly values: Map<string, string>,
    private readonly mirror: KeyValueStore | null,
    private readonly retryMs: number
  ) {
    this.retryDelay = retryMs
    db.addEventListener('close', () => this.breakWith(CLOSED_PROBLEM))
    db.addEventListener('versionchange', () => {
      db.close()
      this.breakWith(CLOSED_PROBLEM)
    })
  }

  getItem(key: string): string | null {
    return this.values.get(key) ?? null
  }

  setItem(key: string, value: string): void {
    this.values.set(key, String(value))
    this.write(key, String(value))
    try {
      this.mirror?.setItem(key, value)
    } catch {
      // The mirror is only for other tabs' change events: the value itself is safe here.
    }
  }

  removeItem(key: string): void {
    this.values.delete(key)
    this.write(key, null)
    try {
      this.mirror?.removeItem(key)
    } catch {
      // As above.
    }
  }

  applyExternal(key: string, value: string | null): void {
    if ((this.values.get(key) ?? null) === value) return
    if (value === null) this.values.delete(key)
    else this.values.set(key, value)
    // Usually the other tab has saved it already and this write changes nothing. But a tab still
    // running an older Fortnight writes only localStorage (a key after joining with an invite):
    // without this, the value would be gone after a reload.
    this.write(key, value)
  }

  keys(): readonly string[] {
    return [...this.values.keys()]
  }

  pending(): number {
    return this.inFlight + (this.dirty.size > 0 ? 1 : 0) + (this.failed.size > 0 ? 1 : 0)
  }

  problem(): SaveProblem | null {
    return this.broken ?? this.writeProblem
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  whenSaved(): Promise<void> {
    if (this.pending() === 0 || this.closed) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.db.close()
    this.settleWaiters()
  }

  private write(key: string, value: string | null): void {
    const before = this.pending()
    this.dirty.set(key, value)
    this.failed.delete(key)
    if (!this.flushQueued) {
      this.flushQueued = true
      queueMicrotask(() => this.flush())
    }
    if (this.pending() !== before) this.emit()
  }

  private flush(): void {
    this.flushQueued = false
    if (this.retryTimer) {
      clearTimeout(this.retryTimer)
      this.retryTimer = null
    }
    // Failed writes go first, so anything newer for the same key overwrites them.
    const batch = new Map([...this.failed, ...this.dirty])
    this.failed.clear()
    this.dirty.clear()
    if (batch.size === 0) return
    if (this.broken || this.closed) {
      this.fail(batch, this.broken ?? CLOSED_PROBLEM)
      return
    }
    let tx: IDBTransaction
    try {
      tx = strict(this.db, [VALUES])
      const store = tx.objectStore(VALUES)
      for (const [k, v] of batch) {
        if (v === null) store.delete(k)
        else store.put(v, k)
      }
    } catch {
      this.fail(batch, WRITE_PROBLEM)
      return
    }
    this.inFlight++
    tx.oncomplete = () => {
      this.inFlight--
      if (this.failed.size === 0) {
        this.writeProblem = null
        this.retryDelay = this.retryMs
      }
      this.emit()
    }
    tx.onabort = () => {
      this.inFlight--
      this.fail(batch, WRITE_PROBLEM)
    }
    tx.onerror = (ev) => ev.preventDefault()
  }

  private fail(batch: Map<string, string | null>, problem: SaveProblem): void {
    // Try again only with what is still the current value: a newer write of the key (queued, or
    // already in a later transaction) must never be overwritten by this older one.
    for (const [k, v] of batch) if (!this.dirty.has(k) && !this.failed.has(k) && (this.values.get(k) ?? null) === v) this.failed.set(k, v)
    this.writeProblem = problem
    if (!this.broken && !this.closed && !this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null
        this.flush()
      }, this.retryDelay)
      this.retryDelay = Math.min(this.retryDelay * 2, 30_000)
    }
    this.emit()
  }

  private breakWith(problem: SaveProblem): void {
    if (this.closed) return
    this.broken = problem
    this.emit()
  }

  private settleWaiters(): void {
    const w = this.waiters
    this.waiters = []
    w.forEach((r) => r())
  }

  private emit(): void {
    if (this.pending() === 0 || this.problem()) this.settleWaiters()
    this.listeners.forEach((l) => l())
  }
}
