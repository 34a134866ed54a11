import { readBoard, renameColumn, opContext, type AnyDoc } from '@shared/doc'
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

export function installTestHooks(manager: SyncManager, docs: ReadonlyMap<string, AnyDoc>): () => void {
  if (!testHooksEnabled()) return () => {}
  window.__fortnightTest = {
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
    mirrorStats: (docId) => manager.sync(docId)?.mirrorStats() ?? []
  }
  return () => {
    delete window.__fortnightTest
  }
}
