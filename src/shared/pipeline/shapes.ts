import { z } from 'zod'
import { isIsoDate, LONDON, type IsoDate } from '../domain/dates'
import type { Project } from '../doc/project'
import { fundingBoundaryText } from './enums'

/**
 * The Pipeline's API shapes, exactly as its ASP.NET Web API serialises them (shared/PIPELINE.md):
 * PascalCase property names in declaration order, integers where C# has `int`, the funding
 * boundary as a string id, dates as Json.NET writes a zone-less `DateTime`. Pure: the plain data
 * in, the shapes out (projectExport.ts reads a project doc into that data).
 */

/** `GET /api/project` → one of these per project. Dates are non-nullable DateTimes. */
export interface ProjectDetailSummary {
  readonly Id: number
  readonly Title: string
  readonly ProjectStatus: string
  readonly OrganisationId: number
  readonly Organisation: string
  readonly Department: string
  readonly LastUpdated: string
  readonly AgileLifecycle: string
  readonly FundingBoundary: string
  readonly ProjectStart: string
  readonly ProjectEnd: string
  readonly Owner: string
  readonly OwnerEmail: string
  readonly Tags: string
}

/** `GET /api/project/{id}`. Every date is a nullable DateTime. */
export interface ProjectViewModel {
  readonly Id: number
  readonly Content: string
  readonly CreatedBy: string
  readonly CreatedOn: string | null
  readonly ModifiedBy: string
  readonly ModifiedOn: string | null
  readonly ProjectStart: string | null
  readonly ProjectEnd: string | null
  readonly NextServiceAssessmentDate: string | null
  readonly ProjectEstimatedTime: boolean
  readonly ProjectStatus: string
  readonly Title: string
  readonly ModifiedOnWithOffset: string
  readonly OrganisationName: string
  readonly Department: string
  readonly OwnerEmail: string
  readonly CollaborationLevel: string
  readonly FundingBoundaryText: string
}

/** `pipeline_statusupdate`, as `GET /api/project-status/list/{pageId}` returns and `POST …/update` takes it. */
export interface StatusUpdate {
  readonly Id: number
  readonly PageId: number
  readonly UpdateDate: string
  readonly Text: string
  readonly Author: string
}

/** What Fortnight exports per project: the two API responses side by side, each exactly as its route returns it. */
export interface ProjectExportFile {
  readonly Project: ProjectViewModel
  readonly StatusUpdates: readonly StatusUpdate[]
}

// ---- dates as Json.NET writes them ------------------------------------------------------------------

/** `default(DateTime)`: what a non-nullable date with no value serialises as. */
export const DEFAULT_DATETIME = '0001-01-01T00:00:00'

const JSON_NET_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/

/**
 * Json.NET's `yyyy-MM-ddTHH:mm:ss.FFFFFFF`: fractional seconds only when there are any, trailing
 * zeros dropped (10:00:00.5, never 10:00:00.500).
 */
function fraction(ms: number): string {
  const f = Math.round(ms) % 1000
  return f === 0 ? '' : `.${String(f).padStart(3, '0').replace(/0+$/, '')}`
}

// One formatter for every conversion: building an Intl.DateTimeFormat costs far more than using
// one, and date-fns' format with a zone costs ~30 µs a call (100 projects export in ~100 ms).
const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23'
})

// London's offset changes only on the hour (01:00 UTC on the clock-change Sundays), so it is
// looked up once per hour of time and remembered; the wall-clock text is then plain arithmetic.
const offsetByHour = new Map<number, number>()

function londonOffsetMinutes(epochMs: number): number {
  const hour = Math.floor(epochMs / 3_600_000)
  const hit = offsetByHour.get(hour)
  if (hit !== undefined) return hit
  const at = hour * 3_600_000
  const p: Record<string, string> = {}
  for (const part of LONDON_PARTS.formatToParts(at)) p[part.type] = part.value
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second))
  const offset = Math.round((asUtc - at) / 60_000)
  if (offsetByHour.size > 50_000) offsetByHour.clear()
  offsetByHour.set(hour, offset)
  return offset
}

/** London wall-clock time of a moment (to the second), and London's offset from UTC then, in minutes. */
function londonWallClock(epochMs: number): { readonly text: string; readonly offsetMinutes: number } {
  const whole = Math.floor(epochMs / 1000) * 1000
  const offsetMinutes = londonOffsetMinutes(whole)
  return { text: new Date(whole + offsetMinutes * 60_000).toISOString().slice(0, 19), offsetMinutes }
}

/**
 * A moment as the Pipeline's server would hold it: London wall-clock time in a zone-less
 * DateTime (a UK council's server runs on UK time), `2026-06-01T10:00:00`.
 */
export function londonDateTime(epochMs: number): string {
  return londonWallClock(epochMs).text + fraction(epochMs)
}

/** The same moment with its London offset, `2026-06-01T10:00:00+01:00` (ModifiedOnWithOffset). */
export function londonDateTimeWithOffset(epochMs: number): string {
  const { text, offsetMinutes } = londonWallClock(epochMs)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `${text}${fraction(epochMs)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** A calendar date as a DateTime at London midnight: `2019-04-01T00:00:00`. */
export function dateAsDateTime(date: IsoDate): string {
  return `${date}T00:00:00`
}

/** The calendar date of a Json.NET DateTime; null for `default(DateTime)` or anything else. */
export function dateOfDateTime(value: string | null): IsoDate | null {
  if (value === null || value.startsWith('0001-01-01') || !JSON_NET_DATETIME.test(value)) return null
  const d = value.slice(0, 10)
  return isIsoDate(d) ? d : null
}

/** Two DateTimes the same moment, whatever a server did to the fraction or a trailing zone. */
export function sameDateTime(a: string, b: string): boolean {
  const norm = (s: string): string => {
    const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim())
    if (!m) return s.trim()
    const frac = (m[2] ?? '').replace(/0+$/, '')
    return m[1] + (frac === '.' ? '' : frac)
  }
  return norm(a) === norm(b)
}

// ---- mapping --------------------------------------------------------------------------------------

/** The organisation a programme reports as (programme settings; name defaults to the council). */
export interface PipelineOrganisation {
  /** The organisation's id on the Pipeline; 0 is written while the programme has none. */
  readonly id: number | null
  readonly name: string
}

/** Everything the two shapes need from one project, as plain data. */
export interface PipelineProjectData {
  readonly project: Project
  /** The problem statement as plain text (the Pipeline's page content is wiki text). */
  readonly content: string
  readonly createdBy: string
  readonly createdOn: number
  readonly modifiedBy: string
  readonly modifiedOn: number
}

/** Tags as the Pipeline stores them: joined with commas, no spaces. */
export function pipelineTags(tags: readonly string[]): string {
  return tags.map((t) => t.replace(/[\s,]+/g, '-')).join(',')
}

/**
 * The Pipeline has one department field ("department / service area"): the department when the
 * project names one, else its service area.
 */
export function pipelineDepartment(p: Pick<Project, 'department' | 'serviceArea'>): string {
  return p.department.trim() || p.serviceArea.trim()
}

export function toProjectDetailSummary(data: PipelineProjectData, org: PipelineOrganisation): ProjectDetailSummary {
  const p = data.project
  return {
    Id: p.pipelineId ?? 0,
    Title: p.name,
    ProjectStatus: p.phase,
    OrganisationId: org.id ?? 0,
    Organisation: org.name,
    Department: pipelineDepartment(p),
    LastUpdated: londonDateTime(data.modifiedOn),
    AgileLifecycle: p.agilePhase ?? '',
    FundingBoundary: String(p.fundingBoundary),
    ProjectStart: p.startDate ? dateAsDateTime(p.startDate) : DEFAULT_DATETIME,
    ProjectEnd: p.endDate ? dateAsDateTime(p.endDate) : DEFAULT_DATETIME,
    Owner: p.owner,
    OwnerEmail: p.ownerEmail,
    Tags: pipelineTags(p.tags)
  }
}

export function toProjectViewModel(data: PipelineProjectData, org: PipelineOrganisation): ProjectViewModel {
  const p = data.project
  return {
    Id: p.pipelineId ?? 0,
    Content: data.content,
    CreatedBy: data.createdBy,
    CreatedOn: data.createdOn > 0 ? londonDateTime(data.createdOn) : null,
    ModifiedBy: data.modifiedBy,
    ModifiedOn: data.modifiedOn > 0 ? londonDateTime(data.modifiedOn) : null,
    ProjectStart: p.startDate ? dateAsDateTime(p.startDate) : null,
    ProjectEnd: p.endDate ? dateAsDateTime(p.endDate) : null,
    NextServiceAssessmentDate: p.nextAssessmentDate ? dateAsDateTime(p.nextAssessmentDate) : null,
    ProjectEstimatedTime: p.datesAreEstimates,
    ProjectStatus: p.phase,
    Title: p.name,
    ModifiedOnWithOffset: data.modifiedOn > 0 ? londonDateTimeWithOffset(data.modifiedOn) : '',
    OrganisationName: org.name,
    Department: pipelineDepartment(p),
    OwnerEmail: p.ownerEmail,
    CollaborationLevel: p.collaborationLevel ?? '',
    FundingBoundaryText: fundingBoundaryText(p.fundingBoundary)
  }
}

// ---- validators (stored snapshots, server input, files) -----------------------------------------------

const text = (max: number) => z.string().max(max)
const id = z.number().int().min(0).max(2_147_483_647)
const dateTime = z.string().max(40)

export const projectDetailSummarySchema = z.strictObject({
  Id: id,
  Title: text(2_000),
  ProjectStatus: text(100),
  OrganisationId: id,
  Organisation: text(2_000),
  Department: text(2_000),
  LastUpdated: dateTime,
  AgileLifecycle: text(100),
  FundingBoundary: text(10),
  ProjectStart: dateTime,
  ProjectEnd: dateTime,
  Owner: text(2_000),
  OwnerEmail: text(2_000),
  Tags: text(50_000)
}) satisfies z.ZodType<ProjectDetailSummary>

export const projectViewModelSchema = z.strictObject({
  Id: id,
  Content: text(500_000),
  CreatedBy: text(2_000),
  CreatedOn: dateTime.nullable(),
  ModifiedBy: text(2_000),
  ModifiedOn: dateTime.nullable(),
  ProjectStart: dateTime.nullable(),
  ProjectEnd: dateTime.nullable(),
  NextServiceAssessmentDate: dateTime.nullable(),
  ProjectEstimatedTime: z.boolean(),
  ProjectStatus: text(100),
  Title: text(2_000),
  ModifiedOnWithOffset: dateTime,
  OrganisationName: text(2_000),
  Department: text(2_000),
  OwnerEmail: text(2_000),
  CollaborationLevel: text(100),
  FundingBoundaryText: text(100)
}) satisfies z.ZodType<ProjectViewModel>

/** A status update as a Pipeline sends or takes it. Texts are bounded: one update is a paragraph or two, not a book. */
export const statusUpdateSchema = z.strictObject({
  Id: id,
  PageId: id,
  UpdateDate: dateTime.refine((s) => JSON_NET_DATETIME.test(s) || /[Zz]$|[+-]\d{2}:\d{2}$/.test(s), 'not a date and time'),
  Text: text(100_000),
  Author: text(2_000)
}) satisfies z.ZodType<StatusUpdate>
