// "Host sync on this computer": the desktop app runs the signaling server (../signaling/server.ts)
// for the office LAN, with a fresh access token each time it starts. Pure node, no electron
// import, so it is unit-tested directly.
import { randomBytes } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import type { SyncHostStatus } from '../../preload/contract'
import { signalingUrl, startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../signaling/server'

export const DEFAULT_HOST_PORT = 4444

export interface SyncHostDeps {
  start?: (options: SignalingServerOptions) => Promise<SignalingServer>
  /** Addresses colleagues could reach (IPv4, not loopback). */
  lanAddresses?: () => string[]
  token?: () => string
  /** Where to listen; the LAN by default. */
  host?: string
}

export interface SyncHost {
  start(request: { port?: number }): Promise<SyncHostStatus>
  stop(): Promise<SyncHostStatus>
  status(): SyncHostStatus
}

export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address)
}

export function createSyncHost(deps: SyncHostDeps = {}): SyncHost {
  const start = deps.start ?? startSignalingServer
  const addresses = deps.lanAddresses ?? lanAddresses
  const makeToken = deps.token ?? (() => randomBytes(32).toString('base64url'))
  let server: SignalingServer | null = null
  let token = ''
  let starting: Promise<SyncHostStatus> | null = null

  const status = (): SyncHostStatus => {
    if (!server) return { running: false, urls: [] }
    const s = server
    const lan = addresses()
    const urls = (lan.length > 0 ? lan : ['127.0.0.1']).map((a) => signalingUrl(a, s.port, token))
    return { running: true, port: s.port, urls, connections: s.stats().connections }
  }

  return {
    status,
    async start({ port = DEFAULT_HOST_PORT }) {
      if (server) return status()
      starting ??= (async () => {
        token = makeToken()
        try {
          server = await start({ port, host: deps.host ?? '0.0.0.0', token })
        } catch (error) {
          const code = (error as { code?: string }).code
          throw new Error(
            code === 'EADDRINUSE'
              ? `Port ${port} is already in use on this computer. Choose another port, or stop the other program.`
              : `Sync could not be hosted on this computer: ${(error as Error).message}`
          )
        } finally {
          starting = null
        }
        return status()
      })()
      return starting
    },
    async stop() {
      const s = server
      server = null
      token = ''
      await s?.close()
      return status()
    }
  }
}
