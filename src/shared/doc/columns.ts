import * as Y from 'yjs'
import { z } from 'zod'
import { InputError, sameName } from '../domain/inputError'
import { newId, type ColumnId } from '../domain/ids'
import { rankAtIndex, sortRanked } from '../domain/ordering'
import { appendActivity } from './activity'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { collect, problemReason } from './readProblems'
import { parseStoredColumn, type StoredColumn } from './records/column'
import { KEYS } from './schema'

export const COLUMN_ROLES = ['todo', 'doing', 'done'] as const
/**
 * What a column means for a ship cycle: a card is *started* when it leaves a `todo` column,
 * *completed* when it enters a `done` column and *reopened* when it leaves one.
 */
export type ColumnRole = (typeof COLUMN_ROLES)[number]
export const COLUMN_ROLE_LABELS: Record<ColumnRole, string> = { todo: 'Not started', doing: 'In progress', done: 'Done' }

export function isColumnRole(v: unknown): v is ColumnRole {
  return typeof v === 'string' && (COLUMN_ROLES as readonly string[]).includes(v)
}

export interface Column {
  readonly id: ColumnId
  readonly title: string
  readonly rank: string
  readonly wipLimit: number | null
  /** Stored, or inferred when missing (see `inferColumnRole`). */
  readonly role: ColumnRole
}

export const columnTitleSchema = z
  .string()
  .trim()
  .min(1, 'Enter a column name')
  .max(80, 'Enter a column name of 80 characters or fewer')
export const wipLimitSchema = z
  .number({ message: 'Enter the WIP limit as a whole number, like 3, or leave it empty' })
  .int('Enter the WIP limit as a whole number, like 3, or leave it empty')
  .min(1, 'Enter a WIP limit of 1 or more, or leave it empty for no limit')
  .max(999, 'Enter a WIP limit of 999 or fewer')
  .nullable()

/** Two live columns whose names differ only by case would read as one on the board. */
function assertNameFree(doc: Y.Doc, title: string, except?: ColumnId): void {
  const clash = readColumns(doc).find((c) => c.id !== except && sameName(c.title, title))
  if (clash) throw new InputError('title', `There is already a column called “${clash.title}”`)
}

export function columnsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(KEYS.columns)
}

const DONE_TITLE = /^\s*(done|complete|completed|finished|shipped|live)\b/i
const TODO_TITLE = /^\s*(to ?do|backlog|next|ready|ideas|not started)\b/i

/**
 * The role of a column that has none stored (every column made before schema version 3). Read,
 * never written by a migration: a stale peer's written default would overwrite a colleague's
 * real choice. The title wins ("Done", "Backlog"), else the position: first column to do, last
 * done, the rest in progress.
 */
export function inferColumnRole(title: string, index: number, count: number): ColumnRole {
  if (DONE_TITLE.test(title)) return 'done'
  if (TODO_TITLE.test(title)) return 'todo'
  if (index === 0) return 'todo'
  if (count > 1 && index === count - 1) return 'done'
  return 'doing'
}

type StoredCol = StoredColumn

/** Every stored column that passes its schema (records/column.ts); the others are reported. */
function storedColumns(doc: Y.Doc): StoredCol[] {
  const out: StoredCol[] = []
  const problems = collect(doc, 'column')
  columnsOf(doc).forEach((m, key) => {
    const r = parseStoredColumn(key, m)
    if (r.ok) out.push(r.column)
    else problems.skip(key, problemReason(r.reason))
  })
  problems.done()
  return out
}

function withRoles(sorted: readonly StoredCol[]): Column[] {
  return sorted.map(({ storedRole, removed: _removed, ...c }, i) => ({ ...c, role: storedRole ?? inferColumnRole(c.title, i, sorted.length) }))
}

/**
 * Live columns in board order. Removed columns stay as tombstones so that a card a colleague
 * moved into one while offline can still be found (it is shown in the first live column).
 */
export function readColumns(doc: Y.Doc): readonly Column[] {
  const live: StoredCol[] = []
  const removed: StoredCol[] = []
  for (const c of storedColumns(doc)) (c.removed ? removed : live).push(c)
  // Two colleagues removing each other's columns at once can leave none live. The cards are
  // still there, so rather than show an empty board we show the removed columns again.
  return withRoles(sortRanked(live.length > 0 ? live : removed))
}

/**
 * The role of every column, removed ones included (a card moved out of a column that was later
 * removed still started or finished then). Removed columns are placed by rank among all columns.
 */
export function readColumnRoles(doc: Y.Doc): ReadonlyMap<ColumnId, ColumnRole> {
  const out = new Map<ColumnId, ColumnRole>()
  for (const c of withRoles(sortRanked(storedColumns(doc)))) out.set(c.id, c.role)
  for (const c of readColumns(doc)) out.set(c.id, c.role)
  return out
}

/** A column the board shows (and so a person can put cards in). */
export function isBoardColumn(doc: Y.Doc, id: ColumnId): boolean {
  return readColumns(doc).some((c) => c.id === id)
}

function liveColumn(doc: Y.Doc, id: ColumnId): Y.Map<unknown> {
  const m: unknown = columnsOf(doc).get(id)
  if (!(m instanceof Y.Map) || !isBoardColumn(doc, id)) throw new Error('That column no longer exists')
  return m
}

export function addColumn(doc: Y.Doc, ctx: OpContext, title: string, wipLimit: number | null = null): ColumnId {
  const t = columnTitleSchema.parse(title)
  const limit = wipLimitSchema.parse(wipLimit)
  assertNameFree(doc, t)
  const cols = readColumns(doc)
  const id = newId<ColumnId>()
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    m.set('id', id)
    m.set('title', t)
    m.set('rank', rankAtIndex(cols, cols.length))
    m.set('wipLimit', limit)
    m.set('removed', false)
    // New columns are in progress unless the title says otherwise ("Done", "Backlog"), so adding
    // a column after Done does not silently turn Done into an in-progress column.
    m.set('role', DONE_TITLE.test(t) ? 'done' : TODO_TITLE.test(t) ? 'todo' : 'doing')
    columnsOf(doc).set(id, m)
    appendActivity(doc, ctx, { type: 'column.added', columnId: id, data: { title: t } })
  }, LOCAL_ORIGIN)
  return id
}

export function renameColumn(doc: Y.Doc, ctx: OpContext, id: ColumnId, title: string): void {
  const t = columnTitleSchema.parse(title)
  const m = liveColumn(doc, id)
  if (m.get('title') === t) return
  assertNameFree(doc, t, id)
  doc.transact(() => {
    m.set('title', t)
    appendActivity(doc, ctx, { type: 'column.updated', columnId: id, data: { title: t } })
  }, LOCAL_ORIGIN)
}

export function setWipLimit(doc: Y.Doc, ctx: OpContext, id: ColumnId, limit: number | null): void {
  const l = wipLimitSchema.parse(limit)
  const m = liveColumn(doc, id)
  if ((m.get('wipLimit') ?? null) === l) return
  doc.transact(() => {
    m.set('wipLimit', l)
    appendActivity(doc, ctx, { type: 'column.updated', columnId: id, data: { wipLimit: l } })
  }, LOCAL_ORIGIN)
}

/** What a column means for ship cycles; stored explicitly from now on. */
export function setColumnRole(doc: Y.Doc, ctx: OpContext, id: ColumnId, role: ColumnRole): void {
  if (!isColumnRole(role)) throw new Error('Choose what the column means: not started, in progress or done')
  const m = liveColumn(doc, id)
  if (m.get('role') === role) return
  doc.transact(() => {
    m.set('role', role)
    appendActivity(doc, ctx, { type: 'column.updated', columnId: id, data: { role } })
  }, LOCAL_ORIGIN)
}

/** Move a column to `index` among the live columns. */
export function moveColumn(doc: Y.Doc, ctx: OpContext, id: ColumnId, index: number): void {
  const m = liveColumn(doc, id)
  const others = readColumns(doc).filter((c) => c.id !== id)
  doc.transact(() => {
    m.set('rank', rankAtIndex(others, index))
    appendActivity(doc, ctx, { type: 'column.moved', columnId: id, data: { index } })
  }, LOCAL_ORIGIN)
}

/** Internal: mark removed. Card moves are done by the caller in the same transaction. */
export function markColumnRemoved(doc: Y.Doc, ctx: OpContext, id: ColumnId, movedTo: ColumnId, cardCount: number): void {
  liveColumn(doc, id).set('removed', true)
  appendActivity(doc, ctx, { type: 'column.removed', columnId: id, data: { movedTo, cards: cardCount } })
}
