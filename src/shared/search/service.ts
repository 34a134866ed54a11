import {
  docChangeKey,
  projectDocName,
  readProjectIndex,
  subscribeDocLater,
  type DocRegistry,
  type ProgrammeDoc,
  type ProjectDoc
} from '../doc'
import type { ProjectId } from '../domain/ids'
import { readProjectEntries } from './entries'
import { SearchIndex } from './searchIndex'

export interface SearchStatus {
  /** Projects in the programme (from its project index). */
  readonly projects: number
  /** Of those, read into the index this session. */
  readonly read: number
  readonly indexing: boolean
  /** Projects that could not be opened from this computer's storage. */
  readonly failed: readonly string[]
  /** Moves on whenever the index changed: the cue to run the query again. */
  readonly version: number
}

/** Projects opened at once: small batches keep the page responsive and memory use flat. */
const BATCH = 4
/** Edits arriving in a burst (typing in a note) re-index their project once, this long after the last. */
export const SEARCH_DEBOUNCE_MS = 300

interface Held {
  readonly docName: string
  readonly off: () => void
  timer?: ReturnType<typeof setTimeout>
}

/** A macrotask: lets the browser paint and handle input between batches. */
function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * The programme's search index, kept for as long as the app runs (so coming back to search is
 * instant) and brought up to date while a search screen is open.
 *
 * While a screen is open ("a session"), every project doc is acquired through the DocRegistry,
 * read through the doc layer, and kept acquired, so changes arriving from this computer or a
 * colleague re-index that project alone (debounced). When the last screen closes, every doc is
 * released. A project whose doc has not changed since it was last read (same state vector) is
 * not read again. Nothing here starts network sync: docs are opened the same way any screen
 * opens them.
 */
export class SearchService {
  readonly index = new SearchIndex()
  private readonly indexedKeys = new Map<ProjectId, string>()
  private readonly listeners = new Set<() => void>()
  private readonly held = new Map<ProjectId, Held>()
  private status: SearchStatus = { projects: 0, read: 0, indexing: false, failed: [], version: 0 }
  private sessions = 0
  private generation = 0
  private offProgramme: (() => void) | null = null
  private queue: ProjectId[] = []
  private running = false
  private readIds = new Set<ProjectId>()
  private failed = new Map<ProjectId, string>()

  constructor(
    private readonly registry: DocRegistry,
    private readonly programme: ProgrammeDoc
  ) {}

  getStatus = (): SearchStatus => this.status

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** A search screen opened. Returns its "closed" call. */
  open(): () => void {
    this.sessions++
    if (this.sessions === 1) this.startSession()
    let closed = false
    return () => {
      if (closed) return
      closed = true
      this.sessions--
      if (this.sessions === 0) this.endSession()
    }
  }

  private emit(patch: Partial<SearchStatus>, changedIndex = false): void {
    this.status = { ...this.status, ...patch, version: this.status.version + (changedIndex ? 1 : 0) }
    this.listeners.forEach((l) => l())
  }

  private startSession(): void {
    this.generation++
    this.readIds = new Set()
    this.failed = new Map()
    this.offProgramme = subscribeDocLater(this.programme, () => this.syncProjectList())
    this.syncProjectList()
  }

  private endSession(): void {
    this.generation++
    this.offProgramme?.()
    this.offProgramme = null
    this.queue = []
    for (const [id] of this.held) this.letGo(id)
    this.emit({ indexing: false })
  }

  /** The programme's project list changed (or the session began): queue new ones, drop removed ones. */
  private syncProjectList(): void {
    const ids = readProjectIndex(this.programme).map((p) => p.id)
    const wanted = new Set(ids)
    let removed = false
    for (const id of this.index.projectIds()) {
      if (wanted.has(id)) continue
      this.index.removeProject(id)
      this.indexedKeys.delete(id)
      removed = true
    }
    for (const id of [...this.held.keys()]) if (!wanted.has(id)) this.letGo(id)
    for (const id of ids) if (!this.held.has(id) && !this.queue.includes(id) && !this.readIds.has(id)) this.queue.push(id)
    this.emit({ projects: ids.length, read: [...this.readIds].filter((id) => wanted.has(id)).length }, removed)
    void this.drain()
  }

  private async drain(): Promise<void> {
    if (this.running) return
    this.running = true
    const gen = this.generation
    try {
      while (this.queue.length > 0 && gen === this.generation) {
        this.emit({ indexing: true })
        const batch = this.queue.splice(0, BATCH)
        await Promise.all(batch.map((id) => this.hold(id, gen)))
        if (gen !== this.generation) break
        this.emit({ read: this.readIds.size, failed: [...this.failed.values()] })
        await yieldToUi()
      }
    } finally {
      this.running = false
      if (gen === this.generation) this.emit({ indexing: false })
      // A session that ended and restarted while this ran: serve its queue.
      if (gen !== this.generation && this.sessions > 0) void this.drain()
    }
  }

  private async hold(id: ProjectId, gen: number): Promise<void> {
    const docName = projectDocName(id)
    let local
    try {
      local = await this.registry.acquire(docName, { network: false })
    } catch {
      const name = readProjectIndex(this.programme).find((p) => p.id === id)?.name ?? 'A project'
      this.failed.set(id, name)
      this.readIds.add(id)
      return
    }
    if (gen !== this.generation || this.held.has(id)) {
      this.registry.release(docName)
      return
    }
    const doc = local.doc
    const held: Held = {
      docName,
      off: subscribeDocLater(doc, () => {
        clearTimeout(held.timer)
        held.timer = setTimeout(() => {
          if (this.held.get(id) === held) this.reindex(id, doc)
        }, SEARCH_DEBOUNCE_MS)
      })
    }
    this.held.set(id, held)
    this.failed.delete(id)
    this.readIds.add(id)
    this.reindex(id, doc)
  }

  private reindex(id: ProjectId, doc: ProjectDoc): void {
    const key = docChangeKey(doc)
    if (this.indexedKeys.get(id) === key) return
    const { indexed, removed } = this.index.setProject(id, readProjectEntries(doc))
    this.indexedKeys.set(id, key)
    if (indexed || removed) this.emit({}, true)
  }

  private letGo(id: ProjectId): void {
    const held = this.held.get(id)
    if (!held) return
    clearTimeout(held.timer)
    held.off()
    this.held.delete(id)
    this.registry.release(held.docName)
  }
}

const services = new WeakMap<ProgrammeDoc, SearchService>()

/**
 * The one search service of a programme doc (created on first use), so every screen shares one
 * index and a second visit to search starts from what the first one built.
 */
export function searchServiceFor(registry: DocRegistry, programme: ProgrammeDoc): SearchService {
  let s = services.get(programme)
  if (!s) {
    s = new SearchService(registry, programme)
    services.set(programme, s)
  }
  return s
}
