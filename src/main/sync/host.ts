// "Host sync on this computer": the desktop app runs the signaling server (../signaling/server.ts)
// for the office LAN, with a fresh access token each time it starts. Pure node, no electron
// import, so it is unit-tested directly.
//
// Issue 8, attack 12. The host:
// - listens only on the address the person picked (one LAN interface, or this computer only),
//   never on every interface;
// - refuses WebSocket upgrades from Origins other than the app's own (a web page a colleague
//   happens to open cannot use it); a request with no Origin is not from a browser page, so it is
//   let through to the token check (node clients, `npm run signal`-style tools);
// - starts only after the person says yes (`confirm`, an Electron dialog in main);
// - speaks plain ws://: see docs/sync.md for what that exposes on the LAN and why it is bounded.
import { randomBytes } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import type { HostInterface, SyncHostStatus } from '../../preload/contract'
import { signalingUrl, startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../signaling/server'

export const DEFAULT_HOST_PORT = 4444
/** "This computer only": always offered, for trying it out or a colleague on the same machine. */
export const LOOPBACK: HostInterface = { name: 'This computer only', address: '127.0.0.1' }

export interface SyncHostDeps {
  start?: (options: SignalingServerOptions) => Promise<SignalingServer>
  /** Addresses colleagues could reach (IPv4, not loopback), with the interface's name. */
  lanAddresses?: () => HostInterface[]
  token?: () => string
  /** Asks the person before anything listens. False (or a throw) means do not start. */
  confirm: (request: { address: string; port: number }) => Promise<boolean>
  /** Origins allowed to upgrade (the app's own, e.g. `app://fortnight`). */
  allowedOrigins: readonly string[]
}

export interface SyncHost {
  start(request: { port?: number; address: string }): Promise<SyncHostStatus>
  stop(): Promise<SyncHostStatus>
  status(): SyncHostStatus
  interfaces(): HostInterface[]
}

export function lanAddresses(): HostInterface[] {
  const out: HostInterface[] = []
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push({ name, address: a.address })
  }
  return out
}

export function createSyncHost(deps: SyncHostDeps): SyncHost {
  const start = deps.start ?? startSignalingServer
  const addresses = deps.lanAddresses ?? lanAddresses
  const makeToken = deps.token ?? (() => randomBytes(32).toString('base64url'))
  const allowed = new Set(deps.allowedOrigins)
  let server: SignalingServer | null = null
  let token = ''
  let starting: Promise<SyncHostStatus> | null = null

  const interfaces = (): HostInterface[] => [...addresses(), LOOPBACK]

  const status = (): SyncHostStatus => {
    if (!server) return { running: false, urls: [] }
    const s = server
    return { running: true, port: s.port, address: s.host, urls: [signalingUrl(s.host, s.port, token)], connections: s.stats().connections }
  }

  return {
    status,
    interfaces,
    async start({ port = DEFAULT_HOST_PORT, address }) {
      if (server) return status()
      if (!interfaces().some((i) => i.address === address)) {
        throw new Error('Choose one of this computer’s network addresses to host sync on.')
      }
      starting ??= (async () => {
        try {
          const yes = await deps.confirm({ address, port }).catch(() => false)
          if (!yes) return status()
          token = makeToken()
          server = await start({ port, host: address, token, allowOrigin: (origin) => origin === undefined || allowed.has(origin) })
        } catch (error) {
          token = ''
          const code = (error as { code?: string }).code
          throw new Error(
            code === 'EADDRINUSE'
              ? `Port ${port} is already in use on this computer. Choose another port, or stop the other program.`
              : code === 'EADDRNOTAVAIL'
                ? `This computer no longer has the address ${address}. Choose another.`
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
