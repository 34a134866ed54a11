import type * as Y from 'yjs'
import { z } from 'zod'
import type { PersonId, ProjectId } from '../domain/ids'
import {
  DEFAULT_PIPELINE_SETTINGS,
  pipelineSettingsPatchSchema,
  storedPipelineSettingsFields,
  type PipelineSettings,
  type PipelineSettingsPatch
} from '../pipeline/pipelineSettings'
import {
  projectDetailSummarySchema,
  projectViewModelSchema,
  statusUpdateSchema,
  type PipelineOrganisation,
  type ProjectDetailSummary,
  type ProjectViewModel,
  type StatusUpdate
} from '../pipeline/shapes'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { readProgramme } from './programme'
import { problemReason, reportReadProblem } from './readProblems'
import { badKey, storedId, storedText, storedTime } from './records/common'
import { readFieldsWithDefaults } from './records/project'
import { KEYS } from './schema'

/**
 * The programme's Pipeline settings and its two ledgers, all in the programme doc:
 *
 *  - `pipeline` (a map, one key per setting): organisation id and name, the Pipeline's address;
 *  - `pipelineExports` (projectId → one plain value): the last export of each project, who made it
 *    and when, with the shapes as exported, so the next export can say what changed since;
 *  - `pipelinePublished` (status-update key → one plain value): each status update the Pipeline
 *    has, with the id it was given, so nothing is posted twice.
 *
 * Ledger entries are whole plain values, written in one `set`: a peer never sees half of one, and
 * two people recording the same key at once end with one of the two on every computer (both say
 * the same thing: this update is on the Pipeline). Entries are validated on read; a malformed one
 * is skipped and reported, which for the publish ledger means "not sent yet" and the publisher's
 * check of the Pipeline's own list (publish.ts) keeps that from posting twice.
 */

export function pipelineSettingsMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(KEYS.pipeline)
}
export function pipelineExportsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(KEYS.pipelineExports)
}
export function pipelinePublishedOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(KEYS.pipelinePublished)
}

// ---- settings --------------------------------------------------------------------------------------

export function readPipelineSettings(doc: Y.Doc): PipelineSettings {
  const m = pipelineSettingsMapOf(doc)
  if (m.size === 0) return DEFAULT_PIPELINE_SETTINGS
  return readFieldsWithDefaults(m, storedPipelineSettingsFields, (field, reason) => reportReadProblem(doc, 'pipeline record', `pipeline.${field}`, reason))
}

/** Validated (UK-English messages keyed by setting); writes only the settings that changed. */
export function updatePipelineSettings(doc: Y.Doc, _ctx: OpContext, patch: PipelineSettingsPatch): void {
  const parsed = pipelineSettingsPatchSchema.parse(patch)
  const m = pipelineSettingsMapOf(doc)
  const changed = Object.entries(parsed).filter(([k, v]) => v !== undefined && m.get(k) !== v)
  if (changed.length === 0) return
  doc.transact(() => {
    for (const [k, v] of changed) m.set(k, v)
  }, LOCAL_ORIGIN)
}

/** The organisation the programme reports as: its settings, the name falling back to the council. */
export function readPipelineOrganisation(doc: Y.Doc): PipelineOrganisation {
  const s = readPipelineSettings(doc)
  return { id: s.organisationId, name: s.organisationName.trim() || (readProgramme(doc)?.council.trim() ?? '') }
}

// ---- the last export of each project -----------------------------------------------------------------

/** A status update as exported, with its stable key (statusUpdates.ts). */
export interface ExportedStatusUpdate {
  readonly key: string
  readonly cycle: number
  readonly update: StatusUpdate
}

export interface LastExport {
  readonly projectId: ProjectId
  readonly at: number
  readonly by: PersonId
  readonly byName: string
  readonly summary: ProjectDetailSummary
  readonly viewModel: ProjectViewModel
  readonly statusUpdates: readonly ExportedStatusUpdate[]
}

const storedExportedUpdate = z.object({ key: storedId, cycle: z.number().int().min(1).max(100_000), update: statusUpdateSchema })

const storedLastExportSchema = z.object({
  projectId: storedId,
  at: storedTime,
  by: storedText(100),
  byName: storedText(500),
  summary: projectDetailSummarySchema,
  viewModel: projectViewModelSchema,
  statusUpdates: z.array(storedExportedUpdate).max(2_000).default([])
})

// Entries are immutable plain values: each one's validation is cached by the value itself.
const exportCache = new WeakMap<object, LastExport | string>()

function parseLastExport(key: string, v: unknown): LastExport | string {
  const keyProblem = badKey(key)
  if (keyProblem) return keyProblem
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a record'
  const hit = exportCache.get(v)
  if (hit !== undefined) return hit
  const r = storedLastExportSchema.safeParse(v)
  const out: LastExport | string = !r.success
    ? problemReason(r.error)
    : r.data.projectId !== key
      ? 'project id differs from its key'
      : { ...r.data, projectId: r.data.projectId as ProjectId, by: r.data.by as PersonId }
  exportCache.set(v, out)
  return out
}

export function readLastExport(doc: Y.Doc, projectId: ProjectId): LastExport | null {
  const v = pipelineExportsOf(doc).get(projectId)
  if (v === undefined) return null
  const r = parseLastExport(projectId, v)
  if (typeof r === 'string') {
    reportReadProblem(doc, 'pipeline record', `pipelineExports.${projectId}`, r)
    return null
  }
  return r
}

/** The last export of every project that has one. */
export function readLastExports(doc: Y.Doc): ReadonlyMap<ProjectId, LastExport> {
  const out = new Map<ProjectId, LastExport>()
  pipelineExportsOf(doc).forEach((v, key) => {
    const r = parseLastExport(key, v)
    if (typeof r === 'string') reportReadProblem(doc, 'pipeline record', `pipelineExports.${key}`, r)
    else out.set(key as ProjectId, r)
  })
  return out
}

/** Remember what was exported, for each project, in one transaction (the person saved the files). */
export function recordExports(
  doc: Y.Doc,
  ctx: OpContext,
  exports: readonly { projectId: ProjectId; summary: ProjectDetailSummary; viewModel: ProjectViewModel; statusUpdates: readonly ExportedStatusUpdate[] }[]
): void {
  if (exports.length === 0) return
  const at = ctx.now()
  const values = exports.map((e) => {
    const value = {
      projectId: e.projectId,
      at,
      by: ctx.author.id,
      byName: ctx.author.name,
      summary: { ...e.summary },
      viewModel: { ...e.viewModel },
      statusUpdates: e.statusUpdates.map((u) => ({ key: u.key, cycle: u.cycle, update: { ...u.update } }))
    }
    // What this computer writes must read back: a bad value is a bug here, not a peer's.
    storedLastExportSchema.parse(value)
    return value
  })
  const m = pipelineExportsOf(doc)
  doc.transact(() => {
    for (const v of values) m.set(v.projectId, v)
  }, LOCAL_ORIGIN)
}

// ---- status updates the Pipeline has ------------------------------------------------------------------

export interface PublishedRecord {
  /** `${projectId}:cycle:${n}` (statusUpdates.ts). */
  readonly key: string
  /** The Id the Pipeline gave the update. */
  readonly remoteId: number
  readonly sentAt: number
  readonly by: PersonId
  readonly byName: string
  /** Where it went: an update is "sent" only to this Pipeline and this project page. */
  readonly address: string
  readonly pageId: number
  /** What was sent (statusUpdateFingerprint), to notice an update that changed since. */
  readonly fingerprint: string
  /** Found already on the Pipeline (sent before this ledger knew), rather than posted by this computer. */
  readonly found: boolean
}

const storedPublishedSchema = z.object({
  key: storedId,
  remoteId: z.number().int().min(1).max(2_147_483_647),
  sentAt: storedTime,
  by: storedText(100),
  byName: storedText(500),
  address: z.string().max(2_000),
  pageId: z.number().int().min(1).max(2_147_483_647),
  fingerprint: z.string().max(64),
  found: z.boolean().default(false)
})

const publishedCache = new WeakMap<object, PublishedRecord | string>()

function parsePublished(key: string, v: unknown): PublishedRecord | string {
  const keyProblem = badKey(key)
  if (keyProblem) return keyProblem
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a record'
  const hit = publishedCache.get(v)
  if (hit !== undefined) return hit
  const r = storedPublishedSchema.safeParse(v)
  const out: PublishedRecord | string = !r.success ? problemReason(r.error) : r.data.key !== key ? 'key differs' : { ...r.data, by: r.data.by as PersonId }
  publishedCache.set(v, out)
  return out
}

/** Every status update recorded as on a Pipeline, by key. */
export function readPublished(doc: Y.Doc): ReadonlyMap<string, PublishedRecord> {
  const out = new Map<string, PublishedRecord>()
  pipelinePublishedOf(doc).forEach((v, key) => {
    const r = parsePublished(key, v)
    if (typeof r === 'string') reportReadProblem(doc, 'pipeline record', `pipelinePublished.${key}`, r)
    else out.set(key, r)
  })
  return out
}

/** Record one status update as on the Pipeline (straight after it was posted or found). */
export function recordPublished(doc: Y.Doc, ctx: OpContext, rec: Omit<PublishedRecord, 'sentAt' | 'by' | 'byName'>): PublishedRecord {
  const value: PublishedRecord = { ...rec, sentAt: ctx.now(), by: ctx.author.id, byName: ctx.author.name }
  storedPublishedSchema.parse(value)
  doc.transact(() => pipelinePublishedOf(doc).set(rec.key, { ...value }), LOCAL_ORIGIN)
  return value
}
