import { z } from 'zod'
import type { ActivityEntry, ActivityType } from '../activity'
import { storedId, storedText, storedTime } from './common'

export const ACTIVITY_TYPES = [
  'project.created',
  'project.updated',
  'column.added',
  'column.updated',
  'column.moved',
  'column.removed',
  'card.created',
  'card.updated',
  'card.moved',
  'card.archived',
  'card.restored',
  'card.checklist',
  'card.committed',
  'card.uncommitted',
  'cycle.goal',
  'cycle.closed',
  'feedback.added',
  'feedback.updated',
  'decision.recorded',
  'mentorLink.added',
  'mentorLink.changed',
  'mentorSession.logged',
  'mentorSession.updated'
] as const satisfies readonly ActivityType[]

/**
 * An activity entry as stored (a plain value in the `activity` array). `data` must be a plain
 * object (its fields are read by each consumer with its own checks); its size is bounded so one
 * entry cannot hold megabytes.
 */
export const storedActivitySchema = z.object({
  id: storedId,
  at: storedTime,
  by: storedText(100),
  byName: storedText(500),
  type: z.enum(ACTIVITY_TYPES),
  cardId: storedId.optional(),
  columnId: storedId.optional(),
  data: z
    .record(z.string(), z.unknown())
    .refine((d) => {
      try {
        return JSON.stringify(d).length <= 20_000
      } catch {
        return false
      }
    }, 'data too large')
    .optional()
})

export function parseStoredActivity(value: unknown): { ok: true; entry: ActivityEntry } | { ok: false; reason: z.ZodError | string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a record' }
  const r = storedActivitySchema.safeParse(value)
  if (!r.success) return { ok: false, reason: r.error }
  const d = r.data
  const entry: Record<string, unknown> = { id: d.id, at: d.at, by: d.by, byName: d.byName, type: d.type }
  if (d.cardId !== undefined) entry.cardId = d.cardId
  if (d.columnId !== undefined) entry.columnId = d.columnId
  if (d.data !== undefined) entry.data = d.data
  return { ok: true, entry: Object.freeze(entry) as unknown as ActivityEntry }
}
