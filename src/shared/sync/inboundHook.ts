/**
 * The inbound hook y-webrtc does not have: document updates arriving from a room's WebRTC peers
 * are handed to `receive` (a team peer's mirror gate, doc/roomMirror.ts) instead of being applied
 * by y-webrtc straight into the doc. Without it, a mentor's or viewer's app could integrate
 * structs that claim a team client id into the room copy, and the team's real edit with that id
 * would then be ignored there as a duplicate (issue 8, attack 7).
 *
 * How, and why it is safe: y-webrtc hands each message from a peer to its own reader through the
 * peer's 'data' event. For each connection of the room (also those made later) the peer's `emit`
 * is wrapped: a sync step 2 or update message has its update taken out and given to `receive`,
 * and y-webrtc gets the same message with an empty update, so its protocol (a step 2 marks the
 * peer synced) runs as before. State-vector requests, awareness and everything else pass through
 * untouched. A message that cannot be decoded is dropped. This reaches into y-webrtc's private
 * fields (`room.webrtcConns`, a connection's `peer`): all of it is here, and
 * `inboundHookProblems` is unit-tested against the installed y-webrtc, so an upgrade that moves
 * them fails a test instead of silently turning the hook off.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

const MESSAGE_SYNC = 0
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2
/** An update that changes nothing (no structs, no deletions). */
const EMPTY_UPDATE = new Uint8Array([0, 0])

interface RawPeer {
  emit: (event: string | symbol, ...args: unknown[]) => boolean
}
interface RawConn {
  peer?: RawPeer
}
interface RawRoom {
  webrtcConns?: Map<string, RawConn>
}

/**
 * What reaches y-webrtc instead of `message`: the same message with an empty update when it
 * carried one (the update goes to `receive`), the message itself otherwise, null when it cannot
 * be read. Exported for tests.
 */
export function divertSyncUpdate(message: Uint8Array, receive: (update: Uint8Array) => void): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return message
    const syncType = decoding.readVarUint(decoder)
    if (syncType === SYNC_STEP_1) return message
    if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) return null
    const update = decoding.readVarUint8Array(decoder)
    receive(update)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    encoding.writeVarUint(encoder, syncType)
    encoding.writeVarUint8Array(encoder, EMPTY_UPDATE)
    return encoding.toUint8Array(encoder)
  } catch {
    return null
  }
}

const hooked = new WeakSet<RawPeer>()

function hookPeer(peer: RawPeer | undefined, receive: (update: Uint8Array) => void): void {
  if (!peer || hooked.has(peer) || typeof peer.emit !== 'function') return
  hooked.add(peer)
  const emit = peer.emit.bind(peer)
  peer.emit = (event, ...args) => {
    if (event !== 'data') return emit(event, ...args)
    const data = args[0]
    const bytes = data instanceof Uint8Array ? data : null
    const passed = bytes ? divertSyncUpdate(bytes, receive) : null
    return passed ? emit('data', passed) : false
  }
}

/**
 * Diverts every document update arriving over WebRTC in `room` (a y-webrtc Room) to `receive`,
 * for the connections open now and every one made later. Call once the room exists.
 */
export function installInboundHook(room: unknown, receive: (update: Uint8Array) => void): void {
  const conns = (room as RawRoom | null)?.webrtcConns
  if (!(conns instanceof Map)) throw new Error('y-webrtc has changed: room.webrtcConns is not a Map, so room updates cannot be checked')
  conns.forEach((c) => hookPeer(c.peer, receive))
  const set = conns.set.bind(conns)
  conns.set = (key: string, conn: RawConn) => {
    hookPeer(conn.peer, receive)
    return set(key, conn)
  }
}

/** What the hook relies on and a live room no longer has (empty when all is well). */
export function inboundHookProblems(room: unknown, conn?: unknown): string[] {
  const problems: string[] = []
  if (!((room as RawRoom | null)?.webrtcConns instanceof Map)) problems.push('room.webrtcConns is not a Map')
  if (conn !== undefined && typeof (conn as RawConn).peer?.emit !== 'function') problems.push('a connection has no peer with emit()')
  return problems
}
