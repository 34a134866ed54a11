// The real y-webrtc and lib0 signaling client, over a fake WebSocket that records every address
// dialled and refuses (or accepts) it the way a real one would. No network.
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WebrtcProvider } from 'y-webrtc'
import { addCard } from '@shared/doc'
import { SyncManager } from '@shared/sync/session'
import { statusText } from '@shared/sync/status'
import { memoryStore } from '@shared/sync/store'
import { AddressTracker, webrtcInternals, webrtcInternalsProblems, yWebrtcFactory } from '@shared/sync/transports'
import { deriveRoom, docKeys } from '@shared/sync/secrets'
import { firstSecret } from '@shared/sync/rotation'
import { ALICE, ctxAt, newProject, PROJECT_ID } from '../support'

class FakeWebSocket {
  static dialled: string[] = []
  /** Addresses that accept the connection. */
  static live = new Set<string>()
  readonly OPEN = 1
  readyState = 0
  binaryType = 'blob'
  onopen: (() => void) | null = null
  onclose: ((e?: unknown) => void) | null = null
  onerror: ((e: unknown) => void) | null = null
  onmessage: ((e: unknown) => void) | null = null
  constructor(readonly url: string) {
    FakeWebSocket.dialled.push(url)
    setTimeout(() => {
      if (this.readyState !== 0) return
      if (FakeWebSocket.live.has(url)) {
        this.readyState = 1
        this.onopen?.()
      } else {
        this.readyState = 3
        this.onerror?.(new Error('connection refused'))
      }
    }, 2)
  }
  send(): void {}
  close(): void {
    if (this.readyState === 3) return
    this.readyState = 3
    setTimeout(() => this.onclose?.(), 0)
  }
  static count(url: string): number {
    return FakeWebSocket.dialled.filter((u) => u === url).length
  }
}

const DEAD_A = 'ws://127.0.0.1:1/?token=dead-a-000000000000'
const DEAD_B = 'ws://127.0.0.1:2/?token=dead-b-000000000000'
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await pause(20)
  }
}

beforeEach(() => {
  FakeWebSocket.dialled = []
  FakeWebSocket.live = new Set()
  vi.stubGlobal('WebSocket', FakeWebSocket)
})
afterEach(() => vi.unstubAllGlobals())

describe("the one place that reads y-webrtc's unpublished fields", () => {
  it('still finds every field it relies on in the installed y-webrtc and lib0', async () => {
    const doc = new Y.Doc()
    const provider = new WebrtcProvider(`fortnight-test-${Math.random()}`, doc, { signaling: [DEAD_A], password: 'pw', filterBcConns: true })
    try {
      expect(webrtcInternalsProblems(provider)).toEqual([])
      await provider.key
      await pause(0)
      expect(provider.room).not.toBeNull()
      expect(webrtcInternalsProblems(provider)).toEqual([])
      const read = webrtcInternals(provider)
      expect(read.signaling.map((s) => s.url)).toEqual([DEAD_A])
      await until(() => webrtcInternals(provider).signaling[0]!.failures >= 2)
    } finally {
      provider.disconnect()
      provider.destroy()
    }
  })

  it('notices when a field it relies on is gone (what a library upgrade would do)', () => {
    const fake = { signalingConns: [{ url: 'ws://x/', connected: 'yes' }], key: Promise.resolve(null), room: null }
    expect(webrtcInternalsProblems(fake as unknown as WebrtcProvider)).toEqual([
      'signaling socket has no boolean connected',
      'signaling socket has no boolean connecting',
      'signaling socket has no numeric unsuccessfulReconnects',
      'signaling socket has no ws'
    ])
  })
})

describe('attempts per signaling address', () => {
  it('counts every try at a dead address, and marks it unreachable within a second or two', async () => {
    const tracker = new AddressTracker()
    const doc = new Y.Doc()
    const room = await deriveRoom(await docKeys({ ...firstSecret(), docId: 'd1', role: 'team' }), 'team')
    const t = await yWebrtcFactory({ tracker }).webrtc({ room, doc, signaling: [DEAD_A], iceServers: [] })
    try {
      const started = Date.now()
      await until(() => t.status().addresses[0]!.unreachable)
      expect(Date.now() - started).toBeLessThan(3_000)
      await pause(1_500)
      const a = t.status().addresses[0]!
      const dialled = FakeWebSocket.count(DEAD_A)
      expect(a).toMatchObject({ via: 'signaling', url: DEAD_A, connected: false, unreachable: true })
      // Every dial counted (the one under way may not be yet).
      expect(a.tries).toBeGreaterThanOrEqual(dialled - 1)
      expect(a.tries).toBeLessThanOrEqual(dialled)
      expect(a.tries).toBeGreaterThan(3)
      expect(Date.now() - a.lastTryAt!).toBeLessThan(3_000)
      expect(t.status().reachable).toBe(false)
    } finally {
      await t.destroy()
    }
    // Nobody dials it now.
    const after = FakeWebSocket.count(DEAD_A)
    await pause(1_500)
    expect(FakeWebSocket.count(DEAD_A)).toBe(after)
  })

  it('resets the count once the address answers', async () => {
    const tracker = new AddressTracker()
    const url = 'ws://127.0.0.1:3/?token=comes-back-0000000'
    const doc = new Y.Doc()
    const room = await deriveRoom(await docKeys({ ...firstSecret(), docId: 'd2', role: 'team' }), 'team')
    const t = await yWebrtcFactory({ tracker }).webrtc({ room, doc, signaling: [url], iceServers: [] })
    try {
      await until(() => t.status().addresses[0]!.tries >= 2)
      FakeWebSocket.live.add(url)
      await until(() => t.status().reachable, 6_000)
      expect(t.status().addresses[0]).toMatchObject({ connected: true, tries: 0, unreachable: false })
    } finally {
      await t.destroy()
    }
  })
})

describe('changing or clearing the signaling address (real y-webrtc, fake sockets)', () => {
  it('stops dialling the old address at once, and dials nothing once cleared, even the one that came with an invite', async () => {
    const m = new SyncManager({ store: memoryStore(), factory: yWebrtcFactory({ tracker: new AddressTracker() }), identity: { ...ALICE, colour: '#000000' } })
    const { doc, todo } = newProject()
    addCard(doc, ctxAt(), { columnId: todo.id, title: 'Card' })
    await m.updateSettings({ ...m.getSettings(), signaling: [DEAD_A] })
    m.attach(PROJECT_ID, 'project', doc)
    await m.startSharing(PROJECT_ID, 'project', 'Project')
    await until(() => m.status(PROJECT_ID).state === 'unreachable')
    expect(statusText(m.status(PROJECT_ID))).toMatch(/^Cannot reach the sync server at ws:\/\/127\.0\.0\.1:1 \(tried \d+ times, last at \d\d:\d\d\)$/)
    expect(m.overallStatus().state).toBe('unreachable')

    await m.updateSettings({ ...m.getSettings(), signaling: [DEAD_B] })
    const aAfterChange = FakeWebSocket.count(DEAD_A)
    await until(() => FakeWebSocket.count(DEAD_B) >= 3)
    await pause(1_500)
    expect(FakeWebSocket.count(DEAD_A)).toBe(aAfterChange)
    expect(statusText(m.status(PROJECT_ID))).toContain('ws://127.0.0.1:2')

    // The invite's address is kept in the keyring, but clearing means clearing.
    m.keyring.set({ ...m.keyring.get(PROJECT_ID)!, signaling: [DEAD_A] })
    await m.updateSettings({ ...m.getSettings(), signaling: [] })
    const counts = [FakeWebSocket.count(DEAD_A), FakeWebSocket.count(DEAD_B)]
    await pause(1_500)
    expect([FakeWebSocket.count(DEAD_A), FakeWebSocket.count(DEAD_B)]).toEqual(counts)
    expect(m.status(PROJECT_ID)).toMatchObject({ state: 'offline', problem: expect.stringMatching(/No signaling address/) })
    await m.detachAll()
  })
})
