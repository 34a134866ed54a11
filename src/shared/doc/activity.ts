import type * as Y from 'yjs'
import { newId, type ActivityId, type CardId, type ColumnId, type PersonId } from '../domain/ids'
import type { OpContext } from './context'
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

/** Entries in time order (ties by id, so every peer agrees). */
export function readActivity(doc: Y.Doc): readonly ActivityEntry[] {
  return [...activityOf(doc).toArray()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
