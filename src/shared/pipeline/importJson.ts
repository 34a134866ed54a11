import { z } from 'zod'
import { PHASES } from '../domain/phases'
import { AGILE_LIFECYCLE_PHASES, COLLABORATION_LEVELS, FUNDING_BOUNDARIES } from './enums'
import {
  CATALOGUE_LIMITS,
  agileFrom,
  collaborationFrom,
  definedFields,
  fundingFromId,
  fundingFromText,
  phaseFrom,
  plainContent,
  quote,
  readIsoDate,
  RowCheck,
  type CatalogueFormat,
  type IncomingProject,
  type RowIssue
} from './importSchema'

/**
 * Reading the Pipeline's JSON (shared/PIPELINE.md): a list of ProjectDetailSummary as
 * GET /api/project returns it, one ProjectViewModel (GET /api/project/{id}), or a list of those.
 * Which one is worked out from each item's own property names, so a list that mixes both (saved
 * from several calls) still reads. Property names are matched as declared (PascalCase) and, failing
 * that, ignoring case (a camelCase serialiser gives `projectStatus`).
 *
 * A file that is not such a list or project is refused as a whole; an item that is not a project,
 * or one without a title or with an unreadable Id, is skipped and reported by its index; a field
 * with the wrong type is left empty and reported (see RowCheck).
 */

/** Properties only a ProjectDetailSummary has. */
const SUMMARY_KEYS = ['OrganisationId', 'Organisation', 'LastUpdated', 'AgileLifecycle', 'FundingBoundary', 'Owner', 'Tags'] as const
/** Properties only a ProjectViewModel has. */
const VIEW_KEYS = [
  'Content',
  'CreatedBy',
  'CreatedOn',
  'ModifiedBy',
  'ModifiedOn',
  'NextServiceAssessmentDate',
  'ProjectEstimatedTime',
  'ModifiedOnWithOffset',
  'OrganisationName',
  'CollaborationLevel',
  'FundingBoundaryText'
] as const
const SHARED_KEYS = ['Id', 'Title', 'ProjectStatus', 'Department', 'ProjectStart', 'ProjectEnd', 'OwnerEmail'] as const
const ALL_KEYS: readonly string[] = [...SHARED_KEYS, ...SUMMARY_KEYS, ...VIEW_KEYS]
const KEY_BY_LOWER = new Map(ALL_KEYS.map((k) => [k.toLowerCase(), k]))

export interface PreparedRows {
  readonly ok: true
  readonly format: CatalogueFormat
  readonly count: number
  /** File-level remarks a person should read (how dates were read, columns left out). */
  readonly notes: readonly string[]
  /** Row `i` (0-based) checked: its fields, or null when it was skipped; issues go to `issues`. */
  readRow(i: number, issues: RowIssue[]): IncomingProject | null
}
export interface Refused {
  readonly ok: false
  readonly error: string
}

const NOT_A_CATALOGUE =
  "This file is not a Pipeline catalogue. Fortnight reads the list of projects the Pipeline gives at /api/project, one project from /api/project/{id}, or the Pipeline's CSV report."

/** Check the file as a whole, then hand back a reader for its items. Nothing is kept yet. */
export function prepareCatalogueJson(text: string): PreparedRows | Refused {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    return { ok: false, error: jsonProblem(text, err) }
  }
  if (data === null) return { ok: false, error: 'This file holds only “null”: the Pipeline answers that for a project that does not exist. There are no projects to import.' }
  if (Array.isArray(data)) return prepareList(data)
  if (typeof data !== 'object') return { ok: false, error: NOT_A_CATALOGUE }
  const obj = data as Record<string, unknown>
  const kind = kindOf(obj)
  if (kind === null) {
    const version = Object.hasOwn(obj, 'version') ? obj.version : Object.hasOwn(obj, 'schemaVersion') ? obj.schemaVersion : undefined
    if (version !== undefined)
      return {
        ok: false,
        error: `This file says it is version ${quote(version)} of some other format, and holds no Pipeline projects. ${NOT_A_CATALOGUE}`
      }
    return { ok: false, error: NOT_A_CATALOGUE }
  }
  return prepareList([obj], kind === 'summary' ? 'pipeline-summary-json' : 'pipeline-project-json')
}

function prepareList(items: readonly unknown[], forced?: CatalogueFormat): PreparedRows | Refused {
  if (items.length === 0)
    return {
      ok: false,
      error:
        'The list in this file is empty: there are no projects to import. (Some Pipeline sites answer /api/project with an empty list because of a known fault; ask the site for its CSV report instead.)'
    }
  if (items.length > CATALOGUE_LIMITS.maxProjects)
    return {
      ok: false,
      error: `This file lists ${items.length.toLocaleString('en-GB')} projects; Fortnight imports at most ${CATALOGUE_LIMITS.maxProjects.toLocaleString('en-GB')} at a time.`
    }
  let summaries = 0
  let views = 0
  const kinds = items.map((item) => {
    const k = isRecord(item) ? kindOf(item) : null
    if (k === 'summary') summaries++
    else if (k === 'view') views++
    return k
  })
  if (summaries + views === 0) return { ok: false, error: NOT_A_CATALOGUE }
  const format: CatalogueFormat = forced ?? (views > summaries ? 'pipeline-project-json' : 'pipeline-summary-json')
  const notes: string[] = []
  if (summaries > 0 && views > 0)
    notes.push(`The list mixes the Pipeline's two shapes: ${summaries.toLocaleString('en-GB')} project summaries and ${views.toLocaleString('en-GB')} project details.`)
  return {
    ok: true,
    format,
    count: items.length,
    notes,
    readRow(i, issues) {
      const item = items[i]
      const row = new RowCheck({ kind: 'item', index: i }, issues)
      const kind = kinds[i]
      if (!isRecord(item) || kind === null || kind === undefined) {
        row.error(`is ${isRecord(item) ? "a group of fields with none of the Pipeline's project fields" : describeType(item)}, not a project`)
        return null
      }
      return readItem(item, kind, row)
    }
  }
}

// ——— One item ———

type Kind = 'summary' | 'view'

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Which shape an object is, from its own property names; null when it has none of the Pipeline's. */
function kindOf(obj: Record<string, unknown>): Kind | null {
  let summary = 0
  let view = 0
  let shared = 0
  for (const key of Object.keys(obj)) {
    const k = Object.hasOwn(SHAPE_OF, key) ? key : KEY_BY_LOWER.get(key.toLowerCase())
    if (k === undefined) continue
    const s = SHAPE_OF[k]
    if (s === 'summary') summary++
    else if (s === 'view') view++
    else shared++
  }
  if (summary + view + shared === 0) return null
  return view > summary ? 'view' : 'summary'
}

const SHAPE_OF: Readonly<Record<string, Kind | 'shared'>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, Kind | 'shared'>,
    Object.fromEntries([
      ...SHARED_KEYS.map((k) => [k, 'shared'] as const),
      ...SUMMARY_KEYS.map((k) => [k, 'summary'] as const),
      ...VIEW_KEYS.map((k) => [k, 'view'] as const)
    ])
  )
)

/**
 * The item's properties by their declared names. Own properties only, into a Map: a `__proto__`
 * or `constructor` key in the file is just an unknown name here, never an object's prototype.
 */
function propertiesOf(obj: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>()
  const caseless: [string, unknown][] = []
  for (const key of Object.keys(obj)) {
    const value = obj[key]
    if (KEY_BY_LOWER.get(key.toLowerCase()) === key) out.set(key, value)
    else {
      const k = KEY_BY_LOWER.get(key.toLowerCase())
      if (k !== undefined) caseless.push([k, value])
    }
  }
  for (const [k, v] of caseless) if (!out.has(k)) out.set(k, v)
  return out
}

const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const orgIdSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
const stringSchema = z.string()
const boolSchema = z.boolean()
const tagListSchema = z.array(z.string())

function describeType(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  switch (typeof v) {
    case 'string':
      return `text (${quote(v)})`
    case 'number':
      return `a number (${v})`
    case 'boolean':
      return `${v}`
    default:
      return 'a group of fields'
  }
}

function readItem(obj: Record<string, unknown>, kind: Kind, row: RowCheck): IncomingProject | null {
  const p = propertiesOf(obj)
  const given = (k: string): unknown => (p.has(k) ? p.get(k) : undefined)
  /** A text property: null when absent or null; a warning (and null) when it is not text. */
  const str = (k: string): string | null => {
    const v = given(k)
    if (v === undefined || v === null) return null
    const r = stringSchema.safeParse(v)
    if (r.success) return r.data
    row.warn(`${k} should be text but is ${describeType(v)}: left empty`)
    return null
  }

  const titleRaw = given('Title')
  let title = ''
  if (titleRaw === undefined || titleRaw === null || typeof titleRaw === 'string') title = row.readTitle('Title', titleRaw ?? null)
  else row.error(`Title should be text but is ${describeType(titleRaw)}: a project without a title cannot be shown or told apart`)

  let pipelineId: number | null = null
  const idRaw = given('Id')
  // 0 is what a C# int holds before the Pipeline assigns one (Fortnight's export of a project not
  // yet on the Pipeline writes it too): no Id, so the project is known by organisation and title.
  if (idRaw !== undefined && idRaw !== null && idRaw !== 0) {
    const r = idSchema.safeParse(idRaw)
    if (r.success) pipelineId = r.data
    else row.error(`Id should be a whole number above 0 but is ${describeType(idRaw)}: the project cannot be told apart from others`)
  }

  const orgKey = p.has('Organisation') || !p.has('OrganisationName') ? 'Organisation' : 'OrganisationName'
  const organisation = row.readOrganisation(orgKey, str(orgKey))
  if (row.failed) return null

  const date = (k: string): string | null | undefined => {
    if (!p.has(k)) return undefined
    const v = given(k)
    if (v === null) return null
    if (typeof v !== 'string') {
      row.warn(`${k} should be a date but is ${describeType(v)}: left empty`)
      return null
    }
    return row.date(k, v, readIsoDate)
  }
  const textOrUndefined = (k: string, read: (raw: string | null) => string): string | undefined => (p.has(k) ? read(str(k)) : undefined)

  let organisationId: number | null | undefined
  if (p.has('OrganisationId')) {
    const v = given('OrganisationId')
    const r = orgIdSchema.safeParse(v)
    organisationId = r.success ? r.data : null
    if (!r.success && v !== null) row.warn(`OrganisationId should be a whole number but is ${describeType(v)}: left empty`)
  }

  let fundingBoundary: IncomingProject['fields']['fundingBoundary']
  if (p.has('FundingBoundary')) {
    const v = given('FundingBoundary')
    // Declared as a string holding the id ("50"); a number is the same id.
    const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' ? v : null
    if (v !== null && v !== undefined && s === null) row.warn(`FundingBoundary should be text such as “50” but is ${describeType(v)}: left empty`)
    fundingBoundary = s === null ? null : row.oneOf('FundingBoundary', s, fundingFromId, FUNDING_BOUNDARIES.map((f) => String(f.id)), 'left empty')
  } else if (p.has('FundingBoundaryText')) {
    fundingBoundary = row.oneOf('FundingBoundaryText', str('FundingBoundaryText'), fundingFromText, FUNDING_BOUNDARIES.map((f) => f.text), 'left empty')
  }

  let tags: string[] | undefined
  if (p.has('Tags')) {
    const v = given('Tags')
    if (v === null) tags = []
    else if (typeof v === 'string') tags = row.tags('Tags', v)
    else {
      const r = tagListSchema.safeParse(v)
      if (r.success) tags = row.tags('Tags', r.data)
      else {
        row.warn(`Tags should be text such as “tag1,tag2” but is ${describeType(v)}: left empty`)
        tags = []
      }
    }
  }

  let estimatedDates: boolean | null | undefined
  if (p.has('ProjectEstimatedTime')) {
    const v = given('ProjectEstimatedTime')
    const r = boolSchema.safeParse(v)
    estimatedDates = r.success ? r.data : null
    if (!r.success && v !== null) row.warn(`ProjectEstimatedTime should be true or false but is ${describeType(v)}: left empty`)
  }

  const lastUpdated = kind === 'summary' ? (date('LastUpdated') ?? date('ModifiedOn')) : (date('ModifiedOn') ?? date('LastUpdated'))
  const fields = definedFields({
    title,
    organisation: p.has('Organisation') || p.has('OrganisationName') ? organisation : undefined,
    organisationId,
    department: textOrUndefined('Department', (raw) => row.line('Department', raw, CATALOGUE_LIMITS.department)),
    status: p.has('ProjectStatus') ? row.oneOf('ProjectStatus', str('ProjectStatus'), phaseFrom, PHASES, 'imported without a phase') : undefined,
    agileLifecycle: p.has('AgileLifecycle')
      ? row.oneOf('AgileLifecycle', str('AgileLifecycle'), agileFrom, AGILE_LIFECYCLE_PHASES, 'imported without a lifecycle phase')
      : undefined,
    fundingBoundary,
    collaborationLevel: p.has('CollaborationLevel')
      ? row.oneOf('CollaborationLevel', str('CollaborationLevel'), collaborationFrom, COLLABORATION_LEVELS, 'left empty')
      : undefined,
    owner: textOrUndefined('Owner', (raw) => row.line('Owner', raw, CATALOGUE_LIMITS.owner)),
    ownerEmail: textOrUndefined('OwnerEmail', (raw) => row.email('OwnerEmail', raw)),
    tags,
    content: textOrUndefined('Content', (raw) => row.block('Content', raw === null ? null : plainContent(raw), CATALOGUE_LIMITS.content)),
    projectStart: date('ProjectStart'),
    projectEnd: date('ProjectEnd'),
    nextServiceAssessment: date('NextServiceAssessmentDate'),
    estimatedDates,
    lastUpdated
  })
  return { at: row.at, pipelineId, title, organisation, fields }
}

/** A plain-English reason a JSON file could not be read (never the engine's own message). */
function jsonProblem(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : ''
  if (text.trim() === '') return 'The file is empty.'
  if (/end of (JSON )?input|Unterminated|Unexpected end/i.test(message))
    return 'This file is not complete JSON: it ends too early, as if it was cut short while saving or downloading. Download it again.'
  const at = /position (\d+)/.exec(message)
  const where = at ? ` (near line ${lineOf(text, Number(at[1])).toLocaleString('en-GB')})` : ''
  return `This file is not valid JSON${where}: it may be damaged, or not the file you meant. ${NOT_A_CATALOGUE}`
}

function lineOf(text: string, offset: number): number {
  let line = 1
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++
  return line
}
