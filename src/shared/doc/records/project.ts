import * as Y from 'yjs'
import { z } from 'zod'
import type { ProjectId } from '../../domain/ids'
import { isPhase, type Phase } from '../../domain/phases'
import { isAgileLifecyclePhase, isCollaborationLevel, isFundingBoundaryId, isProjectLanguage, UNKNOWN_FUNDING, type AgileLifecyclePhase, type CollaborationLevel, type FundingBoundaryId, type ProjectLanguage } from '../../pipeline/enums'
import type { ProjectSummary } from '../programme'
import { badKey, fieldsOf, storedFlag, storedId, storedIsoDate, storedText, storedTime } from './common'

const phase = z.custom<Phase>(isPhase, 'unknown phase')
const agilePhase = z.custom<AgileLifecyclePhase>(isAgileLifecyclePhase, 'unknown agile lifecycle phase')
const collaborationLevel = z.custom<CollaborationLevel>(isCollaborationLevel, 'unknown collaboration level')
const projectLanguage = z.custom<ProjectLanguage>(isProjectLanguage, 'unknown project language')
const fundingBoundary = z.custom<FundingBoundaryId>(isFundingBoundaryId, 'unknown funding boundary')

/** The largest id the Pipeline's `int` columns hold. */
export const PIPELINE_MAX_ID = 2_147_483_647

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
  createdAt: storedTime,
  // Issue 10: the Pipeline's fields. A project stored before them has none of these keys and
  // reads each as "not given" (an unknown budget, no estimates, no Pipeline id yet).
  department: storedText(2_000),
  ownerEmail: storedText(2_000),
  agilePhase: z.union([agilePhase, z.null()]).default(null),
  fundingBoundary: fundingBoundary.default(UNKNOWN_FUNDING),
  collaborationLevel: z.union([collaborationLevel, z.null()]).default(null),
  allowExternalCollaboration: storedFlag,
  datesAreEstimates: storedFlag,
  nextAssessmentDate: z.union([storedIsoDate, z.null()]).default(null),
  projectLanguage: z.union([projectLanguage, z.null()]).default(null),
  pipelineId: z.union([z.number().int().min(1).max(PIPELINE_MAX_ID), z.null()]).default(null)
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
