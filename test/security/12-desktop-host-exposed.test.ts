// Attack 12 (issue 8): the desktop's sync host listened on every interface (0.0.0.0:4444),
// checked no Origin on the WebSocket upgrade, and started as soon as the page asked. Played here
// with the real host and server on loopback: 127.0.0.2 stands in for "another network card".
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createInvokeListener } from '../../src/main/ipc/invoke'
import { createSyncHost, type SyncHost } from '../../src/main/sync/host'

const TOKEN = 'host-token-0123456789abcdef'
const hosts: SyncHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()))
})

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

function opens(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.on('open', () => (ws.close(), resolve(true)))
    ws.on('error', () => resolve(false))
    ws.on('unexpected-response', () => resolve(false))
  })
}

function host(confirm: (r: { address: string; port: number }) => Promise<boolean>): SyncHost {
  const h = createSyncHost({ token: () => TOKEN, lanAddresses: () => [{ name: 'eth0', address: '127.0.0.1' }], confirm, allowedOrigins: ['app://fortnight'] })
  hosts.push(h)
  return h
}

describe('attack 12: the desktop sync host is open to the whole network', () => {
  it('listens only on the address the person picked, never on every interface', async () => {
    const h = host(async () => true)
    const port = await freePort()
    await expect(h.start({ port, address: '0.0.0.0' })).rejects.toThrow(/Choose one of this computer/)
    await h.start({ port, address: '127.0.0.1' })
    expect(await opens(`ws://127.0.0.1:${port}/?token=${TOKEN}`)).toBe(true)
    // Another address of this machine: nothing is listening there.
    expect(await opens(`ws://127.0.0.2:${port}/?token=${TOKEN}`)).toBe(false)
  })

  it('refuses a web page from another origin even with the right token; the app itself and non-browser clients get in', async () => {
    const h = host(async () => true)
    const { urls } = await h.start({ port: await freePort(), address: '127.0.0.1' })
    const url = urls[0]!
    expect(await opens(url, { Origin: 'https://evil.example' })).toBe(false)
    expect(await opens(url, { Origin: 'http://localhost:5173' })).toBe(false)
    expect(await opens(url, { Origin: 'null' })).toBe(false)
    expect(await opens(url, { Origin: 'app://fortnight' })).toBe(true)
    expect(await opens(url)).toBe(true)
  })

  it('does not listen until the person says yes, and not at all when they cancel, whatever the page sends', async () => {
    const asked: { address: string; port: number }[] = []
    const h = host(async (r) => (asked.push(r), false))
    const handlers = createHandlers({ appVersion: () => '1', files: {} as never, syncHost: h })
    const start = createInvokeListener('sync:host-start', handlers['sync:host-start'], () => true)
    const port = await freePort()
    const status = await start({ senderFrame: { url: 'app://fortnight/index.html' } }, { port, address: '127.0.0.1' })
    expect(asked).toEqual([{ address: '127.0.0.1', port }])
    expect(status).toEqual({ running: false, urls: [] })
    expect(await opens(`ws://127.0.0.1:${port}/?token=${TOKEN}`)).toBe(false)
  })
})
