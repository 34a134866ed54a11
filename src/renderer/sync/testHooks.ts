import { WebrtcProvider } from 'y-webrtc'
import { addComment, commentsOf, createDoc, readBoard, renameColumn, opContext, type AnyDoc } from '@shared/doc'
import type { PersonId } from '@shared/domain/ids'
import type { SyncManager } from '@shared/sync/session'

/**
 * Test-only hooks for the end-to-end suite (test/e2e/sync*.spec.ts), on `window.__fortnightTest`.
 * Installed ONLY when the page was opened with `?fortnight-test-hooks=1` before the `#`, or the
 * build set VITE_FORTNIGHT_TEST_HOOKS=1. They let a test play a misbehaving mentor (write to the
 * board behind the interface's back) and read connection counts. They add no power anyone with
 * the browser's developer tools lacks; see docs/sync.md.
 */
export interface FortnightTestHooks {
  connections(docId: string): { webrtcConns: number; bcConns: number }
  status(docId: string): unknown
  /** Writes to the board of this computer's copy, bypassing the read-only interface. */
  misbehaveRenameFirstColumn(docId: string, title: string): boolean
  firstColumnTitle(docId: string): string | null
  mirrorStats(docId: string): unknown
  /** WebRTC peers in each mentor / viewer room this computer has joined for the doc. */
  mirrorConnections(docId: string): readonly { kind: string; webrtcConns: number }[]
  /** Bench: record when each comment (by its text) first arrives in this doc. */
  watch(docId: string): void
  /** Bench: add a comment with this text; returns the wall-clock time (ms, sub-ms precision) just before. */
  write(docId: string, text: string): number
  arrivals(): Record<string, number>
  /** Bench: the bare y-webrtc baseline, doc id 'bare': a plain doc, no password, same signaling. */
  bareJoin(room: string, signaling: string): void
  bareConnections(): { webrtcConns: number; synced: boolean }
}

declare global {
  interface Window {
    __fortnightTest?: FortnightTestHooks
  }
}

export function testHooksEnabled(): boolean {
  if (import.meta.env.VITE_FORTNIGHT_TEST_HOOKS === '1') return true
  try {
    return new URLSearchParams(window.location.search).get('fortnight-test-hooks') === '1'
  } catch {
    return false
  }
}

const now = (): number => performance.timeOrigin + performance.now()

export function installTestHooks(manager: SyncManager, openDocs: ReadonlyMap<string, AnyDoc>): () => void {
  if (!testHooksEnabled()) return () => {}
  const arrivals: Record<string, number> = {}
  const extra = new Map<string, AnyDoc>()
  let bare: WebrtcProvider | null = null
  const docs = { get: (id: string) => extra.get(id) ?? openDocs.get(id) }
  const ctx = () => opContext({ id: manager.identity.id as PersonId, name: manager.identity.name })
  window.__fortnightTest = {
    watch(docId) {
      const doc = docs.get(docId)
      if (!doc) throw new Error(`${docId} is not open`)
      commentsOf(doc).observe((e) => {
        const t = now()
        e.changes.keys.forEach((change, key) => {
          const text = change.action === 'add' ? commentsOf(doc).get(key)?.text : undefined
          if (text && arrivals[text] === undefined) arrivals[text] = t
        })
      })
    },
    write(docId, text) {
      const doc = docs.get(docId)
      if (!doc) throw new Error(`${docId} is not open`)
      const t = now()
      addComment(doc, ctx(), { text })
      return t
    },
    arrivals: () => ({ ...arrivals }),
    bareJoin(room, signaling) {
      const doc = createDoc()
      extra.set('bare', doc)
      bare = new WebrtcProvider(room, doc, { signaling: [signaling], peerOpts: { config: { iceServers: [] } } })
    },
    bareConnections() {
      const room = (bare as unknown as { room: { webrtcConns: Map<string, { synced: boolean }> } | null } | null)?.room
      const conns = room ? [...room.webrtcConns.values()] : []
      return { webrtcConns: conns.length, synced: conns.length > 0 && conns.every((c) => c.synced) }
    },
    connections: (docId) => manager.sync(docId)?.connections() ?? { webrtcConns: 0, bcConns: 0 },
    status: (docId) => manager.status(docId),
    misbehaveRenameFirstColumn(docId, title) {
      const doc = docs.get(docId)
      const column = doc ? readBoard(doc).columns[0] : undefined
      if (!doc || !column) return false
      renameColumn(doc, opContext({ id: manager.identity.id as PersonId, name: manager.identity.name }), column.id, title)
      return true
    },
    firstColumnTitle(docId) {
      const doc = docs.get(docId)
      return doc ? (readBoard(doc).columns[0]?.title ?? null) : null
    },
    mirrorStats: (docId) => manager.sync(docId)?.mirrorStats() ?? [],
    mirrorConnections: (docId) => manager.sync(docId)?.mirrorConnections() ?? []
  }
  return () => {
    bare?.disconnect()
    bare?.destroy()
    delete window.__fortnightTest
  }
}
