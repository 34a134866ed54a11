import { z } from 'zod'
import type { IsoDate } from '../../domain/dates'
import type { DecisionId } from '../decisions'
import { storedFlag, storedIsoDate, storedText } from './common'

/**
 * A ship cycle as stored: the top-level map `cycle:<n>`. The window is one plain value (see
 * cycles.ts); `days` is missing in cycles stored before re-planning existed.
 */
export const storedCycleSchema = z.object({
  window: z.object({
    start: storedIsoDate,
    end: storedIsoDate,
    days: z.number().int().min(1).max(60).optional().catch(undefined)
  }),
  goal: storedText(5_000),
  closed: storedFlag,
  closedAt: z.number().min(0).max(8.64e15).nullable().default(null),
  closedByName: z.string().max(500).nullable().default(null),
  decisionId: z.string().max(100).nullable().default(null)
})

export interface StoredCycleFields {
  readonly start: IsoDate
  readonly end: IsoDate
  readonly days: number | undefined
  readonly goal: string
  readonly closed: boolean
  readonly closedAt: number | null
  readonly closedByName: string | null
  readonly decisionId: DecisionId | null
}

/**
 * The same, each field but the window falling back to its default. A cycle is part of the plan
 * every peer computes: hiding cycle 1 for a bad goal would make this peer plan it again and
 * rewrite its window on every read. So only a bad window skips the cycle (as it always did); a bad
 * goal or close field reads as its default and is still reported (`fieldProblem`).
 */
const lenientCycleSchema = storedCycleSchema.extend({
  goal: storedCycleSchema.shape.goal.catch(''),
  closed: storedCycleSchema.shape.closed.catch(false),
  closedAt: storedCycleSchema.shape.closedAt.catch(null),
  closedByName: storedCycleSchema.shape.closedByName.catch(null),
  decisionId: storedCycleSchema.shape.decisionId.catch(null)
})

export function parseStoredCycle(
  fields: Record<string, unknown>
): { ok: true; cycle: StoredCycleFields; fieldProblem: z.ZodError | null } | { ok: false; reason: z.ZodError | string } {
  const strict = storedCycleSchema.safeParse(fields)
  const r = strict.success ? strict : lenientCycleSchema.safeParse(fields)
  if (!r.success) return { ok: false, reason: r.error }
  const fieldProblem = strict.success ? null : strict.error
  const { window: w, ...rest } = r.data
  if (w.end < w.start) return { ok: false, reason: 'ends before it starts' }
  return { ok: true, fieldProblem, cycle: { ...rest, start: w.start as IsoDate, end: w.end as IsoDate, days: w.days, decisionId: rest.decisionId as DecisionId | null } }
}
