import * as Y from 'yjs'
import { z } from 'zod'
import { newId, type Brand, type CardId, type PersonId } from '../domain/ids'
import { appendActivity } from './activity'
import type { OpContext } from './context'
import { CYCLE_ORIGIN } from './cycles'
import { cardsOf } from './cards'
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
  cycle: z.number().int().min(1),
  who: z.string().trim().min(1, 'Enter who said it').max(200, 'Who said it must be 200 characters or fewer'),
  source: z.enum(FEEDBACK_SOURCES, { message: 'Choose where the feedback came from' }),
  text: z.string().trim().min(1, 'Enter what they said').max(5000, 'What they said must be 5,000 characters or fewer'),
  cards: z.array(z.string()).max(100).optional()
})
export type FeedbackInput = z.input<typeof feedbackInputSchema>

export function feedbackOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(KEYS.feedback)
}

function toItem(m: Y.Map<unknown>): FeedbackItem | null {
  const id = m.get('id')
  const cycle = m.get('cycle')
  if (typeof id !== 'string' || typeof cycle !== 'number') return null
  const source = m.get('source')
  const cards = m.get('cards')
  return {
    id: id as FeedbackId,
    cycle,
    who: String(m.get('who') ?? ''),
    source: (FEEDBACK_SOURCES as readonly unknown[]).includes(source) ? (source as FeedbackSource) : 'other',
    text: String(m.get('text') ?? ''),
    cards: cards instanceof Y.Map ? ([...cards.keys()].sort() as CardId[]) : [],
    createdBy: String(m.get('createdBy') ?? '') as PersonId,
    createdByName: String(m.get('createdByName') ?? ''),
    createdAt: Number(m.get('createdAt') ?? 0)
  }
}

/** Feedback in the order it was recorded (ties by id), for one cycle or all. */
export function readFeedback(doc: Y.Doc, cycle?: number): readonly FeedbackItem[] {
  const out: FeedbackItem[] = []
  feedbackOf(doc).forEach((m) => {
    const item = toItem(m)
    if (item && (cycle === undefined || item.cycle === cycle)) out.push(item)
  })
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
  const m = feedbackOf(doc).get(id)
  const set = m?.get('cards')
  if (!m || !(set instanceof Y.Map)) throw new Error('That feedback item no longer exists')
  if (set.has(cardId) === linked) return
  if (linked && !cardsOf(doc).has(cardId)) throw new Error('That card no longer exists')
  doc.transact(() => {
    if (linked) set.set(cardId, true)
    else set.delete(cardId)
    appendActivity(doc, ctx, { type: 'feedback.updated', cardId, data: { feedbackId: id, [linked ? 'linked' : 'unlinked']: cardId } })
  }, CYCLE_ORIGIN)
}
