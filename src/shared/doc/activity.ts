import type * as Y from 'yjs'
import { newId, type ActivityId, type CardId, type ColumnId, type PersonId } from '../domain/ids'
import type { OpContext } from './context'
import { collect, problemReason } from './readProblems'
import { parseStoredActivity } from './records/activity'
import { KEYS } from './schema'

/**
 * The append-only history of a project. Every domain operation writes one entry in the same
 * transaction as its change, so later features (cycle graphs, velocity, "while you were
 * offline") are computed from this log rather than from a second source of truth.
 */
export type ActivityType =
  | 'project.created'
  | 'project.updated'
  | 'column.added'
  | 'column.updated'
  | 'column.moved'
  | 'column.removed'
  | 'card.created'
  | 'card.updated'
  | 'card.moved'
  | 'card.archived'
  | 'card.restored'
  | 'card.checklist'
  // issue 3: ship cycles. data.cycle is the cycle number; rollover commits carry rolledOver: true
  | 'card.committed'
  | 'card.uncommitted'
  | 'cycle.goal'
  | 'cycle.closed'
  | 'feedback.added'
  | 'feedback.updated'
  | 'decision.recorded'
  // issue 9: mentor links and session logs (mentorLinks.ts)
  | 'mentorLink.added'
  | 'mentorLink.changed'
  | 'mentorSession.logged'
  | 'mentorSession.updated'

export interface ActivityEntry {
  readonly id: ActivityId
  readonly at: number
  readonly by: PersonId
  readonly byName: string
  readonly type: ActivityType
  readonly cardId?: CardId
  readonly columnId?: ColumnId
  /** Type-specific detail, e.g. `{ from, to }` for a move or the changed field names. */
  readonly data?: Readonly<Record<string, unknown>>
}

export function activityOf(doc: Y.Doc): Y.Array<ActivityEntry> {
  return doc.getArray<ActivityEntry>(KEYS.activity)
}

/** Call only inside the caller's transaction. */
export function appendActivity(
  doc: Y.Doc,
  ctx: OpContext,
  entry: { type: ActivityType; cardId?: CardId; columnId?: ColumnId; data?: Record<string, unknown> }
): void {
  const full: ActivityEntry = {
    id: newId<ActivityId>(),
    at: ctx.now(),
    by: ctx.author.id,
    byName: ctx.author.name,
    ...entry
  }
  activityOf(doc).push([full])
}

// Entries are immutable plain values, so each one's validation is cached by the value itself.
const parsed = new WeakMap<object, { readonly entry: ActivityEntry } | { readonly reason: string }>()

/**
 * One stored entry, validated (cached by the value: entries never change). For readers that walk
 * the log themselves (offlineSummary.ts): skip what has a `reason`.
 */
export function activityEntryOf(v: unknown): { readonly entry: ActivityEntry } | { readonly reason: string } {
  let r = typeof v === 'object' && v !== null ? parsed.get(v) : undefined
  if (!r) {
    const p = parseStoredActivity(v)
    r = p.ok ? { entry: p.entry } : { reason: problemReason(p.reason) }
    if (typeof v === 'object' && v !== null) parsed.set(v, r)
  }
  return r
}

/**
 * Entries in time order (ties by id, so every peer agrees). Each passes its stored schema
 * (records/activity.ts); one a peer wrote wrongly is skipped and reported.
 */
export function readActivity(doc: Y.Doc): readonly ActivityEntry[] {
  const out: ActivityEntry[] = []
  const problems = collect(doc, 'activity entry')
  activityOf(doc).forEach((v: unknown, i) => {
    const r = activityEntryOf(v)
    if ('entry' in r) out.push(r.entry)
    else problems.skip(`#${i}`, r.reason)
  })
  problems.done()
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
