// Attack 10 (issue 8): the relay is attached to the programme doc, and the programme doc used to
// carry every project's team key (`teamKeys`), so a relay operator, or anyone who could read its
// storage, got the keys to every project's team room. Played here against the real
// @y/websocket-server: the operator connects to the rooms it relays and reads what it stores.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createProject, initProgrammeDoc, TEAM_KEYS } from '@shared/doc'
import type { ProgrammeId, ProjectId } from '@shared/domain/ids'
import { deriveRoom, docKeys, generateSecret } from '@shared/sync/secrets'
import { SyncManager } from '@shared/sync/session'
import { memoryStore } from '@shared/sync/store'
import { yWebrtcFactory, type TransportFactory } from '@shared/sync/transports'
import { ALICE, BOB, ctxAt } from '../shared/support'
import { Hub, settle } from '../shared/sync/hub'

const SIGNALING = 'ws://127.0.0.1:4444/?token=office-token-123456'
const children: ChildProcess[] = []
const cleanups: (() => void)[] = []

afterEach(async () => {
  cleanups.splice(0).forEach((c) => c())
  await Promise.all(children.splice(0).map((c) => new Promise<void>((res) => (c.once('exit', () => res()), c.kill('SIGTERM')))))
})

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => res(port))
    })
  })
}

async function startRelay(): Promise<string> {
  const port = await freePort()
  const child = spawn(process.execPath, [join(__dirname, '../../node_modules/@y/websocket-server/src/server.js')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  children.push(child)
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error('relay did not start')), 10_000)
    child.stdout?.on('data', (d: Buffer) => {
      if (!d.toString().includes('running')) return
      clearTimeout(timer)
      res()
    })
  })
  return `ws://127.0.0.1:${port}`
}

async function until(check: () => boolean, ms = 8_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** The relay operator: joins a room it relays and takes everything the relay holds for it. */
async function whatTheRelayStores(relayUrl: string, roomName: string): Promise<Uint8Array> {
  const doc = new Y.Doc()
  const p = new WebsocketProvider(relayUrl, roomName, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true })
  cleanups.push(() => p.destroy())
  await until(() => p.synced)
  return Y.encodeStateAsUpdate(doc)
}

function contains(haystack: Uint8Array, needle: string): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle, 'utf8'))
}

describe('attack 10: the relay receives every project key', () => {
  it("a relay operator finds no secret in the programme doc it stores, after migrating old keys, and the team keeps access", async () => {
    const relayUrl = await startRelay()
    const hub = new Hub()
    const real = yWebrtcFactory({ WebSocketPolyfill: WebSocket })
    const factory: TransportFactory = { webrtc: hub.factory().webrtc, relay: real.relay }
    const settings = { signaling: [SIGNALING], iceServers: [], relayUrl, online: true }

    // A programme doc written by an older Fortnight: project Old's key is still in `teamKeys`.
    const programme = new Y.Doc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'Change programme' })
    const oldId = 'project-old' as ProjectId
    const newId = 'project-new' as ProjectId
    createProject(programme, new Y.Doc(), ctxAt(), { id: oldId, name: 'Garden waste' })
    createProject(programme, new Y.Doc(), ctxAt(), { id: newId, name: 'Blue badges' })
    const legacy = { secret: generateSecret(), secretVersion: 3 }
    programme.getMap(TEAM_KEYS).set(oldId, legacy)

    const alice = new SyncManager({ store: memoryStore(), factory, identity: { ...ALICE, colour: '#1d70b8' } })
    await alice.updateSettings(settings)
    alice.attach('prog-1', 'programme', programme)
    await alice.startSharing('prog-1', 'programme', 'Change programme')
    await settle()
    // Migrated: Alice holds the old key unchanged (no one loses access), the programme doc no longer has it.
    expect(alice.keyring.get(oldId)).toMatchObject({ role: 'team', ...legacy })
    expect(programme.getMap(TEAM_KEYS).size).toBe(0)
    const newKey = alice.keyring.get(newId)!
    expect(newKey.role).toBe('team')

    // Bob joins the programme: he gets both keys, through the keys room (WebRTC only).
    const bob = new SyncManager({ store: memoryStore(), factory, identity: { ...BOB, colour: '#00703c' } })
    await bob.updateSettings(settings)
    await bob.join(await alice.createInvite('prog-1', 'team'))
    const bobProgramme = new Y.Doc()
    bob.attach('prog-1', 'programme', bobProgramme)
    await until(() => bob.keyring.get(oldId)?.secret === legacy.secret && bob.keyring.get(newId)?.secret === newKey.secret)

    // The relay has the programme doc (the team room's name)...
    const room = await deriveRoom(await docKeys(alice.keyring.get('prog-1')!), 'team')
    await until(() => alice.status('prog-1').relay === 'synced')
    const stored = await whatTheRelayStores(relayUrl, room.name)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, stored)
    expect(contains(stored, 'Garden waste')).toBe(true)
    // ...and no secret: not the migrated one, not the new one, not the programme's own.
    for (const secret of [legacy.secret, newKey.secret, alice.keyring.get('prog-1')!.secret]) expect(contains(stored, secret)).toBe(false)
    expect(copy.getMap(TEAM_KEYS).size).toBe(0)

    await alice.detachAll()
    await bob.detachAll()
  })
})
