import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { parseCommentRecord } from './comments'
import { KEYS } from './schema'

/**
 * The gate between the mentor (or viewer) room and a team peer's mirror of the team doc.
 *
 * A mentor holds the room's password, so the room cannot stop a mentor's app sending any Yjs
 * update it likes. The team peer that relays the board into the room (roomMirror.ts) passes every
 * update from the room through `gateRoomUpdate` before the mirror doc sees it, and keeps only the
 * part that is what a comment is:
 *
 * - **new structs from mentor clients** must be flat entries directly under the top-level
 *   `comments` map (a named parent `comments`, or the previous value of the same key as left
 *   neighbour), holding one plain JSON value that passes `commentRecordSchema` (or an overwritten
 *   one, `ContentDeleted`), with the record's `id` equal to its key. No shared types, so nothing
 *   can nest and no parent chain is ever longer than one step: nothing to walk, nothing to recurse;
 * - a mentor client may create a key, or overwrite a key **it** wrote (the team doc's copy says
 *   which mentor session wrote it: `mentorClient`); a team member's comment, or another mentor
 *   session's, is refused (`not-your-comment`);
 * - **team client ids** (this peer's, the mirror's, and any the team doc has seen) are never
 *   taken from the room: the mirror gets them only from the team doc. A claim on one is dropped
 *   before it reaches the mirror, so no one can take the clock numbers of the team's next edit
 *   in the room's copy; it is counted as forged once the team doc's real struct differs (an
 *   honest colleague's mirror may simply have been quicker than the team room);
 * - an id the update refers to is looked up in the team doc (team clients) or the mirror (mentor
 *   clients), never in the update itself, except the same client's own new structs in this update;
 * - **deletions** are kept only when already done, or when they are the overwrite of a key by a
 *   struct this update carries (a removal is an overwrite with a tombstone: a bare deletion has
 *   no author). Others are dropped;
 * - a struct after a gap (something before it was refused) is dropped: Yjs would park it for ever;
 * - bounds: `GATE_LIMITS`.
 *
 * The gate never throws (a throw is reported as `'error'`), and it does not apply anything: it
 * returns the acceptable part as a new update (only new structs; echoes of what the mirror already
 * has are left out) and the keys of `comments` it touches, which the mirror then re-authors into
 * the team doc (comments.ts: `reauthorMentorComment`). The team doc never integrates a struct
 * from the room.
 */
export type GuardRefusal =
  | 'not-an-update'
  | 'too-large'
  | 'too-many'
  | 'outside-comments'
  | 'nested'
  | 'unknown-parent'
  | 'bad-comment'
  | 'not-your-comment'
  | 'team-client'
  | 'gap'
  | 'deletes-outside-comments'
  | 'error'

export const GATE_LIMITS = Object.freeze({
  /** A whole update from the room (a sync step repeats the whole board, so this is generous). */
  updateBytes: 32 * 1024 * 1024,
  /** New structs from mentor clients in one update. */
  newStructs: 500
})

export interface GateClaim {
  readonly client: number
  readonly clock: number
  /** What the claimed struct holds, to compare with the team doc's when it arrives. */
  readonly signature: string
}

export interface GateResult {
  /** The acceptable new part (structs + deletions) to apply to the mirror, or null. */
  readonly update: Uint8Array | null
  /** Keys of `comments` whose value this update may change (to re-author). */
  readonly keys: ReadonlySet<string>
  /** New comment structs accepted. */
  readonly accepted: number
  /** The first reason something was refused (counted by the mirror), or null. */
  readonly refusal: GuardRefusal | null
  /** Mentor clients with a refused struct (later structs of theirs are gaps). */
  readonly refusedClients: ReadonlySet<number>
  /** Structs claiming a team client id: dropped; counted once shown to differ from the team's own. */
  readonly claims: readonly GateClaim[]
  /** Deletions dropped without counting (not attributable, or a colleague's not yet here). */
  readonly droppedDeletions: number
}

type Struct = Y.Item | Y.GC | Y.Skip
interface Decoded {
  structs: Struct[]
  ds: { clients: Map<number, { clock: number; len: number }[]> }
}

export interface GateContext {
  readonly team: Y.Doc
  readonly mirror: Y.Doc
  /** True for client ids that belong to the team (never taken from the room). */
  readonly isTeamClient: (client: number) => boolean
  readonly key?: string
}

const EMPTY: ReadonlySet<string> = new Set()

function refusedResult(reason: GuardRefusal): GateResult {
  return { update: null, keys: EMPTY, accepted: 0, refusal: reason, refusedClients: new Set(), claims: [], droppedDeletions: 0 }
}

/**
 * A short, comparable description of a struct: `neighbours|key#content`. Compare with
 * `sameStruct`: content that Yjs already cleared (deleted) matches any content.
 */
export function structSignature(s: Y.Item | Y.GC, offset = 0): string {
  if (s instanceof Y.GC) return 'gc'
  const origin = offset > 0 ? `${s.id.client}:${s.id.clock + offset - 1}` : s.origin ? `${s.origin.client}:${s.origin.clock}` : '-'
  const right = s.rightOrigin ? `${s.rightOrigin.client}:${s.rightOrigin.clock}` : '-'
  let content: string
  try {
    const c = s.content
    if (c instanceof Y.ContentType) content = `type:${c.type.constructor.name}`
    else if (c instanceof Y.ContentDeleted) content = 'deleted'
    else if (c instanceof Y.ContentAny || c instanceof Y.ContentString) content = `${c.constructor.name}:${JSON.stringify(c.getContent()[offset] ?? null).slice(0, 200)}`
    else content = `${c.constructor.name}:${JSON.stringify(c.getContent()).slice(0, 200)}`
  } catch {
    content = '?'
  }
  return `${origin}|${right}|${s.parentSub ?? ''}#${content}`
}

export function sameStruct(a: string, b: string): boolean {
  if (a === b) return true
  const [sa, ca] = [a.slice(0, a.lastIndexOf('#')), a.slice(a.lastIndexOf('#') + 1)]
  const [sb, cb] = [b.slice(0, b.lastIndexOf('#')), b.slice(b.lastIndexOf('#') + 1)]
  return sa === sb && (ca === 'deleted' || cb === 'deleted')
}

/** The integrated struct holding `id` in `doc` (its store, never an update's copy), or null. */
function integrated(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(id.client)
  if (!structs || structs.length === 0) return null
  const last = structs[structs.length - 1]!
  if (id.clock >= last.id.clock + last.length) return null
  try {
    return Y.getItem(doc.store, id) as Y.Item | Y.GC
  } catch {
    return null
  }
}

/** Who may change the comment under `key`: a mentor session's client id, 'team', or null (nobody yet). */
export function commentOwner(ctx: GateContext, key: string): number | 'team' | null {
  const name = ctx.key ?? KEYS.comments
  const inTeam = ctx.team.getMap(name).get(key) as Record<string, unknown> | undefined
  if (inTeam !== undefined) {
    return inTeam !== null && typeof inTeam === 'object' && inTeam.via === 'mentor-room' && typeof inTeam.mentorClient === 'number' ? inTeam.mentorClient : 'team'
  }
  const current = (ctx.mirror.getMap(name) as unknown as { _map: Map<string, Y.Item> })._map.get(key)
  if (!current) return null
  return ctx.isTeamClient(current.id.client) ? 'team' : current.id.client
}

/**
 * Checks an update from the room against the team doc and the mirror, and returns the part of it
 * that may reach the mirror. Pure with respect to both docs (reads only). Never throws.
 */
export function gateRoomUpdate(ctx: GateContext, update: Uint8Array): GateResult {
  try {
    return gate(ctx, update)
  } catch {
    return refusedResult('error')
  }
}

function gate(ctx: GateContext, update: Uint8Array): GateResult {
  if (!(update instanceof Uint8Array)) return refusedResult('not-an-update')
  if (update.byteLength > GATE_LIMITS.updateBytes) return refusedResult('too-large')
  let decoded: Decoded
  try {
    decoded = Y.decodeUpdate(update) as unknown as Decoded
  } catch {
    return refusedResult('not-an-update')
  }
  const { team, mirror, isTeamClient } = ctx
  const name = ctx.key ?? KEYS.comments
  const mirrorComments = mirror.getMap(name) as unknown as Y.AbstractType<unknown>
  const teamComments = team.getMap(name) as unknown as Y.AbstractType<unknown>
  const mirrorSv = Y.decodeStateVector(Y.encodeStateVector(mirror))

  let refusal: GuardRefusal | null = null
  const refuse = (r: GuardRefusal): void => {
    refusal ??= r
  }
  const refusedClients = new Set<number>()
  const claims: GateClaim[] = []
  const keys = new Set<string>()
  let accepted = 0

  // The update's structs, by client, in clock order (as encoded).
  const byClient = new Map<number, Struct[]>()
  for (const s of decoded.structs) {
    let list = byClient.get(s.id.client)
    if (!list) byClient.set(s.id.client, (list = []))
    list.push(s)
  }

  /** Accepted new structs per client: [struct, offset into it], and each one's key. */
  const kept = new Map<number, { struct: Y.Item | Y.GC; offset: number; key: string | null }[]>()
  const keptEnd = new Map<number, number>()
  const findKept = (id: Y.ID): { struct: Y.Item | Y.GC; key: string | null } | null => {
    for (const k of kept.get(id.client) ?? []) if (id.clock >= k.struct.id.clock && id.clock < k.struct.id.clock + k.struct.length) return k
    return null
  }

  /** The key of `comments` this struct sets, or a refusal. */
  const keyOf = (s: Y.Item, client: number, offset: number): { key: string } | { refusal: GuardRefusal } => {
    const parent = s.parent as unknown
    const left = offset > 0 ? Y.createID(client, s.id.clock + offset - 1) : s.origin
    let key: string
    if (left === null && s.rightOrigin === null) {
      // The parent is named: it must be `comments` itself, with a key.
      if (parent instanceof Y.ID) return { refusal: 'nested' } // its parent is a shared type: nothing under `comments` is one
      if (parent !== name) return { refusal: 'outside-comments' }
      if (typeof s.parentSub !== 'string') return { refusal: 'outside-comments' }
      key = s.parentSub
    } else {
      // Implied by a neighbour (an overwrite: the key's previous value). Resolve it: this client's
      // own new structs in this update, else the team doc (team clients), else the mirror (mentor
      // clients). Never another client's copy inside the update.
      const ref = (left ?? s.rightOrigin)!
      let refKey: string | null
      let refUnder: boolean
      if (ref.client === client && ref.clock >= (mirrorSv.get(client) ?? 0)) {
        const k = findKept(ref)
        if (!k || !(k.struct instanceof Y.Item)) return { refusal: 'unknown-parent' }
        refKey = k.key
        refUnder = k.key !== null
      } else if (isTeamClient(ref.client)) {
        const item = integrated(team, ref)
        if (!(item instanceof Y.Item)) return { refusal: 'unknown-parent' }
        refKey = item.parentSub
        refUnder = item.parent === teamComments
      } else {
        const item = integrated(mirror, ref)
        if (!(item instanceof Y.Item)) return { refusal: 'unknown-parent' }
        refKey = item.parentSub
        refUnder = item.parent === mirrorComments
      }
      if (!refUnder || refKey === null) return { refusal: 'outside-comments' }
      key = refKey
    }
    if (s.content instanceof Y.ContentDeleted) return { key }
    if (!(s.content instanceof Y.ContentAny)) return { refusal: s.content instanceof Y.ContentType ? 'nested' : 'bad-comment' }
    if (s.content.arr.length !== 1) return { refusal: 'bad-comment' }
    const record = parseCommentRecord(s.content.arr[0])
    if (!record || record.id !== key) return { refusal: 'bad-comment' }
    return { key }
  }

  for (const [client, list] of byClient) {
    let expected = mirrorSv.get(client) ?? 0
    for (const s of list) {
      if (s instanceof Y.Skip) continue
      const end = s.id.clock + s.length
      if (end <= expected) continue // already in the mirror: an echo
      if (s.id.clock > expected) {
        // A gap: something before it was refused or has not arrived. Yjs would park it for ever.
        if (!isTeamClient(client)) {
          refuse('gap')
          refusedClients.add(client)
        }
        break
      }
      const offset = expected - s.id.clock
      if (isTeamClient(client)) {
        // The room may never write a team client id into the mirror (it would take the clock
        // numbers of the team's next edit there). Dropped; compared with the team's own later.
        if (claims.length < 64) claims.push({ client, clock: expected, signature: structSignature(s, offset) })
        break
      }
      if (accepted >= GATE_LIMITS.newStructs) {
        refuse('too-many')
        refusedClients.add(client)
        break
      }
      let key: string | null = null
      if (s instanceof Y.Item) {
        const k = keyOf(s, client, offset)
        if ('key' in k) {
          const owner = commentOwner(ctx, k.key)
          const earlier = [...(kept.get(client) ?? [])].some((x) => x.key === k.key)
          if (owner !== null && owner !== client && !earlier) {
            refuse('not-your-comment')
            refusedClients.add(client)
            break
          }
          key = k.key
        } else {
          refuse(k.refusal)
          refusedClients.add(client)
          break
        }
      }
      let mine = kept.get(client)
      if (!mine) kept.set(client, (mine = []))
      mine.push({ struct: s, offset, key })
      if (key !== null) keys.add(key)
      accepted++
      expected = end
      keptEnd.set(client, end)
    }
  }

  // Deletions: kept when already done (a sync step repeats the whole delete set), or when they
  // are an accepted overwrite's (the previous value of a key set by a struct kept above).
  const ds = new Map<number, { clock: number; len: number }[]>()
  let droppedDeletions = 0
  const keepRange = (client: number, clock: number, len: number): void => {
    let r = ds.get(client)
    if (!r) ds.set(client, (r = []))
    r.push({ clock, len })
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = mirror.store.clients.get(client) ?? []
    const state = mirrorSv.get(client) ?? 0
    for (const { clock, len } of ranges) {
      const end = clock + len
      if (clock < state) {
        let i = Y.findIndexSS(structs, clock)
        for (; i < structs.length && structs[i]!.id.clock < Math.min(end, state); i++) {
          const s = structs[i]!
          if (s instanceof Y.GC || (s instanceof Y.Item && s.deleted)) continue
          const from = Math.max(s.id.clock, clock)
          const to = Math.min(s.id.clock + s.length, end, state)
          if (s instanceof Y.Item && s.parent === mirrorComments && typeof s.parentSub === 'string' && keys.has(s.parentSub)) {
            keepRange(client, from, to - from)
          } else if (s instanceof Y.Item && s.parent === mirrorComments) {
            droppedDeletions++ // a bare deletion of a comment: not attributable
          } else if (isTeamClient(client)) {
            droppedDeletions++ // perhaps a colleague's deletion the team doc has not got yet
          } else {
            refuse('deletes-outside-comments')
          }
        }
      }
      // The part beyond the mirror's state: only this update's own kept structs (set, then overwritten).
      for (let c = Math.max(clock, state); c < end; ) {
        const k = findKept(Y.createID(client, c))
        if (!k) {
          droppedDeletions++
          break
        }
        const stop = Math.min(end, k.struct.id.clock + k.struct.length)
        keepRange(client, c, stop - c)
        c = stop
      }
    }
  }

  const out = kept.size > 0 || ds.size > 0 ? encodeUpdate(kept, ds) : null
  return { update: out, keys, accepted, refusal, refusedClients, claims, droppedDeletions }
}

/** Writes structs (each client's run from its first kept struct, with an offset) and a delete set, as a V1 update. */
function encodeUpdate(
  kept: Map<number, { struct: Y.Item | Y.GC; offset: number }[]>,
  ds: Map<number, { clock: number; len: number }[]>
): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  const rest = encoder.restEncoder
  const clients = [...kept.entries()].filter(([, l]) => l.length > 0).sort((a, b) => b[0] - a[0])
  encoding.writeVarUint(rest, clients.length)
  for (const [client, list] of clients) {
    encoding.writeVarUint(rest, list.length)
    encoder.writeClient(client)
    const first = list[0]!
    encoding.writeVarUint(rest, first.struct.id.clock + first.offset)
    list.forEach((k, i) => k.struct.write(encoder, i === 0 ? k.offset : 0))
  }
  const dsClients = [...ds.entries()].sort((a, b) => b[0] - a[0])
  encoding.writeVarUint(rest, dsClients.length)
  for (const [client, ranges] of dsClients) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(rest, client)
    encoding.writeVarUint(rest, ranges.length)
    for (const r of ranges) {
      encoder.writeDsClock(r.clock)
      encoder.writeDsLen(r.len)
    }
  }
  return encoder.toUint8Array()
}

/**
 * True when applying `update` would change nothing in `doc`: every struct is already there and
 * every deletion already happened. Never throws (garbage: false).
 */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: Decoded
  try {
    decoded = Y.decodeUpdate(update) as unknown as Decoded
  } catch {
    return false
  }
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Skip) && s.id.clock + s.length > (sv.get(s.id.client) ?? 0)) return false
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client) ?? []
    const state = sv.get(client) ?? 0
    for (const { clock, len } of ranges) {
      if (clock + len > state) return false
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const st = structs[i]!
        if (!(st instanceof Y.GC) && !(st instanceof Y.Item && st.deleted)) return false
      }
    }
  }
  return true
}
