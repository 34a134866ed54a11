import { z } from 'zod'
import type { ActivityEntry, ActivityType } from '../activity'
import { isStoredId, storedId, storedText, storedTime } from './common'

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
    .refine((d) => shallowerThan(d, MAX_DATA_DEPTH), 'data nested too deeply')
    .optional()
})

/** The app writes data a level or two deep; a peer's thousands of levels would overflow the stack of whatever reads it. */
const MAX_DATA_DEPTH = 8

/** Whether `v` nests objects and arrays fewer than `max` levels deep (checked without recursion). */
function shallowerThan(v: unknown, max: number): boolean {
  let level: unknown[] = [v]
  for (let depth = 0; level.length > 0; depth++) {
    if (depth >= max) return false
    const next: unknown[] = []
    for (const x of level) if (typeof x === 'object' && x !== null) for (const child of Object.values(x)) if (typeof child === 'object' && child !== null) next.push(child)
    level = next
  }
  return true
}

const TYPES: ReadonlySet<unknown> = new Set(ACTIVITY_TYPES)
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max
const isTime = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 8.64e15

/**
 * The entry, when it is exactly what the app writes and what storedActivitySchema accepts; null
 * otherwise (the caller then asks the schema). Reading a year of history (archived chunks) checks
 * 50,000 entries; zod without its JIT (the CSP forbids it) costs tens of µs each.
 * test/shared/doc/activity-archive.test.ts checks it agrees with the schema.
 */
export function wellFormedActivity(raw: Record<string, unknown>): ActivityEntry | null {
  const { id, at, by, byName, type, cardId, columnId, data } = raw
  if (!isStoredId(id) || !isTime(at) || !isText(by, 100) || !isText(byName, 500) || !TYPES.has(type)) return null
  if ((cardId !== undefined && !isStoredId(cardId)) || (columnId !== undefined && !isStoredId(columnId))) return null
  if (data !== undefined) {
    if (typeof data !== 'object' || data === null || Object.getPrototypeOf(data) !== Object.prototype) return null
    let size: number
    try {
      size = JSON.stringify(data).length
    } catch {
      return null
    }
    if (size > 20_000 || !shallowerThan(data, MAX_DATA_DEPTH)) return null
  }
  const entry: Record<string, unknown> = { id, at, by, byName, type }
  if (cardId !== undefined) entry.cardId = cardId
  if (columnId !== undefined) entry.columnId = columnId
  if (data !== undefined) entry.data = data
  return Object.freeze(entry) as unknown as ActivityEntry
}

export function parseStoredActivity(value: unknown): { ok: true; entry: ActivityEntry } | { ok: false; reason: z.ZodError | string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a record' }
  const fast = wellFormedActivity(value as Record<string, unknown>)
  if (fast) return { ok: true, entry: fast }
  const r = storedActivitySchema.safeParse(value)
  if (!r.success) return { ok: false, reason: r.error }
  const d = r.data
  const entry: Record<string, unknown> = { id: d.id, at: d.at, by: d.by, byName: d.byName, type: d.type }
  if (d.cardId !== undefined) entry.cardId = d.cardId
  if (d.columnId !== undefined) entry.columnId = d.columnId
  if (d.data !== undefined) entry.data = d.data
  return { ok: true, entry: Object.freeze(entry) as unknown as ActivityEntry }
}
