import * as Y from 'yjs'
import { z } from 'zod'
import type { ProjectId } from '../../domain/ids'
import { isPhase, type Phase } from '../../domain/phases'
import type { ProjectSummary } from '../programme'
import { badKey, fieldsOf, storedFlag, storedId, storedIsoDate, storedText, storedTime } from './common'

const phase = z.custom<Phase>(isPhase, 'unknown phase')

/**
 * The project's own fields (the `project` map of its doc). There is one per doc, so a bad field
 * is not a reason to hide the whole project: each field that fails reads as its default, and is
 * reported (see `readFieldsWithDefaults`).
 */
export const storedProjectFields = {
  name: storedText(2_000),
  serviceArea: storedText(2_000),
  owner: storedText(2_000),
  phase: phase.default('Discovery'),
  startDate: z.union([storedIsoDate, z.null()]).default(null),
  endDate: z.union([storedIsoDate, z.null()]).default(null),
  archived: storedFlag,
  createdAt: storedTime
} as const

/** A project's entry in the programme's index (a Y.Map under `projectIndex`). */
export const storedProjectSummarySchema = z.object({
  id: storedId,
  name: storedText(2_000),
  phase: phase.catch('Discovery'),
  tags: z.array(z.string().max(200)).max(500).default([]),
  archived: storedFlag,
  createdAt: storedTime,
  updatedAt: storedTime
})

export function parseStoredProjectSummary(key: string, value: unknown): { ok: true; summary: ProjectSummary } | { ok: false; reason: z.ZodError | string } {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not a map' }
  const r = storedProjectSummarySchema.safeParse(fieldsOf(value, ['id', 'name', 'phase', 'tags', 'archived', 'createdAt', 'updatedAt']))
  if (!r.success) return { ok: false, reason: r.error }
  if (r.data.id !== key) return { ok: false, reason: 'id differs from its key' }
  return { ok: true, summary: { ...r.data, id: r.data.id as ProjectId } }
}

/**
 * Read each field of a single-record map by its own schema; a field that fails takes the schema's
 * default (its value for `undefined`) and is passed to `skip`. For the project and programme maps.
 */
export function readFieldsWithDefaults<S extends Record<string, z.ZodType>>(
  m: Y.Map<unknown>,
  fields: S,
  skip: (field: string, reason: string) => void
): { [K in keyof S]: z.output<S[K]> } {
  const out: Record<string, unknown> = {}
  for (const [k, schema] of Object.entries(fields)) {
    const r = schema.safeParse(m.get(k))
    if (r.success) out[k] = r.data
    else {
      skip(k, r.error.issues[0]?.message ?? 'not valid')
      out[k] = schema.parse(undefined)
    }
  }
  return out as { [K in keyof S]: z.output<S[K]> }
}
