import * as Y from 'yjs'
import { z } from 'zod'
import { InputError } from '../domain/inputError'
import { isIsoDate, type IsoDate } from '../domain/dates'
import { newId, type ColumnId, type ProjectId } from '../domain/ids'
import { phaseSchema, type Phase } from '../domain/phases'
import {
  AGILE_LIFECYCLE_PHASES,
  COLLABORATION_LEVELS,
  FUNDING_BOUNDARY_IDS,
  PROJECT_LANGUAGES,
  type AgileLifecyclePhase,
  type CollaborationLevel,
  type FundingBoundaryId,
  type ProjectLanguage
} from '../pipeline/enums'
import { rankBetween } from '../domain/ordering'
import { appendActivity } from './activity'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { collect } from './readProblems'
import { PIPELINE_MAX_ID, readFieldsWithDefaults, storedProjectFields } from './records/project'
import { KEYS, metaOf, SCHEMA_VERSION } from './schema'

/** A change project as its own doc holds it. */
export interface Project {
  readonly id: ProjectId
  readonly name: string
  readonly serviceArea: string
  readonly owner: string
  readonly phase: Phase
  readonly tags: readonly string[]
  readonly startDate: IsoDate | null
  readonly endDate: IsoDate | null
  readonly archived: boolean
  readonly createdAt: number
  // Issue 10: the fields LocalGov Digital's Pipeline has (shared/PIPELINE.md). `owner` above is
  // the Pipeline's owner ("Key contact"); `serviceArea` is the team's service, `department` the
  // council department it sits in (the Pipeline's one `department` field takes the department,
  // or the service area when no department is given).
  readonly department: string
  readonly ownerEmail: string
  readonly agilePhase: AgileLifecyclePhase | null
  /** The budget band's id (-1: not known), as the Pipeline stores it. */
  readonly fundingBoundary: FundingBoundaryId
  readonly collaborationLevel: CollaborationLevel | null
  readonly allowExternalCollaboration: boolean
  /** The Pipeline's `projectestimatedtime`: the phase dates are estimates. */
  readonly datesAreEstimates: boolean
  readonly nextAssessmentDate: IsoDate | null
  readonly projectLanguage: ProjectLanguage | null
  /** The project's id on the Pipeline once it is there (the page id its status updates go to). */
  readonly pipelineId: number | null
}

export const DEFAULT_COLUMNS = ['To do', 'Doing', 'Done'] as const
const DEFAULT_COLUMN_ROLES = ['todo', 'doing', 'done'] as const

/** What a person may type in the project form; validated before anything is written. */
export const projectPatchSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter a project name').max(200, 'Enter a project name of 200 characters or fewer'),
    serviceArea: z.string().trim().max(200, 'Enter a service area of 200 characters or fewer'),
    owner: z.string().trim().max(200, 'Enter a key contact of 200 characters or fewer'),
    phase: phaseSchema,
    startDate: z.string({ message: 'Enter a real start date' }).refine(isIsoDate, 'Enter a real start date').nullable(),
    endDate: z.string({ message: 'Enter a real end date' }).refine(isIsoDate, 'Enter a real end date').nullable(),
    archived: z.boolean({ message: 'Choose whether the project is archived' }),
    department: z.string().trim().max(200, 'Enter a department of 200 characters or fewer'),
    ownerEmail: z
      .string()
      .trim()
      .max(254, 'Enter an email address of 254 characters or fewer')
      .refine((s) => s === '' || isEmailAddress(s), 'Enter an email address in the correct format, like name@example.com'),
    agilePhase: z.enum(AGILE_LIFECYCLE_PHASES, { message: 'Choose the agile lifecycle phase' }).nullable(),
    fundingBoundary: z.custom<FundingBoundaryId>((v) => (FUNDING_BOUNDARY_IDS as readonly unknown[]).includes(v), 'Choose a funding boundary'),
    collaborationLevel: z.enum(COLLABORATION_LEVELS, { message: 'Choose a collaboration level' }).nullable(),
    allowExternalCollaboration: z.boolean({ message: 'Choose whether other organisations may collaborate' }),
    datesAreEstimates: z.boolean({ message: 'Choose whether the dates are estimates' }),
    nextAssessmentDate: z.string({ message: 'Enter a real date for the next service assessment' }).refine(isIsoDate, 'Enter a real date for the next service assessment').nullable(),
    projectLanguage: z.enum(PROJECT_LANGUAGES, { message: 'Choose the project language' }).nullable(),
    pipelineId: z
      .number({ message: 'Enter the Pipeline id as a whole number, like 1234' })
      .int('Enter the Pipeline id as a whole number, like 1234')
      .min(1, 'Enter a Pipeline id of 1 or more')
      .max(PIPELINE_MAX_ID, 'Enter the Pipeline id as it appears in the project’s Pipeline address')
      .nullable()
  })
  .partial()
  .refine((p) => !(p.startDate && p.endDate && p.endDate < p.startDate), {
    message: 'End date must be the same as or after the start date',
    path: ['endDate']
  })
export type ProjectPatch = z.input<typeof projectPatchSchema>

/**
 * An address a person could mean, checked the way GOV.UK's own patterns check one: something
 * before an @, a domain with a dot after it, no spaces. Deliverability is the mail server's call.
 */
export function isEmailAddress(s: string): boolean {
  return s.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(s)
}

export function projectMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(KEYS.project)
}
export function tagsOf(doc: Y.Doc): Y.Map<true> {
  return doc.getMap<true>(KEYS.tags)
}
export function problemOf(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(KEYS.problem)
}

/**
 * Pipeline stores tags comma-joined in one field; a 300-character "tag" is a sentence, and it
 * would push a phone's page sideways. 50 characters fits any real topic ("adult-social-care").
 */
export const TAG_MAX_LENGTH = 50

/** Tags as Pipeline wants them: lower-case words, no spaces, no commas. */
export function normaliseTag(tag: string): string {
  return tag
    .trim()
    .toLowerCase()
    .replace(/[\s,-]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * Fill a brand-new, empty project doc: fields, the default board columns and the first
 * activity entry, in one transaction. Only the creating peer calls this.
 */
export function initProjectDoc(
  doc: Y.Doc,
  ctx: OpContext,
  input: { id: ProjectId; name: string; phase?: Phase; serviceArea?: string; owner?: string; tags?: readonly string[] }
): void {
  const parsed = projectPatchSchema.parse({ name: input.name, phase: input.phase ?? 'Discovery' })
  doc.transact(() => {
    const meta = metaOf(doc)
    meta.set('schemaVersion', SCHEMA_VERSION)
    meta.set('kind', 'project')
    meta.set('id', input.id)
    const p = projectMapOf(doc)
    p.set('id', input.id)
    p.set('name', parsed.name ?? input.name)
    p.set('serviceArea', input.serviceArea?.trim() ?? '')
    p.set('owner', input.owner?.trim() ?? '')
    p.set('phase', parsed.phase ?? 'Discovery')
    p.set('startDate', null)
    p.set('endDate', null)
    p.set('archived', false)
    p.set('createdAt', ctx.now())
    // The Pipeline fields (issue 10) are left unset: every reader gives their defaults.
    for (const t of input.tags ?? []) {
      const tag = normaliseTag(t)
      if (tag) tagsOf(doc).set(tag, true)
    }
    const columns = doc.getMap<Y.Map<unknown>>(KEYS.columns)
    let rank: string | null = null
    for (const [i, title] of DEFAULT_COLUMNS.entries()) {
      rank = rankBetween(rank, null)
      const col = new Y.Map<unknown>()
      const id = newId<ColumnId>()
      col.set('id', id)
      col.set('title', title)
      col.set('rank', rank)
      col.set('wipLimit', null)
      col.set('removed', false)
      col.set('role', DEFAULT_COLUMN_ROLES[i] ?? 'doing')
      columns.set(id, col)
    }
    appendActivity(doc, ctx, { type: 'project.created', data: { name: parsed.name ?? input.name } })
  }, LOCAL_ORIGIN)
}

/** The project's fields; one that fails its stored schema (records/project.ts) reads as its default and is reported. */
export function readProject(doc: Y.Doc): Project | null {
  const p = projectMapOf(doc)
  const id = p.get('id')
  if (typeof id !== 'string') return null
  const problems = collect(doc, 'project')
  const f = readFieldsWithDefaults(p, storedProjectFields, problems.skip)
  const tags: string[] = []
  for (const t of tagsOf(doc).keys()) {
    if (t.length <= TAG_MAX_LENGTH * 4) tags.push(t)
    else problems.skip(`tag ${t}`, 'tag too long')
  }
  problems.done()
  return {
    id: id as ProjectId,
    ...f,
    startDate: f.startDate as IsoDate | null,
    endDate: f.endDate as IsoDate | null,
    nextAssessmentDate: f.nextAssessmentDate as IsoDate | null,
    tags: tags.sort()
  }
}

/** Validated partial update. Throws a ZodError (with user-facing messages) on bad input. */
export function updateProject(doc: Y.Doc, ctx: OpContext, patch: ProjectPatch): void {
  const parsed = projectPatchSchema.parse(patch)
  // The date-order rule spans two fields: check it against the saved value of the one not in this patch.
  if (parsed.startDate !== undefined || parsed.endDate !== undefined) {
    const saved = readProject(doc)
    projectPatchSchema.parse({
      startDate: parsed.startDate !== undefined ? parsed.startDate : (saved?.startDate ?? null),
      endDate: parsed.endDate !== undefined ? parsed.endDate : (saved?.endDate ?? null)
    })
  }
  const p = projectMapOf(doc)
  const changed = Object.entries(parsed).filter(([k, v]) => v !== undefined && p.get(k) !== v)
  if (changed.length === 0) return
  doc.transact(() => {
    for (const [k, v] of changed) p.set(k, v)
    appendActivity(doc, ctx, { type: 'project.updated', data: { fields: changed.map(([k]) => k) } })
  }, LOCAL_ORIGIN)
}

/** Adds a tag (normalised); null when it is empty or already there. Throws when it is too long. */
export function addTag(doc: Y.Doc, ctx: OpContext, raw: string): string | null {
  const tag = normaliseTag(raw)
  if (tag.length > TAG_MAX_LENGTH) throw new InputError('tag', `Enter a tag of ${TAG_MAX_LENGTH} characters or fewer`)
  if (!tag || tagsOf(doc).has(tag)) return null
  doc.transact(() => {
    tagsOf(doc).set(tag, true)
    appendActivity(doc, ctx, { type: 'project.updated', data: { fields: ['tags'], added: tag } })
  }, LOCAL_ORIGIN)
  return tag
}

export function removeTag(doc: Y.Doc, ctx: OpContext, tag: string): void {
  if (!tagsOf(doc).has(tag)) return
  doc.transact(() => {
    tagsOf(doc).delete(tag)
    appendActivity(doc, ctx, { type: 'project.updated', data: { fields: ['tags'], removed: tag } })
  }, LOCAL_ORIGIN)
}
