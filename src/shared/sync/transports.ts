/**
 * The network side of sync, behind one small interface so the session logic (session.ts) runs
 * the same over y-webrtc in the app, over @roamhq/wrtc in node, and over an in-memory hub in
 * unit tests.
 *
 * y-webrtc rules kept here:
 * - `signaling` is always passed explicitly (the settings' list); y-webrtc's own default is a
 *   public server, which Fortnight never uses. An empty list means "no network", not "default".
 * - `peerOpts.config.iceServers` comes from the settings and is empty by default: no STUN.
 * - Stopping = `disconnect()` then `destroy()`: destroy alone leaves the signaling sockets
 *   reconnecting. y-webrtc frees a room name only once its key promise settles, so a new
 *   provider for the same room waits for the old one to be gone (it would throw otherwise).
 */
import { WebrtcProvider } from 'y-webrtc'
import { WebsocketProvider } from 'y-websocket'
import { Awareness } from 'y-protocols/awareness'
import type { AnyDoc } from '../doc/schema'
import type { RoomCredentials } from './secrets'
import type { IceServer } from './settings'

export interface TransportStatus {
  /** At least one signaling server (or the relay) is connected. */
  readonly reachable: boolean
  /** Peers over WebRTC. */
  readonly webrtcPeers: number
  /** Peers in other tabs of this browser (BroadcastChannel). */
  readonly bcPeers: number
  /** Every connected peer (or the relay) has sent us its state. */
  readonly synced: boolean
}

export interface RoomTransport {
  readonly via: 'webrtc' | 'relay'
  readonly awareness: Awareness
  status(): TransportStatus
  /** Something in status() may have changed. */
  onChange(cb: () => void): () => void
  destroy(): Promise<void>
}

export interface WebrtcRoomInput {
  readonly room: RoomCredentials
  readonly doc: AnyDoc
  readonly signaling: readonly string[]
  readonly iceServers: readonly IceServer[]
  readonly awareness?: Awareness
}

export interface RelayRoomInput {
  readonly url: string
  /** The team room's opaque name: the relay never learns project names. */
  readonly roomName: string
  readonly doc: AnyDoc
  readonly awareness: Awareness
}

export interface TransportFactory {
  webrtc(input: WebrtcRoomInput): Promise<RoomTransport>
  relay(input: RelayRoomInput): Promise<RoomTransport>
}

/** Room names whose y-webrtc provider is still being torn down. */
const closing = new Map<string, Promise<void>>()

function watcher(): { emit: () => void; onChange: (cb: () => void) => () => void; clear: () => void } {
  const listeners = new Set<() => void>()
  return {
    emit: () => listeners.forEach((l) => l()),
    onChange: (cb) => {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    clear: () => listeners.clear()
  }
}

/** Moves `handler` to the front of the doc's 'update' listeners (lib0 Observable keeps insertion order). */
function sendFirst(doc: AnyDoc, handler: (...args: never[]) => void): void {
  const set = (doc as unknown as { _observers?: Map<string, Set<unknown>> })._observers?.get('update')
  if (!set?.has(handler)) return
  const rest = [...set].filter((f) => f !== handler)
  set.clear()
  set.add(handler)
  rest.forEach((f) => set.add(f))
}

interface WebrtcInternals {
  room: { webrtcConns: Map<string, { synced: boolean }>; bcConns: Set<string>; _docUpdateHandler?: (...args: never[]) => void } | null
  signalingConns: { connected: boolean }[]
  key: PromiseLike<unknown>
}

/** y-webrtc. `extraPeerOpts` is for node peers (`{ wrtc }` from @roamhq/wrtc). */
export function yWebrtcFactory(options: { extraPeerOpts?: Record<string, unknown>; WebSocketPolyfill?: unknown } = {}): TransportFactory {
  return {
    async webrtc({ room, doc, signaling, iceServers, awareness }) {
      await closing.get(room.name)
      const provider = new WebrtcProvider(room.name, doc, {
        signaling: [...signaling],
        password: room.password,
        ...(awareness ? { awareness } : {}),
        filterBcConns: true,
        peerOpts: { ...options.extraPeerOpts, config: { iceServers: iceServers.map((s) => ({ ...s, urls: typeof s.urls === 'string' ? s.urls : [...s.urls] })) } }
      })
      const internals = provider as unknown as WebrtcInternals
      // y-webrtc opens the room (and listens to the doc) once the key is derived; our `then` runs
      // after its own. Then its send goes first among the doc's 'update' listeners (before
      // y-indexeddb's write, mirrors...): the edit is on the wire before local bookkeeping.
      void Promise.resolve(internals.key).then(() => {
        const handler = internals.room?._docUpdateHandler
        if (handler) sendFirst(doc, handler)
      })
      const w = watcher()
      const handler = (): void => w.emit()
      provider.on('peers', handler)
      provider.on('synced', handler)
      provider.on('status', handler)
      // Signaling sockets connect and drop without a provider event: look every 250 ms.
      let last = ''
      const timer = setInterval(() => {
        const now = JSON.stringify(status())
        if (now !== last) {
          last = now
          w.emit()
        }
      }, 250)
      const status = (): TransportStatus => {
        const r = internals.room
        const conns = r ? [...r.webrtcConns.values()] : []
        return {
          reachable: internals.signalingConns.some((c) => c.connected),
          webrtcPeers: conns.length,
          bcPeers: r ? r.bcConns.size : 0,
          synced: conns.length > 0 && conns.every((c) => c.synced)
        }
      }
      return {
        via: 'webrtc',
        awareness: provider.awareness,
        status,
        onChange: w.onChange,
        async destroy() {
          clearInterval(timer)
          w.clear()
          provider.off('peers', handler)
          provider.off('synced', handler)
          provider.off('status', handler)
          const done = (async () => {
            provider.disconnect()
            provider.destroy()
            if (!awareness) provider.awareness.destroy()
            await internals.key
            // y-webrtc deletes the room in a `then` after the key: let it run.
            await new Promise((r) => setTimeout(r, 0))
          })()
          closing.set(room.name, done)
          await done
          if (closing.get(room.name) === done) closing.delete(room.name)
        }
      }
    },

    async relay({ url, roomName, doc, awareness }) {
      const parsed = new URL(url)
      const params = Object.fromEntries(parsed.searchParams)
      parsed.search = ''
      const provider = new WebsocketProvider(parsed.toString(), roomName, doc, {
        awareness,
        params,
        disableBc: true,
        ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill as typeof WebSocket } : {})
      })
      const w = watcher()
      const handler = (): void => w.emit()
      provider.on('status', handler)
      provider.on('sync', handler)
      return {
        via: 'relay',
        awareness,
        status: () => ({ reachable: provider.wsconnected, webrtcPeers: 0, bcPeers: 0, synced: provider.wsconnected && provider.synced }),
        onChange: w.onChange,
        async destroy() {
          w.clear()
          provider.off('status', handler)
          provider.off('sync', handler)
          provider.disconnect()
          provider.destroy()
        }
      }
    }
  }
}

export { Awareness }
