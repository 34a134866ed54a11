/**
 * The one status model people see: offline / connecting / connected to N peers / synced.
 * Pure, so every transition is unit-tested.
 */
import type { Role } from './roles'
import type { TransportStatus } from './transports'

export type SyncState = 'not-shared' | 'offline' | 'connecting' | 'connected' | 'synced'

export interface SyncStatus {
  readonly state: SyncState
  /** Colleagues connected directly (WebRTC) or in another tab (BroadcastChannel). */
  readonly peers: number
  readonly webrtcPeers: number
  readonly bcPeers: number
  readonly relay: 'off' | 'connecting' | 'connected' | 'synced'
  readonly role: Role | null
  /** Why it is offline when that is not the person's own choice. */
  readonly problem: string | null
  /** Updates from the mentor/viewer rooms that were refused (someone tried to change the board). */
  readonly refused: number
}

export const NOT_SHARED: SyncStatus = { state: 'not-shared', peers: 0, webrtcPeers: 0, bcPeers: 0, relay: 'off', role: null, problem: null, refused: 0 }

export function computeStatus(input: {
  role: Role | null
  online: boolean
  hasSignaling: boolean
  primary: TransportStatus | null
  relay: TransportStatus | null
  refused?: number
}): SyncStatus {
  const { role, online, hasSignaling, primary, relay } = input
  const refused = input.refused ?? 0
  if (role === null) return NOT_SHARED
  const webrtcPeers = primary?.webrtcPeers ?? 0
  const bcPeers = primary?.bcPeers ?? 0
  const peers = webrtcPeers + bcPeers
  const relayState: SyncStatus['relay'] = !relay ? 'off' : !relay.reachable ? 'connecting' : relay.synced ? 'synced' : 'connected'
  const base = { peers, webrtcPeers, bcPeers, relay: online ? relayState : 'off', role, refused } as const
  if (!online) return { ...base, relay: 'off', state: 'offline', problem: null }
  if (!hasSignaling && !relay) return { ...base, state: 'offline', problem: 'No signaling address is set, so this computer cannot find colleagues' }
  const reachable = (primary?.reachable ?? false) || relayState !== 'connecting' && relayState !== 'off'
  if (peers === 0 && relayState !== 'synced' && relayState !== 'connected') {
    return { ...base, state: reachable ? 'connected' : 'connecting', problem: null }
  }
  // BroadcastChannel peers sync instantly through the same browser; only WebRTC peers report it.
  const directSynced = webrtcPeers === 0 || (primary?.synced ?? false)
  const relaySynced = relayState === 'off' || relayState === 'synced' || relayState === 'connecting'
  return { ...base, state: directSynced && relaySynced ? 'synced' : 'connected', problem: null }
}

function colleagues(n: number): string {
  return `${n} colleague${n === 1 ? '' : 's'}`
}

/** One short sentence for the header and the sharing screen. */
export function statusText(s: SyncStatus): string {
  const via = s.relay === 'synced' || s.relay === 'connected' ? (s.peers > 0 ? ' and the relay' : ' the relay') : ''
  switch (s.state) {
    case 'not-shared':
      return 'Not shared'
    case 'offline':
      return s.problem ? `Offline: ${s.problem}` : 'Offline (working on this computer only)'
    case 'connecting':
      return 'Connecting…'
    case 'connected':
      if (s.peers === 0 && !via) return 'Connected, no colleagues online'
      return s.peers > 0 ? `Connected to ${colleagues(s.peers)}${via}, catching up…` : `Connected to${via}, catching up…`
    case 'synced':
      return s.peers > 0 ? `Up to date with ${colleagues(s.peers)}${via}` : `Up to date with${via}`
  }
}
