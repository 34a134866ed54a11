import { z } from 'zod'
import type { PersonId } from '../../domain/ids'
import type { Decision, DecisionId } from '../decisions'
import type { FeedbackId } from '../feedback'
import { badKey, storedId, storedText, storedTime } from './common'

/**
 * A decision as stored: one plain value under `decisions` (immutable once written). `direction`
 * and `reason` read as null when empty, as they always did.
 */
export const storedDecisionSchema = z.object({
  id: storedId,
  cycle: z.number().int().min(1).max(100_000),
  kind: z.enum(['persevere', 'pivot', 'stop']),
  direction: z.string().max(20_000).nullable().default(null),
  reason: z.string().max(20_000).nullable().default(null),
  note: storedText(20_000),
  evidence: z.array(storedId).max(1_000).default([]),
  decidedBy: storedText(100),
  decidedByName: storedText(500),
  decidedAt: storedTime
})

export function parseStoredDecision(key: string, value: unknown): { ok: true; decision: Omit<Decision, 'superseded'> } | { ok: false; reason: z.ZodError | string } {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a record' }
  const r = storedDecisionSchema.safeParse(value)
  if (!r.success) return { ok: false, reason: r.error }
  const d = r.data
  if (d.id !== key) return { ok: false, reason: 'id differs from its key' }
  return {
    ok: true,
    decision: {
      ...d,
      id: d.id as DecisionId,
      direction: d.direction || null,
      reason: d.reason || null,
      evidence: d.evidence as FeedbackId[],
      decidedBy: d.decidedBy as PersonId
    }
  }
}
