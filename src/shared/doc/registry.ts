import { openLocalDoc, type LocalDoc } from './persistence'

interface Entry {
  readonly promise: Promise<LocalDoc>
  refs: number
  /** Someone acquired it to work in (not only to read locally): the network may join it. */
  networked: boolean
  /** The open hooks ran for it (once it was both loaded and networked). */
  announced: boolean
  closeTimer?: ReturnType<typeof setTimeout>
}

export interface AcquireOptions {
  /**
   * False for a read on this computer only (search indexing every project, re-planning cycles in
   * every project): the doc opens from IndexedDB without the onOpen hooks, so sync does not join
   * a hundred rooms for a look. Default true. A later networked acquire of the same doc runs them.
   */
  readonly network?: boolean
}

/**
 * Keeps exactly one open LocalDoc (hence one IndexeddbPersistence) per doc name, shared by
 * every screen that needs it. Two persistences on one name would each write their own copy.
 * Project docs are opened lazily and closed a little after the last screen lets go.
 */
export class DocRegistry {
  private readonly open = new Map<string, Entry>()

  private readonly openHooks = new Set<(local: LocalDoc) => void>()
  private readonly closeHooks = new Set<(local: LocalDoc) => void>()

  constructor(private readonly opts: { closeDelayMs?: number; timeoutMs?: number } = {}) {}

  /**
   * Runs for every doc acquired to work in, once it has loaded from this computer and migrated,
   * before that screen gets it: the house rule "open, wait for IndexedDB, migrate, only then
   * connect the network" is kept by attaching sync here. Docs opened only for a local read
   * (`network: false`) are not announced until someone acquires them to work in. Also runs at
   * once for such docs already open. Returns unsubscribe.
   */
  onOpen(cb: (local: LocalDoc) => void): () => void {
    this.openHooks.add(cb)
    for (const entry of this.open.values()) {
      if (entry.announced) void entry.promise.then((local) => this.openHooks.has(cb) && cb(local), () => {})
    }
    return () => this.openHooks.delete(cb)
  }

  private announce(entry: Entry, local: LocalDoc): void {
    if (entry.announced || !entry.networked) return
    entry.announced = true
    this.openHooks.forEach((h) => {
      try {
        h(local)
      } catch (err) {
        console.error(err)
      }
    })
  }

  /** Runs just before a doc is closed (detach its network providers here). */
  onClose(cb: (local: LocalDoc) => void): () => void {
    this.closeHooks.add(cb)
    return () => this.closeHooks.delete(cb)
  }

  private closeLocal(local: LocalDoc): Promise<void> {
    this.closeHooks.forEach((h) => {
      try {
        h(local)
      } catch (err) {
        console.error(err)
      }
    })
    return local.close()
  }

  acquire(name: string, options: AcquireOptions = {}): Promise<LocalDoc> {
    const networked = options.network ?? true
    let entry = this.open.get(name)
    if (!entry) {
      const created: Entry = {
        promise: openLocalDoc(name, { timeoutMs: this.opts.timeoutMs }).then((local) => {
          this.announce(created, local)
          return local
        }),
        refs: 0,
        networked,
        announced: false
      }
      entry = created
      this.open.set(name, entry)
      // A failed open must not stay cached: the next attempt tries again.
      entry.promise.catch(() => this.open.delete(name))
    }
    clearTimeout(entry.closeTimer)
    entry.refs++
    if (networked && !entry.networked) {
      // Already open for a local read: announce it (once loaded) before this caller gets it.
      const known = entry
      known.networked = true
      return known.promise.then((local) => {
        this.announce(known, local)
        return local
      })
    }
    return entry.promise
  }

  release(name: string): void {
    const entry = this.open.get(name)
    if (!entry) return
    entry.refs = Math.max(0, entry.refs - 1)
    if (entry.refs > 0) return
    entry.closeTimer = setTimeout(() => {
      // The entry may have been closed by closeAll() and replaced by a fresh open since.
      if (entry.refs > 0 || this.open.get(name) !== entry) return
      this.open.delete(name)
      void entry.promise.then((d) => this.closeLocal(d)).catch(() => {})
    }, this.opts.closeDelayMs ?? 5_000)
  }

  isOpen(name: string): boolean {
    return this.open.has(name)
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()]
    this.open.clear()
    all.forEach((e) => clearTimeout(e.closeTimer))
    await Promise.all(all.map((e) => e.promise.then((d) => this.closeLocal(d)).catch(() => {})))
  }
}
