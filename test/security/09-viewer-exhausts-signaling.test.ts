// Attack 9 (issue 8): the office's signaling token rode in every invite, viewers' too, rotation
// did not change it, and the 512-connection cap was global. So one viewer could open 512
// connections and lock the whole office out. Played here against the real server on loopback.
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { roomOfToken, startSignalingServer, type SignalingServer } from '../../src/main/signaling/server'
import { addCard } from '@shared/doc'
import { decodeInvite } from '@shared/sync/invite'
import { deriveRoom, docKeys } from '@shared/sync/secrets'
import { SyncManager } from '@shared/sync/session'
import { roomToken } from '@shared/sync/signalingTokens'
import { memoryStore } from '@shared/sync/store'
import { ALICE, ctxAt, newProject, PROJECT_ID } from '../shared/support'
import { Hub } from '../shared/sync/hub'

const OFFICE = 'office-token-0123456789abcdef'
const servers: SignalingServer[] = []
const sockets: WebSocket[] = []
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** Opens a socket (from `from`, a loopback address) and says whether the server let it in. */
function open(url: string, from = '127.0.0.1'): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress: from })
    sockets.push(ws)
    ws.on('open', () => resolve(ws))
    ws.on('error', () => resolve(null))
    ws.on('unexpected-response', () => resolve(null))
  })
}

async function officeAndViewerInvite() {
  const server = await startSignalingServer({ port: 0, host: '127.0.0.1', token: OFFICE })
  servers.push(server)
  const alice = new SyncManager({ store: memoryStore(), factory: new Hub().factory(), identity: { ...ALICE, colour: '#1d70b8' } })
  await alice.updateSettings({ ...alice.getSettings(), signaling: [server.url] })
  const { doc, todo } = newProject()
  addCard(doc, ctxAt(), { columnId: todo.id, title: 'Card' })
  alice.attach(PROJECT_ID, 'project', doc)
  await alice.startSharing(PROJECT_ID, 'project', 'Blue badge renewals')
  const viewer = await decodeInvite(await alice.createInvite(PROJECT_ID, 'viewer'))
  return { server, alice, viewerUrl: viewer.signaling[0]! }
}

describe("attack 9: one viewer locks the office out of the signaling server", () => {
  it("a viewer's invite does not carry the office token, and its token opens only a few connections", async () => {
    const { server, viewerUrl } = await officeAndViewerInvite()
    expect(viewerUrl).not.toContain(OFFICE)
    expect(new URL(viewerUrl).searchParams.get('token')).toMatch(/^r1\./)

    // The viewer's app tries to fill the server with its invite's token.
    const attempts = await Promise.all(Array.from({ length: 40 }, () => open(viewerUrl)))
    expect(attempts.filter(Boolean).length).toBe(8)
    expect(server.stats().upgradesRefused.roomToken).toBe(32)
    // The office still gets in.
    expect(await open(server.url, '127.0.0.2')).not.toBeNull()
  })

  it("a viewer's token cannot subscribe to any room but its own", async () => {
    const { server, alice, viewerUrl } = await officeAndViewerInvite()
    const ws = (await open(viewerUrl))!
    const teamRoom = await deriveRoom(await docKeys(alice.keyring.get(PROJECT_ID)!), 'team')
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)))
    ws.send(JSON.stringify({ type: 'subscribe', topics: [teamRoom.name] }))
    expect(await closed).toBe(1008)
    for (let i = 0; i < 100 && server.stats().closed['wrong-room'] === 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(server.stats().closed['wrong-room']).toBe(1)
  })

  it('one address cannot take every connection, even with the office token', async () => {
    const server = await startSignalingServer({ port: 0, host: '127.0.0.1', token: OFFICE, maxConnectionsPerAddress: 5 })
    servers.push(server)
    const flood = await Promise.all(Array.from({ length: 20 }, () => open(server.url, '127.0.0.3')))
    expect(flood.filter(Boolean).length).toBe(5)
    expect(server.stats().upgradesRefused.address).toBe(15)
    expect(await open(server.url, '127.0.0.4')).not.toBeNull()
  })

  it("rotation changes the viewer's token: the old one cannot reach the new room", async () => {
    const { alice, viewerUrl } = await officeAndViewerInvite()
    await alice.rotate(PROJECT_ID)
    const fresh = await decodeInvite(await alice.createInvite(PROJECT_ID, 'viewer'))
    expect(fresh.signaling[0]).not.toBe(viewerUrl)
    const newRoom = await deriveRoom(await docKeys({ docId: PROJECT_ID, role: 'viewer', secret: fresh.secret, secretVersion: fresh.secretVersion }), 'viewer')
    const old = new URL(viewerUrl).searchParams.get('token')
    expect(roomOfToken(old, OFFICE)).not.toBe(newRoom.name)
    expect(roomOfToken(new URL(fresh.signaling[0]!).searchParams.get('token'), OFFICE)).toBe(newRoom.name)
  })

  it('a made-up room token is refused, and the browser and node compute the same token', async () => {
    const { server } = await officeAndViewerInvite()
    const forged = await roomToken('not-the-office-token-000', 'A'.repeat(43))
    expect(await open(`ws://127.0.0.1:${server.port}/?token=${forged}`)).toBeNull()
    expect(roomOfToken(await roomToken(OFFICE, 'B'.repeat(43)), OFFICE)).toBe('B'.repeat(43))
  })
})
