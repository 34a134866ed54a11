import * as Y from 'yjs'
import { commentOwner, gateRoomUpdate, sameStruct, structSignature, type GateContext, type GuardRefusal } from './commentGuard'
import { commentsOf, parseCommentRecord, reauthorFromTeam, type CommentRecord } from './comments'

/**
 * A copy of a team doc that a team peer publishes into the mentor or viewer room.
 *
 * Why a copy: y-webrtc applies whatever a room's peers send straight into the doc it is given.
 * If the team doc itself joined the mentor room, a mentor's app could write anything into the
 * team's board. So the team peer connects a **mirror** doc to that room instead:
 *
 * ```
 * team room ⇄ team doc ──every update (one microtask later)──▶ mirror ⇄ mentor room
 *                 ▲                                               │ receive(update): gateRoomUpdate
 *                 └─ re-authored comment (this peer's own client) ┘ (mode 'comments')
 * ```
 *
 * **Re-authoring.** The team doc never integrates a struct from the room. The gate
 * (commentGuard.ts) lets into the mirror only flat comment records from mentor clients; the mirror
 * then reads each touched comment's plain value, validates it again and writes the team's own copy
 * (`reauthorMentorComment`: `via: 'mentor-room'`, `mentorClient`) with this peer's client, keyed
 * by the comment id. Every team peer that re-authors the same comment writes an equal value, so
 * they converge; the copy flows back into the mirror, which is the mentor's receipt
 * (sync/commentReceipts.ts). Whole classes of struct attacks on the team doc (taking a team
 * member's client id, hiding structs, nesting, forged neighbours) have nothing to act on.
 *
 * **The room's copy.** Updates from the room should come in through `receive` (the transport
 * hook): structs claiming a team client id are dropped before they reach the mirror, so nobody can
 * take the clock numbers of the team's next edit in the room's copy. A transport that cannot call
 * the hook (stock y-webrtc applies to the doc itself) is still covered for the team doc: the mirror
 * checks each such transaction after the fact, re-authors only valid comments, counts what is not,
 * and reports a poisoned copy in `stats().stuck` so the session can rebuild the mirror.
 *
 * In mode `'read-only'` (the viewer room) nothing is taken back at all; forged team structs are
 * still dropped and counted. Nothing a listener does can throw into Yjs (an exception inside an
 * 'update' listener would leave the doc's transaction cleanups behind and silence the room): every
 * listener is wrapped, and a throw is counted as a refusal (`'error'`).
 */
export type MirrorMode = 'comments' | 'read-only'

export type MirrorRefusal = GuardRefusal | 'forged-team-client' | 'read-only' | 'rate-limit'

/** Why a mirror no longer flows (shown on the Sharing screen; the session may rebuild it). */
export type MirrorStuck =
  /** Structs or deletions parked by Yjs waiting for something that will never come. */
  | 'pending'
  /** A transaction whose cleanups never ran (an exception escaped an 'update' listener). */
  | 'cleanup-never-ran'
  /** Team updates queued for the mirror but not forwarded for over `stallMs`. */
  | 'forward-stalled'
  /** A struct claiming a team client id reached the mirror (transport without the hook). */
  | 'poisoned'

export interface MirrorStats {
  /** Comments from the room re-authored into the team doc. */
  readonly accepted: number
  /** Updates (or parts) from the room refused as misbehaviour, and the last reason. */
  readonly refused: number
  readonly lastRefusal: MirrorRefusal | null
  readonly byReason: Readonly<Partial<Record<MirrorRefusal, number>>>
  /** Later structs of a session already refused once (counted once, not again per comment). */
  readonly gapsAfterRefusal: number
  /** Dropped without counting: echoes racing the team room, deletions without an author. */
  readonly dropped: number
  readonly stuck: MirrorStuck | null
}

export interface RoomMirror {
  /** Give this to the room's provider. */
  readonly doc: Y.Doc
  readonly mode: MirrorMode
  /**
   * The transport hook: apply an update that arrived from the room (instead of
   * `Y.applyUpdate(mirror.doc, update)`). Never throws.
   */
  receive(update: Uint8Array, origin?: unknown): void
  stats(): MirrorStats
  /** Called once per counted refusal (never with the update's content). */
  onRefused(cb: (stats: MirrorStats) => void): () => void
  /**
   * Called whenever the stats change in a way the Sharing screen shows: refusals (also one taken
   * back), `stuck`. Poll `stats()` as well: 'forward-stalled' is a matter of time passing.
   */
  onChange(cb: (stats: MirrorStats) => void): () => void
  /** Forward anything queued from the team doc and re-author anything waiting (tests). */
  flush(): void
  destroy(): void
}

export interface MirrorOptions {
  /**
   * Wait before re-authoring a comment (default 0: at once). A colleague's first comment of a
   * session can reach this mirror (through their own mirror) before the team room; it is then
   * re-authored as a mentor-room comment, and corrected (written back as the colleague's own) as
   * soon as the team doc has that colleague's client. A delay makes that flicker rarer.
   */
  readonly reauthorDelayMs?: number
  /** Forwarding queued for longer than this is reported as stalled. */
  readonly stallMs?: number
  readonly now?: () => number
  /**
   * The Yjs client id the team's copies of mentor comments are written under (random by default).
   * Not the team doc's own: re-authored comments then never take the clock numbers of this peer's
   * board edits, so the board's structs are exactly what they would be without the mentor room.
   */
  readonly relayClientId?: number
  /**
   * How much the mentor room may add to the team doc per window (all mentors together): the
   * shape limits bound one comment, this bounds a flood of valid ones. Beyond it, comments are not
   * taken (counted once per window as 'rate-limit'); their authors' receipts start afresh later.
   */
  readonly rate?: { readonly comments: number; readonly bytes: number; readonly windowMs: number }
}

/** 200 comments or 512 kB a minute: far above a room of people typing, far below a flood. */
export const MIRROR_RATE = Object.freeze({ comments: 200, bytes: 512 * 1024, windowMs: 60_000 })

/** True for the origin of team-doc changes that came in through a mirror (never tracked by undo). */
export function isRelayOrigin(origin: unknown): boolean {
  return typeof origin === 'object' && origin !== null && (origin as { kind?: unknown }).kind === 'relay'
}

/**
 * Yjs keeps a doc's transaction cleanups in a private array that is emptied after the outermost
 * transaction's observers ran. Left non-empty outside a transaction, the doc is wedged: later
 * transactions never emit 'update'. Read in this one place (test: roomMirror private-field check).
 */
export function transactionCleanupsLeft(doc: Y.Doc): number | null {
  const d = doc as unknown as { _transaction?: unknown; _transactionCleanups?: unknown }
  if (!Array.isArray(d._transactionCleanups) || !('_transaction' in d)) return null
  return d._transaction === null ? d._transactionCleanups.length : 0
}

const CLAIMS_KEPT = 256

/** A struct from the room claiming a team client id; `integrated`: it reached the mirror (no hook). */
interface Claim {
  readonly client: number
  readonly clock: number
  readonly signature: string
  readonly integrated: boolean
}

export function createRoomMirror(team: Y.Doc, mode: MirrorMode, opts: MirrorOptions = {}): RoomMirror {
  const mirror = new Y.Doc()
  const now = opts.now ?? Date.now
  const stallMs = opts.stallMs ?? 2000
  const delay = opts.reauthorDelayMs ?? 0
  const fromTeam = { kind: 'from-team' }
  const viaGate = { kind: 'from-room-gated' }
  const intoTeam = Object.freeze({ kind: 'relay' as const, mirror: mirror.guid })
  const comments = commentsOf(mirror) as unknown as Y.AbstractType<unknown>
  let accepted = 0
  let refused = 0
  let gapsAfterRefusal = 0
  let dropped = 0
  let poisoned = false
  let lastRefusal: MirrorRefusal | null = null
  const byReason: Partial<Record<MirrorRefusal, number>> = {}
  const listeners = new Set<(s: MirrorStats) => void>()
  /** Mentor sessions refused once: their later structs are gaps, not new attempts. */
  const refusedSessions = new Set<number>()
  /**
   * Refusals of sessions the team doc has not seen, by client: a colleague's first edit can reach
   * this mirror (through their own mirror) before the team room. If the team doc later has that
   * client, it was the team's own edit: the refusal is taken back.
   */
  const unknownRefused = new Map<number, MirrorRefusal[]>()
  /** Sessions that wrote outside comments straight into the mirror (no hook): from which clock. */
  const untrusted = new Map<number, number>()
  /** Dropped claims on team client ids, to compare with the team's own structs when they arrive. */
  const claims = new Map<string, Claim>()
  let pending: Uint8Array[] = []
  let pendingSince = 0
  let destroyed = false
  let lastStuck: MirrorStuck | null = null
  /** True while an update that passed the gate is applied (its transaction needs no second check). */
  let gating = false

  let relayClient = opts.relayClientId ?? 0
  while (relayClient === 0 || relayClient === team.clientID || relayClient === mirror.clientID || team.store.clients.has(relayClient)) {
    relayClient = Math.floor(Math.random() * 0xfffffffe) + 1
  }
  const isTeamClient = (client: number): boolean =>
    client === team.clientID || client === mirror.clientID || client === relayClient || team.store.clients.has(client)
  const ctx: GateContext = { team, mirror, isTeamClient }

  const stuck = (): MirrorStuck | null => {
    if (poisoned) return 'poisoned'
    if (mirror.store.pendingStructs !== null || mirror.store.pendingDs !== null) return 'pending'
    if ((transactionCleanupsLeft(mirror) ?? 0) > 0) return 'cleanup-never-ran'
    if (pending.length > 0 && now() - pendingSince > stallMs) return 'forward-stalled'
    return null
  }
  const stats = (): MirrorStats => ({ accepted, refused, lastRefusal, byReason: { ...byReason }, gapsAfterRefusal, dropped, stuck: stuck() })
  const changeListeners = new Set<(s: MirrorStats) => void>()
  /** `refused` when the refusal listeners last heard: they hear once per new refusal. */
  let heard = 0
  const notify = (): void => {
    const s = stats()
    lastStuck = s.stuck
    const call = (l: (s: MirrorStats) => void): void => {
      try {
        l(s)
      } catch (err) {
        console.error('A mirror listener failed', err)
      }
    }
    for (; heard < refused; heard++) listeners.forEach(call)
    heard = Math.min(heard, refused)
    changeListeners.forEach(call)
  }
  const count = (reason: MirrorRefusal): void => {
    refused++
    lastRefusal = reason
    byReason[reason] = (byReason[reason] ?? 0) + 1
  }
  const guarded = (what: () => void): void => {
    try {
      what()
    } catch (err) {
      console.error('The mirror refused an update it could not check', err)
      count('error')
      notify()
    }
  }

  Y.applyUpdate(mirror, Y.encodeStateAsUpdate(team), fromTeam)

  // ---- team → mirror ------------------------------------------------------------------------
  // Forwarded a moment later (one microtask, merged): the team room's own send goes first, so
  // colleagues get an edit straight from the team room rather than behind two mirror copies.
  const flushForward = (): void => {
    const batch = pending
    pending = []
    if (destroyed || batch.length === 0) return
    Y.applyUpdate(mirror, batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch), fromTeam)
    verifyClaims()
  }
  const onTeamUpdate = (update: Uint8Array): void => {
    // Everything, re-authored comments included: the mirror never has those (they are this
    // peer's own structs), and they are the mentor's receipt.
    if (pending.push(update) === 1) {
      pendingSince = now()
      queueMicrotask(() => guarded(flushForward))
    }
  }

  /** A dropped claim on a team client id is forged if the team's own struct there differs. */
  const verifyClaims = (): void => {
    if (claims.size === 0) return
    const sv = Y.decodeStateVector(Y.encodeStateVector(team))
    let forged = 0
    for (const [id, claim] of claims) {
      if ((sv.get(claim.client) ?? 0) <= claim.clock) continue
      claims.delete(id)
      let real: Y.Item | Y.GC
      try {
        real = Y.getItem(team.store, Y.createID(claim.client, claim.clock)) as Y.Item | Y.GC
      } catch {
        continue
      }
      if (!sameStruct(structSignature(real, claim.clock - real.id.clock), claim.signature)) {
        forged++
        if (claim.integrated) poisoned = true
      }
    }
    if (forged > 0) {
      for (let i = 0; i < forged; i++) count('forged-team-client')
      notify()
    }
  }
  const rememberClaim = (claim: Claim): void => {
    // This peer's own next clock numbers (and the mirror's, which never writes) can come from
    // nowhere else: a claim beyond what the team doc has is forged. One the team doc has is an
    // echo (another team peer's mirror forwarded this peer's edit first): compared like any other.
    const own = claim.client === team.clientID || claim.client === mirror.clientID
    const teamHas = (Y.decodeStateVector(Y.encodeStateVector(team)).get(claim.client) ?? 0) > claim.clock
    if (own && !teamHas) {
      count('forged-team-client')
      if (claim.integrated) poisoned = true
      return
    }
    if (claims.size >= CLAIMS_KEPT) claims.delete(claims.keys().next().value as string)
    claims.set(`${claim.client}:${claim.clock}`, claim)
    if (teamHas) verifyClaims()
  }

  // ---- room → mirror → team ------------------------------------------------------------------
  const waiting = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const scheduleReauthor = (keys: Iterable<string>): void => {
    for (const k of keys) waiting.add(k)
    if (waiting.size === 0) return
    if (delay <= 0) return reauthorWaiting()
    timer ??= setTimeout(() => {
      timer = undefined
      guarded(reauthorWaiting)
    }, delay)
  }
  /**
   * What each recent mentor session wrote, as received (client → key → value): if that client
   * turns out to be a colleague's (the team doc gets it through the team room), the comment is
   * written back as theirs (`correctColleagues`). Bounded: the oldest sessions are forgotten.
   */
  const reauthored = new Map<number, Map<string, unknown>>()
  const remember = (client: number, key: string, value: unknown): void => {
    let keys = reauthored.get(client)
    if (!keys) {
      if (reauthored.size >= CLAIMS_KEPT) reauthored.delete(reauthored.keys().next().value as number)
      reauthored.set(client, (keys = new Map()))
    }
    if (keys.size < CLAIMS_KEPT) keys.set(key, value)
  }
  const writeAsRelay = (writes: readonly (readonly [string, unknown])[]): void => {
    const teamComments = commentsOf(team) as unknown as Y.Map<unknown>
    // Under the relay's own client id (see MirrorOptions.relayClientId), switched only for this
    // one synchronous transaction, as Yjs itself switches a doc's id on a clash.
    const own = team.clientID
    team.clientID = relayClient
    try {
      team.transact(() => writes.forEach(([k, v]) => teamComments.set(k, v)), intoTeam)
    } finally {
      team.clientID = own
    }
  }
  /** A "mentor" session that was a colleague's after all: their comments are written back as theirs. */
  const correctColleagues = (): void => {
    if ((team as unknown as { _transaction: unknown })._transaction !== null) return
    const teamComments = commentsOf(team) as unknown as Y.Map<unknown>
    const writes: [string, unknown][] = []
    for (const [client, keys] of reauthored) {
      if (client === relayClient || !team.store.clients.has(client)) continue
      reauthored.delete(client)
      for (const [key, value] of keys) {
        const current = teamComments.get(key) as Record<string, unknown> | undefined
        if (current && current.via === 'mentor-room' && current.mentorClient === client) writes.push([key, value])
      }
    }
    if (writes.length > 0) writeAsRelay(writes)
  }

  const rate = opts.rate ?? MIRROR_RATE
  let windowStart = now()
  let windowComments = 0
  let windowBytes = 0
  let windowCounted = false
  const withinRate = (bytes: number): boolean => {
    const t = now()
    if (t - windowStart >= rate.windowMs) {
      windowStart = t
      windowComments = 0
      windowBytes = 0
      windowCounted = false
    }
    if (windowComments + 1 > rate.comments || windowBytes + bytes > rate.bytes) {
      if (!windowCounted) {
        windowCounted = true
        count('rate-limit')
        queueMicrotask(notify)
      }
      return false
    }
    windowComments++
    windowBytes += bytes
    return true
  }

  /**
   * Replies whose thread the team doc does not have yet (a colleague's first comment that reached
   * this mirror through their own mirror first): tried again when the team's comments change.
   * Not refusals; bounded (the oldest are forgotten, and the mentor's receipts post them again).
   */
  const orphans = new Set<string>()
  const parkOrphan = (key: string): void => {
    orphans.delete(key)
    if (orphans.size >= CLAIMS_KEPT) orphans.delete(orphans.values().next().value as string)
    orphans.add(key)
  }

  /**
   * Writes the team's own copy of each waiting comment that is a valid mentor comment
   * (`reauthorFromTeam`: what places a comment, and who wrote it when, comes from the team's
   * copies, never from a later record). New threads first, so a reply that arrives with its
   * thread in one batch finds it.
   */
  const reauthorWaiting = (): void => {
    if (destroyed) return
    // Never inside a transaction of the team doc (its client id must not change mid-way).
    if ((team as unknown as { _transaction: unknown })._transaction !== null) {
      queueMicrotask(() => guarded(reauthorWaiting))
      return
    }
    const keys = [...waiting]
    waiting.clear()
    const teamComments = commentsOf(team) as unknown as Y.Map<unknown>
    const candidates: { key: string; client: number; record: CommentRecord; raw: unknown }[] = []
    let notYours = 0
    for (const key of keys) {
      const item = (comments as unknown as { _map: Map<string, Y.Item> })._map.get(key)
      if (!item || item.deleted || isTeamClient(item.id.client)) continue
      const from = untrusted.get(item.id.client)
      if (from !== undefined && item.id.clock > from) {
        gapsAfterRefusal++ // the same rule as a gap through the gate: the mentor's receipts start afresh
        continue
      }
      if (!(item.content instanceof Y.ContentAny)) continue
      const raw = item.content.arr[item.content.arr.length - 1]
      const record = parseCommentRecord(raw)
      if (!record || record.id !== key) continue
      const owner = commentOwner(ctx, key)
      if (owner !== null && owner !== item.id.client) {
        notYours++
        continue
      }
      candidates.push({ key, client: item.id.client, record, raw })
    }
    candidates.sort((a, b) => (a.record.parentId == null ? 0 : 1) - (b.record.parentId == null ? 0 : 1))
    const writes = new Map<string, unknown>()
    for (const { key, client, record, raw } of candidates) {
      const copy = reauthorFromTeam(team, record, client, writes)
      if (!copy) {
        parkOrphan(key)
        continue
      }
      orphans.delete(key)
      const json = JSON.stringify(copy)
      if (JSON.stringify(teamComments.get(key)) === json) continue
      if (!withinRate(json.length)) continue
      writes.set(key, copy)
      remember(client, key, raw)
    }
    if (writes.size > 0) {
      writeAsRelay([...writes])
      accepted += writes.size
    }
    if (notYours > 0) {
      for (let i = 0; i < notYours; i++) count('not-your-comment')
      notify()
    }
  }

  const receive = (update: Uint8Array, origin: unknown = viaGate): void => {
    guarded(() => {
      if (destroyed) return
      flushForward() // the mirror has everything the team doc has before judging
      const result = gateRoomUpdate(ctx, update)
      let counted = false
      result.claims.forEach((c) => {
        const before = refused
        rememberClaim({ ...c, integrated: false })
        counted ||= refused > before
      })
      dropped += result.droppedDeletions
      if (mode === 'read-only') {
        // Nothing is taken back from the viewer room; only forged team structs are counted.
        if (result.update) dropped++
      } else {
        if (result.update) {
          gating = true
          try {
            Y.applyUpdate(mirror, result.update, origin === fromTeam ? viaGate : origin)
          } finally {
            gating = false
          }
        }
        if (result.refusal) {
          const sessionAlreadyRefused = result.refusal === 'gap' && [...result.refusedClients].every((c) => refusedSessions.has(c))
          if (sessionAlreadyRefused) gapsAfterRefusal++
          else {
            count(result.refusal)
            counted = true
            const [only] = result.refusedClients
            if (result.refusedClients.size === 1 && only !== undefined && !unknownRefused.has(only) && unknownRefused.size < CLAIMS_KEPT) {
              unknownRefused.set(only, [result.refusal])
            }
          }
          result.refusedClients.forEach((c) => refusedSessions.add(c))
        }
        scheduleReauthor(result.keys)
      }
      if (counted || stuck() !== lastStuck) notify()
    })
  }

  /** A transaction on the mirror that did not come through the gate (a transport without the hook). */
  const onMirrorTransaction = (tr: Y.Transaction): void => {
    if (tr.origin === fromTeam || gating) return
    guarded(() => {
      let outside = false
      let claimed = false
      for (const [client, after] of tr.afterState) {
        const before = tr.beforeState.get(client) ?? 0
        if (after <= before) continue
        const structs = mirror.store.clients.get(client) ?? []
        if (isTeamClient(client)) {
          const s = structs[Y.findIndexSS(structs, before)]
          if (s) rememberClaim({ client, clock: before, signature: structSignature(s, before - s.id.clock), integrated: true })
          claimed = true
          continue
        }
        if (mode === 'read-only') continue
        for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
          const s = structs[i]!
          if (s instanceof Y.Item && (s.parent !== comments || s.content instanceof Y.ContentType)) {
            // As through the gate: what a session writes after writing outside comments is not taken.
            if (!refusedSessions.has(client)) outside = true
            refusedSessions.add(client)
            if (!untrusted.has(client)) untrusted.set(client, s.id.clock)
            break
          }
        }
      }
      if (outside) count('outside-comments')
      if (claimed) verifyClaims()
      if (mode === 'comments') {
        const keys = tr.changed.get(comments as Y.AbstractType<Y.YEvent<any>>) // eslint-disable-line @typescript-eslint/no-explicit-any
        if (keys) scheduleReauthor([...keys].filter((k): k is string => typeof k === 'string'))
      }
      if (outside || stuck() !== lastStuck) notify()
    })
  }

  // A claim that the team later shows to be real (a colleague's edit, echoed by their mirror
  // before the team room delivered it) is harmless in the mirror; a forged one poisons it.
  const onTeamAfter = (tr: Y.Transaction): void => {
    if (orphans.size > 0 && tr.changed.has(commentsOf(team) as unknown as Y.AbstractType<Y.YEvent<any>>)) { // eslint-disable-line @typescript-eslint/no-explicit-any
      orphans.forEach((k) => waiting.add(k))
      orphans.clear()
      queueMicrotask(() => guarded(reauthorWaiting))
    }
    if (claims.size > 0) guarded(verifyClaims)
    if (unknownRefused.size > 0) guarded(takeBackColleagues)
    if (reauthored.size > 0 && [...reauthored.keys()].some((c) => c !== relayClient && team.store.clients.has(c))) {
      queueMicrotask(() => guarded(correctColleagues))
    }
  }
  const takeBackColleagues = (): void => {
    let changed = false
    for (const [client, reasons] of unknownRefused) {
      if (!team.store.clients.has(client)) continue
      unknownRefused.delete(client)
      refusedSessions.delete(client)
      untrusted.delete(client)
      for (const r of reasons) {
        refused--
        byReason[r] = (byReason[r] ?? 1) - 1
        if (byReason[r] === 0) delete byReason[r]
      }
      changed = true
    }
    if (changed) notify()
  }

  team.on('update', onTeamUpdate)
  team.on('afterTransaction', onTeamAfter)
  mirror.on('afterTransaction', onMirrorTransaction)

  return {
    doc: mirror,
    mode,
    receive,
    stats,
    onRefused(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    onChange(cb) {
      changeListeners.add(cb)
      return () => changeListeners.delete(cb)
    },
    flush() {
      guarded(flushForward)
      clearTimeout(timer)
      timer = undefined
      guarded(reauthorWaiting)
      guarded(flushForward)
    },
    destroy() {
      destroyed = true
      clearTimeout(timer)
      team.off('update', onTeamUpdate)
      team.off('afterTransaction', onTeamAfter)
      mirror.off('afterTransaction', onMirrorTransaction)
      listeners.clear()
      changeListeners.clear()
      mirror.destroy()
    }
  }
}

/**
 * Which mirror rooms a project needs: a top-level map, written by the team peer that issues a
 * mentor or viewer invite (through the team room only; the comment guard refuses it from a
 * mirror). Team peers join the mentor / viewer room, and keep a mirror, only once it is set, so
 * a project nobody was invited to as mentor or viewer pays nothing for mirrors.
 */
export type MirrorRoomKind = 'mentor' | 'viewer'
const ROOMS_IN_USE = 'mirrorRooms'
const markOrigin = Object.freeze({ kind: 'mirror-rooms' as const })

export function mirrorRoomsInUse(doc: Y.Doc): ReadonlySet<MirrorRoomKind> {
  const map = doc.getMap<boolean>(ROOMS_IN_USE)
  const out = new Set<MirrorRoomKind>()
  for (const kind of ['mentor', 'viewer'] as const) if (map.get(kind) === true) out.add(kind)
  return out
}

export function markMirrorRoomInUse(doc: Y.Doc, kind: MirrorRoomKind): void {
  const map = doc.getMap<boolean>(ROOMS_IN_USE)
  if (map.get(kind) !== true) doc.transact(() => map.set(kind, true), markOrigin)
}

export function observeMirrorRoomsInUse(doc: Y.Doc, cb: () => void): () => void {
  const map = doc.getMap<boolean>(ROOMS_IN_USE)
  const handler = (): void => cb()
  map.observe(handler)
  return () => map.unobserve(handler)
}
