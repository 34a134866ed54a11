// Attack 7, at the transport: a mentor's or viewer's app sends structs claiming a team client id
// into the room. y-webrtc has no inbound hook, so inboundHook.ts wraps each connection's peer: the
// update goes to the mirror's gate, and y-webrtc's own reader gets an empty update. Run against
// the installed y-webrtc (a real WebrtcConn on a real simple-peer with @roamhq/wrtc), so an
// upgrade that moves what the hook relies on fails here instead of silently turning it off.
import wrtc from '@roamhq/wrtc'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { WebrtcConn, WebrtcProvider } from 'y-webrtc'
import * as Y from 'yjs'
import { divertSyncUpdate, inboundHookProblems, installInboundHook } from '@shared/sync/inboundHook'

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, type)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

function forgedUpdate(clientID: number): Uint8Array {
  const forger = new Y.Doc()
  forger.clientID = clientID
  forger.getMap('cards').set('decoy', 'forged')
  return Y.encodeStateAsUpdate(forger)
}

describe('the inbound hook', () => {
  it('hands a sync update to the gate and gives y-webrtc an empty one; leaves other messages alone', () => {
    const got: Uint8Array[] = []
    const update = forgedUpdate(42)
    const passed = divertSyncUpdate(syncMessage(2, update), (u) => got.push(u))
    expect(got).toEqual([update])
    expect(passed).toEqual(syncMessage(2, new Uint8Array([0, 0])))
    // Step 2 keeps its type, so y-webrtc still marks the peer synced.
    expect(divertSyncUpdate(syncMessage(1, update), () => {})).toEqual(syncMessage(1, new Uint8Array([0, 0])))
    const step1 = syncMessage(0, Y.encodeStateVector(new Y.Doc()))
    expect(divertSyncUpdate(step1, () => got.push(new Uint8Array()))).toBe(step1)
    const awareness = new Uint8Array([1, 2, 3])
    expect(divertSyncUpdate(awareness, () => {})).toBe(awareness)
    expect(divertSyncUpdate(new Uint8Array([0, 9]), () => {})).toBeNull()
    expect(divertSyncUpdate(new Uint8Array([0]), () => {})).toBeNull()
    expect(got).toHaveLength(1)
  })

  it("on a real y-webrtc connection, a forged struct reaches the gate and never the room's doc", async () => {
    const doc = new Y.Doc()
    const provider = new WebrtcProvider(`fortnight-hook-${Math.random()}`, doc, {
      signaling: [],
      password: 'pw',
      filterBcConns: true,
      peerOpts: { wrtc, config: { iceServers: [] } }
    })
    const conns: WebrtcConn[] = []
    try {
      await provider.key
      await new Promise((r) => setTimeout(r, 0))
      const room = (provider as unknown as { room: { webrtcConns: Map<string, WebrtcConn> } }).room
      expect(inboundHookProblems(room)).toEqual([])
      const received: Uint8Array[] = []
      installInboundHook(room, (u) => received.push(u))

      // A peer connection made after the hook, as y-webrtc makes one when a peer announces itself.
      const signalling = { send: () => {}, connected: true } as unknown as ConstructorParameters<typeof WebrtcConn>[0]
      const conn = new WebrtcConn(signalling, false, 'hostile-peer', room as unknown as ConstructorParameters<typeof WebrtcConn>[3])
      conns.push(conn)
      room.webrtcConns.set('hostile-peer', conn)
      expect(inboundHookProblems(room, conn)).toEqual([])

      const update = forgedUpdate(doc.clientID + 1)
      ;(conn as unknown as { peer: { emit(e: string, d: Uint8Array): boolean } }).peer.emit('data', syncMessage(2, update))
      expect(received).toEqual([update])
      expect(doc.getMap('cards').has('decoy')).toBe(false)
      // A step 2 still marks the peer synced: y-webrtc's protocol runs as before.
      ;(conn as unknown as { peer: { emit(e: string, d: Uint8Array): boolean } }).peer.emit('data', syncMessage(1, update))
      expect(conn.synced).toBe(true)
      expect(doc.getMap('cards').has('decoy')).toBe(false)
    } finally {
      conns.forEach((c) => c.destroy())
      provider.disconnect()
      provider.destroy()
    }
  })

  it('says so when y-webrtc no longer has what the hook relies on', () => {
    expect(inboundHookProblems({})).toEqual(['room.webrtcConns is not a Map'])
    expect(inboundHookProblems({ webrtcConns: new Map() }, {})).toEqual(['a connection has no peer with emit()'])
    expect(() => installInboundHook({}, () => {})).toThrow(/y-webrtc has changed/)
  })
})
