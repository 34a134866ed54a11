import * as Y from 'yjs'
import { addsNothing, checkCommentsOnly, type GuardRefusal } from './commentGuard'

/**
 * A copy of a team doc that a team peer publishes into the mentor or viewer room.
 *
 * Why a copy: y-webrtc applies whatever a room's peers send straight into the doc it is given.
 * If the team doc itself joined the mentor room, a mentor's app could write anything into the
 * team's board. So the team peer connects a **mirror** doc to that room instead:
 *
 * ```
 * team room ⇄ team doc ──every update──▶ mirror ⇄ mentor room (mentors, other team peers' mirrors)
 *                  ▲                        │
 *                  └── only if checkCommentsOnly(team, update) ──┘   (mode 'comments')
 * ```
 * In mode `'read-only'` (the viewer room) nothing is taken back at all, and nothing is counted.
 *
 * What is refused stays in the room's copies (a CRDT cannot un-send), so other mentors may see a
 * misbehaving mentor's board edit in their own copy; the team's board, and therefore every team
 * peer and every later relay, never has it. Refusals are counted for the sharing screen (an
 * update that adds nothing new to the team doc, such as another team peer's mirror echoing the
 * board, is ignored without counting; a colleague's board edit that reaches this mirror before
 * the team room is refused here and arrives through the team room anyway).
 */
export type MirrorMode = 'comments' | 'read-only'

export interface MirrorStats {
  /** Updates from the room applied to the team doc. */
  readonly accepted: number
  /** Updates from the room refused, and the last reason. */
  readonly refused: number
  readonly lastRefusal: GuardRefusal | 'read-only' | null
}

export interface RoomMirror {
  /** Give this to the room's provider. */
  readonly doc: Y.Doc
  readonly mode: MirrorMode
  stats(): MirrorStats
  /** Called after each refusal (for a visible count; never with the update's content). */
  onRefused(cb: (stats: MirrorStats) => void): () => void
  flush(): void
  destroy(): void
}

/** True for the origin of team-doc changes that came in through a mirror (never tracked by undo). */
export function isRelayOrigin(origin: unknown): boolean {
  return typeof origin === 'object' && origin !== null && (origin as { kind?: unknown }).kind === 'relay'
}

export function createRoomMirror(team: Y.Doc, mode: MirrorMode): RoomMirror {
  const mirror = new Y.Doc()
  const fromTeam = { kind: 'from-team' }
  const intoTeam = Object.freeze({ kind: 'relay' as const, mirror: mirror.guid })
  let accepted = 0
  let refused = 0
  let lastRefusal: MirrorStats['lastRefusal'] = null
  const listeners = new Set<(s: MirrorStats) => void>()
  const stats = (): MirrorStats => ({ accepted, refused, lastRefusal })

  Y.applyUpdate(mirror, Y.encodeStateAsUpdate(team), fromTeam)

  // Forwarded a moment later (one microtask, merged): the team room's own send goes first, so
  // colleagues get an edit straight from the team room rather than behind two mirror copies.
  let pending: Uint8Array[] = []
  let destroyed = false
  const flush = (): void => {
    const batch = pending
    pending = []
    if (destroyed || batch.length === 0) return
    Y.applyUpdate(mirror, batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch), fromTeam)
  }
  const onTeamUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === intoTeam) return // it came from this mirror: the mirror has it already
    if (pending.push(update) === 1) queueMicrotask(flush)
  }
  const onMirrorUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === fromTeam) return
    const verdict = mode === 'read-only' ? ({ ok: false, reason: 'read-only' } as const) : checkCommentsOnly(team, update)
    if (verdict.ok) {
      accepted++
      Y.applyUpdate(team, update, intoTeam)
      return
    }
    // Echoes of the team's own board from other team peers' mirrors: nothing new, nothing refused.
    // A colleague's own change racing ahead of the team room (its client has written to the board
    // here before) is refused too, but it is not misbehaviour: it arrives through the team room.
    // The viewer room takes nothing back, so nothing there is counted either (mostly it is the
    // team's own board, echoed by other team peers' mirrors).
    if (mode === 'read-only' || verdict.reason === 'client-id-taken' || addsNothing(team, update)) return
    refused++
    lastRefusal = verdict.reason
    const s = stats()
    listeners.forEach((l) => l(s))
  }
  team.on('update', onTeamUpdate)
  mirror.on('update', onMirrorUpdate)

  return {
    doc: mirror,
    mode,
    stats,
    onRefused(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    /** Apply anything still waiting to be forwarded (tests; the app never needs to). */
    flush,
    destroy() {
      destroyed = true
      team.off('update', onTeamUpdate)
      mirror.off('update', onMirrorUpdate)
      listeners.clear()
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
