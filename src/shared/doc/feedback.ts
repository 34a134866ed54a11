import * as Y from 'yjs'
import { z } from 'zod'
import { newId, type Brand, type CardId, type PersonId } from '../domain/ids'
import { appendActivity } from './activity'
import type { OpContext } from './context'
import { CYCLE_ORIGIN, cycleMapOf } from './cycles'
import { decisionsOf } from './decisions'
import { cardsOf } from './cards'
import { collect, problemReason } from './readProblems'
import { parseStoredFeedback } from './records/feedback'
import { KEYS } from './schema'

export type FeedbackId = Brand<string, 'FeedbackId'>

export const FEEDBACK_SOURCES = ['research', 'demo', 'mentor', 'data', 'other'] as const
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number]
export const FEEDBACK_SOURCE_LABELS: Record<FeedbackSource, string> = {
  research: 'User research',
  demo: 'Demo or show and tell',
  mentor: 'Mentor',
  data: 'Data',
  other: 'Other'
}

/** Something the team heard during a cycle: the evidence a decision can point at. */
export interface FeedbackItem {
  readonly id: FeedbackId
  readonly cycle: number
  /** Who said it, as the team writes it ("Resident, 70s, Anytown library"). */
  readonly who: string
  readonly source: FeedbackSource
  readonly text: string
  readonly cards: readonly CardId[]
  readonly createdBy: PersonId
  readonly createdByName: string
  readonly createdAt: number
}

export const feedbackInputSchema = z.object({
  cycle: z.number({ message: 'Choose the cycle the feedback belongs to' }).int('Choose the cycle the feedback belongs to').min(1, 'Choose the cycle the feedback belongs to'),
  who: z.string().trim().min(1, 'Enter who said it').max(200, 'Enter who said it in 200 characters or fewer'),
  source: z.enum(FEEDBACK_SOURCES, { message: 'Choose where the feedback came from' }),
  text: z.string().trim().min(1, 'Enter what they said').max(5000, 'Enter what they said in 5,000 characters or fewer'),
  cards: z.array(z.string()).max(100, 'Link 100 cards or fewer').optional()
})
export type FeedbackInput = z.input<typeof feedbackInputSchema>

export function feedbackOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(KEYS.feedback)
}

/** Feedback in the order it was recorded (ties by id), for one cycle or all. */
export function readFeedback(doc: Y.Doc, cycle?: number): readonly FeedbackItem[] {
  const out: FeedbackItem[] = []
  const problems = collect(doc, 'feedback')
  feedbackOf(doc).forEach((m, key) => {
    const r = parseStoredFeedback(key, m)
    if (!r.ok) problems.skip(key, problemReason(r.reason))
    else if (cycle === undefined || r.item.cycle === cycle) out.push(r.item)
  })
  problems.done()
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * Record a feedback item. Its set of linked cards is a nested map created in this same
 * transaction (created later by two people, one person's links would be lost).
 */
export function addFeedback(doc: Y.Doc, ctx: OpContext, input: FeedbackInput): FeedbackId {
  const parsed = feedbackInputSchema.parse(input)
  const cards = [...new Set(parsed.cards ?? [])]
  for (const c of cards) if (!cardsOf(doc).has(c)) throw new Error('A linked card no longer exists')
  const id = newId<FeedbackId>()
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    m.set('id', id)
    m.set('cycle', parsed.cycle)
    m.set('who', parsed.who)
    m.set('source', parsed.source)
    m.set('text', parsed.text)
    const linked = new Y.Map<true>()
    for (const c of cards) linked.set(c, true)
    m.set('cards', linked)
    m.set('createdBy', ctx.author.id)
    m.set('createdByName', ctx.author.name)
    m.set('createdAt', ctx.now())
    feedbackOf(doc).set(id, m)
    appendActivity(doc, ctx, { type: 'feedback.added', data: { cycle: parsed.cycle, feedbackId: id, source: parsed.source, cards: cards.length } })
  }, CYCLE_ORIGIN)
  return id
}

/** Link or unlink a card (a set: two people linking different cards at once keep both). */
export function setFeedbackCard(doc: Y.Doc, ctx: OpContext, id: FeedbackId, cardId: CardId, linked: boolean): void {
  const m: unknown = feedbackOf(doc).get(id)
  const set = m instanceof Y.Map ? m.get('cards') : undefined
  if (!(m instanceof Y.Map) || !(set instanceof Y.Map)) throw new Error('That feedback item no longer exists')
  if (set.has(cardId) === linked) return
  if (linked && !cardsOf(doc).has(cardId)) throw new Error('That card no longer exists')
  doc.transact(() => {
    if (linked) set.set(cardId, true)
    else set.delete(cardId)
    appendActivity(doc, ctx, { type: 'feedback.updated', cardId, data: { feedbackId: id, [linked ? 'linked' : 'unlinked']: cardId } })
  }, CYCLE_ORIGIN)
}

/** What a correction may change: who, where and what (links to cards have their own operation). */
export const feedbackEditSchema = feedbackInputSchema.pick({ who: true, source: true, text: true })
export type FeedbackEdit = z.input<typeof feedbackEditSchema>

/** The cycle a feedback item belongs to must still be open to change what was heard in it. */
function assertEditable(doc: Y.Doc, m: Y.Map<unknown>): void {
  const cycle = m.get('cycle')
  if (typeof cycle === 'number' && cycleMapOf(doc, cycle).get('closed') === true) {
    throw new Error(`Cycle ${cycle} is closed, so its feedback is part of the record and can no longer change`)
  }
}

/**
 * Correct who said it, where, or what (a typo, the wrong source). Only the fields that changed
 * are written, one key each, so a colleague fixing another field at the same time keeps theirs.
 */
export function updateFeedback(doc: Y.Doc, ctx: OpContext, id: FeedbackId, input: FeedbackEdit): void {
  const m: unknown = feedbackOf(doc).get(id)
  if (!(m instanceof Y.Map)) throw new Error('That feedback item no longer exists')
  const parsed = feedbackEditSchema.parse(input)
  assertEditable(doc, m)
  const changed = (Object.keys(parsed) as (keyof typeof parsed)[]).filter((k) => m.get(k) !== parsed[k])
  if (changed.length === 0) return
  doc.transact(() => {
    for (const k of changed) m.set(k, parsed[k])
    appendActivity(doc, ctx, { type: 'feedback.updated', data: { cycle: m.get('cycle'), feedbackId: id, changed } })
  }, CYCLE_ORIGIN)
}

/**
 * Remove a feedback item recorded by mistake. Feedback a recorded decision rests on cannot be
 * removed: the decision log must keep showing its evidence.
 */
export function removeFeedback(doc: Y.Doc, ctx: OpContext, id: FeedbackId): void {
  const m: unknown = feedbackOf(doc).get(id)
  if (!(m instanceof Y.Map)) return
  assertEditable(doc, m)
  let cited = false
  decisionsOf(doc).forEach((d) => {
    if (typeof d === 'object' && d !== null && Array.isArray((d as { evidence?: unknown }).evidence) && (d as { evidence: unknown[] }).evidence.includes(id)) cited = true
  })
  if (cited) throw new Error('This feedback is evidence for a recorded decision, so it cannot be removed')
  doc.transact(() => {
    feedbackOf(doc).delete(id)
    appendActivity(doc, ctx, { type: 'feedback.updated', data: { cycle: m.get('cycle'), feedbackId: id, removed: true, who: String(m.get('who') ?? '') } })
  }, CYCLE_ORIGIN)
}
