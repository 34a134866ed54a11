import { z } from 'zod'
import { localStore } from '../../storage/localStore'

/**
 * "For you" read state, on this computer: which comments this person has read, each at the
 * version they read (`ForYouItem.version`: the comment's `editedAt ?? at`), and how many listed
 * comments are not read in each project (`unread`, a cache for the header, refreshed whenever a
 * project is open or the For you page reads it).
 *
 * Why per comment, not one "last looked" time per project: a comment's time is what its writer's
 * app says. A mentor's app may say 2099, and "everything up to the newest is read" would then
 * switch unread off for good; a colleague whose clock is slow would write new comments that are
 * "older" than the last look. A comment is read only when this person marked it, at the version
 * they saw, so no time, however wrong, marks anything else as read, and an edit is new again.
 *
 * Why not in the shared doc: it is one person's own state, and writing it into the project would
 * send every "I looked" to every colleague, grow the doc for ever, and show up in the team's
 * history; a mentor's app may not write anything but comments into a project anyway. The cost:
 * reading on another computer starts unread again. Scoped by profile id, so two people sharing a
 * browser profile in turn do not clear each other's.
 *
 * Bounded: "Mark all as read" keeps, for each project it lists, exactly the comments listed (so
 * marks of comments no longer for you go), and at most `MAX_MARKS` marks in all (about 160 kB);
 * beyond that the marks of the projects marked longest ago go first, and those comments show as
 * new again.
 */
const READ_PREFIX = 'fortnight.forYou.read.'
const UNREAD_PREFIX = 'fortnight.forYou.unread.'
/** The one-time-per-project state this replaced: removed when found. */
const OLD_SEEN_PREFIX = 'fortnight.forYou.seen.'
const MAX_PROJECTS = 2000
export const MAX_MARKS = 3000

const idSchema = z.string().min(1).max(100)
const versionSchema = z.number().min(0).max(8.64e15)
const unreadSchema = z.record(idSchema, z.number().int().min(0).max(1_000_000))
const marksSchema = z.record(idSchema, z.record(idSchema, versionSchema))

/** One comment as the store needs it: which one, at which version (a `ForYouItem` fits). */
export interface ReadMarkable {
  readonly comment: { readonly id: string }
  readonly version: number
}

function loadJson(key: string): unknown {
  try {
    const raw = localStore().getItem(key)
    return raw === null ? undefined : (JSON.parse(raw) as unknown)
  } catch {
    return undefined
  }
}

function loadUnread(key: string): Map<string, number> {
  // A damaged entry means "nothing counted yet": the next read counts again.
  const parsed = unreadSchema.safeParse(loadJson(key))
  return parsed.success ? new Map(Object.entries(parsed.data).slice(0, MAX_PROJECTS)) : new Map()
}

function loadMarks(key: string): Map<string, Map<string, number>> {
  // A damaged entry means "nothing read": at worst, some comments show as new again.
  const parsed = marksSchema.safeParse(loadJson(key))
  if (!parsed.success) return new Map()
  const out = new Map<string, Map<string, number>>()
  let total = 0
  for (const [project, marks] of Object.entries(parsed.data)) {
    const m = new Map(Object.entries(marks).slice(0, Math.max(0, MAX_MARKS - total)))
    total += m.size
    if (m.size > 0) out.set(project, m)
  }
  return out
}

function save(key: string, value: unknown): void {
  try {
    localStore().setItem(key, JSON.stringify(value))
  } catch (err) {
    console.error('Could not keep what you have read on this computer', err)
  }
}

export class ForYouStore {
  /** Project → comment → the version read; projects in the order they were last marked. */
  private marks: Map<string, Map<string, number>>
  private unread: Map<string, number>
  private total = 0
  private rev = 0
  private readonly listeners = new Set<() => void>()

  constructor(private readonly profileId: string) {
    this.marks = loadMarks(READ_PREFIX + profileId)
    this.unread = loadUnread(UNREAD_PREFIX + profileId)
    this.total = this.sum()
    try {
      localStore().removeItem(OLD_SEEN_PREFIX + profileId)
    } catch {
      // Nothing to tidy.
    }
  }

  /** True when this person marked this comment as read at this version (an edit is new again). */
  isRead(projectId: string, item: ReadMarkable): boolean {
    return this.marks.get(projectId)?.get(item.comment.id) === item.version
  }

  /** How many of `items` (one project's list) are not read. */
  unreadOf(projectId: string, items: readonly ReadMarkable[]): number {
    return items.reduce((n, i) => (this.isRead(projectId, i) ? n : n + 1), 0)
  }

  /** Comments for this person, in all projects, not read (as last counted). */
  totalUnread = (): number => this.total

  /** Changes whenever anything in the store does (for useSyncExternalStore). */
  revision = (): number => this.rev

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
    this.saveUnread()
    this.changed()
  }

  /**
   * "Mark all as read": every listed comment is read at its listed version. For each project
   * given, the marks become exactly its listed comments (marks of comments no longer listed go).
   */
  markAllRead(listed: ReadonlyMap<string, readonly ReadMarkable[]>): void {
    for (const [projectId, items] of listed) {
      const m = new Map<string, number>()
      // Oldest first, so that trimming drops the oldest marks.
      for (const i of [...items].sort((x, y) => x.version - y.version)) m.set(i.comment.id, i.version)
      this.marks.delete(projectId) // re-inserted last: the most recently marked project
      if (m.size > 0) this.marks.set(projectId, m)
      this.unread.delete(projectId)
    }
    this.trim()
    save(READ_PREFIX + this.profileId, Object.fromEntries([...this.marks].map(([p, m]) => [p, Object.fromEntries(m)])))
    this.saveUnread()
    this.changed()
  }

  /** Another tab or window of this browser profile changed the read state. */
  reload(key: string | null): void {
    if (key !== null && key !== READ_PREFIX + this.profileId && key !== UNREAD_PREFIX + this.profileId) return
    this.marks = loadMarks(READ_PREFIX + this.profileId)
    this.unread = loadUnread(UNREAD_PREFIX + this.profileId)
    this.changed()
  }

  /** At most MAX_MARKS in all: the projects marked longest ago give way first. */
  private trim(): void {
    let total = 0
    for (const m of this.marks.values()) total += m.size
    for (const [projectId, m] of this.marks) {
      if (total <= MAX_MARKS) break
      const over = total - MAX_MARKS
      if (m.size <= over) {
        this.marks.delete(projectId)
        total -= m.size
      } else {
        const keys = [...m.keys()].slice(0, over)
        keys.forEach((k) => m.delete(k))
        total -= keys.length
      }
    }
  }

  private saveUnread(): void {
    save(UNREAD_PREFIX + this.profileId, Object.fromEntries([...this.unread].slice(-MAX_PROJECTS)))
  }

  private sum(): number {
    let n = 0
    for (const v of this.unread.values()) n += v
    return n
  }

  private changed(): void {
    this.total = this.sum()
    this.rev++
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
