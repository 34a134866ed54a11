import { z } from 'zod'

/**
 * "For you" read state, on this computer: for each project, when this person last marked its
 * comments as read (`seen`), and how many comments for them are newer (`unread`, a cache for the
 * header, refreshed whenever a project is open or the For you page reads it).
 *
 * Why not in the shared doc: it is one person's own state, and writing it into the project would
 * send every "I looked" to every colleague, grow the doc for ever, and show up in the team's
 * history; a mentor's app may not write anything but comments into a project anyway. The cost:
 * reading on another computer starts unread again. Scoped by profile id, so two people sharing a
 * browser profile in turn do not clear each other's.
 */
const SEEN_PREFIX = 'fortnight.forYou.seen.'
const UNREAD_PREFIX = 'fortnight.forYou.unread.'
const MAX_PROJECTS = 2000

const mapSchema = z.record(z.string().min(1).max(100), z.number().min(0).max(8.64e15))

function load(key: string): Map<string, number> {
  try {
    const raw = localStorage.getItem(key)
    if (raw === null) return new Map()
    const parsed = mapSchema.safeParse(JSON.parse(raw))
    // A damaged entry means "never looked": at worst, some comments show as new again.
    return parsed.success ? new Map(Object.entries(parsed.data).slice(0, MAX_PROJECTS)) : new Map()
  } catch {
    return new Map()
  }
}

function save(key: string, map: ReadonlyMap<string, number>): void {
  try {
    localStorage.setItem(key, JSON.stringify(Object.fromEntries([...map].slice(-MAX_PROJECTS))))
  } catch (err) {
    console.error('Could not keep what you have read on this computer', err)
  }
}

export class ForYouStore {
  private seen: Map<string, number>
  private unread: Map<string, number>
  private total = 0
  private readonly listeners = new Set<() => void>()

  constructor(private readonly profileId: string) {
    this.seen = load(SEEN_PREFIX + profileId)
    this.unread = load(UNREAD_PREFIX + profileId)
    this.total = this.sum()
  }

  /** When this person last marked the project's comments as read (0: never). */
  lastSeen(projectId: string): number {
    return this.seen.get(projectId) ?? 0
  }

  /** Comments for this person, in all projects, newer than when they last looked (as last counted). */
  totalUnread = (): number => this.total

  unreadIn(projectId: string): number {
    return this.unread.get(projectId) ?? 0
  }

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  setUnread(projectId: string, count: number): void {
    if ((this.unread.get(projectId) ?? 0) === count) return
    if (count === 0) this.unread.delete(projectId)
    else this.unread.set(projectId, count)
    save(UNREAD_PREFIX + this.profileId, this.unread)
    this.changed()
  }

  /** Everything in these projects up to `at` is read. */
  markRead(projectIds: readonly string[], at: number): void {
    for (const id of projectIds) {
      this.seen.set(id, Math.max(at, this.seen.get(id) ?? 0))
      this.unread.delete(id)
    }
    save(SEEN_PREFIX + this.profileId, this.seen)
    save(UNREAD_PREFIX + this.profileId, this.unread)
    this.changed()
  }

  /** Another tab or window of this browser profile changed the read state. */
  reload(key: string | null): void {
    if (key !== null && key !== SEEN_PREFIX + this.profileId && key !== UNREAD_PREFIX + this.profileId) return
    this.seen = load(SEEN_PREFIX + this.profileId)
    this.unread = load(UNREAD_PREFIX + this.profileId)
    this.changed()
  }

  private sum(): number {
    let n = 0
    for (const v of this.unread.values()) n += v
    return n
  }

  private changed(): void {
    this.total = this.sum()
    this.listeners.forEach((l) => l())
  }
}

const stores = new Map<string, ForYouStore>()

/** The one store of a profile on this computer. */
export function forYouStoreFor(profileId: string): ForYouStore {
  let s = stores.get(profileId)
  if (!s) {
    s = new ForYouStore(profileId)
    stores.set(profileId, s)
    if (typeof window !== 'undefined') {
      const store = s
      window.addEventListener('storage', (e) => {
        if (e.storageArea === window.localStorage) store.reload(e.key)
      })
    }
  }
  return s
}
