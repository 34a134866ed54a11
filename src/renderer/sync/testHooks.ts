import type { AnyDoc } from '@shared/doc'
import type { SyncManager } from '@shared/sync/session'

/**
 * Test-only hooks for the end-to-end suite and the bench, on `window.__fortnightTest`. They let a
 * test play a misbehaving peer (write to the board behind the interface's back, store a malformed
 * record) and read connection counts.
 *
 * They exist ONLY in builds made with VITE_FORTNIGHT_TEST_HOOKS=1 (scripts/e2e.mjs and the bench
 * set it; the desktop build forces it off). The flag is replaced by a constant at build time, so in
 * a release build the dynamic import below is dead code and Rollup leaves testHooksImpl.ts out of
 * the bundle altogether. No URL parameter or setting can switch them on. `npm test` and
 * test/security/13-*.test.ts check the release bundles for their names.
 */
export interface FortnightTestHooks {
  connections(docId: string): { webrtcConns: number; bcConns: number }
  status(docId: string): unknown
  /**
   * Stores `value` as a peer might have (an object becomes a Y.Map, except in `comments` and
   * `decisions`, which hold plain values; `activity` appends), bypassing every check.
   */
  injectRecord(docId: string, kind: string, key: string, value: unknown): void
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
  /**
   * Bench: the bare y-webrtc baseline, doc id 'bare': a plain doc, same signaling; with `password`,
   * y-webrtc's own room encryption, as every Fortnight room has.
   */
  bareJoin(room: string, signaling: string, password?: string): void
  bareConnections(): { webrtcConns: number; synced: boolean }
  /**
   * Attack 1 of issue 8, from a mentor's app: a well-formed TEAM invite for this doc, made with the
   * real encoder but a secret of this app's own choosing and a very high version.
   */
  forgeTeamInvite(docId: string): Promise<string>
  /**
   * This computer's key for the doc, without the secret: its role, version and a SHA-256
   * fingerprint of the secret (to show a key did or did not change).
   */
  keyFingerprint(docId: string): Promise<{ role: string; secretVersion: number; fingerprint: string } | null>
  /**
   * Attack 2 of issue 8: one comment that is `depth` nested Y.Maps, written into this computer's
   * copy behind the interface (so it travels to the room) from a throwaway Yjs client, so this
   * app's own session stays clean for honest comments afterwards. Returns the update's size in bytes.
   */
  sendNestedCommentBomb(docId: string, depth: number): number
  /** Add `count` cards titled "<prefix> 1"… to the end of column `columnIndex` (a long board without typing them). */
  addCards(docId: string, columnIndex: number, count: number, prefix: string): void
}

declare global {
  interface Window {
    __fortnightTest?: FortnightTestHooks
  }
}

/** True only in a build made with VITE_FORTNIGHT_TEST_HOOKS=1: a constant after the build. */
export const TEST_HOOKS_BUILT = import.meta.env.VITE_FORTNIGHT_TEST_HOOKS === '1'

/**
 * Install the hooks (a test build) or do nothing (every other build). The hooks arrive a moment
 * later (a dynamic import); tests wait for `window.__fortnightTest`.
 */
export function installTestHooks(manager: SyncManager, openDocs: ReadonlyMap<string, AnyDoc>): () => void {
  if (!TEST_HOOKS_BUILT) return () => {}
  let off: (() => void) | null = null
  let stopped = false
  void import('./testHooksImpl').then((m) => {
    if (!stopped) off = m.install(manager, openDocs)
  })
  return () => {
    stopped = true
    off?.()
  }
}
