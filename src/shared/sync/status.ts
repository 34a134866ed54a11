/**
 * The one status model people see: offline / connecting / cannot reach / connected to N peers /
 * synced. Pure (the clock is passed in), so every transition and every sentence is unit-tested.
 */
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import type { MirrorRefusal, MirrorStuck } from '../doc/roomMirror'
import { LONDON } from '../domain/dates'
import type { Role } from './roles'

export type SyncState = 'not-shared' | 'offline' | 'connecting' | 'unreachable' | 'connected' | 'synced'

/** One address this computer dials (a signaling server, or the relay), and how that is going. */
export interface AddressStatus {
  readonly via: 'signaling' | 'relay'
  /** As configured (may carry `?token=`; never shown: see displayAddress). */
  readonly url: string
  readonly connected: boolean
  /** Attempts to connect since it was set, or since it was last connected. */
  readonly tries: number
  /** When the latest attempt started or failed (epoch ms); null before the first. */
  readonly lastTryAt: number | null
  /** When this computer started trying (it was set, or the connection was lost). */
  readonly since: number
  /** Decided by isUnreachable. */
  readonly unreachable: boolean
}

/** Transport-level status (transports.ts) that the model is computed from. */
export interface TransportStatusInput {
  readonly reachable: boolean
  readonly webrtcPeers: number
  readonly bcPeers: number
  readonly synced: boolean
  readonly addresses: readonly AddressStatus[]
}

/** The rooms a team peer joins through a mirror (doc/roomMirror.ts). */
export type GuestRoomKind = 'mentor' | 'viewer'

/** How one mirror room is doing, as the project's Sharing screen shows it. */
export interface GuestRoomStatus {
  readonly kind: GuestRoomKind
  /** Refusals counted by this room's mirrors on this computer, rebuilt ones included. */
  readonly refused: number
  readonly lastRefusal: MirrorRefusal | null
  /** Why the mirror does not flow right now (null: it does). */
  readonly stuck: MirrorStuck | null
  /** Times this computer restarted the room's mirror because it was stuck, and the last time. */
  readonly rebuilds: number
  readonly lastRebuildAt: number | null
}

export interface SyncStatus {
  readonly state: SyncState
  /**
   * Colleagues connected (WebRTC). Not this browser's other tabs: y-webrtc's BroadcastChannel
   * peers (`bcPeers`) are the same person in another tab or window of the same profile.
   */
  readonly peers: number
  readonly webrtcPeers: number
  readonly bcPeers: number
  readonly relay: 'off' | 'connecting' | 'connected' | 'synced'
  readonly role: Role | null
  /** Why it is offline when that is not the person's own choice. */
  readonly problem: string | null
  /** Updates from the mentor/viewer rooms that were refused (someone tried to change the board). */
  readonly refused: number
  /** The same, per room (a refusal can be taken back when it turns out to be a colleague's edit). */
  readonly refusedByRoom: Readonly<Record<GuestRoomKind, number>>
  /** Mirror rooms this computer has joined (team, project docs only). */
  readonly rooms: readonly GuestRoomStatus[]
  /** Addresses this computer keeps failing to reach (state 'unreachable' when it is all of them). */
  readonly unreachable: readonly AddressStatus[]
}

export const NOT_SHARED: SyncStatus = {
  state: 'not-shared',
  peers: 0,
  webrtcPeers: 0,
  bcPeers: 0,
  relay: 'off',
  role: null,
  problem: null,
  refused: 0,
  refusedByRoom: { mentor: 0, viewer: 0 },
  rooms: [],
  unreachable: []
}

/**
 * A server that refuses the connection fails within milliseconds, and y-webrtc retries after
 * 0.4 s, 0.6 s, 0.7 s…: three tries is about a second, so a dead address is named at once. One
 * where nothing answers at all (a switched-off computer, a firewall dropping packets) keeps its
 * first try open for a long time, so after a few seconds without a connection we say so anyway.
 * A blip while a working server restarts stays under both.
 */
export const UNREACHABLE_AFTER_TRIES = 3
export const UNREACHABLE_AFTER_MS = 5_000

export function isUnreachable(a: Pick<AddressStatus, 'connected' | 'tries' | 'since'>, now: number): boolean {
  if (a.connected || a.tries === 0) return false
  return a.tries >= UNREACHABLE_AFTER_TRIES || now - a.since >= UNREACHABLE_AFTER_MS
}

export function computeStatus(input: {
  role: Role | null
  online: boolean
  hasSignaling: boolean
  primary: TransportStatusInput | null
  relay: TransportStatusInput | null
  rooms?: readonly GuestRoomStatus[]
}): SyncStatus {
  const { role, online, hasSignaling, primary, relay } = input
  const rooms = input.rooms ?? []
  const refusedByRoom = { mentor: 0, viewer: 0 }
  for (const r of rooms) refusedByRoom[r.kind] += r.refused
  const refused = refusedByRoom.mentor + refusedByRoom.viewer
  if (role === null) return NOT_SHARED
  const webrtcPeers = primary?.webrtcPeers ?? 0
  const bcPeers = primary?.bcPeers ?? 0
  const peers = webrtcPeers
  const relayState: SyncStatus['relay'] = !relay ? 'off' : !relay.reachable ? 'connecting' : relay.synced ? 'synced' : 'connected'
  const addresses = [...(primary?.addresses ?? []), ...(relay?.addresses ?? [])]
  const unreachable = online ? addresses.filter((a) => a.unreachable) : []
  const base = { peers, webrtcPeers, bcPeers, relay: online ? relayState : 'off', role, refused, refusedByRoom, rooms, unreachable } as const
  if (!online) return { ...base, relay: 'off', state: 'offline', problem: null }
  if (!hasSignaling && !relay) return { ...base, state: 'offline', problem: 'No signaling address is set, so this computer cannot find colleagues' }
  const reachable = (primary?.reachable ?? false) || relayState === 'connected' || relayState === 'synced'
  if (peers === 0 && relayState !== 'synced' && relayState !== 'connected') {
    if (reachable) return { ...base, state: 'connected', problem: null }
    // Named only when every address it dials has been tried and failed.
    const allFailed = addresses.length > 0 && unreachable.length === addresses.length
    return { ...base, state: allFailed ? 'unreachable' : 'connecting', problem: null }
  }
  // BroadcastChannel peers sync instantly through the same browser; only WebRTC peers report it.
  const directSynced = webrtcPeers === 0 || (primary?.synced ?? false)
  const relaySynced = relayState === 'off' || relayState === 'synced' || relayState === 'connecting'
  return { ...base, state: directSynced && relaySynced ? 'synced' : 'connected', problem: null }
}

function colleagues(n: number): string {
  return `${n} colleague${n === 1 ? '' : 's'}`
}

/** An address as shown to people: scheme, host, port and path, never the `?token=`. */
export function displayAddress(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`
  } catch {
    return url.replace(/[?#].*$/, '')
  }
}

/** HH:mm in Europe/London, whatever the computer's own zone. */
export function londonTime(epochMs: number): string {
  return format(new TZDate(epochMs, LONDON), 'HH:mm')
}

function what(a: AddressStatus): string {
  return `${a.via === 'relay' ? 'the relay' : 'the sync server'} at ${displayAddress(a.url)}`
}

/** "the sync server at ws://10.1.2.3:4444 (tried 4 times, last at 10:42)" */
export function describeUnreachable(a: AddressStatus): string {
  const tries = `tried ${a.tries} time${a.tries === 1 ? '' : 's'}`
  return `${what(a)} (${tries}${a.lastTryAt === null ? '' : `, last at ${londonTime(a.lastTryAt)}`})`
}

/** Without the changing count and time: what a screen reader announces (once, not every try). */
export function unreachableSummary(s: SyncStatus): string {
  return `Cannot reach ${s.unreachable.map(what).join(' or ')}`
}

/**
 * One short sentence for the header and the sharing screen. `brief` leaves out the tries and
 * the time, which change every few seconds: for live regions, so a screen reader hears a change
 * of state once rather than every retry.
 */
export function statusText(s: SyncStatus, opts: { brief?: boolean } = {}): string {
  const describe = opts.brief ? what : describeUnreachable
  const via = s.relay === 'synced' || s.relay === 'connected' ? (s.peers > 0 ? ' and the relay' : ' the relay') : ''
  const alsoDown = s.unreachable.length > 0 ? `; cannot reach ${s.unreachable.map(describe).join(' or ')}` : ''
  switch (s.state) {
    case 'not-shared':
      return 'Not shared'
    case 'offline':
      return s.problem ? `Offline: ${s.problem}` : 'Offline (working on this computer only)'
    case 'connecting':
      return 'Connecting…'
    case 'unreachable':
      return `Cannot reach ${s.unreachable.map(describe).join(' or ')}`
    case 'connected':
      if (s.peers === 0 && !via) return `Connected, no colleagues online${alsoDown}`
      return (s.peers > 0 ? `Connected to ${colleagues(s.peers)}${via}, catching up…` : `Connected to${via}, catching up…`) + alsoDown
    case 'synced':
      return (s.peers > 0 ? `Up to date with ${colleagues(s.peers)}${via}` : `Up to date with${via}`) + alsoDown
  }
}

/**
 * The line under "Work offline" in the sync settings: whether sync is really working, not only
 * switched on. `overall` is the header's status (the most telling across shared docs).
 */
export function settingsLine(overall: SyncStatus, settings: { online: boolean; signaling: readonly string[]; relayUrl: string | null }): string {
  if (!settings.online) return 'You are working offline. Changes stay on this computer until you go back online.'
  if (settings.signaling.length === 0 && !settings.relayUrl) return 'Sync is on, but no signaling address is set, so this computer cannot find colleagues.'
  switch (overall.state) {
    case 'not-shared':
      return 'Sync is on. Nothing is shared from this computer yet.'
    case 'unreachable':
      return `Sync is on, but this computer ${statusText(overall).replace(/^Cannot/, 'cannot')}.`
    case 'offline':
      return overall.problem ? `Sync is on, but: ${overall.problem}.` : 'Sync is on.'
    case 'connecting':
      return 'Sync is on. Connecting…'
    default:
      return `Sync is on. ${statusText(overall)}.`.replace(/…\.$/, '…')
  }
}

/**
 * Why the last change from a room was refused, in words for the Sharing screen ("The last one
 * was …"). Every reason the gate and the mirror can give has an entry (the Record makes a new
 * reason a type error here).
 */
const REFUSAL_TEXT: Record<MirrorRefusal, string> = {
  'not-an-update': 'something that was not a change at all',
  'too-large': 'an update that was too large',
  'too-many': 'too many changes in one update',
  'outside-comments': 'a change to the board',
  nested: 'a comment with nested data',
  'unknown-parent': 'a change to something the team does not have',
  'bad-comment': 'a comment of the wrong shape or size',
  'not-your-comment': "a change to someone else's comment",
  'team-client': 'a change pretending to come from a team member',
  gap: 'a change that came after an earlier refused change',
  'deletes-outside-comments': 'a deletion from the board',
  error: 'an update that could not be read',
  'forged-team-client': 'a change pretending to come from a team member',
  'read-only': 'a change from a room where nothing may be changed',
  'rate-limit': 'too many comments at once'
}

export function refusalText(reason: MirrorRefusal): string {
  return REFUSAL_TEXT[reason] ?? 'a change that was not allowed'
}

const ROOM_NAME: Record<GuestRoomKind, string> = { mentor: 'The mentor room', viewer: 'The viewer room' }

/**
 * A warning for a mirror room that stopped passing changes (null when it flows and was never
 * restarted): "The mentor room stopped passing changes and was restarted at 10:42".
 */
export function roomWarning(r: GuestRoomStatus): string | null {
  const restarted = r.lastRebuildAt === null ? '' : ` and was restarted at ${londonTime(r.lastRebuildAt)}`
  if (r.stuck !== null) {
    return r.lastRebuildAt === null
      ? `${ROOM_NAME[r.kind]} has stopped passing changes.`
      : `${ROOM_NAME[r.kind]} stopped passing changes${restarted}, and has stopped again.`
  }
  return r.lastRebuildAt === null ? null : `${ROOM_NAME[r.kind]} stopped passing changes${restarted}.`
}
