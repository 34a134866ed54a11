import * as Y from 'yjs'
import type { CardId, PersonId } from '../domain/ids'
import { activityArchiveOf, activityEntryOf, activityOf, compareActivity, readArchivedChunks, type ActivityEntry } from './activity'
import { readCard } from './cards'

/**
 * "While you were offline": what colleagues changed that reached this computer in one go when it
 * came back online.
 *
 * A **marker** is the doc's state vector (for each Yjs client, how many of its changes this
 * computer had) at the last moment this person was live with colleagues. It is small (a few bytes
 * per client, not one id per activity entry) and exact: an activity entry is new since the
 * marker when the change that inserted it was not yet counted in it, whatever the entries' clock
 * times say (a colleague's laptop clock may be wrong, or they worked offline for days).
 */
export type OfflineMarker = Uint8Array

export function stateMarker(doc: Y.Doc): OfflineMarker {
  return Y.encodeStateVector(doc)
}

/** Activity entries this computer received after `marker` was taken, in time order. */
export function activitySince(doc: Y.Doc, marker: OfflineMarker): readonly ActivityEntry[] {
  let seen: Map<number, number>
  try {
    seen = Y.decodeStateVector(marker)
  } catch {
    return []
  }
  const out: ActivityEntry[] = []
  const ids = new Set<string>()
  const add = (e: ActivityEntry): void => {
    if (ids.has(e.id)) return
    ids.add(e.id)
    out.push(e)
  }
  let item = activityOf(doc)._start
  while (item) {
    if (!item.deleted && item.content instanceof Y.ContentAny) {
      const known = seen.get(item.id.client) ?? 0
      item.content.arr.forEach((value, i) => {
        if (item!.id.clock + i < known) return
        // Validated like every reader of the log (records/activity.ts); a malformed entry is skipped.
        const r = activityEntryOf(value)
        if ('entry' in r) add(r.entry)
      })
    }
    item = item.right
  }
  // Entries a colleague archived before they reached this computer are deleted from the live log
  // (skipped above) and sit in a chunk that is itself new since the marker. Only such chunks are
  // decoded; each entry keeps its original place in the log (`src`), so the same rule applies.
  // (A chunk that arrived before the marker while some of its entries had not is not revisited: that
  // needs updates delivered out of order around the very moment the marker was taken.)
  const newChunks = new Set<string>()
  activityArchiveOf(doc)._map.forEach((it, key) => {
    if (!it.deleted && it.id.clock >= (seen.get(it.id.client) ?? 0)) newChunks.add(key)
  })
  if (newChunks.size > 0) {
    for (const c of readArchivedChunks(doc, (_chunk, key) => newChunks.has(key))) {
      if (!c.src) continue
      c.entries.forEach((e, i) => {
        const place = c.src?.[i]
        if (place && place[1] >= (seen.get(place[0]) ?? 0)) add(e)
      })
    }
  }
  return out.sort(compareActivity)
}

export interface PersonSummary {
  readonly by: PersonId
  readonly name: string
  /** Card titles, each card once, in the order things happened. */
  readonly added: readonly string[]
  readonly moved: readonly string[]
  readonly edited: readonly string[]
  /** Cycle decisions and other cycle events (issue 3 adds their activity types as `cycle.*` / `decision.*`). */
  readonly decisions: number
  /** Everything else (project details, columns). */
  readonly other: number
}

export interface OfflineSummary {
  readonly people: readonly PersonSummary[]
  readonly total: number
}

const EDIT_TYPES = new Set(['card.updated', 'card.checklist', 'card.archived', 'card.restored'])

/** Per person, other than `me`, what changed since `marker`. Empty when nothing did. */
export function summariseSince(doc: Y.Doc, marker: OfflineMarker, me: PersonId): OfflineSummary {
  const byPerson = new Map<PersonId, { name: string; added: string[]; moved: string[]; edited: string[]; decisions: number; other: number }>()
  let total = 0
  const titleOf = (e: ActivityEntry): string => {
    const live = e.cardId ? readCard(doc, e.cardId as CardId)?.title : undefined
    const recorded = typeof e.data?.title === 'string' ? e.data.title : undefined
    return live ?? recorded ?? 'a card'
  }
  const once = (list: string[], title: string): void => {
    if (!list.includes(title)) list.push(title)
  }
  for (const e of activitySince(doc, marker)) {
    if (e.by === me) continue
    total++
    let p = byPerson.get(e.by)
    if (!p) byPerson.set(e.by, (p = { name: e.byName || 'A colleague', added: [], moved: [], edited: [], decisions: 0, other: 0 }))
    p.name = e.byName || p.name
    const type = String(e.type)
    if (type === 'card.created') once(p.added, titleOf(e))
    else if (type === 'card.moved') once(p.moved, titleOf(e))
    else if (EDIT_TYPES.has(type)) once(p.edited, titleOf(e))
    else if (type.startsWith('cycle.') || type.startsWith('decision.') || type.startsWith('decisions.')) p.decisions++
    else p.other++
  }
  const people = [...byPerson.entries()]
    .map(([by, p]) => ({ by, ...p }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.by < b.by ? -1 : 1))
  return { people, total }
}
