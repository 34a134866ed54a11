import * as Y from 'yjs'
import { z } from 'zod'
import { InputError, sameName } from '../domain/inputError'
import { isIsoDate } from '../domain/dates'
import { newId, type CardId, type ChecklistItemId, type ColumnId, type PersonId } from '../domain/ids'
import { rankAtIndex } from '../domain/ordering'
import { appendActivity } from './activity'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { isBoardColumn } from './columns'
import { cardsOf, readCard, type CardSource } from './cardReads'
import { cardsInColumn } from './board'

export * from './cardReads'

export const cardTitleSchema = z
  .string()
  .trim()
  .min(1, 'Enter a card title')
  .max(500, 'Enter a card title of 500 characters or fewer')
export const cardPatchSchema = z
  .object({
    title: cardTitleSchema,
    dueDate: z.string({ message: 'Enter a real due date' }).refine(isIsoDate, 'Enter a real due date').nullable()
  })
  .partial()
export type CardPatch = z.input<typeof cardPatchSchema>
/** Labels are short words on a tile; 50 characters keeps a tile readable on a phone. */
export const LABEL_MAX_LENGTH = 50
export const labelSchema = z
  .string()
  .trim()
  .min(1, 'Enter a label')
  .max(LABEL_MAX_LENGTH, `Enter a label of ${LABEL_MAX_LENGTH} characters or fewer`)
export const checklistTextSchema = z
  .string()
  .trim()
  .min(1, 'Enter the checklist item')
  .max(300, 'Enter a checklist item of 300 characters or fewer')

// ---- writing ------------------------------------------------------------------------------

function cardMap(doc: Y.Doc, id: CardId): Y.Map<unknown> {
  const m: unknown = cardsOf(doc).get(id)
  if (!(m instanceof Y.Map)) throw new Error('That card no longer exists')
  return m
}

function touch(m: Y.Map<unknown>, ctx: OpContext): void {
  m.set('updatedBy', ctx.author.id)
  m.set('updatedAt', ctx.now())
}

/**
 * Create a card at the end (or `index`) of a column. Its note XmlFragment and its nested maps
 * are created in this same transaction: creating them lazily later would let two peers each
 * create one, and one peer's note would be lost.
 */
export function addCard(
  doc: Y.Doc,
  ctx: OpContext,
  input: { columnId: ColumnId; title: string; index?: number; fromSession?: CardSource }
): CardId {
  const title = cardTitleSchema.parse(input.title)
  if (!isBoardColumn(doc, input.columnId)) throw new Error('That column no longer exists')
  const siblings = cardsInColumn(doc, input.columnId)
  const id = newId<CardId>()
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    m.set('id', id)
    m.set('columnId', input.columnId)
    m.set('rank', rankAtIndex(siblings, input.index ?? siblings.length))
    m.set('title', title)
    m.set('note', new Y.XmlFragment())
    m.set('labels', new Y.Map<true>())
    m.set('assignees', new Y.Map<true>())
    m.set('checklist', new Y.Map<Y.Map<unknown>>())
    m.set('dueDate', null)
    m.set('archived', false)
    m.set('createdBy', ctx.author.id)
    m.set('createdAt', ctx.now())
    const from = input.fromSession ? { sessionId: input.fromSession.sessionId, actionId: input.fromSession.actionId } : null
    if (from) m.set('fromSession', from)
    touch(m, ctx)
    cardsOf(doc).set(id, m)
    appendActivity(doc, ctx, { type: 'card.created', cardId: id, columnId: input.columnId, data: from ? { title, fromSession: from } : { title } })
  }, LOCAL_ORIGIN)
  return id
}

export function updateCard(doc: Y.Doc, ctx: OpContext, id: CardId, patch: CardPatch): void {
  const parsed = cardPatchSchema.parse(patch)
  const m = cardMap(doc, id)
  const changed = Object.entries(parsed).filter(([k, v]) => v !== undefined && m.get(k) !== v)
  if (changed.length === 0) return
  doc.transact(() => {
    for (const [k, v] of changed) m.set(k, v)
    touch(m, ctx)
    appendActivity(doc, ctx, { type: 'card.updated', cardId: id, data: { fields: changed.map(([k]) => k) } })
  }, LOCAL_ORIGIN)
}

/**
 * Move a card to `index` within `columnId` by rewriting its columnId and rank only. Never
 * delete + insert: two peers moving the same card at once would then each create a copy.
 */
export function moveCard(doc: Y.Doc, ctx: OpContext, id: CardId, columnId: ColumnId, index: number): void {
  const m = cardMap(doc, id)
  if (!isBoardColumn(doc, columnId)) throw new Error('That column no longer exists')
  const from = m.get('columnId') as ColumnId
  const siblings = cardsInColumn(doc, columnId, id)
  const rank = rankAtIndex(siblings, index)
  doc.transact(() => {
    if (from !== columnId) m.set('columnId', columnId)
    m.set('rank', rank)
    touch(m, ctx)
    appendActivity(doc, ctx, { type: 'card.moved', cardId: id, columnId, data: { from, to: columnId, index } })
  }, LOCAL_ORIGIN)
}

export function setCardArchived(doc: Y.Doc, ctx: OpContext, id: CardId, archived: boolean): void {
  const m = cardMap(doc, id)
  if ((m.get('archived') === true) === archived) return
  doc.transact(() => {
    m.set('archived', archived)
    touch(m, ctx)
    appendActivity(doc, ctx, {
      type: archived ? 'card.archived' : 'card.restored',
      cardId: id,
      columnId: m.get('columnId') as ColumnId
    })
  }, LOCAL_ORIGIN)
}

function setMember(doc: Y.Doc, ctx: OpContext, id: CardId, key: 'labels' | 'assignees', value: string, on: boolean): void {
  const m = cardMap(doc, id)
  const set = m.get(key)
  if (!(set instanceof Y.Map) || set.has(value) === on) return
  doc.transact(() => {
    if (on) set.set(value, true)
    else set.delete(value)
    touch(m, ctx)
    appendActivity(doc, ctx, { type: 'card.updated', cardId: id, data: { fields: [key], [on ? 'added' : 'removed']: value } })
  }, LOCAL_ORIGIN)
}

/** Adds a label; one that differs from an existing label only by case is the same label. */
export function addLabel(doc: Y.Doc, ctx: OpContext, id: CardId, label: string): void {
  const l = labelSchema.parse(label)
  const existing = readCard(doc, id)?.labels ?? []
  const same = existing.find((x) => sameName(x, l))
  if (same !== undefined) throw new InputError('label', `This card already has the label “${same}”`)
  setMember(doc, ctx, id, 'labels', l, true)
}
export function removeLabel(doc: Y.Doc, ctx: OpContext, id: CardId, label: string): void {
  setMember(doc, ctx, id, 'labels', label, false)
}
export function setAssigned(doc: Y.Doc, ctx: OpContext, id: CardId, person: PersonId, assigned: boolean): void {
  setMember(doc, ctx, id, 'assignees', person, assigned)
}

function checklistOf(doc: Y.Doc, id: CardId): { card: Y.Map<unknown>; list: Y.Map<Y.Map<unknown>> } {
  const card = cardMap(doc, id)
  const list = card.get('checklist')
  if (!(list instanceof Y.Map)) throw new Error('This card has no checklist')
  return { card, list: list as Y.Map<Y.Map<unknown>> }
}

export function addChecklistItem(doc: Y.Doc, ctx: OpContext, id: CardId, text: string): ChecklistItemId {
  const t = checklistTextSchema.parse(text)
  const { card, list } = checklistOf(doc, id)
  const existing = readCard(doc, id)?.checklist ?? []
  const itemId = newId<ChecklistItemId>()
  doc.transact(() => {
    const item = new Y.Map<unknown>()
    item.set('id', itemId)
    item.set('text', t)
    item.set('done', false)
    item.set('rank', rankAtIndex(existing, existing.length))
    list.set(itemId, item)
    touch(card, ctx)
    appendActivity(doc, ctx, { type: 'card.checklist', cardId: id, data: { added: t } })
  }, LOCAL_ORIGIN)
  return itemId
}

export function setChecklistItemDone(doc: Y.Doc, ctx: OpContext, id: CardId, itemId: ChecklistItemId, done: boolean): void {
  const { card, list } = checklistOf(doc, id)
  const item = list.get(itemId)
  if (!item || (item.get('done') === true) === done) return
  doc.transact(() => {
    item.set('done', done)
    touch(card, ctx)
    appendActivity(doc, ctx, { type: 'card.checklist', cardId: id, data: { item: itemId, done } })
  }, LOCAL_ORIGIN)
}

export function removeChecklistItem(doc: Y.Doc, ctx: OpContext, id: CardId, itemId: ChecklistItemId): void {
  const { card, list } = checklistOf(doc, id)
  if (!list.has(itemId)) return
  doc.transact(() => {
    list.delete(itemId)
    touch(card, ctx)
    appendActivity(doc, ctx, { type: 'card.checklist', cardId: id, data: { removed: itemId } })
  }, LOCAL_ORIGIN)
}
