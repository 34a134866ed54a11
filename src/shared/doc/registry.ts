import { openLocalDoc, type LocalDoc } from './persistence'

/**
 * Keeps exactly one open LocalDoc (hence one IndexeddbPersistence) per doc name, shared by
 * every screen that needs it. Two persistences on one name would each write their own copy.
 * Project docs are opened lazily and closed a little after the last screen lets go.
 */
export class DocRegistry {
  private readonly open = new Map<string, { promise: Promise<LocalDoc>; refs: number; closeTimer?: ReturnType<typeof setTimeout> }>()

  private readonly openHooks = new Set<(local: LocalDoc) => void>()
  private readonly closeHooks = new Set<(local: LocalDoc) => void>()

  constructor(private readonly opts: { closeDelayMs?: number; timeoutMs?: number } = {}) {}

  /**
   * Runs for every doc once it has loaded from this computer and migrated, before any screen
   * gets it: the house rule "open, wait for IndexedDB, migrate, only then connect the network"
   * is kept by attaching sync here. Also runs at once for docs already open. Returns unsubscribe.
   */
  onOpen(cb: (local: LocalDoc) => void): () => void {
    this.openHooks.add(cb)
    for (const entry of this.open.values()) void entry.promise.then((local) => this.openHooks.has(cb) && cb(local), () => {})
    return () => this.openHooks.delete(cb)
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

  acquire(name: string): Promise<LocalDoc> {
    let entry = this.open.get(name)
    if (!entry) {
      const promise = openLocalDoc(name, { timeoutMs: this.opts.timeoutMs }).then((local) => {
        this.openHooks.forEach((h) => {
          try {
            h(local)
          } catch (err) {
            console.error(err)
          }
        })
        return local
      })
      entry = { promise, refs: 0 }
      this.open.set(name, entry)
      // A failed open must not stay cached: the next attempt tries again.
      promise.catch(() => this.open.delete(name))
    }
    clearTimeout(entry.closeTimer)
    entry.refs++
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
