import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createInvokeListener } from '../../src/main/ipc/invoke'
import { createSyncHost, LOOPBACK, type SyncHost, type SyncHostDeps } from '../../src/main/sync/host'

const hosts: SyncHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()))
})

function loopbackHost(over: Partial<SyncHostDeps> = {}): SyncHost {
  const h = createSyncHost({ lanAddresses: () => [], token: () => 'test-token-0123456789abcdef', confirm: async () => true, allowedOrigins: ['app://fortnight'], ...over })
  hosts.push(h)
  return h
}

function opens(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    ws.on('open', () => {
      ws.close()
      resolve(true)
    })
    ws.on('error', () => resolve(false))
  })
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

describe('host sync on this computer', () => {
  it('starts the signaling server on the chosen address with a token colleagues need, reports its address, and stops', async () => {
    const host = loopbackHost()
    expect(host.status()).toEqual({ running: false, urls: [] })
    expect(host.interfaces()).toEqual([LOOPBACK])
    const port = await freePort()
    const status = await host.start({ port, address: '127.0.0.1' })
    expect(status.running).toBe(true)
    expect(status.address).toBe('127.0.0.1')
    expect(status.urls).toEqual([`ws://127.0.0.1:${port}/?token=test-token-0123456789abcdef`])
    expect(await opens(status.urls[0]!)).toBe(true)
    expect(await opens(`ws://127.0.0.1:${port}/?token=wrong-token-0123456789`)).toBe(false)
    // Starting twice is harmless.
    expect((await host.start({ port, address: '127.0.0.1' })).port).toBe(port)
    expect((await host.stop()).running).toBe(false)
    expect(await opens(status.urls[0]!)).toBe(false)
  })

  it('says plainly when the port is taken', async () => {
    const port = await freePort()
    const first = loopbackHost()
    await first.start({ port, address: '127.0.0.1' })
    await expect(loopbackHost().start({ port, address: '127.0.0.1' })).rejects.toThrow(`Port ${port} is already in use`)
  })

  it('is reachable over IPC with a validated payload', async () => {
    const host = loopbackHost()
    const handlers = createHandlers({ appVersion: () => '1', files: {} as never, syncHost: host })
    const start = createInvokeListener('sync:host-start', handlers['sync:host-start'], () => true)
    const frame = { senderFrame: { url: 'app://fortnight/index.html' } }
    await expect(start(frame, { port: 80, address: '127.0.0.1' })).rejects.toThrow(/1024 or higher/)
    await expect(start(frame, { port: 4444, address: '127.0.0.1', extra: 1 })).rejects.toThrow(/refused an invalid request/)
    await expect(start(frame, { port: 4444 })).rejects.toThrow(/address/)
    await expect(start(frame, { port: 4444, address: '0.0.0.0' })).rejects.toThrow(/Choose one of this computer/)
    const status = createInvokeListener('sync:host-status', handlers['sync:host-status'], () => true)
    expect(await status(frame, undefined)).toEqual({ running: false, urls: [] })
    const interfaces = createInvokeListener('sync:host-interfaces', handlers['sync:host-interfaces'], () => true)
    expect(await interfaces(frame, undefined)).toEqual([LOOPBACK])
    const without = createHandlers({ appVersion: () => '1', files: {} as never })
    await expect(without['sync:host-status'].handle()).rejects.toThrow(/not available/)
  })
})
