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
 * - y-webrtc (with simple-peer) and y-websocket are imported when the first room starts, not when
 *   the app loads: most sessions never connect, and they are a large part of the bundle.
 * - Every read of a field y-webrtc or lib0 does not publish goes through `webrtcInternals`
 *   below, and `webrtcInternalsProblems` is unit-tested against the installed versions, so an
 *   upgrade that renames one fails a test instead of quietly showing a wrong status.
 */
import type { WebrtcProvider } from 'y-webrtc'
import { installInboundHook } from './inboundHook'
import { Awareness } from 'y-protocols/awareness'
import type { AnyDoc } from '../doc/schema'
import type { RoomCredentials } from './secrets'
import type { IceServer } from './settings'
import { isUnreachable, type AddressStatus, type TransportStatusInput } from './status'

/**
 * What a transport reports: signaling (or relay) reachable, peers over WebRTC and in other tabs
 * (BroadcastChannel), whether every peer has sent its state, and each address with its attempts.
 */
export type TransportStatus = TransportStatusInput

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
  /**
   * Where updates from the room's peers go instead of straight into `doc` (a mirror's gate):
   * see inboundHook.ts. Without it, y-webrtc applies whatever peers send.
   */
  readonly receive?: (update: Uint8Array) => void
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

/** One download of each network library, shared by every room (retried if it failed). */
function importOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null
      throw error
    }))
}
const loadWebrtc = importOnce(async () => (await import('y-webrtc')).WebrtcProvider)
const loadWebsocket = importOnce(async () => (await import('y-websocket')).WebsocketProvider)

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

// ---- the one place that reads y-webrtc's and lib0's unpublished fields ------------------------

/** One of y-webrtc's signaling sockets (a lib0 WebsocketClient, shared by every provider with that URL). */
export interface SignalingSocket {
  readonly url: string
  readonly connected: boolean
  /** An attempt is under way. */
  readonly connecting: boolean
  /** Attempts that failed since it last connected (lib0 resets this on connect). */
  readonly failures: number
  /** The WebSocket of the current attempt: a new object means a new attempt. */
  readonly ws: object | null
  /** The socket object itself (the same for every provider that shares it). */
  readonly handle: object
}

export interface WebrtcInternals {
  readonly room: { webrtcConns: Map<string, { synced: boolean }>; bcConns: Set<string>; _docUpdateHandler?: (...args: never[]) => void } | null
  readonly signaling: readonly SignalingSocket[]
  readonly key: PromiseLike<unknown>
}

interface RawSocket {
  url?: unknown
  connected?: unknown
  connecting?: unknown
  unsuccessfulReconnects?: unknown
  ws?: unknown
}
interface RawProvider {
  room?: WebrtcInternals['room']
  signalingConns?: unknown
  key?: PromiseLike<unknown>
}

/** Reads what the status needs from a WebrtcProvider. Missing fields read as "not connected". */
export function webrtcInternals(provider: WebrtcProvider): WebrtcInternals {
  const raw = provider as unknown as RawProvider
  const conns = Array.isArray(raw.signalingConns) ? (raw.signalingConns as RawSocket[]) : []
  // y-webrtc pushes a socket again on every connect(): one entry per socket.
  const signaling = [...new Set(conns)].map((c) => ({
    url: typeof c.url === 'string' ? c.url : '',
    connected: c.connected === true,
    connecting: c.connecting === true,
    failures: typeof c.unsuccessfulReconnects === 'number' ? c.unsuccessfulReconnects : 0,
    ws: typeof c.ws === 'object' && c.ws !== null ? c.ws : null,
    handle: c as object
  }))
  return { room: raw.room ?? null, signaling, key: raw.key ?? Promise.resolve(null) }
}

/**
 * What `webrtcInternals` relies on and no longer finds on a live provider (empty when all is
 * well). Called by a unit test against the installed y-webrtc and lib0.
 */
export function webrtcInternalsProblems(provider: WebrtcProvider): string[] {
  const raw = provider as unknown as RawProvider & Record<string, unknown>
  const problems: string[] = []
  if (!Array.isArray(raw.signalingConns)) problems.push('provider.signalingConns is not an array')
  else {
    for (const c of raw.signalingConns as RawSocket[]) {
      if (typeof c.url !== 'string') problems.push('signaling socket has no url')
      if (typeof c.connected !== 'boolean') problems.push('signaling socket has no boolean connected')
      if (typeof c.connecting !== 'boolean') problems.push('signaling socket has no boolean connecting')
      if (typeof c.unsuccessfulReconnects !== 'number') problems.push('signaling socket has no numeric unsuccessfulReconnects')
      if (!('ws' in c)) problems.push('signaling socket has no ws')
    }
  }
  if (typeof (raw.key as PromiseLike<unknown> | undefined)?.then !== 'function') problems.push('provider.key is not a promise')
  const room = raw.room
  if (room === undefined) problems.push('provider.room is missing')
  else if (room !== null) {
    if (!(room.webrtcConns instanceof Map)) problems.push('room.webrtcConns is not a Map')
    if (!(room.bcConns instanceof Set)) problems.push('room.bcConns is not a Set')
    if (typeof room._docUpdateHandler !== 'function') problems.push('room._docUpdateHandler is not a function')
  }
  return problems
}

// ---- attempts per address ----------------------------------------------------------------------

interface Tracked {
  refs: number
  connected: boolean
  tries: number
  lastTryAt: number | null
  since: number
}

/**
 * Connection attempts per signaling address, across every provider that dials it (y-webrtc
 * shares one socket per URL) and across restarts while the address stays in use. Forgotten once
 * nothing dials it, so a re-entered address starts counting afresh.
 */
export class AddressTracker {
  private readonly entries = new Map<string, Tracked>()
  private readonly seen = new WeakMap<object, { failures: number; pending: object | null }>()

  constructor(private readonly now: () => number = Date.now) {}

  acquire(url: string): void {
    const e = this.entries.get(url)
    if (e) e.refs++
    else this.entries.set(url, { refs: 1, connected: false, tries: 0, lastTryAt: null, since: this.now() })
  }

  release(url: string): void {
    const e = this.entries.get(url)
    if (e && --e.refs <= 0) this.entries.delete(url)
  }

  /** Notes what changed on a socket since it was last looked at. */
  observe(socket: SignalingSocket): void {
    const key = socket.handle
    const e = this.entries.get(socket.url)
    if (!e) return
    const now = this.now()
    let s = this.seen.get(key)
    if (!s) this.seen.set(key, (s = { failures: 0, pending: null }))
    const pending = socket.connecting && !socket.connected ? socket.ws : null
    if (socket.connected) {
      if (!e.connected) Object.assign(e, { connected: true, tries: 0, since: now })
    } else {
      if (e.connected) Object.assign(e, { connected: false, tries: 0, since: now })
      // Attempts started since the last look: the failures (lib0 counts them), less the one we
      // already counted while it was under way, plus one under way now that we had not seen.
      let started = Math.max(0, socket.failures - s.failures)
      if (s.pending && s.pending !== pending && socket.ws !== s.pending && started > 0) started--
      if (pending && pending !== s.pending) started++
      if (started > 0) {
        e.tries += started
        e.lastTryAt = now
      }
    }
    s.failures = socket.failures
    s.pending = pending
  }

  status(url: string): AddressStatus {
    const e = this.entries.get(url) ?? { connected: false, tries: 0, lastTryAt: null, since: this.now() }
    const a = { via: 'signaling' as const, url, connected: e.connected, tries: e.tries, lastTryAt: e.lastTryAt, since: e.since }
    return { ...a, unreachable: isUnreachable(a, this.now()) }
  }
}

/** The app's tracker (y-webrtc's sockets are per page, so is this). */
const addressTracker = new AddressTracker()

/** Calls `emit` whenever `status()` reads differently, looking every 250 ms. Returns the timer. */
function emitWhenChanged(status: () => TransportStatus, emit: () => void): ReturnType<typeof setInterval> {
  let last = ''
  return setInterval(() => {
    const next = JSON.stringify(status())
    if (next !== last) {
      last = next
      emit()
    }
  }, 250)
}

/** y-webrtc. `extraPeerOpts` is for node peers (`{ wrtc }` from @roamhq/wrtc). */
export function yWebrtcFactory(
  options: { extraPeerOpts?: Record<string, unknown>; WebSocketPolyfill?: unknown; tracker?: AddressTracker; now?: () => number } = {}
): TransportFactory {
  const tracker = options.tracker ?? addressTracker
  const now = options.now ?? Date.now
  return {
    async webrtc({ room, doc, signaling, iceServers, awareness, receive }) {
      // Loaded first, so nothing else is awaited between "the old room is gone" and the new one.
      const WebrtcProvider = await loadWebrtc()
      await closing.get(room.name)
      const provider = new WebrtcProvider(room.name, doc, {
        signaling: [...signaling],
        password: room.password,
        ...(awareness ? { awareness } : {}),
        filterBcConns: true,
        peerOpts: { ...options.extraPeerOpts, config: { iceServers: iceServers.map((s) => ({ ...s, urls: typeof s.urls === 'string' ? s.urls : [...s.urls] })) } }
      })
      const urls = [...new Set(signaling)]
      urls.forEach((u) => tracker.acquire(u))
      const internals = (): WebrtcInternals => webrtcInternals(provider)
      // y-webrtc opens the room (and listens to the doc) once the key is derived; our `then` runs
      // after its own. Then its send goes first among the doc's 'update' listeners (before
      // y-indexeddb's write, mirrors...): the edit is on the wire before local bookkeeping.
      void Promise.resolve(internals().key).then(() => {
        const r = internals().room
        const handler = r?._docUpdateHandler
        if (handler) sendFirst(doc, handler)
        // Before any peer can connect (that needs the signaling server): nothing slips past.
        if (receive && r) {
          try {
            installInboundHook(r, receive)
          } catch (err) {
            // The mirror still detects forged structs after the fact and is rebuilt (roomMirror.ts).
            console.error('Room updates cannot be checked before they arrive', err)
          }
        }
      })
      const w = watcher()
      const handler = (): void => w.emit()
      provider.on('peers', handler)
      provider.on('synced', handler)
      provider.on('status', handler)
      // Signaling sockets try, connect and drop without a provider event: look every 250 ms.
      const timer = emitWhenChanged(() => status(), w.emit)
      const status = (): TransportStatus => {
        const { room: r, signaling: sockets } = internals()
        sockets.forEach((c) => tracker.observe(c))
        const conns = r ? [...r.webrtcConns.values()] : []
        return {
          reachable: sockets.some((c) => c.connected),
          webrtcPeers: conns.length,
          bcPeers: r ? r.bcConns.size : 0,
          synced: conns.length > 0 && conns.every((c) => c.synced),
          addresses: urls.map((u) => tracker.status(u))
        }
      }
      const stop = async (): Promise<void> => {
        clearInterval(timer)
        w.clear()
        provider.off('peers', handler)
        provider.off('synced', handler)
        provider.off('status', handler)
        urls.forEach((u) => tracker.release(u))
        const done = (async () => {
          provider.disconnect()
          provider.destroy()
          if (!awareness) provider.awareness.destroy()
          await internals().key
          // y-webrtc deletes the room in a `then` after the key: let it run.
          await new Promise((r) => setTimeout(r, 0))
        })()
        closing.set(room.name, done)
        await done
        if (closing.get(room.name) === done) closing.delete(room.name)
      }
      // Once only: a second disconnect() would delete a newer socket for the same URL from
      // y-webrtc's shared map, leaving that one dialling with nobody to stop it.
      let destroyed: Promise<void> | null = null
      return {
        via: 'webrtc',
        awareness: provider.awareness,
        status,
        onChange: w.onChange,
        destroy() {
          destroyed ??= stop()
          return destroyed
        }
      }
    },

    async relay({ url, roomName, doc, awareness }) {
      const WebsocketProvider = await loadWebsocket()
      const parsed = new URL(url)
      const params = Object.fromEntries(parsed.searchParams)
      parsed.search = ''
      const provider = new WebsocketProvider(parsed.toString(), roomName, doc, {
        awareness,
        params,
        disableBc: true,
        ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill as typeof WebSocket } : {})
      })
      // y-websocket announces every attempt ('connecting'), so no private field is needed here.
      const attempts = { connected: false, tries: provider.wsconnecting ? 1 : 0, lastTryAt: provider.wsconnecting ? now() : null, since: now() }
      const w = watcher()
      const onStatus = ({ status }: { status: 'connecting' | 'connected' | 'disconnected' }): void => {
        if (status === 'connecting') {
          attempts.tries++
          attempts.lastTryAt = now()
        } else Object.assign(attempts, { connected: status === 'connected', tries: 0, since: now() })
        w.emit()
      }
      const handler = (): void => w.emit()
      provider.on('status', onStatus)
      provider.on('sync', handler)
      const status = (): TransportStatus => {
        const a = { via: 'relay' as const, url, ...attempts }
        return {
          reachable: provider.wsconnected,
          webrtcPeers: 0,
          bcPeers: 0,
          synced: provider.wsconnected && provider.synced,
          addresses: [{ ...a, unreachable: isUnreachable(a, now()) }]
        }
      }
      // "Cannot reach" also follows from time passing: look every 250 ms.
      const timer = emitWhenChanged(() => status(), w.emit)
      return {
        via: 'relay',
        awareness,
        status,
        onChange: w.onChange,
        async destroy() {
          clearInterval(timer)
          w.clear()
          provider.off('status', onStatus)
          provider.off('sync', handler)
          provider.disconnect()
          provider.destroy()
        }
      }
    }
  }
}

export { Awareness }
