// A signaling server speaking y-webrtc's protocol (the one in node_modules/y-webrtc/bin/server.js:
// subscribe / unsubscribe / publish / ping), hardened for a council LAN: a shared access token,
// per-connection limits, idle drop, and logs that never carry content.
//
// Access (issue 8, attack 9): the office token admits a connection to any room; a room token
// (src/shared/sync/signalingTokens.ts: "r1.<room>.<HMAC(office token, room)>", what mentor and
// viewer invites carry) admits it to that one room only, and at most `maxConnectionsPerRoomToken`
// connections may use one. Every address has its own connection and subscription caps, so no one
// computer can fill the server. An optional Origin check refuses web pages the server does not expect.
//
// Pure node (no electron import): the CLI runs it standalone, the desktop main process embeds it,
// and the tests run it on loopback.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'

export interface SignalingServerOptions {
  /** 0 picks a free port (tests). */
  port: number
  /** Defaults to loopback. `0.0.0.0` serves the LAN. */
  host?: string
  /** Shared access token; clients put it in the URL query (`?token=`), y-webrtc cannot send headers. */
  token: string
  /** Largest accepted message; bigger closes the connection with 1009. */
  maxMessageBytes?: number
  /** Token bucket refill rate per connection; running dry closes with 1008. */
  maxMessagesPerSecond?: number
  /** Token bucket size: how many messages may arrive at once (reconnect = subscribe + one announce per room). */
  messageBurst?: number
  /**
   * A connection that sends no message for this long is closed. y-webrtc's client sends
   * `{type:'ping'}` every 15 s, so keep this comfortably above that.
   */
  idleTimeoutMs?: number
  maxTopicsPerConnection?: number
  /** Longest accepted topic name; Fortnight's room names are 43 characters. */
  maxTopicLength?: number
  maxConnections?: number
  /** Connections from one IP address (a computer's tabs and windows each open one). */
  maxConnectionsPerAddress?: number
  /** Room subscriptions, summed over one IP address's connections. */
  maxSubscriptionsPerAddress?: number
  /** Connections that may use one room token (a mentor's or viewer's invite) at once. */
  maxConnectionsPerRoomToken?: number
  /**
   * Called with the upgrade request's Origin header (undefined when there is none: not a
   * browser). False refuses the connection with 403. Absent: every Origin is accepted.
   */
  allowOrigin?: (origin: string | undefined) => boolean
  /** Counts and events only. Never receives message content, topic names, tokens or addresses. */
  log?: (line: string) => void
}

export type CloseReason =
  | 'client'
  | 'idle'
  | 'no-pong'
  | 'too-big'
  | 'rate'
  | 'too-many-topics'
  | 'wrong-room'
  | 'bad-message'
  | 'slow-consumer'
  | 'shutdown'
  | 'error'

export interface SignalingStats {
  connections: number
  topics: number
  subscriptions: number
  messagesIn: number
  messagesOut: number
  upgradesRefused: { token: number; full: number; address: number; roomToken: number; origin: number }
  closed: Record<CloseReason, number>
}

export interface SignalingServer {
  readonly port: number
  readonly host: string
  /** A URL a client on this machine can use, token included. */
  readonly url: string
  close(): Promise<void>
  stats(): SignalingStats
}

/** WebSocket close codes this server sends. 4000–4999 are for applications. */
export const CLOSE_CODES = {
  goingAway: 1001,
  unsupportedData: 1003,
  policy: 1008,
  tooBig: 1009,
  idle: 4000
} as const

export const SIGNALING_DEFAULTS = {
  host: '127.0.0.1',
  maxMessageBytes: 64 * 1024,
  maxMessagesPerSecond: 50,
  messageBurst: 100,
  idleTimeoutMs: 30_000,
  maxTopicsPerConnection: 256,
  maxTopicLength: 128,
  maxConnections: 512,
  maxConnectionsPerAddress: 32,
  maxSubscriptionsPerAddress: 1024,
  maxConnectionsPerRoomToken: 8
} as const

/** Shorter tokens are refused at start-up: the token is the only thing keeping strangers out. */
export const MIN_TOKEN_LENGTH = 16

/** How long close() waits for clients to acknowledge the close frame before cutting them off. */
const CLOSE_GRACE_MS = 1_000

interface Client {
  readonly socket: WebSocket
  readonly topics: Set<string>
  readonly address: string
  /** Set for a room token: the only topic this connection may subscribe to. */
  readonly onlyTopic: string | null
  tokens: number
  refilledAt: number
  alive: boolean
  idleTimer: NodeJS.Timeout
  closeReason?: CloseReason
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

/** Constant-time comparison; hashing first means the length of the token does not leak either. */
function tokenMatches(presented: string | null, expected: Buffer): boolean {
  if (presented === null || presented === '') return false
  return timingSafeEqual(digest(presented), expected)
}

const ROOM_TOKEN = /^r1\.([A-Za-z0-9_-]{1,128})\.([A-Za-z0-9_-]{43})$/

/** The room a room token admits to, or null. Same bytes as signalingTokens.ts (WebCrypto). */
export function roomOfToken(presented: string | null, officeToken: string): string | null {
  const m = presented === null ? null : ROOM_TOKEN.exec(presented)
  if (!m) return null
  const expected = createHmac('sha256', officeToken).update(`fortnight/room-token/v1\u0000${m[1]}`, 'utf8').digest('base64url')
  return timingSafeEqual(digest(expected), digest(m[2]!)) ? m[1]! : null
}

function presentedToken(request: IncomingMessage): string | null {
  try {
    return new URL(request.url ?? '/', 'http://signaling.invalid').searchParams.get('token')
  } catch {
    return null
  }
}

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 429: 'Too Many Requests', 503: 'Service Unavailable' } as const

function refuseUpgrade(socket: Duplex, status: keyof typeof STATUS_TEXT, text: string): void {
  const body = `${text}\n`
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
  socket.destroy()
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

/** The URL to give y-webrtc: the token rides in the query because browsers cannot set headers on a WebSocket. */
export function signalingUrl(host: string, port: number, token: string): string {
  return `ws://${urlHost(host)}:${port}/?token=${encodeURIComponent(token)}`
}

function asMessage(data: RawData): Record<string, unknown> | null {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data
  const text = buffer.toString('utf8')
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

export async function startSignalingServer(options: SignalingServerOptions): Promise<SignalingServer> {
  const d = SIGNALING_DEFAULTS
  const o = {
    port: options.port,
    host: options.host ?? d.host,
    token: options.token,
    maxMessageBytes: options.maxMessageBytes ?? d.maxMessageBytes,
    maxMessagesPerSecond: options.maxMessagesPerSecond ?? d.maxMessagesPerSecond,
    messageBurst: options.messageBurst ?? Math.max(d.messageBurst, options.maxMessagesPerSecond ?? 0),
    idleTimeoutMs: options.idleTimeoutMs ?? d.idleTimeoutMs,
    maxTopicsPerConnection: options.maxTopicsPerConnection ?? d.maxTopicsPerConnection,
    maxTopicLength: options.maxTopicLength ?? d.maxTopicLength,
    maxConnections: options.maxConnections ?? d.maxConnections,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? d.maxConnectionsPerAddress,
    maxSubscriptionsPerAddress: options.maxSubscriptionsPerAddress ?? d.maxSubscriptionsPerAddress,
    maxConnectionsPerRoomToken: options.maxConnectionsPerRoomToken ?? d.maxConnectionsPerRoomToken
  }
  if (typeof o.token !== 'string' || o.token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`The signaling access token must be at least ${MIN_TOKEN_LENGTH} characters long.`)
  }
  for (const [name, value] of Object.entries(o)) {
    if (name !== 'host' && name !== 'token' && !(Number.isInteger(value) && (value as number) >= (name === 'port' ? 0 : 1))) {
      throw new Error(`Signaling option ${name} must be a positive whole number.`)
    }
  }
  const log = options.log ?? (() => {})
  const expectedToken = digest(o.token)
  // A receiver that cannot keep up must not make the server buffer without limit.
  const maxBufferedBytes = Math.max(1024 * 1024, 16 * o.maxMessageBytes)

  const topics = new Map<string, Set<Client>>()
  const clients = new Set<Client>()
  /** Per IP address: open connections and subscriptions. */
  const perAddress = new Map<string, { connections: number; subscriptions: number }>()
  /** Open connections per room token (keyed by its room). */
  const perRoomToken = new Map<string, number>()
  const addressOf = (address: string) => {
    let entry = perAddress.get(address)
    if (!entry) perAddress.set(address, (entry = { connections: 0, subscriptions: 0 }))
    return entry
  }
  const counters = {
    messagesIn: 0,
    messagesOut: 0,
    upgradesRefused: { token: 0, full: 0, address: 0, roomToken: 0, origin: 0 },
    closed: {
      client: 0,
      idle: 0,
      'no-pong': 0,
      'too-big': 0,
      rate: 0,
      'too-many-topics': 0,
      'wrong-room': 0,
      'bad-message': 0,
      'slow-consumer': 0,
      shutdown: 0,
      error: 0
    } satisfies Record<CloseReason, number>
  }

  const http = createServer((_request, response) => {
    response.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
    response.end('Fortnight signaling: connect with a WebSocket.\n')
  })
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: o.maxMessageBytes,
    perMessageDeflate: false,
    clientTracking: false
  })

  const closeClient = (client: Client, code: number, reason: CloseReason): void => {
    client.closeReason ??= reason
    client.socket.close(code, reason)
  }

  const send = (client: Client, text: string): void => {
    if (client.socket.readyState !== WebSocket.OPEN) return
    if (client.socket.bufferedAmount > maxBufferedBytes) {
      client.closeReason ??= 'slow-consumer'
      client.socket.terminate()
      return
    }
    counters.messagesOut++
    client.socket.send(text)
  }

  const unsubscribe = (client: Client, topic: string): void => {
    const subscribers = topics.get(topic)
    if (subscribers) {
      subscribers.delete(client)
      if (subscribers.size === 0) topics.delete(topic)
    }
    if (client.topics.delete(topic)) {
      const a = perAddress.get(client.address)
      if (a) a.subscriptions--
    }
  }

  const takeToken = (client: Client): boolean => {
    const now = performance.now()
    client.tokens = Math.min(o.messageBurst, client.tokens + ((now - client.refilledAt) / 1000) * o.maxMessagesPerSecond)
    client.refilledAt = now
    if (client.tokens < 1) return false
    client.tokens -= 1
    return true
  }

  const onMessage = (client: Client, data: RawData, isBinary: boolean): void => {
    if (client.closeReason) return
    counters.messagesIn++
    client.idleTimer.refresh()
    if (!takeToken(client)) return closeClient(client, CLOSE_CODES.policy, 'rate')
    const message = isBinary ? null : asMessage(data)
    if (!message || typeof message.type !== 'string') return closeClient(client, CLOSE_CODES.unsupportedData, 'bad-message')

    switch (message.type) {
      case 'subscribe': {
        for (const topic of Array.isArray(message.topics) ? (message.topics as unknown[]) : []) {
          if (typeof topic !== 'string' || topic.length === 0 || topic.length > o.maxTopicLength) continue
          if (client.topics.has(topic)) continue
          if (client.onlyTopic !== null && topic !== client.onlyTopic) return closeClient(client, CLOSE_CODES.policy, 'wrong-room')
          if (client.topics.size >= o.maxTopicsPerConnection) return closeClient(client, CLOSE_CODES.policy, 'too-many-topics')
          const a = addressOf(client.address)
          if (a.subscriptions >= o.maxSubscriptionsPerAddress) return closeClient(client, CLOSE_CODES.policy, 'too-many-topics')
          a.subscriptions++
          client.topics.add(topic)
          let subscribers = topics.get(topic)
          if (!subscribers) topics.set(topic, (subscribers = new Set()))
          subscribers.add(client)
        }
        return
      }
      case 'unsubscribe': {
        for (const topic of Array.isArray(message.topics) ? (message.topics as unknown[]) : []) {
          if (typeof topic === 'string') unsubscribe(client, topic)
        }
        return
      }
      case 'publish': {
        if (typeof message.topic !== 'string') return
        const receivers = topics.get(message.topic)
        if (!receivers) return
        // Like the stock server, every subscriber gets it, the sender included (y-webrtc ignores
        // its own messages by peer id). Only the fields y-webrtc reads are forwarded.
        const text = JSON.stringify({ type: 'publish', topic: message.topic, data: message.data, clients: receivers.size })
        for (const receiver of receivers) send(receiver, text)
        return
      }
      case 'ping':
        send(client, JSON.stringify({ type: 'pong' }))
        return
      default:
        // Unknown types are ignored, as the stock server does: newer clients may add some.
        return
    }
  }

  const onConnection = (socket: WebSocket, address: string, onlyTopic: string | null): void => {
    addressOf(address).connections++
    if (onlyTopic !== null) perRoomToken.set(onlyTopic, (perRoomToken.get(onlyTopic) ?? 0) + 1)
    const client: Client = {
      socket,
      address,
      onlyTopic,
      topics: new Set(),
      tokens: o.messageBurst,
      refilledAt: performance.now(),
      alive: true,
      idleTimer: setTimeout(() => closeClient(client, CLOSE_CODES.idle, 'idle'), o.idleTimeoutMs)
    }
    clients.add(client)
    log(`connection opened (${clients.size} open)`)

    socket.on('message', (data, isBinary) => onMessage(client, data, isBinary))
    socket.on('pong', () => {
      client.alive = true
    })
    socket.on('error', (error: Error & { code?: string }) => {
      // ws has already started closing (with 1009 for an oversized message).
      client.closeReason ??= error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'too-big' : 'error'
    })
    socket.on('close', (code) => {
      clearTimeout(client.idleTimer)
      for (const topic of [...client.topics]) unsubscribe(client, topic)
      clients.delete(client)
      const a = perAddress.get(address)
      if (a && --a.connections <= 0) perAddress.delete(address)
      if (onlyTopic !== null) {
        const n = (perRoomToken.get(onlyTopic) ?? 1) - 1
        if (n <= 0) perRoomToken.delete(onlyTopic)
        else perRoomToken.set(onlyTopic, n)
      }
      const reason = client.closeReason ?? 'client'
      counters.closed[reason]++
      log(`connection closed: ${reason}, code ${code} (${clients.size} open)`)
    })
  }

  let closing: Promise<void> | undefined
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined
    if (options.allowOrigin && !options.allowOrigin(origin)) {
      counters.upgradesRefused.origin++
      log('connection refused: origin not allowed')
      return refuseUpgrade(socket, 403, 'This page may not use this signaling server.')
    }
    const presented = presentedToken(request)
    const onlyTopic = tokenMatches(presented, expectedToken) ? null : roomOfToken(presented, o.token)
    if (onlyTopic === null && !tokenMatches(presented, expectedToken)) {
      counters.upgradesRefused.token++
      log('connection refused: missing or wrong access token')
      return refuseUpgrade(socket, 401, 'A valid access token is needed.')
    }
    if (closing !== undefined || clients.size >= o.maxConnections) {
      counters.upgradesRefused.full++
      log(`connection refused: ${closing ? 'shutting down' : `server full (${clients.size} open)`}`)
      return refuseUpgrade(socket, 503, 'The signaling server is full.')
    }
    const address = request.socket.remoteAddress ?? 'unknown'
    if ((perAddress.get(address)?.connections ?? 0) >= o.maxConnectionsPerAddress) {
      counters.upgradesRefused.address++
      log('connection refused: too many connections from one address')
      return refuseUpgrade(socket, 429, 'Too many connections from this computer.')
    }
    if (onlyTopic !== null && (perRoomToken.get(onlyTopic) ?? 0) >= o.maxConnectionsPerRoomToken) {
      counters.upgradesRefused.roomToken++
      log('connection refused: too many connections with one room token')
      return refuseUpgrade(socket, 429, 'Too many connections with this invite.')
    }
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, address, onlyTopic))
  })
  http.on('clientError', (_error, socket) => socket.destroy())

  // Protocol-level keepalive, as the stock server does: a peer that stops answering pings is gone.
  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.closeReason ??= 'no-pong'
        client.socket.terminate()
        continue
      }
      client.alive = false
      client.socket.ping()
    }
  }, o.idleTimeoutMs)
  heartbeat.unref()

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(o.port, o.host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const address = http.address() as AddressInfo
  log(`listening on ${o.host.includes(':') ? `[${o.host}]` : o.host}:${address.port}`)

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearInterval(heartbeat)
      const closed = [...clients].map((client) => new Promise<void>((resolve) => client.socket.once('close', () => resolve())))
      for (const client of clients) closeClient(client, CLOSE_CODES.goingAway, 'shutdown')
      let grace: NodeJS.Timeout | undefined
      await Promise.race([Promise.all(closed), new Promise<void>((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS)))])
      clearTimeout(grace)
      for (const client of clients) client.socket.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      http.closeAllConnections()
      await new Promise<void>((resolve, reject) => http.close((error) => (error ? reject(error) : resolve())))
      log('stopped')
    })())

  return {
    port: address.port,
    host: o.host,
    url: signalingUrl(o.host, address.port, o.token),
    close,
    stats: () => ({
      connections: clients.size,
      topics: topics.size,
      subscriptions: [...clients].reduce((sum, c) => sum + c.topics.size, 0),
      messagesIn: counters.messagesIn,
      messagesOut: counters.messagesOut,
      upgradesRefused: { ...counters.upgradesRefused },
      closed: { ...counters.closed }
    })
  }
}
