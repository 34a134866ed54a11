/**
 * The sync session of one computer: which docs are shared, their rooms and providers, presence,
 * "while you were offline", invites and rotation. DOM-free: the renderer gives it localStorage
 * and y-webrtc; tests give it a Map and an in-memory hub.
 *
 * Per doc (a DocSync), by the role this computer holds for it (keyring.ts):
 * - team, project doc:   team room on the doc itself; a mirror (doc/roomMirror.ts) in the mentor
 *                        room that takes back comments only; a mirror in the viewer room that
 *                        takes back nothing; plus the relay (if set) in the team room's name.
 *                        Each mirror room only once an invite for that role has been made
 *                        (doc/roomMirror.ts: mirrorRoomsInUse), so a project without mentors or
 *                        viewers pays nothing for mirrors.
 * - team, programme doc: team room (plus the relay, if set), and the programme's keys room over
 *                        WebRTC only, where team members pass project team keys to each other
 *                        (doc/teamKeys.ts). The programme doc itself holds no secret.
 * - mentor:              mentor room on the doc. The board is read-only in the interface, and the
 *                        team's mirrors refuse anything but comments whatever this app does.
 *                        Receipts (commentReceipts.ts): a comment the team has not taken back
 *                        within the timeout is posted again in a fresh session (a new Yjs client
 *                        id), and the mentor is told (`commentNotice`).
 *
 * Team peers poll their mirrors: one that is stuck in a way only a fresh copy cures ('poisoned',
 * 'pending', 'cleanup-never-ran') is rebuilt, at most once per `rebuildEveryMs` per room, and the
 * Sharing screen says so (status.ts `rooms`).
 * - viewer:              viewer room on the doc; nothing it writes is taken by the team.
 *
 * Docs are attached only after they have loaded from this computer and migrated (the registry's
 * onOpen hook), so peers never see a half-loaded doc.
 *
 * Addresses: only the sync settings' signaling list is dialled. An invite's addresses are copied
 * into the settings when a person joins with none set, and kept in the keyring entry for the
 * record, but never dialled behind the person's back: someone who clears the list has asked
 * this computer to stop dialling, so nothing is dialled until they set one again.
 */
import type { Awareness } from 'y-protocols/awareness'
import {
  addComment,
  commentsOf,
  createKeysDoc,
  createRoomMirror,
  LOCAL_ORIGIN,
  markMirrorRoomInUse,
  mirrorRoomsInUse,
  observeMirrorRoomsInUse,
  publishTeamKey,
  readProjectIndex,
  readTeamKeys,
  stateMarker,
  subscribeDocLater,
  subscribeTeamKeys,
  summariseSince,
  takeLegacyTeamKeys,
  watchCommentWrites,
  type CommentId,
  type MirrorMode,
  type MirrorRefusal,
  type MirrorRoomKind,
  type MirrorStats,
  type MirrorStuck,
  type OfflineSummary,
  type RoomMirror
} from '../doc'
import type { AnyDoc } from '../doc/schema'
import type { CardId, PersonId, ProjectId } from '../domain/ids'
import { fromBase64Url, toBase64Url } from './base64url'
import { createCommentReceipts, RECEIPT_TIMEOUT_MS, type CommentReceipts } from './commentReceipts'
import { decodeInvite, encodeInvite, INVITE_VERSION, type Invite } from './invite'
import { Keyring, type DocKindName, type KeyEntry } from './keyring'
import type { Role } from './roles'
import { firstSecret, rotateSecret } from './rotation'
import { deriveKeysRoom, deriveRoom, docKeys, secretForRole, type RoomCredentials } from './secrets'
import { isRoomTokenUrl, withRoomToken } from './signalingTokens'
import { loadSyncSettings, saveSyncSettings, type SyncSettings } from './settings'
import { computeStatus, NOT_SHARED, type GuestRoomStatus, type SyncStatus } from './status'
import type { KeyValueStore } from './store'
import type { RoomTransport, TransportFactory } from './transports'

export interface Identity {
  readonly id: PersonId
  readonly name: string
  readonly colour: string
}

/** What each peer shares about itself (y-protocols awareness). `user` is what TipTap's carets read. */
export interface PresenceState {
  readonly user: { readonly id: string; readonly name: string; readonly color: string }
  readonly editingCardId: string | null
}

export interface PresencePeer extends PresenceState {
  readonly clientId: number
  readonly self: boolean
}

const MARKER_PREFIX = 'fortnight.sync.seen.'

function isPresence(v: unknown): v is PresenceState {
  const u = (v as { user?: { name?: unknown; id?: unknown } } | null)?.user
  return typeof u === 'object' && u !== null && typeof u.name === 'string'
}

/** Clocks and intervals of a session (tests shorten them). */
export interface SyncTiming {
  /** How often a team peer looks at its mirrors' `stats()` ('forward-stalled' is a matter of time). */
  readonly mirrorPollMs: number
  /** At most one rebuild of a room's mirror per this long (a room that keeps re-sending a forged struct would loop). */
  readonly rebuildEveryMs: number
  /** How often a mentor's app checks its receipts. */
  readonly receiptPollMs: number
  /** Connected time after which an unacknowledged comment counts as not accepted. */
  readonly receiptTimeoutMs: number
}

export const SYNC_TIMING: SyncTiming = Object.freeze({ mirrorPollMs: 2_000, rebuildEveryMs: 30_000, receiptPollMs: 1_000, receiptTimeoutMs: RECEIPT_TIMEOUT_MS })

/** Stuck states only a fresh copy cures ('forward-stalled' may clear on its own, so it is only shown). */
const REBUILD_WHEN: ReadonlySet<MirrorStuck> = new Set<MirrorStuck>(['poisoned', 'pending', 'cleanup-never-ran'])

/** What a mentor sees after comments were posted again in a fresh session. */
export interface CommentNotice {
  /** Comments posted again (over the session, until dismissed). */
  readonly count: number
  /** When the last fresh session started (epoch ms). */
  readonly at: number
}

/** Per room, what the Sharing screen and tests read: the mirror's stats plus this slot's rebuilds. */
export interface MirrorSlotStats extends MirrorStats {
  readonly kind: MirrorRoomKind
  readonly mode: MirrorMode
  readonly rebuilds: number
  readonly lastRebuildAt: number | null
}

interface MirrorSlot {
  readonly kind: MirrorRoomKind
  readonly mode: MirrorMode
  readonly room: RoomCredentials
  mirror: RoomMirror
  transport: RoomTransport | null
  /** Unsubscribes from the current mirror's onChange. */
  off: () => void
  /** Refusals counted by the mirrors this slot replaced (a rebuild must not make them vanish). */
  carriedRefused: number
  carriedLast: MirrorRefusal | null
  rebuilds: number
  lastRebuildAt: number | null
  /** When a poll first saw the mirror 'pending' (structs can wait a moment for their neighbours). */
  pendingSince: number | null
}

/** A Yjs client id this doc has never used (a mentor's fresh session). */
function freshClientId(doc: AnyDoc): number {
  let id = 0
  while (id === 0 || id === doc.clientID || doc.store.clients.has(id)) id = Math.floor(Math.random() * 0xfffffffe) + 1
  return id
}

function every(ms: number, fn: () => void): () => void {
  const t = setInterval(fn, ms)
  ;(t as { unref?: () => void }).unref?.()
  return () => clearInterval(t)
}

/** One shared doc on this computer. */
export class DocSync {
  private primary: RoomTransport | null = null
  private relay: RoomTransport | null = null
  /** Programme docs of a team member only: the keys room (WebRTC only, never relayed). */
  private keysRoom: RoomTransport | null = null
  private readonly mirrors: MirrorSlot[] = []
  /** Serialises joining mirror rooms (at start, and when an invite puts a room in use). */
  private mirrorChain: Promise<void> = Promise.resolve()
  private editingCardId: string | null = null
  private readonly cleanups: (() => void)[] = []
  private readonly listeners = new Set<() => void>()
  private current: SyncStatus = NOT_SHARED
  private stopped = false
  private signaling: readonly string[] = []
  /** Mentor, project doc: did the team take this app's comments? */
  private receipts: CommentReceipts | null = null
  private notice: CommentNotice | null = null
  private presenceCache: readonly PresencePeer[] | null = null
  // "While you were offline"
  private live = false
  /** True when this computer was live with colleagues before (a marker is stored): check on the next sync. */
  private pendingCheck: boolean
  private summary: OfflineSummary | null = null
  private markerTimer: ReturnType<typeof setTimeout> | undefined
  readonly ready: Promise<void>

  constructor(
    readonly docId: string,
    readonly kind: DocKindName,
    readonly doc: AnyDoc,
    readonly entry: KeyEntry,
    private readonly deps: {
      factory: TransportFactory
      settings: SyncSettings
      identity: Identity
      store: KeyValueStore
      keysDoc?: AnyDoc | null
      now?: () => number
      timing?: Partial<SyncTiming>
    }
  ) {
    this.pendingCheck = this.readMarker() !== null
    // First time here: everything that arrives is simply the doc, not "while you were offline".
    if (!this.pendingCheck) this.saveMarker()
    this.update()
    this.ready = this.start().finally(() => this.update())
  }

  private async start(): Promise<void> {
    const { factory, settings } = this.deps
    const { entry, doc } = this
    if (!settings.online) return this.update()
    const signaling = signalingFor(settings.signaling, entry)
    this.signaling = signaling
    // Nothing to dial: no provider at all (y-webrtc with no address would still talk to this
    // browser's other tabs, which doc/tabChannel.ts already does for every doc).
    if (signaling.length === 0 && !settings.relayUrl) return this.update()
    const keys = await docKeys(entry)
    const primaryKind = entry.role
    const primaryRoom = await deriveRoom(keys, primaryKind)
    if (this.stopped) return
    this.primary = await factory.webrtc({ room: primaryRoom, doc, signaling, iceServers: settings.iceServers })
    if (this.stopped) return void this.primary.destroy()
    this.primary.awareness.setLocalState(this.presenceState(null))
    this.cleanups.push(this.primary.onChange(() => this.update()))
    const onAwareness = (): void => {
      this.presenceCache = null
      this.emit()
    }
    this.primary.awareness.on('change', onAwareness)
    this.cleanups.push(() => this.primary?.awareness.off('change', onAwareness))

    if (entry.role === 'team') {
      // Mirrors only for the rooms someone was invited to (doc/roomMirror.ts: mirrorRoomsInUse):
      // a project's mentor and viewer rooms, a programme's viewer room (managers, issue 10).
      const join = (): void => {
        this.mirrorChain = this.mirrorChain.then(() => this.joinMirrorRooms(keys, signaling)).catch((err: unknown) => console.error('Sync could not join a mirror room', err))
      }
      this.cleanups.push(observeMirrorRoomsInUse(doc, join))
      join()
      await this.mirrorChain
      if (this.stopped) return
      this.cleanups.push(every(this.timing.mirrorPollMs, () => void this.checkMirrors()))
    }
    if (entry.role === 'mentor' && this.kind === 'project') this.startReceipts()
    if (entry.role === 'team' && this.kind === 'programme' && this.deps.keysDoc && signaling.length > 0 && !this.stopped) {
      // Project keys travel here, never through the programme doc (which the relay below gets).
      this.keysRoom = await factory.webrtc({ room: await deriveKeysRoom(keys), doc: this.deps.keysDoc, signaling, iceServers: settings.iceServers })
      if (this.stopped) return void this.keysRoom.destroy()
    }
    if (entry.role === 'team' && settings.relayUrl && !this.stopped) {
      this.relay = await factory.relay({ url: settings.relayUrl, roomName: primaryRoom.name, doc, awareness: this.primary.awareness })
      this.cleanups.push(this.relay.onChange(() => this.update()))
    }
    const offDoc = subscribeDocLater(doc, () => this.onDocChange())
    this.cleanups.push(offDoc)
    this.update()
  }

  /** Joins the mentor / viewer rooms now in use that this peer has not joined yet, through mirrors. */
  private async joinMirrorRooms(keys: Awaited<ReturnType<typeof docKeys>>, signaling: readonly string[]): Promise<void> {
    const { factory, settings } = this.deps
    const inUse = mirrorRoomsInUse(this.doc)
    for (const [kind, mode] of [
      ['mentor', 'comments'],
      ['viewer', 'read-only']
    ] as const) {
      // A programme has no mentor room: mentors are invited to projects, never to the programme.
      if (kind === 'mentor' && this.kind === 'programme') continue
      if (!inUse.has(kind) || this.mirrors.some((m) => m.kind === kind) || this.stopped) continue
      const room: RoomCredentials = await deriveRoom(keys, kind)
      if (this.stopped) return
      const mirror = createRoomMirror(this.doc, mode)
      const slot: MirrorSlot = { kind, mode, room, mirror, transport: null, off: () => {}, carriedRefused: 0, carriedLast: null, rebuilds: 0, lastRebuildAt: null, pendingSince: null }
      // Any change of the stats (a refusal, one taken back, stuck) reaches the status at once.
      slot.off = mirror.onChange(() => this.update())
      this.mirrors.push(slot)
      // Updates from the room pass the mirror's gate before they reach its doc (inboundHook.ts).
      slot.transport = await factory.webrtc({ room, doc: mirror.doc, signaling, iceServers: settings.iceServers, receive: (u) => mirror.receive(u) })
      // Mentors see who from the team is online too.
      slot.transport.awareness.setLocalState(this.presenceState(this.editingCardId))
      if (this.stopped) return
    }
  }

  private get timing(): SyncTiming {
    return { ...SYNC_TIMING, ...this.deps.timing }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)()
  }

  /**
   * Looks at every mirror (the poll calls this every `mirrorPollMs`): the status follows, and a
   * mirror stuck in a way only a fresh copy cures is rebuilt (its transport destroyed, a fresh
   * mirror of the team doc joins the same room), at most once per `rebuildEveryMs` per room.
   * Resolves with the number rebuilt. Serialised with joining rooms and with `stop`.
   */
  checkMirrors(): Promise<number> {
    let rebuilt = 0
    const run = async (): Promise<void> => {
      for (const slot of this.mirrors) {
        if (this.stopped) return
        const { stuck } = slot.mirror.stats()
        const now = this.now()
        // 'pending' can be a moment's wait (a struct arriving before its neighbour over WebRTC):
        // only when a poll saw it a whole poll earlier too.
        if (stuck !== 'pending') slot.pendingSince = null
        else if (slot.pendingSince === null || now - slot.pendingSince < this.timing.mirrorPollMs) {
          slot.pendingSince ??= now
          continue
        }
        if (stuck === null || !REBUILD_WHEN.has(stuck)) continue
        if (slot.lastRebuildAt !== null && now - slot.lastRebuildAt < this.timing.rebuildEveryMs) continue
        await this.rebuildMirror(slot, now)
        rebuilt++
      }
    }
    const done = this.mirrorChain.then(run)
    this.mirrorChain = done.catch((err: unknown) => console.error('Sync could not rebuild a mirror', err))
    return this.mirrorChain.then(() => {
      this.update()
      return rebuilt
    })
  }

  private async rebuildMirror(slot: MirrorSlot, now: number): Promise<void> {
    const { factory, settings } = this.deps
    const old = slot.mirror.stats()
    console.warn(`Sync: the ${slot.kind} room's mirror was stuck (${old.stuck ?? 'unknown'}); rebuilding it`)
    slot.carriedRefused += old.refused
    slot.carriedLast = old.lastRefusal ?? slot.carriedLast
    slot.off()
    const transport = slot.transport
    slot.transport = null
    await transport?.destroy()
    slot.mirror.destroy()
    slot.mirror = createRoomMirror(this.doc, slot.mode)
    slot.off = slot.mirror.onChange(() => this.update())
    slot.rebuilds++
    slot.lastRebuildAt = now
    slot.pendingSince = null
    if (this.stopped) return
    const mirror = slot.mirror
    const next = await factory.webrtc({ room: slot.room, doc: mirror.doc, signaling: this.signaling, iceServers: settings.iceServers, receive: (u) => mirror.receive(u) })
    if (this.stopped) return void next.destroy()
    slot.transport = next
    next.awareness.setLocalState(this.presenceState(this.editingCardId))
    this.update()
  }

  // ---- a mentor's receipts --------------------------------------------------------------------

  private startReceipts(): void {
    const receipts = createCommentReceipts(this.doc.clientID, { timeoutMs: this.timing.receiptTimeoutMs })
    this.receipts = receipts
    this.cleanups.push(watchCommentWrites(this.doc, { onLocal: (c) => receipts.wrote(c, this.now()), onRemote: (k, v) => receipts.echo(k, v) }))
    this.cleanups.push(every(this.timing.receiptPollMs, () => this.checkReceipts()))
    this.checkReceipts()
  }

  /**
   * Mentor, project doc (every `receiptPollMs`): tells the receipts whether this app is connected
   * to a team peer, and when comments were not accepted, starts a fresh session: a new Yjs client
   * id for the doc (set here, between transactions), the old entries removed and the comments
   * posted again under new ids, and a notice for the mentor. Returns how many were posted again.
   */
  checkReceipts(): number {
    const receipts = this.receipts
    if (!receipts || this.stopped) return 0
    const now = this.now()
    receipts.connected((this.primary?.status().webrtcPeers ?? 0) > 0, now)
    const { notAccepted } = receipts.check(now)
    if (notAccepted.length === 0) return 0
    const fresh = freshClientId(this.doc)
    this.doc.clientID = fresh
    const again = receipts.freshSession(fresh, now)
    const { id, name } = this.deps.identity
    const ctx = { author: { id, name }, now: () => this.now() }
    for (const c of again) {
      try {
        this.doc.transact(() => commentsOf(this.doc).delete(c.id), LOCAL_ORIGIN)
        addComment(this.doc, ctx, {
          cardId: c.cardId as CardId | null,
          text: c.text,
          ...(c.subject ? { subject: c.subject } : {}),
          ...(c.parentId ? { parentId: c.parentId as CommentId } : {}),
          ...(c.mentions ? { mentions: c.mentions } : {})
        })
      } catch (err) {
        console.error('A comment could not be posted again', err)
      }
    }
    this.notice = { count: (this.notice?.count ?? 0) + notAccepted.length, at: now }
    this.emit()
    return notAccepted.length
  }

  /** Comments the team did not accept and that were posted again in a fresh session, until dismissed. */
  commentNotice(): CommentNotice | null {
    return this.notice
  }

  dismissCommentNotice(): void {
    if (!this.notice) return
    this.notice = null
    this.emit()
  }

  private presenceState(editingCardId: string | null): PresenceState {
    const { id, name, colour } = this.deps.identity
    return { user: { id, name, color: colour }, editingCardId }
  }

  get awareness(): Awareness | null {
    return this.primary?.awareness ?? null
  }

  status(): SyncStatus {
    return this.current
  }

  /** For tests and the E2E hook: the proof that an update crossed WebRTC and not BroadcastChannel. */
  connections(): { webrtcConns: number; bcConns: number } {
    const s = this.primary?.status()
    return { webrtcConns: s?.webrtcPeers ?? 0, bcConns: s?.bcPeers ?? 0 }
  }

  /** WebRTC peers in each mirror room this peer has joined (tests, bench). */
  mirrorConnections(): readonly { kind: MirrorRoomKind; webrtcConns: number }[] {
    return this.mirrors.map((m) => ({ kind: m.kind, webrtcConns: m.transport?.status().webrtcPeers ?? 0 }))
  }

  /** Each mirror room's current stats (of the current mirror: a rebuilt one starts at 0), and its rebuilds. */
  mirrorStats(): readonly MirrorSlotStats[] {
    return this.mirrors.map((m) => ({ kind: m.kind, mode: m.mode, ...m.mirror.stats(), rebuilds: m.rebuilds, lastRebuildAt: m.lastRebuildAt }))
  }

  private rooms(): GuestRoomStatus[] {
    return this.mirrors.map((m) => {
      const s = m.mirror.stats()
      return {
        kind: m.kind,
        refused: m.carriedRefused + s.refused,
        lastRefusal: s.lastRefusal ?? m.carriedLast,
        stuck: s.stuck,
        rebuilds: m.rebuilds,
        lastRebuildAt: m.lastRebuildAt
      }
    })
  }

  /** Stable between changes (safe for useSyncExternalStore). */
  presence(): readonly PresencePeer[] {
    this.presenceCache ??= this.readPresence()
    return this.presenceCache
  }

  private readPresence(): readonly PresencePeer[] {
    const a = this.primary?.awareness
    if (!a) return []
    const out: PresencePeer[] = []
    a.getStates().forEach((state, clientId) => {
      if (isPresence(state)) out.push({ ...state, editingCardId: state.editingCardId ?? null, clientId, self: clientId === a.clientID })
    })
    return out.sort((x, y) => Number(y.self) - Number(x.self) || x.user.name.localeCompare(y.user.name, 'en-GB') || x.clientId - y.clientId)
  }

  setEditingCard(cardId: string | null): void {
    this.editingCardId = cardId
    this.primary?.awareness.setLocalStateField('editingCardId', cardId)
    for (const m of this.mirrors) m.transport?.awareness.setLocalStateField('editingCardId', cardId)
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private emit(): void {
    this.listeners.forEach((l) => l())
  }

  private update(): void {
    const { settings } = this.deps
    const next = computeStatus({
      role: this.entry.role,
      online: settings.online,
      hasSignaling: settings.signaling.length > 0,
      primary: this.primary?.status() ?? null,
      relay: this.relay?.status() ?? null,
      rooms: this.rooms()
    })
    const changed = JSON.stringify(next) !== JSON.stringify(this.current)
    this.current = next
    this.trackOffline(next)
    if (changed) this.emit()
  }

  // ---- while you were offline ---------------------------------------------------------------

  private readMarker(): Uint8Array | null {
    const raw = this.deps.store.getItem(MARKER_PREFIX + this.docId)
    return raw === null ? null : fromBase64Url(raw)
  }

  private saveMarker(): void {
    this.deps.store.setItem(MARKER_PREFIX + this.docId, toBase64Url(stateMarker(this.doc)))
  }

  private trackOffline(s: SyncStatus): void {
    const withOthers = s.state === 'synced' && (s.peers > 0 || s.relay === 'synced')
    if (withOthers) {
      if (this.pendingCheck) {
        this.pendingCheck = false
        const marker = this.readMarker()
        const found = marker ? summariseSince(this.doc, marker, this.deps.identity.id) : null
        if (found && found.total > 0) {
          this.summary = found
          queueMicrotask(() => this.emit())
        } else this.saveMarker()
      } else if (!this.live && !this.summary) this.saveMarker()
      this.live = true
    } else if (s.state !== 'connected' || s.peers === 0) {
      // Genuinely apart from colleagues: what arrives next time is "while you were offline".
      if (this.live) {
        if (!this.summary) this.saveMarker()
        this.pendingCheck = true
      }
      this.live = false
    }
  }

  private onDocChange(): void {
    if (!this.live || this.summary) return
    clearTimeout(this.markerTimer)
    this.markerTimer = setTimeout(() => {
      if (this.live && !this.summary && !this.stopped) this.saveMarker()
    }, 300)
  }

  /** What colleagues changed while this computer was away, until dismissed. */
  offlineSummary(): OfflineSummary | null {
    return this.summary
  }

  dismissOfflineSummary(): void {
    this.summary = null
    this.saveMarker()
    this.emit()
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    clearTimeout(this.markerTimer)
    if (this.live && !this.summary) this.saveMarker()
    await this.ready.catch(() => {})
    await this.mirrorChain
    this.cleanups.splice(0).forEach((c) => c())
    const all: Promise<void>[] = []
    if (this.relay) all.push(this.relay.destroy())
    if (this.keysRoom) all.push(this.keysRoom.destroy())
    if (this.primary) all.push(this.primary.destroy())
    for (const m of this.mirrors) {
      if (m.transport) all.push(m.transport.destroy())
    }
    await Promise.all(all)
    for (const m of this.mirrors) {
      m.off()
      m.mirror.destroy()
    }
    this.listeners.clear()
  }
}

export class JoinError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JoinError'
  }
}

/** No signaling address in the sync settings: the form should point at that field. */
export class MissingSignalingError extends JoinError {
  readonly field = 'signaling' as const
  constructor() {
    super('Add a signaling address in the sync settings first, so the person you invite can find you')
    this.name = 'MissingSignalingError'
  }
}

/**
 * The invite would replace access this computer already has (issue 8, attack 1): the person is
 * asked first. `join(text, { confirmed: true })` then goes ahead. Never thrown for a team key:
 * an invite cannot replace one (TeamKeyConflictError).
 */
export class JoinConfirmationNeeded extends JoinError {
  constructor(
    readonly invite: Invite,
    readonly existing: KeyEntry
  ) {
    super(
      `You already have ${existing.role} access to ${existing.docName ?? invite.docName ?? 'this'} on this computer. ` +
        `This invite, from ${invite.issuedBy}, would replace it with ${invite.role} access.`
    )
    this.name = 'JoinConfirmationNeeded'
  }
}

/**
 * A team invite with a different secret for something this computer already holds a team key
 * for. Refused whatever the person says: anyone holding a mentor invite could have made it, and
 * accepting it would move the real doc into their room. New team keys reach team members through
 * the programme's keys room.
 */
export class TeamKeyConflictError extends JoinError {
  constructor() {
    super(
      'You are already on the team for this, and this invite carries a different team key, so it was not used. ' +
        'New keys reach team members through the programme automatically. If a colleague really changed the key for you, ' +
        'ask them to share the programme with you, or choose "Stop sharing on this computer" for it and then join again.'
    )
    this.name = 'TeamKeyConflictError'
  }
}

/**
 * The signaling addresses a doc dials: the settings' list, except that where a setting carries
 * a room token (a mentor's or viewer's, signalingTokens.ts) and this doc's invite carries a room
 * token for the same server, the doc's own token is used. Only servers the person set are dialled.
 */
export function signalingFor(settings: readonly string[], entry: KeyEntry): string[] {
  return settings.map((url) => {
    if (!isRoomTokenUrl(url)) return url
    const server = serverOf(url)
    return entry.signaling.find((u) => isRoomTokenUrl(u) && serverOf(u) === server) ?? url
  })
}

function serverOf(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}${u.pathname}`
  } catch {
    return url
  }
}

interface Attached {
  readonly docId: string
  readonly kind: DocKindName
  readonly doc: AnyDoc
  sync: DocSync | null
  /** Serialises restarts. */
  chain: Promise<void>
}

/**
 * Everything sync on this computer. One per app. `attach` / `detach` follow the doc registry;
 * the rest is what the sharing screens call.
 */
export class SyncManager {
  readonly keyring: Keyring
  private settings: SyncSettings
  private readonly attached = new Map<string, Attached>()
  private readonly listeners = new Set<() => void>()
  private programmeId: string | null = null
  /** Mentor / viewer rooms put in use by an invite made while the project was not open here. */
  private readonly pendingRooms = new Map<string, Set<MirrorRoomKind>>()
  private offTeamKeys: (() => void) | null = null
  /** The programme's keys doc (doc/teamKeys.ts): in memory, synced in the keys room only. */
  private keysDoc: AnyDoc = createKeysDoc() as AnyDoc

  constructor(
    private readonly deps: { store: KeyValueStore; factory: TransportFactory; identity: Identity; now?: () => number; timing?: Partial<SyncTiming> }
  ) {
    this.keyring = new Keyring(deps.store)
    this.settings = loadSyncSettings(deps.store)
  }

  get identity(): Identity {
    return this.deps.identity
  }

  setIdentity(identity: Identity): void {
    ;(this.deps as { identity: Identity }).identity = identity
  }

  getSettings(): SyncSettings {
    return this.settings
  }

  /** Validates, saves and reconnects every shared doc with the new settings. */
  async updateSettings(next: SyncSettings): Promise<void> {
    this.settings = saveSyncSettings(this.deps.store, next)
    await Promise.all([...this.attached.values()].map((a) => this.restart(a)))
    this.emit()
  }

  /**
   * Another tab or window of this profile changed the settings or the keyring in the shared
   * store (the renderer calls this on the `storage` event): follow it, restarting only what
   * changed. Reads only, so two tabs never answer each other's writes.
   */
  async reloadFromStore(): Promise<void> {
    const next = loadSyncSettings(this.deps.store)
    const settingsChanged = JSON.stringify(next) !== JSON.stringify(this.settings)
    this.settings = next
    const changed = new Set(this.keyring.reload())
    if (this.programmeId && changed.has(this.programmeId)) this.bootKeys()
    const restart = [...this.attached.values()].filter((a) => settingsChanged || changed.has(a.docId))
    await Promise.all(restart.map((a) => this.restart(a)))
    this.emit()
  }

  async setOnline(online: boolean): Promise<void> {
    if (this.settings.online === online) return
    await this.updateSettings({ ...this.settings, online })
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private emit(): void {
    this.listeners.forEach((l) => l())
  }

  // ---- docs -------------------------------------------------------------------------------

  /** Call once the doc has loaded and migrated. The programme doc must be attached as such. */
  attach(docId: string, kind: DocKindName, doc: AnyDoc): void {
    if (this.attached.has(docId)) return
    const a: Attached = { docId, kind, doc, sync: null, chain: Promise.resolve() }
    this.attached.set(docId, a)
    if (kind === 'programme') {
      this.programmeId = docId
      this.offTeamKeys?.()
      this.keysDoc = createKeysDoc() as AnyDoc
      const offKeys = subscribeTeamKeys(this.keysDoc, () => this.adoptTeamKeys())
      // Migration: an older app (or an older peer) may still write keys into the programme doc.
      const offLegacy = subscribeTeamKeys(doc, () => this.bootKeys())
      this.offTeamKeys = () => {
        offKeys()
        offLegacy()
      }
      this.bootKeys()
    } else {
      this.ensureProjectKey(docId)
      for (const kind of this.pendingRooms.get(docId) ?? []) markMirrorRoomInUse(doc, kind)
      this.pendingRooms.delete(docId)
    }
    void this.restart(a)
  }

  async detach(docId: string): Promise<void> {
    const a = this.attached.get(docId)
    if (!a) return
    this.attached.delete(docId)
    if (docId === this.programmeId) {
      this.offTeamKeys?.()
      this.offTeamKeys = null
      this.programmeId = null
    }
    await (a.chain = a.chain.then(async () => {
      await a.sync?.stop()
      a.sync = null
    }))
    this.emit()
  }

  async detachAll(): Promise<void> {
    await Promise.all([...this.attached.keys()].map((id) => this.detach(id)))
  }

  private restart(a: Attached): Promise<void> {
    a.chain = a.chain.then(async () => {
      await a.sync?.stop()
      a.sync = null
      const entry = this.keyring.get(a.docId)
      if (!entry || this.attached.get(a.docId) !== a) return this.emit()
      const sync = new DocSync(a.docId, a.kind, a.doc, entry, {
        factory: this.deps.factory,
        settings: this.settings,
        identity: this.deps.identity,
        store: this.deps.store,
        keysDoc: a.kind === 'programme' ? this.keysDoc : null,
        ...(this.deps.now ? { now: this.deps.now } : {}),
        ...(this.deps.timing ? { timing: this.deps.timing } : {})
      })
      a.sync = sync
      sync.onChange(() => this.emit())
      await sync.ready.catch((err: unknown) => console.error('Sync could not start', err))
      this.emit()
    })
    return a.chain
  }

  sync(docId: string): DocSync | null {
    return this.attached.get(docId)?.sync ?? null
  }

  status(docId: string): SyncStatus {
    return this.sync(docId)?.status() ?? NOT_SHARED
  }

  /** The most telling status across shared docs, for the header. */
  overallStatus(): SyncStatus {
    const order = ['synced', 'connected', 'unreachable', 'connecting', 'offline', 'not-shared'] as const
    let best: SyncStatus = NOT_SHARED
    for (const a of this.attached.values()) {
      const s = a.sync?.status()
      if (!s) continue
      if (order.indexOf(s.state) < order.indexOf(best.state) || (s.state === best.state && s.peers > best.peers)) best = s
    }
    return best
  }

  role(docId: string): Role | null {
    return this.keyring.get(docId)?.role ?? null
  }

  // ---- keys -------------------------------------------------------------------------------

  /** The keys doc, when this person is on the programme's team (else project keys go nowhere). */
  private programmeTeamDoc(): AnyDoc | null {
    if (!this.programmeId || this.keyring.get(this.programmeId)?.role !== 'team') return null
    const programme = this.attached.get(this.programmeId)?.doc
    return programme ? this.keysDoc : null
  }

  /**
   * On the programme's team: move any keys still in the programme doc (written before issue 8)
   * into this keyring and the keys doc, clear them from the programme doc, then publish this
   * computer's keys for the programme's projects, so colleagues who join later get them.
   */
  private bootKeys(): void {
    const keys = this.programmeTeamDoc()
    const programme = this.programmeId ? this.attached.get(this.programmeId)?.doc : undefined
    if (!keys || !programme) return
    for (const [projectId, key] of takeLegacyTeamKeys(programme)) publishTeamKey(keys, projectId, key)
    for (const p of readProjectIndex(programme)) {
      const mine = this.keyring.get(p.id)
      if (mine?.role === 'team') publishTeamKey(keys, p.id, { secret: mine.secret, secretVersion: mine.secretVersion })
    }
    this.adoptTeamKeys()
  }

  /** A project in a programme shared with the team gets (or adopts) its team key on first open. */
  private ensureProjectKey(projectId: string): void {
    if (this.keyring.get(projectId)) return
    const programme = this.programmeTeamDoc()
    if (!programme) return
    const published = readTeamKeys(programme).get(projectId as ProjectId)
    if (published) return this.adoptTeamKeys()
    this.shareProjectWithTeam(projectId, programme)
  }

  private shareProjectWithTeam(projectId: string, keysDoc: AnyDoc, docName?: string): void {
    const existing = this.keyring.get(projectId)
    if (existing && existing.role !== 'team') return
    const key = existing ?? { ...firstSecret(), docId: projectId, kind: 'project' as const, role: 'team' as const, signaling: [], addedAt: this.now(), ...(docName ? { docName } : {}) }
    if (!existing) this.keyring.set(key)
    publishTeamKey(keysDoc, projectId as ProjectId, { secret: key.secret, secretVersion: key.secretVersion })
    // Already open on this computer: start syncing it now.
    const a = this.attached.get(projectId)
    if (a && !a.sync) void this.restart(a)
  }

  /**
   * Keys from the programme's team (the keys room) win over what this keyring holds when newer,
   * or when Yjs kept another team member's value for the same version. This is the one way a
   * team key on this computer is replaced: by the team, never by an invite.
   */
  private adoptTeamKeys(): void {
    const keysDoc = this.programmeTeamDoc()
    if (!keysDoc) return
    for (const [projectId, key] of readTeamKeys(keysDoc)) {
      const mine = this.keyring.get(projectId)
      if (mine && mine.secretVersion > key.secretVersion) {
        if (mine.role === 'team') publishTeamKey(keysDoc, projectId, { secret: mine.secret, secretVersion: mine.secretVersion })
        continue
      }
      if (mine && mine.secret === key.secret && mine.secretVersion === key.secretVersion && mine.role === 'team') continue
      this.keyring.set({
        docId: projectId,
        kind: 'project',
        role: 'team',
        secret: key.secret,
        secretVersion: key.secretVersion,
        signaling: mine?.signaling ?? [],
        addedAt: mine?.addedAt ?? this.now(),
        ...(mine?.docName ? { docName: mine.docName } : {})
      })
      const a = this.attached.get(projectId)
      if (a) void this.restart(a)
    }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)()
  }

  /**
   * Start sharing a doc this person owns (they become its team). For the programme doc, every
   * project in it is shared with the team too, so a colleague who joins the programme gets them all.
   */
  async startSharing(docId: string, kind: DocKindName, docName?: string): Promise<KeyEntry> {
    let entry = this.keyring.get(docId)
    if (entry && entry.role !== 'team') throw new JoinError('Only team members can share this. Your invite was for a ' + entry.role + '.')
    if (!entry) {
      entry = { ...firstSecret(), docId, kind, role: 'team', signaling: [], addedAt: this.now(), ...(docName ? { docName } : {}) }
      this.keyring.set(entry)
    }
    if (kind === 'programme') {
      const programme = this.attached.get(docId)?.doc
      const keysDoc = this.programmeTeamDoc()
      if (programme && keysDoc) {
        this.bootKeys()
        for (const p of readProjectIndex(programme)) this.shareProjectWithTeam(p.id, keysDoc, p.name)
        this.adoptTeamKeys()
      }
    } else {
      const programme = this.programmeTeamDoc()
      if (programme) publishTeamKey(programme, docId as ProjectId, { secret: entry.secret, secretVersion: entry.secretVersion })
    }
    const a = this.attached.get(docId)
    if (a && !a.sync) await this.restart(a)
    this.emit()
    return entry
  }

  /**
   * Why an invite for `role` cannot be made now (null when it can). Checked before anything is
   * written, so a failed invite leaves the doc unshared, the keyring as it was and no mirror
   * room in use.
   */
  inviteProblem(docId: string, kind: DocKindName, role: Role): JoinError | null {
    const entry = this.keyring.get(docId)
    if (entry && entry.role !== 'team') return new JoinError(`Only team members can invite people. You joined as a ${entry.role}.`)
    if ((entry?.kind ?? kind) === 'programme' && role === 'mentor') return new JoinError('Mentors are invited to a project, not to the whole programme.')
    if (this.settings.signaling.length === 0) return new MissingSignalingError()
    return null
  }

  /** "Create invite": starts sharing the doc if needed, but only once the invite can be made. */
  async shareAndInvite(docId: string, kind: DocKindName, role: Role, opts: { docName?: string; now?: Date; mentor?: { id: string; name: string } } = {}): Promise<string> {
    const problem = this.inviteProblem(docId, kind, role)
    if (problem) throw problem
    if (!this.keyring.get(docId)) await this.startSharing(docId, kind, opts.docName)
    return this.createInvite(docId, role, opts)
  }

  /** An invite code for `role`. Only the team can invite; the secret it carries is the lowest that role needs. */
  async createInvite(docId: string, role: Role, opts: { docName?: string; now?: Date; mentor?: { id: string; name: string } } = {}): Promise<string> {
    const entry = this.keyring.get(docId)
    if (!entry || entry.role !== 'team') throw new JoinError('Start sharing first: only team members can invite people.')
    const problem = this.inviteProblem(docId, entry.kind, role)
    if (problem) throw problem
    // Team invites carry the office's signaling token; a mentor's or viewer's carries a token good
    // for their one room (signalingTokens.ts), so it cannot be used to fill the server.
    const guestRoom = role === 'team' ? null : (await deriveRoom(await docKeys(entry), role)).name
    const signaling = guestRoom === null ? [...this.settings.signaling] : await Promise.all(this.settings.signaling.map((u) => withRoomToken(u, guestRoom)))
    const invite: Invite = {
      v: INVITE_VERSION,
      kind: entry.kind,
      docId,
      ...(opts.docName ? { docName: opts.docName.slice(0, 200) } : {}),
      role,
      secret: await secretForRole(entry.secret, docId, role),
      signaling,
      secretVersion: entry.secretVersion,
      issuedBy: this.deps.identity.name.slice(0, 100) || 'A colleague',
      issuedAt: (opts.now ?? new Date(this.now())).toISOString(),
      ...(role === 'mentor' && opts.mentor ? { mentor: { id: opts.mentor.id, name: opts.mentor.name.slice(0, 200) } } : {})
    }
    const code = await encodeInvite(invite)
    // Only now that the invite exists: the team's peers join this role's room (through a mirror).
    const doc = this.attached.get(docId)?.doc
    if (role !== 'team') {
      if (doc) markMirrorRoomInUse(doc, role)
      else this.pendingRooms.set(docId, new Set([...(this.pendingRooms.get(docId) ?? []), role]))
    }
    return code
  }

  /**
   * Joins from a pasted code or link: keeps the key, adopts the invite's signaling address if
   * none is set, and starts syncing the doc if it is open. Throws InviteError / JoinError with a
   * message to show as it is.
   *
   * An invite is a password, not a signature: anyone holding a mentor invite can make an invite
   * that looks like a team invite for the same doc. So (issue 8, attack 1):
   * - it never replaces a team key this computer holds with a different secret
   *   (TeamKeyConflictError), whatever the version it claims; new team keys come from the team;
   * - replacing any other access already here needs the person's say-so (JoinConfirmationNeeded,
   *   then `{ confirmed: true }`);
   * - the same invite again changes nothing.
   */
  async join(text: string, opts: { confirmed?: boolean } = {}): Promise<Invite> {
    const invite = await decodeInvite(text)
    if (invite.kind === 'programme' && invite.role === 'mentor') {
      throw new JoinError('This invite gives a mentor access to a whole programme, which Fortnight does not do. Ask for a project invite.')
    }
    const existing = this.keyring.get(invite.docId)
    if (existing && existing.kind !== invite.kind) throw new JoinError('This invite is for a different kind of document than the one with this id on this computer, so it was not used.')
    const same = existing && existing.role === invite.role && existing.secret === invite.secret && existing.secretVersion === invite.secretVersion
    if (existing && !same) {
      if (existing.role === 'team' && invite.role !== 'team') {
        throw new JoinError('You are already on the team for this, so a ' + invite.role + ' invite would take away your access to edit it.')
      }
      if (existing.role === 'team') throw new TeamKeyConflictError()
      if (existing.role === invite.role && existing.secretVersion > invite.secretVersion) {
        throw new JoinError('This invite is out of date: the secret has been changed since it was made. Ask for a new invite.')
      }
      if (!opts.confirmed) throw new JoinConfirmationNeeded(invite, existing)
    }
    if (!same) {
      this.keyring.set({
        docId: invite.docId,
        kind: invite.kind,
        role: invite.role,
        secret: invite.secret,
        secretVersion: invite.secretVersion,
        signaling: [...invite.signaling],
        addedAt: this.now(),
        ...(invite.docName ? { docName: invite.docName } : {}),
        ...(invite.mentor && invite.role === 'mentor' ? { mentor: invite.mentor } : {})
      })
    }
    if (this.settings.signaling.length === 0) this.settings = saveSyncSettings(this.deps.store, { ...this.settings, signaling: [...invite.signaling] })
    if (invite.kind === 'programme') this.bootKeys()
    const a = this.attached.get(invite.docId)
    if (a && !same) await this.restart(a)
    this.emit()
    return invite
  }

  /**
   * New secret and version: every room name and password changes, old invites lead to empty
   * rooms. A project's new key reaches the rest of the team through the programme doc.
   */
  async rotate(docId: string): Promise<KeyEntry> {
    const entry = this.keyring.get(docId)
    if (!entry || entry.role !== 'team') throw new JoinError('Only team members can change the secret.')
    const next: KeyEntry = { ...entry, ...rotateSecret(entry) }
    this.keyring.set(next)
    if (entry.kind === 'project') {
      const programme = this.programmeTeamDoc()
      if (programme) publishTeamKey(programme, docId as ProjectId, { secret: next.secret, secretVersion: next.secretVersion })
    }
    const a = this.attached.get(docId)
    if (a) await this.restart(a)
    this.emit()
    return next
  }

  /** Stop sharing on this computer (the local copy stays). */
  async leave(docId: string): Promise<void> {
    this.keyring.remove(docId)
    const a = this.attached.get(docId)
    if (a) await this.restart(a)
    this.emit()
  }
}
