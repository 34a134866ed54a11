import { WebrtcProvider } from 'y-webrtc'
import { addCard, addComment, commentsOf, createDoc, readBoard, renameColumn, opContext, type AnyDoc } from '@shared/doc'
import { sendNestedCommentBomb, storeAsAPeerMight } from '@shared/doc/records/rawWrite'
import type { PersonId } from '@shared/domain/ids'
import { toBase64Url } from '@shared/sync/base64url'
import { encodeInvite } from '@shared/sync/invite'
import { generateSecret } from '@shared/sync/secrets'
import type { SyncManager } from '@shared/sync/session'
import type { FortnightTestHooks } from './testHooks'

/**
 * The test hooks themselves (see testHooks.ts). Reached only through the dynamic import in
 * testHooks.ts, which exists only in builds made with VITE_FORTNIGHT_TEST_HOOKS=1: release builds
 * do not contain this module at all (`npm test` and test/security/13-*.test.ts check).
 */
const now = (): number => performance.timeOrigin + performance.now()

export function install(manager: SyncManager, openDocs: ReadonlyMap<string, AnyDoc>): () => void {
  const arrivals: Record<string, number> = {}
  const extra = new Map<string, AnyDoc>()
  let bare: WebrtcProvider | null = null
  const docs = { get: (id: string) => extra.get(id) ?? openDocs.get(id) }
  const ctx = () => opContext({ id: manager.identity.id as PersonId, name: manager.identity.name })
  const hooks: FortnightTestHooks = {
    injectRecord(docId, kind, key, value) {
      const doc = docs.get(docId)
      if (!doc) throw new Error(`${docId} is not open`)
      storeAsAPeerMight(doc, kind, key, value)
    },
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
    bareJoin(room, signaling, password) {
      const doc = createDoc()
      extra.set('bare', doc)
      bare = new WebrtcProvider(room, doc, { signaling: [signaling], ...(password ? { password } : {}), peerOpts: { config: { iceServers: [] } } })
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
    addCards(docId, columnIndex, count, prefix) {
      const doc = docs.get(docId)
      const column = doc ? readBoard(doc).columns[columnIndex] : undefined
      if (!doc || !column) throw new Error(`${docId} has no column ${columnIndex}`)
      for (let i = 1; i <= count; i++) addCard(doc, ctx(), { columnId: column.id, title: `${prefix} ${i}` })
    },
    firstColumnTitle(docId) {
      const doc = docs.get(docId)
      return doc ? (readBoard(doc).columns[0]?.title ?? null) : null
    },
    async forgeTeamInvite(docId) {
      const mine = manager.keyring.get(docId)
      if (!mine) throw new Error(`no key for ${docId} on this computer`)
      return encodeInvite({
        v: 1,
        kind: mine.kind,
        docId,
        ...(mine.docName ? { docName: mine.docName } : {}),
        role: 'team',
        secret: generateSecret(),
        signaling: [...mine.signaling],
        secretVersion: 999_999,
        issuedBy: manager.identity.name,
        issuedAt: new Date().toISOString()
      })
    },
    async keyFingerprint(docId) {
      const entry = manager.keyring.get(docId)
      if (!entry) return null
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(entry.secret))
      return { role: entry.role, secretVersion: entry.secretVersion, fingerprint: toBase64Url(new Uint8Array(digest)).slice(0, 16) }
    },
    sendNestedCommentBomb(docId, depth) {
      const doc = docs.get(docId)
      if (!doc) throw new Error(`${docId} is not open`)
      return sendNestedCommentBomb(doc, depth)
    },
    mirrorStats: (docId) => manager.sync(docId)?.mirrorStats() ?? [],
    mirrorConnections: (docId) => manager.sync(docId)?.mirrorConnections() ?? []
  }
  window.__fortnightTest = hooks
  return () => {
    bare?.disconnect()
    bare?.destroy()
    delete window.__fortnightTest
  }
}

