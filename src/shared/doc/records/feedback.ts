import * as Y from 'yjs'
import { z } from 'zod'
import type { CardId, PersonId } from '../../domain/ids'
import type { FeedbackId, FeedbackItem, FeedbackSource } from '../feedback'
import { badKey, fieldsOf, setKeysOf, storedId, storedSet, storedText, storedTime } from './common'

const SOURCES = ['research', 'demo', 'mentor', 'data', 'other'] as const

/** A feedback item as stored (a Y.Map under `feedback`); an unknown source reads as 'other'. */
export const storedFeedbackSchema = z.object({
  id: storedId,
  cycle: z.number().int().min(1).max(100_000),
  who: storedText(2_000),
  source: z.enum(SOURCES).catch('other'),
  text: storedText(50_000),
  cards: storedSet(storedId, 1_000),
  createdBy: storedText(100),
  createdByName: storedText(500),
  createdAt: storedTime
})

export function parseStoredFeedback(key: string, value: unknown): { ok: true; item: FeedbackItem } | { ok: false; reason: z.ZodError | string } {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not a map' }
  const r = storedFeedbackSchema.safeParse({
    ...fieldsOf(value, ['id', 'cycle', 'who', 'source', 'text', 'createdBy', 'createdByName', 'createdAt']),
    cards: setKeysOf(value.get('cards'))
  })
  if (!r.success) return { ok: false, reason: r.error }
  const d = r.data
  if (d.id !== key) return { ok: false, reason: 'id differs from its key' }
  return {
    ok: true,
    item: { ...d, id: d.id as FeedbackId, source: d.source as FeedbackSource, cards: d.cards as CardId[], createdBy: d.createdBy as PersonId }
  }
}
