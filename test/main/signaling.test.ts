// The signaling server on real sockets, loopback only (127.0.0.1, port 0).
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../../src/main/signaling/server'
import { generateSecret, roomsFor } from '../../src/shared/sync/secrets'

const TOKEN = 'test-token-0123456789abcdef'

interface Received {
  type: string
  topic?: string
  data?: unknown
  clients?: number
}

interface TestClient {
  readonly ws: WebSocket
  send(message: unknown): void
  /** The next message, in arrival order; rejects if none arrives in time. */
  next(timeoutMs?: number): Promise<Received>
  /** Round trip through the server: everything this client sent before has been handled. */
  barrier(): Promise<void>
  readonly closed: Promise<{ code: number; reason: string }>
  readonly pending: Received[]
}

const servers: SignalingServer[] = []
const sockets: WebSocket[] = []

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function start(options: Partial<SignalingServerOptions> = {}): Promise<SignalingServer> {
  const server = await startSignalingServer({ port: 0, host: '127.0.0.1', token: TOKEN, ...options })
  servers.push(server)
  return server
}

function connect(url: string): Promise<TestClient> {
  const ws = new WebSocket(url)
  sockets.push(ws)
  const pending: Received[] = []
  const waiting: ((m: Received) => void)[] = []
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Received
    const resolve = waiting.shift()
    if (resolve) resolve(message)
    else pending.push(message)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }))
  )
  const client: TestClient = {
    ws,
    pending,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (timeoutMs = 2_000) => {
      const queued = pending.shift()
      if (queued) return Promise.resolve(queued)
      return new Promise<Received>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(done), 1)
          reject(new Error(`no message within ${timeoutMs} ms`))
        }, timeoutMs)
        const done = (m: Received): void => {
          clearTimeout(timer)
          resolve(m)
        }
        waiting.push(done)
      })
    },
    barrier: async () => {
      client.send({ type: 'ping' })
      expect(await client.next()).toEqual({ type: 'pong' })
    }
  }
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client))
    ws.once('error', reject)
  })
}

/** The HTTP status the server answers a WebSocket upgrade with, when it refuses it. */
function refusal(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    sockets.push(ws)
    ws.once('open', () => reject(new Error('the connection was accepted')))
    ws.once('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? 0)
      request.destroy()
    })
    ws.once('error', () => {})
  })
}

function urlWithToken(server: SignalingServer, token: string | null): string {
  const base = `ws://127.0.0.1:${server.port}/`
  return token === null ? base : `${base}?token=${encodeURIComponent(token)}`
}

async function subscribed(url: string, ...topics: string[]): Promise<TestClient> {
  const client = await connect(url)
  client.send({ type: 'subscribe', topics })
  await client.barrier()
  return client
}

describe('signaling server: access token', () => {
  it('refuses a connection without the token, or with a wrong one, with HTTP 401', async () => {
    const server = await start()
    expect(await refusal(urlWithToken(server, null))).toBe(401)
    expect(await refusal(urlWithToken(server, ''))).toBe(401)
    expect(await refusal(urlWithToken(server, 'test-token-0123456789abcdeX'))).toBe(401)
    expect(await refusal(urlWithToken(server, TOKEN.slice(0, -1)))).toBe(401)
    expect(await refusal(`ws://127.0.0.1:${server.port}/?Token=${TOKEN}`)).toBe(401)
    expect(server.stats().upgradesRefused.token).toBe(5)
    expect(server.stats().connections).toBe(0)
  })

  it('accepts the right token and answers ping with pong', async () => {
    const server = await start()
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}/?token=${TOKEN}`)
    const client = await connect(server.url)
    client.send({ type: 'ping' })
    expect(await client.next()).toEqual({ type: 'pong' })
    expect(server.stats().connections).toBe(1)
  })

  it('will not start with a token short enough to guess', async () => {
    await expect(start({ token: 'short' })).rejects.toThrow(/at least 16 characters/)
  })

  it('refuses connections beyond maxConnections with HTTP 503', async () => {
    const server = await start({ maxConnections: 2 })
    await connect(server.url)
    await connect(server.url)
    expect(await refusal(server.url)).toBe(503)
  })
})

describe('signaling server: topics', () => {
  it('delivers a publish to every subscriber of the topic, the sender included, with the count', async () => {
    const server = await start()
    const [a, b, c] = await Promise.all([subscribed(server.url, 'room'), subscribed(server.url, 'room'), subscribed(server.url, 'room')])
    a.send({ type: 'publish', topic: 'room', data: { type: 'announce', from: 'peer-a' } })
    const expected = { type: 'publish', topic: 'room', data: { type: 'announce', from: 'peer-a' }, clients: 3 }
    for (const client of [a, b, c]) expect(await client!.next()).toEqual(expected)
  })

  it('lets a connection publish to a topic it has not subscribed to, as the stock server does', async () => {
    const server = await start()
    const listener = await subscribed(server.url, 'room')
    const outsider = await connect(server.url)
    outsider.send({ type: 'publish', topic: 'room', data: 'hello' })
    expect(await listener.next()).toEqual({ type: 'publish', topic: 'room', data: 'hello', clients: 1 })
    await outsider.barrier() // and nothing came back to the outsider before its pong
  })

  it('never delivers a publish to subscribers of another topic', async () => {
    const server = await start()
    const onA = await subscribed(server.url, 'topic-a')
    const onB = await subscribed(server.url, 'topic-b')
    const sender = await connect(server.url)
    sender.send({ type: 'publish', topic: 'topic-b', data: 'for b' })
    sender.send({ type: 'publish', topic: 'topic-a', data: 'for a' })
    // The server handles the sender's messages in order, so if the topic-b publish had leaked to
    // onA, it would have arrived before this one.
    expect(await onA.next()).toMatchObject({ topic: 'topic-a', data: 'for a' })
    expect(await onB.next()).toMatchObject({ topic: 'topic-b', data: 'for b' })
    await onA.barrier()
    await onB.barrier()
  })

  it('stops delivering after unsubscribe, and forgets a closed connection', async () => {
    const server = await start()
    const publisher = await connect(server.url)
    const leaving = await subscribed(server.url, 'room', 'marker')
    const staying = await subscribed(server.url, 'room')
    leaving.send({ type: 'unsubscribe', topics: ['room'] })
    await leaving.barrier()
    publisher.send({ type: 'publish', topic: 'room', data: 1 })
    publisher.send({ type: 'publish', topic: 'marker', data: 2 })
    expect(await leaving.next()).toMatchObject({ topic: 'marker', data: 2 })
    expect(await staying.next()).toMatchObject({ topic: 'room', data: 1, clients: 1 })

    staying.ws.close()
    leaving.ws.close()
    await Promise.all([staying.closed, leaving.closed])
    await expect.poll(() => server.stats().topics).toBe(0)
  })

  it('closes with 1008 when a connection subscribes to more topics than allowed', async () => {
    const server = await start({ maxTopicsPerConnection: 3 })
    const client = await subscribed(server.url, 'one', 'two', 'three', 'two')
    client.send({ type: 'subscribe', topics: ['four'] })
    expect((await client.closed).code).toBe(1008)
    await expect.poll(() => server.stats().closed['too-many-topics']).toBe(1)
  })

  it('closes with 1003 on anything that is not a JSON message', async () => {
    const server = await start()
    const notJson = await connect(server.url)
    notJson.send('this is not json')
    expect((await notJson.closed).code).toBe(1003)
    const binary = await connect(server.url)
    binary.ws.send(new Uint8Array([123, 125]))
    expect((await binary.closed).code).toBe(1003)
    await expect.poll(() => server.stats().closed['bad-message']).toBe(2)
  })
})

describe('signaling server: limits', () => {
  it('accepts a message up to maxMessageBytes and closes with 1009 above it', async () => {
    const server = await start({ maxMessageBytes: 1024 })
    const client = await subscribed(server.url, 'room')
    const envelope = JSON.stringify({ type: 'publish', topic: 'room', data: '' }).length
    client.send({ type: 'publish', topic: 'room', data: 'x'.repeat(1024 - envelope) })
    expect(await client.next()).toMatchObject({ type: 'publish', topic: 'room' })
    client.send({ type: 'publish', topic: 'room', data: 'x'.repeat(1025 - envelope) })
    expect((await client.closed).code).toBe(1009)
    await expect.poll(() => server.stats().closed['too-big']).toBe(1)
  })

  it('allows a burst, then closes with 1008 when the message rate is exceeded', async () => {
    const server = await start({ maxMessagesPerSecond: 5, messageBurst: 10 })
    const client = await connect(server.url)
    for (let i = 0; i < 10; i++) client.send({ type: 'ping' })
    for (let i = 0; i < 10; i++) expect(await client.next()).toEqual({ type: 'pong' })
    for (let i = 0; i < 5; i++) client.send({ type: 'ping' })
    expect((await client.closed).code).toBe(1008)
    await expect.poll(() => server.stats().closed.rate).toBe(1)
  })

  it('drops a connection that sends nothing for idleTimeoutMs, and keeps one that pings', async () => {
    const server = await start({ idleTimeoutMs: 300 })
    const silent = await connect(server.url)
    const chatty = await connect(server.url)
    const pinger = setInterval(() => chatty.send({ type: 'ping' }), 50)
    try {
      const started = Date.now()
      expect((await silent.closed).code).toBe(4000)
      expect(Date.now() - started).toBeGreaterThanOrEqual(250)
      await new Promise((resolve) => setTimeout(resolve, 600))
      expect(chatty.ws.readyState).toBe(WebSocket.OPEN)
    } finally {
      clearInterval(pinger)
    }
    expect((await chatty.closed).code).toBe(4000)
    await expect.poll(() => server.stats().closed.idle).toBe(2)
  })
})

describe('signaling server: logging and shutdown', () => {
  it('never logs message content, topic names or the token', async () => {
    const lines: string[] = []
    const server = await start({ log: (line) => lines.push(line), maxMessageBytes: 2048 })
    const a = await subscribed(server.url, 'topic-name-SECRET-1')
    a.send({ type: 'publish', topic: 'topic-name-SECRET-1', data: { sdp: 'content-SECRET-2' } })
    await a.next()
    a.send({ type: 'unsubscribe', topics: ['topic-name-SECRET-1'] })
    a.send({ type: 'content-SECRET-3' })
    a.send('content-SECRET-4 {')
    await a.closed
    const b = await connect(server.url)
    b.send({ type: 'publish', topic: 'x', data: `content-SECRET-5${'x'.repeat(3000)}` })
    await b.closed
    await refusal(urlWithToken(server, 'wrong-token-SECRET-6'))
    await server.close()

    const log = lines.join('\n')
    expect(lines.length).toBeGreaterThanOrEqual(6)
    expect(log).toMatch(/connection opened/)
    expect(log).toMatch(/connection closed: bad-message/)
    expect(log).toMatch(/connection closed: too-big/)
    expect(log).toMatch(/connection refused: missing or wrong access token/)
    expect(log).not.toMatch(/SECRET/)
    expect(log).not.toContain(TOKEN)
  })

  it('close() says goodbye to clients and frees the port', async () => {
    const server = await start()
    const client = await subscribed(server.url, 'room')
    const started = Date.now()
    await server.close()
    expect(Date.now() - started).toBeLessThan(1_500)
    expect((await client.closed).code).toBe(1001)
    await new Promise<void>((resolve, reject) => {
      const probe = createServer()
      probe.once('error', reject)
      probe.listen(server.port, '127.0.0.1', () => probe.close(() => resolve()))
    })
  })
})

describe('signaling server: y-webrtc client', () => {
  it("carries y-webrtc's own signaling client, with the token in the URL and encrypted payloads", async () => {
    const server = await start()
    const [room] = await roomsFor({ docId: 'doc-1', role: 'viewer', secret: generateSecret(), secretVersion: 1 })
    const observer = await subscribed(server.url, room!.name)

    // y-webrtc uses the global WebSocket, which node 20 lacks; it never gets as far as WebRTC
    // here (that needs wrtc), but everything it says to the signaling server is real.
    const globals = globalThis as { WebSocket?: unknown }
    const previous = globals.WebSocket
    globals.WebSocket = WebSocket
    const { WebrtcProvider } = await import('y-webrtc')
    const doc = new Y.Doc()
    const provider = new WebrtcProvider(room!.name, doc, { signaling: [server.url], password: room!.password })
    try {
      // On connect y-webrtc subscribes, then publishes an encrypted announce.
      const announce = await observer.next(10_000)
      expect(announce).toMatchObject({ type: 'publish', topic: room!.name, clients: 2 })
      expect(typeof announce.data).toBe('string')
      const peerId = provider.room!.peerId
      expect(String(announce.data)).not.toContain(peerId)
      expect(Buffer.from(String(announce.data), 'base64').toString('latin1')).not.toContain(peerId)
      expect(server.stats().upgradesRefused.token).toBe(0)
    } finally {
      // destroy() alone leaves y-webrtc's signaling connection open and reconnecting for ever.
      provider.disconnect()
      provider.destroy()
      doc.destroy()
      globals.WebSocket = previous
    }
  })
})
