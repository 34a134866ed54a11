import * as Y from 'yjs'
import { KEYS } from './schema'

/**
 * The check that lets a team peer take comments from a mentor without trusting the mentor's app.
 *
 * A mentor holds the password of the mentor room, so the room itself cannot stop a mentor's peer
 * sending any Yjs update it likes. The team peers that relay the board into that room (roomMirror.ts)
 * therefore decode every update arriving from it and apply it to the team's doc only if it
 * changes nothing but the top-level `comments` map:
 *
 * - every **new** struct (one the team doc does not already have) must have a parent chain that
 *   reaches `comments`. A struct's parent is named in the update (a top-level name or the id of a
 *   parent item), or implied by its left/right neighbour (`origin` / `rightOrigin`), which is
 *   looked up in the update itself or in the team doc;
 * - every **deletion** must hit an item that is already deleted (a no-op: a sync step repeats the
 *   whole delete set) or an item under `comments`. A deletion of something the team doc has not
 *   got is refused too: Yjs would keep it pending and delete that item when it arrives;
 * - new structs must not claim a client id that has written outside `comments` in the team doc,
 *   nor this peer's own client id: otherwise a mentor could take the clock numbers a team member
 *   is about to use, and that member's real edits would be dropped as duplicates;
 * - new structs must follow on from what the team doc has of that client (no gap): after one
 *   refusal, the rest of that mentor session is refused too rather than parked by Yjs for ever;
 * - subdocuments are refused (Fortnight uses none).
 *
 * Structs the team doc already has are ignored (a mentor's sync step sends the whole board back,
 * unchanged). Anything that cannot be resolved is refused: the rule is "provably comments only".
 */
export type GuardVerdict = { readonly ok: true; readonly newStructs: number } | { readonly ok: false; readonly reason: GuardRefusal }

export type GuardRefusal =
  | 'not-an-update'
  | 'outside-comments'
  | 'unknown-parent'
  | 'deletes-outside-comments'
  | 'deletes-unknown'
  | 'client-id-taken'
  | 'gap'
  | 'subdocument'

type Struct = Y.Item | Y.GC | Y.Skip

/** Cache per team doc: which client ids have written outside `comments`, checked up to which clock. */
const clientCache = new WeakMap<Y.Doc, Map<number, { checked: number; commentsOnly: boolean }>>()

const MAX_DEPTH = 10_000

export function checkCommentsOnly(team: Y.Doc, update: Uint8Array, key: string = KEYS.comments): GuardVerdict {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } }
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded
  } catch {
    return { ok: false, reason: 'not-an-update' }
  }
  const store = team.store
  const sv = Y.decodeStateVector(Y.encodeStateVector(team))
  const target = team.getMap(key) as unknown as Y.AbstractType<unknown>

  // The update's own structs, by client, in clock order (as encoded).
  const local = new Map<number, Struct[]>()
  for (const s of decoded.structs) {
    let list = local.get(s.id.client)
    if (!list) local.set(s.id.client, (list = []))
    list.push(s)
  }
  const findLocal = (id: Y.ID): Struct | null => {
    const list = local.get(id.client)
    if (!list) return null
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]!
      if (id.clock < s.id.clock) hi = mid - 1
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1
      else return s
    }
    return null
  }
  const findIntegrated = (id: Y.ID): Y.Item | Y.GC | null => {
    if (id.clock >= (sv.get(id.client) ?? 0)) return null
    try {
      return Y.getItem(store, id) as Y.Item | Y.GC
    } catch {
      return null
    }
  }

  /** Does an integrated type sit at or below the target map? */
  const typeUnderTarget = (type: Y.AbstractType<unknown> | null): boolean => {
    let t = type
    let depth = 0
    while (t && depth++ < MAX_DEPTH) {
      if (t === target) return true
      t = t._item ? (t._item.parent as Y.AbstractType<unknown> | null) : null
    }
    return false
  }

  const memo = new Map<Struct, boolean>()
  /** Does this struct's parent chain reach the target map? */
  const underTarget = (s: Struct, depth = 0): boolean => {
    if (depth > MAX_DEPTH || !(s instanceof Y.Item)) return false
    const known = memo.get(s)
    if (known !== undefined) return known
    memo.set(s, false) // a cycle in a forged update resolves to "no"
    let result: boolean
    const parent = s.parent as unknown
    if (typeof parent === 'string') result = parent === key
    else if (parent instanceof Y.AbstractType) result = typeUnderTarget(parent)
    else if (parent instanceof Y.ID) result = refUnderTarget(parent, depth, true)
    else {
      const sibling = s.origin ?? s.rightOrigin
      result = sibling ? refUnderTarget(sibling, depth, false) : false
    }
    memo.set(s, result)
    return result
  }
  /** `asParent`: the referenced item is the parent (its own chain counts) — else a sibling. */
  const refUnderTarget = (id: Y.ID, depth: number, asParent: boolean): boolean => {
    const ref = findLocal(id) ?? findIntegrated(id)
    if (!ref || !(ref instanceof Y.Item)) return false
    if (asParent && !(ref.content instanceof Y.ContentType)) return false
    return underTarget(ref, depth + 1)
  }

  const cache = clientCache.get(team) ?? new Map<number, { checked: number; commentsOnly: boolean }>()
  clientCache.set(team, cache)
  /** Has this client only ever written under the target map in the team doc? */
  const clientCommentsOnly = (client: number): boolean => {
    const entry = cache.get(client) ?? { checked: 0, commentsOnly: true }
    const structs = store.clients.get(client) ?? []
    const state = sv.get(client) ?? 0
    if (entry.commentsOnly && entry.checked < state) {
      let i = entry.checked === 0 ? 0 : Y.findIndexSS(structs, entry.checked)
      for (; i < structs.length; i++) {
        const s = structs[i]!
        if (!(s instanceof Y.Item) || !(typeUnderTarget(s.parent as Y.AbstractType<unknown> | null))) {
          entry.commentsOnly = false
          break
        }
      }
      entry.checked = state
    }
    cache.set(client, entry)
    return entry.commentsOnly
  }

  let newStructs = 0
  const next = new Map<number, number>()
  for (const s of decoded.structs) {
    if (s instanceof Y.Skip) continue
    const state = sv.get(s.id.client) ?? 0
    if (s.id.clock + s.length <= state) continue // already here: a repeat
    // Yjs would park a struct after a gap as "pending" for ever (the gap was refused before):
    // refuse it now instead. So once a mentor's session sent something refused, the rest of
    // that session is refused too, until its app restarts with a new client id.
    if (s.id.clock > (next.get(s.id.client) ?? state)) return { ok: false, reason: 'gap' }
    next.set(s.id.client, s.id.clock + s.length)
    newStructs++
    if (s.id.client === team.clientID) return { ok: false, reason: 'client-id-taken' }
    if (state > 0 && !clientCommentsOnly(s.id.client)) return { ok: false, reason: 'client-id-taken' }
    if (s instanceof Y.GC) continue // placeholder for content its author already deleted: changes nothing here
    if (s.content instanceof Y.ContentDoc) return { ok: false, reason: 'subdocument' }
    if (!underTarget(s)) return { ok: false, reason: resolveReason(s) }
  }

  function resolveReason(s: Y.Item): GuardRefusal {
    const parent = s.parent as unknown
    const ref = parent instanceof Y.ID ? parent : typeof parent === 'string' ? null : (s.origin ?? s.rightOrigin)
    if (ref && !(findLocal(ref) ?? findIntegrated(ref))) return 'unknown-parent'
    return 'outside-comments'
  }

  for (const [client, ranges] of decoded.ds.clients) {
    const structs = store.clients.get(client) ?? []
    const state = sv.get(client) ?? 0
    for (const { clock, len } of ranges) {
      const end = clock + len
      // The part the team doc has.
      if (clock < state) {
        let i = Y.findIndexSS(structs, clock)
        for (; i < structs.length; i++) {
          const s = structs[i]!
          if (s.id.clock >= Math.min(end, state)) break
          if (s instanceof Y.GC || (s instanceof Y.Item && s.deleted)) continue
          if (!(s instanceof Y.Item) || !typeUnderTarget(s.parent as Y.AbstractType<unknown> | null)) {
            return { ok: false, reason: 'deletes-outside-comments' }
          }
        }
      }
      // The part beyond it must be the update's own new structs, under the target map.
      for (let c = Math.max(clock, state); c < end; ) {
        const s = findLocal(Y.createID(client, c))
        if (!s || s instanceof Y.Skip) return { ok: false, reason: 'deletes-unknown' }
        if (s instanceof Y.Item && !underTarget(s)) return { ok: false, reason: 'deletes-outside-comments' }
        c = s.id.clock + s.length
      }
    }
  }
  return { ok: true, newStructs }
}

/**
 * True when applying `update` would change nothing in `doc`: every struct is already there and
 * every deletion already happened. Team peers' mirrors echo the board into the mentor and viewer
 * rooms, so most of what a mirror hears is this; it is not worth counting as a refusal.
 */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } }
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded
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
