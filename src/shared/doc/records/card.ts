import * as Y from 'yjs'
import { z } from 'zod'
import type { CardId, ChecklistItemId, ColumnId, PersonId } from '../../domain/ids'
import { sortRanked } from '../../domain/ordering'
import type { Card, ChecklistItem } from '../cardReads'
import { isIsoDate } from '../../domain/dates'
import { badKey, fieldsOf, isStoredId, setKeysOf, storedFlag, storedId, storedIsoDate, storedRank, storedSet, storedText, storedTime } from './common'

/**
 * A card as stored (a Y.Map under `cards`): what any peer may have written. The write schemas in
 * cards.ts stay stricter (500-character titles); here the limits only keep a screen usable.
 */
const storedChecklistItem = z.object({
  id: storedId.default(''),
  text: storedText(5_000),
  done: storedFlag,
  rank: storedRank
})

export const storedCardSchema = z.object({
  id: storedId.optional(),
  // Any field written more than once can be missing for a moment while a sync is part-way (the old
  // value's deletion arrived before the new value): missing reads as its default, as it always did.
  // A card in no known column is shown in the first one (board.ts).
  columnId: z.string().max(100, 'id too long').default(''),
  rank: storedRank,
  title: storedText(5_000),
  labels: storedSet(z.string().max(200, 'label too long'), 500),
  assignees: storedSet(storedId, 500),
  dueDate: z.union([storedIsoDate, z.null()]).default(null),
  checklist: z.array(storedChecklistItem).max(1_000, 'more than 1,000 checklist items').default([]),
  archived: storedFlag,
  createdBy: storedText(100),
  createdAt: storedTime,
  updatedBy: storedText(100),
  updatedAt: storedTime,
  // Issue 9: the mentor session action the card was made from. One that cannot be read is left
  // off (the card still shows; only its "From mentor session" line is missing).
  fromSession: z.object({ sessionId: storedId, actionId: storedId }).optional().catch(undefined)
})

const CARD_FIELDS = ['id', 'columnId', 'rank', 'title', 'dueDate', 'archived', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'fromSession'] as const

function checklistOf(v: unknown): unknown {
  if (v === undefined) return undefined
  if (!(v instanceof Y.Map)) return 'not a map'
  const items: unknown[] = []
  v.forEach((item: unknown) => items.push(item instanceof Y.Map ? fieldsOf(item, ['id', 'text', 'done', 'rank']) : item))
  return items
}

export type StoredCardResult = { readonly ok: true; readonly card: Card } | { readonly ok: false; readonly reason: z.ZodError | string }

/**
 * Validate one stored card. `key` is its key in `cards`: a record whose id differs from its key
 * was not written by Fortnight and is refused (two entries would otherwise claim one card).
 */
export function parseStoredCard(key: string, value: unknown): StoredCardResult {
  if (!isStoredId(key)) {
    const keyProblem = badKey(key)
    if (keyProblem) return { ok: false, reason: keyProblem }
  }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not a map' }
  const raw = {
    ...fieldsOf(value, CARD_FIELDS),
    labels: setKeysOf(value.get('labels')),
    assignees: setKeysOf(value.get('assignees')),
    checklist: checklistOf(value.get('checklist'))
  }
  const cycle = cycleOf(value)
  // Opening a project reads every card: a card exactly as the app writes it is checked here
  // directly (the same rules as storedCardSchema; zod without its JIT, which the CSP forbids, costs
  // ~30 µs a card). Anything else, including every malformed card, goes through the schema.
  const fast = wellFormedCard(key, raw, cycle)
  return fast ? { ok: true, card: fast } : cardFromSchema(key, raw, cycle)
}

/** The card as storedCardSchema reads it (defaults filled), or why it cannot be read. */
export function cardFromSchema(key: string, raw: Record<string, unknown>, cycle: number | null): StoredCardResult {
  const r = storedCardSchema.safeParse(raw)
  if (!r.success) return { ok: false, reason: r.error }
  const d = r.data
  if (d.id !== undefined && d.id !== key) return { ok: false, reason: 'id differs from its key' }
  const checklist: ChecklistItem[] = d.checklist.map((i) => ({ id: i.id as ChecklistItemId, text: i.text, done: i.done, rank: i.rank }))
  return {
    ok: true,
    card: {
      id: key as CardId,
      columnId: d.columnId as ColumnId,
      rank: d.rank,
      title: d.title,
      labels: d.labels,
      assignees: d.assignees as PersonId[],
      dueDate: d.dueDate as Card['dueDate'],
      checklist: sortRanked(checklist),
      archived: d.archived,
      createdBy: d.createdBy as PersonId,
      createdAt: d.createdAt,
      updatedBy: d.updatedBy as PersonId,
      updatedAt: d.updatedAt,
      ...(d.fromSession ? { fromSession: { sessionId: d.fromSession.sessionId, actionId: d.fromSession.actionId } } : {}),
      ...(cycle !== null ? { cycle } : {})
    }
  }
}

/** The cycle a card is committed to, read as cycles.ts always has: a whole number, else none. */
function cycleOf(m: Y.Map<unknown>): number | null {
  const v = m.get('cycle')
  return typeof v === 'number' && Number.isInteger(v) ? v : null
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max
const isTime = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 8.64e15

function isTextSet(v: unknown, item: (x: unknown) => boolean): v is string[] {
  return Array.isArray(v) && v.length <= 500 && v.every(item)
}

/**
 * The card, when every field is present and exactly what storedCardSchema accepts; null otherwise
 * (the caller then asks the schema, which also fills defaults and says what is wrong).
 * test/shared/doc/records-fast-path.test.ts checks it agrees with the schema.
 */
export function wellFormedCard(key: string, raw: Record<string, unknown>, cycle: number | null): Card | null {
  const { id, columnId, rank, title, labels, assignees, dueDate, checklist, archived, createdBy, createdAt, updatedBy, updatedAt, fromSession } = raw
  if (id !== undefined && id !== key) return null
  if (!isText(columnId, 100) || !isText(rank, 1000) || !isText(title, 5_000)) return null
  if (!isTextSet(labels, (l) => isText(l, 200)) || !isTextSet(assignees, isStoredId)) return null
  if (dueDate !== null && !(typeof dueDate === 'string' && isIsoDate(dueDate))) return null
  if (typeof archived !== 'boolean' || !isText(createdBy, 100) || !isText(updatedBy, 100) || !isTime(createdAt) || !isTime(updatedAt)) return null
  if (!Array.isArray(checklist) || checklist.length > 1_000) return null
  const items: ChecklistItem[] = []
  for (const i of checklist as unknown[]) {
    if (typeof i !== 'object' || i === null) return null
    const item = i as Record<string, unknown>
    if (!isStoredId(item['id']) || !isText(item['text'], 5_000) || typeof item['done'] !== 'boolean' || !isText(item['rank'], 1000)) return null
    items.push({ id: item['id'] as ChecklistItemId, text: item['text'], done: item['done'], rank: item['rank'] })
  }
  let from: Card['fromSession']
  if (fromSession !== undefined) {
    const f = fromSession as Record<string, unknown> | null
    if (typeof f !== 'object' || f === null || !isStoredId(f['sessionId']) || !isStoredId(f['actionId'])) return null
    from = { sessionId: f['sessionId'], actionId: f['actionId'] }
  }
  return {
    id: key as CardId,
    columnId: columnId as ColumnId,
    rank,
    title,
    labels,
    assignees: assignees as PersonId[],
    dueDate: dueDate as Card['dueDate'],
    checklist: items.length > 1 ? sortRanked(items) : items,
    archived,
    createdBy: createdBy as PersonId,
    createdAt,
    updatedBy: updatedBy as PersonId,
    updatedAt,
    ...(from ? { fromSession: from } : {}),
    ...(cycle !== null ? { cycle } : {})
  }
}
