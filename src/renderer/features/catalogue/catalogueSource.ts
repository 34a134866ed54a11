import { useSyncExternalStore } from 'react'
import {
  fileTooBig,
  importCatalogue,
  indexedDbCatalogueStore,
  memoryCatalogueStore,
  type CatalogueSnapshot,
  type CatalogueStore,
  type ImportOutcome,
  type ImportProgress
} from '@shared/pipeline/catalogue'
import type { DateOrder } from '@shared/pipeline/importCsv'
import { whenIdle } from '../../components/lazyLoad'
import { similarityIndex } from '@shared/pipeline/similar'
import { useWorkspace } from '../../workspace/WorkspaceContext'

/**
 * The programme's sector catalogue for every screen that shows it (the catalogue page, similar
 * projects on a form): one store and one loaded snapshot per programme, kept for the session, so
 * mounting SimilarProjects on a form costs no second read of 5,000 projects. Another window's
 * import reloads it.
 */
export interface CatalogueState {
  readonly status: 'loading' | 'ready' | 'error'
  readonly snapshot: CatalogueSnapshot
  /** Why it could not be read (status 'error'). */
  readonly error: string | null
}

const EMPTY: CatalogueSnapshot = Object.freeze({ projects: Object.freeze([]), info: null, unreadable: 0 })

/** A turn for the browser between batches: a macrotask, so the progress bar paints. */
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

export class CatalogueSource {
  private state: CatalogueState = { status: 'loading', snapshot: EMPTY, error: null }
  private readonly listeners = new Set<() => void>()
  private loading: Promise<void> | null = null
  private watching = false

  constructor(private readonly store: CatalogueStore) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    if (!this.watching) {
      this.watching = true
      // A change made here comes with its snapshot; another window's is read again.
      this.store.subscribe((next) => (next ? this.ready(next) : void this.reload()))
      void this.reload()
    }
    return () => this.listeners.delete(listener)
  }

  readonly getState = (): CatalogueState => this.state

  private set(next: CatalogueState): void {
    this.state = next
    this.listeners.forEach((l) => l())
  }

  private ready(snapshot: CatalogueSnapshot): void {
    this.set({ status: 'ready', snapshot, error: null })
    // Index the catalogue for "similar projects" while the browser is idle, so the first
    // suggestion as someone types a project's name does not wait for it.
    if (snapshot.projects.length > 0) void whenIdle(() => void similarityIndex(snapshot.projects))
  }

  reload(): Promise<void> {
    // One read at a time; a change during a read is picked up by one more read after it.
    const run = async (): Promise<void> => {
      try {
        this.ready(await this.store.load())
      } catch {
        this.set({ status: 'error', snapshot: this.state.snapshot, error: 'The sector catalogue could not be read on this computer. Close other Fortnight windows and try again.' })
      }
    }
    this.loading = (this.loading ?? Promise.resolve()).then(run)
    return this.loading
  }

  /** Import a picked file: its size is checked before a byte is read. */
  async importFile(file: File, opts: { dateOrder: DateOrder; onProgress(p: ImportProgress): void }): Promise<ImportOutcome> {
    const tooBig = fileTooBig(file.size)
    if (tooBig) return { ok: false, error: tooBig, issues: [] }
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await file.arrayBuffer())
    } catch {
      return { ok: false, error: 'The file could not be read. It may have been moved or deleted; choose it again.', issues: [] }
    }
    // The store hands the new snapshot to subscribe() as it commits: no reading back.
    return importCatalogue(this.store, { name: file.name, bytes }, { dateOrder: opts.dateOrder, onProgress: opts.onProgress, pause })
  }

  clear(): Promise<void> {
    return this.store.clear()
  }
}

const sources = new Map<string, CatalogueSource>()

export function catalogueSourceFor(programmeId: string): CatalogueSource {
  let s = sources.get(programmeId)
  if (!s) {
    const store = typeof indexedDB === 'undefined' ? memoryCatalogueStore() : indexedDbCatalogueStore(programmeId)
    s = new CatalogueSource(store)
    sources.set(programmeId, s)
  }
  return s
}

/** This programme's catalogue, loaded on first use and kept current. */
export function useCatalogue(): { readonly source: CatalogueSource; readonly state: CatalogueState } {
  const { programmeId } = useWorkspace()
  const source = catalogueSourceFor(programmeId)
  const state = useSyncExternalStore(source.subscribe, source.getState)
  return { source, state }
}
