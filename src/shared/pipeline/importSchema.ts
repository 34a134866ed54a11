import { z } from 'zod'
import { normaliseTag } from '../doc/project'
import { PHASES, type Phase } from '../domain/phases'
import {
  AGILE_LIFECYCLE_PHASES,
  COLLABORATION_LEVELS,
  FUNDING_BOUNDARIES,
  FUNDING_BOUNDARY_IDS,
  type AgileLifecyclePhase,
  type CollaborationLevel,
  type FundingBoundaryId
} from './enums'

/**
 * The sector catalogue (issue 10, "look sideways"): what Fortnight keeps of another council's
 * Pipeline project, and the rules every imported value passes first.
 *
 * Why a separate record and not a Fortnight project: a catalogue entry is someone else's work,
 * read-only and local to this computer; it must never be mistaken for (or synced with) the
 * council's own projects. Only what the Pipeline publishes is kept, as plain text.
 *
 * The enumerations are the Pipeline's own spellings, from ./enums (shared with export), and
 * `ProjectStatus` is Fortnight's own `PHASES` (the same six words).
 */

/**
 * Bounds on what a file may hold. A catalogue file is checked against `maxFileChars` before it is
 * parsed, so a 50 MB string costs a length check, not a parse. Text over its field's bound is a
 * sign of a damaged or hostile file: a title or organisation that long is refused (they identify
 * the project), other text is shortened and the row says so.
 */
export const CATALOGUE_LIMITS = {
  /** Characters (or bytes, before decoding). The whole Pipeline is a few MB. */
  maxFileChars: 25 * 1024 * 1024,
  maxProjects: 20_000,
  title: 300,
  organisation: 300,
  department: 300,
  owner: 200,
  ownerEmail: 320,
  tag: 100,
  tags: 50,
  content: 20_000
} as const

/** The stored form's version; a store written by a newer Fortnight is read but never written. */
export const CATALOGUE_FORMAT_VERSION = 1

/** One project of the sector catalogue, as kept on this computer. */
export interface CatalogueProject {
  /** Identity in the catalogue: `pipeline:<Id>`, or `name:<organisation>|<title>` normalised (see identityKey). */
  readonly key: string
  readonly pipelineId: number | null
  readonly title: string
  readonly organisation: string
  readonly organisationId: number | null
  readonly department: string
  /** `ProjectStatus`: the GDS-style phase. */
  readonly status: Phase | null
  readonly agileLifecycle: AgileLifecyclePhase | null
  readonly fundingBoundary: FundingBoundaryId | null
  readonly collaborationLevel: CollaborationLevel | null
  /** Key contact. */
  readonly owner: string
  readonly ownerEmail: string
  /** Normalised as Fortnight's own tags are (normaliseTag), so "3 shared tags" compares like with like. */
  readonly tags: readonly string[]
  /** The project description as plain text (wiki markup and HTML removed). */
  readonly content: string
  /** Calendar dates, `YYYY-MM-DD`. */
  readonly projectStart: string | null
  readonly projectEnd: string | null
  readonly nextServiceAssessment: string | null
  readonly estimatedDates: boolean | null
  readonly lastUpdated: string | null
  /** When this computer last imported it, and from which file. */
  readonly importedAt: number
  readonly source: { readonly format: CatalogueFormat; readonly file: string }
}

export const CATALOGUE_FORMATS = ['pipeline-summary-json', 'pipeline-project-json', 'pipeline-csv', 'csv'] as const
/**
 * `pipeline-summary-json`: GET /api/project (ProjectDetailSummary[]); `pipeline-project-json`: one
 * ProjectViewModel (GET /api/project/{id}) or a list of them; `pipeline-csv`: the admin report as
 * the Pipeline writes it; `csv`: a tidy RFC 4180 CSV with the same columns.
 */
export type CatalogueFormat = (typeof CATALOGUE_FORMATS)[number]

export const FORMAT_NAMES: Readonly<Record<CatalogueFormat, string>> = {
  'pipeline-summary-json': 'Pipeline project list (JSON)',
  'pipeline-project-json': 'Pipeline project details (JSON)',
  'pipeline-csv': 'Pipeline admin report (CSV)',
  csv: 'CSV'
}

/** The fields a catalogue project carries besides its identity and import stamp. */
export type CatalogueFields = Omit<CatalogueProject, 'key' | 'pipelineId' | 'importedAt' | 'source'>

/** Where a row is in its file: a line (CSV, counted from 1 like an editor) or an item (JSON list, index from 0). */
export type RowAt = { readonly kind: 'line'; readonly line: number } | { readonly kind: 'item'; readonly index: number }

export interface RowIssue {
  readonly at: RowAt
  /** `error`: the row was not imported. `warning`: imported, with the value named left empty or shortened. */
  readonly severity: 'error' | 'warning'
  /** The row's title when it has one (shortened), so a person can find it. */
  readonly title: string
  readonly message: string
}

/** "Line 7" (CSV) or "Item 3" (JSON: index 2 shown counted from 1). */
export function describeRowAt(at: RowAt): string {
  return at.kind === 'line' ? `Line ${at.line.toLocaleString('en-GB')}` : `Item ${(at.index + 1).toLocaleString('en-GB')}`
}

/**
 * A row that passed validation: the fields its format carries (a CSV has no tags or status, so an
 * import from CSV leaves those of a known project as they were).
 */
export interface IncomingProject {
  readonly at: RowAt
  readonly pipelineId: number | null
  readonly title: string
  readonly organisation: string
  readonly fields: Partial<CatalogueFields>
}

// ——— Stored records (what this computer's IndexedDB holds; read back through this schema) ———

const text = (max: number) => z.string().max(max)
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable()

export const storedCatalogueProjectSchema = z.object({
  key: z.string().min(1).max(1000),
  pipelineId: z.number().int().positive().nullable(),
  title: text(CATALOGUE_LIMITS.title).min(1),
  organisation: text(CATALOGUE_LIMITS.organisation),
  organisationId: z.number().int().nonnegative().nullable(),
  department: text(CATALOGUE_LIMITS.department),
  status: z.enum(PHASES).nullable(),
  agileLifecycle: z.enum(AGILE_LIFECYCLE_PHASES).nullable(),
  fundingBoundary: z
    .number()
    .refine((n) => (FUNDING_BOUNDARY_IDS as readonly number[]).includes(n))
    .transform((n) => n as FundingBoundaryId)
    .nullable(),
  collaborationLevel: z.enum(COLLABORATION_LEVELS).nullable(),
  owner: text(CATALOGUE_LIMITS.owner),
  ownerEmail: text(CATALOGUE_LIMITS.ownerEmail),
  tags: z.array(text(CATALOGUE_LIMITS.tag)).max(CATALOGUE_LIMITS.tags),
  content: text(CATALOGUE_LIMITS.content),
  projectStart: isoDate,
  projectEnd: isoDate,
  nextServiceAssessment: isoDate,
  estimatedDates: z.boolean().nullable(),
  lastUpdated: isoDate,
  importedAt: z.number().finite(),
  source: z.object({ format: z.enum(CATALOGUE_FORMATS), file: z.string().max(500) })
}) satisfies z.ZodType<CatalogueProject>

// ——— Normalising what a file says ———

/** Controls (other than tab and line breaks) and bidirectional overrides: never shown, never kept. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u202A-\u202E\u2066-\u2069\uFEFF]/g

/** Text as kept: invisible characters removed, runs of spaces and line breaks made one space. */
export function cleanLine(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

/** Multi-line text as kept: invisible characters removed, line breaks kept (at most one blank line). */
export function cleanBlock(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/**
 * Names compared for identity: accents, case, punctuation and spacing ignored. The Pipeline's CSV
 * removes commas from every value ("Bins, recycling" becomes "Bins recycling"), so a project read
 * from the CSV must still be the one read from the JSON.
 */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The catalogue key of a project: its Pipeline Id when known, else organisation and title. */
export function identityKey(pipelineId: number | null, organisation: string, title: string): string {
  return pipelineId !== null ? `pipeline:${pipelineId}` : nameKey(organisation, title)
}

export function nameKey(organisation: string, title: string): string {
  return `name:${normaliseName(organisation)}|${normaliseName(title)}`
}

function caseless<T extends string>(values: readonly T[]): (s: string) => T | null {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]))
  return (s) => byLower.get(s.trim().toLowerCase()) ?? null
}

export const phaseFrom = caseless<Phase>(PHASES)
export const agileFrom = caseless<AgileLifecyclePhase>(AGILE_LIFECYCLE_PHASES)
export const collaborationFrom = caseless<CollaborationLevel>(COLLABORATION_LEVELS)

/** The id as the Pipeline's JSON writes it (`"50"`; a number is the same id). */
export function fundingFromId(s: string): FundingBoundaryId | null {
  const t = s.trim()
  if (!/^-?\d{1,4}$/.test(t)) return null
  const n = Number(t)
  return (FUNDING_BOUNDARY_IDS as readonly number[]).includes(n) ? (n as FundingBoundaryId) : null
}

/** Shown text → id, forgiving dashes and spaces ("£0K - £50K" = "£0K–£50K"). */
const squash = (s: string): string => s.replace(/[\s\u2012-\u2015-]+/g, '').toLowerCase()
const fundingByText = new Map<string, FundingBoundaryId>(FUNDING_BOUNDARIES.map((f) => [squash(f.text), f.id]))
export function fundingFromText(s: string): FundingBoundaryId | null {
  return fundingByText.get(squash(s)) ?? null
}

/** A value as quoted in a message: shortened, invisible characters removed. */
export function quote(value: unknown, max = 40): string {
  if (typeof value === 'string') {
    const s = cleanLine(value)
    return `“${s.length > max ? `${s.slice(0, max)}…` : s}”`
  }
  if (value === null) return 'empty (null)'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a group of fields'
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return 'not readable'
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "3 June 2019" from `2019-06-03`, without time zones (a calendar date is the same everywhere). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`
}

/** A real calendar date from its parts, as `YYYY-MM-DD`, or null (31 February, month 13). */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null
  if (month < 1 || month > 12 || day < 1) return null
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
  if (day > days) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Years a project date may fall in; outside, the date is a typing slip (or .NET's "no date"). */
export const EARLIEST_YEAR = 1990
export const LATEST_YEAR = 2100

export type DateReading = { readonly ok: true; readonly date: string | null } | { readonly ok: false; readonly message: string }

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * An ISO date or date-time as Json.NET writes it (`2019-04-01T00:00:00`, maybe with a zone), read
 * as its calendar date. `0001-01-01` is .NET's DateTime.MinValue: the Pipeline's "no date" in
 * ProjectDetailSummary, whose dates are not nullable, so it reads as no date, not as a mistake.
 */
export function readIsoDate(s: string): DateReading {
  const m = ISO.exec(s.trim())
  if (!m) return { ok: false, message: `is not a date (it is ${quote(s)}; expected a date such as 2019-04-01T00:00:00)` }
  const y = Number(m[1])
  if (y === 1) return { ok: true, date: null }
  const date = calendarDate(y, Number(m[2]), Number(m[3]))
  if (!date) return { ok: false, message: `is not a real date (${quote(s)})` }
  if (y < EARLIEST_YEAR || y > LATEST_YEAR) return { ok: false, message: `has the year ${y}, which cannot be right` }
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59))
    return { ok: false, message: `is not a real time of day (${quote(s)})` }
  return { ok: true, date }
}

// ——— Checking one row ———

/**
 * The checks one imported row goes through, shared by the JSON and CSV readers so a title, a tag
 * list or a date is judged the same way whatever file it came in. Each check either returns the
 * value to keep, or records what was wrong in the row's issues:
 *  - an error (the row is skipped): no title, a title or organisation too long to be real, an
 *    identity that cannot be read — anything that would make the row unfindable or misidentified;
 *  - a warning (the row is imported, that one value left empty or shortened): everything else.
 */
export class RowCheck {
  private title = ''
  failed = false

  constructor(
    readonly at: RowAt,
    private readonly issues: RowIssue[]
  ) {}

  error(message: string): void {
    this.failed = true
    this.issues.push({ at: this.at, severity: 'error', title: this.title, message })
  }

  warn(message: string): void {
    this.issues.push({ at: this.at, severity: 'warning', title: this.title, message })
  }

  /** The title issues are reported under (shortened), for a row read no further. */
  name(raw: string): void {
    const t = cleanLine(raw)
    this.title = t.length > 80 ? `${t.slice(0, 80)}…` : t
  }

  /** Title: required, one line, at most CATALOGUE_LIMITS.title characters. */
  readTitle(name: string, raw: string | null): string {
    if (raw === null || cleanLine(raw) === '') {
      this.error(`${name} is empty: a project without a title cannot be shown or told apart`)
      return ''
    }
    const t = cleanLine(raw)
    if (t.length > CATALOGUE_LIMITS.title) {
      this.title = `${t.slice(0, 60)}…`
      this.error(`${name} is ${t.length.toLocaleString('en-GB')} characters long (at most ${CATALOGUE_LIMITS.title}): not imported`)
      return ''
    }
    this.title = t.length > 80 ? `${t.slice(0, 80)}…` : t
    this.formula(name, t)
    return t
  }

  /** Organisation: part of a project's identity, so too long is an error rather than a cut. */
  readOrganisation(name: string, raw: string | null): string {
    if (raw === null) return ''
    const t = cleanLine(raw)
    this.formula(name, t)
    if (t.length > CATALOGUE_LIMITS.organisation) {
      this.error(`${name} is ${t.length.toLocaleString('en-GB')} characters long (at most ${CATALOGUE_LIMITS.organisation}): not imported`)
      return ''
    }
    return t
  }

  /**
   * A cell a spreadsheet would run as a formula (`=cmd|' /C calc'!A0`, `@SUM(…)`): kept as plain
   * text, never evaluated, and said so, so whoever imported it knows the file held one.
   */
  private formula(name: string, t: string): void {
    if (/^[=@\uFF1D\uFF20]/.test(t) || /^[+\-\uFF0B\uFF0D]\s*[A-Za-z(]/.test(t)) this.warn(`${name} ${quote(t)} looks like a spreadsheet formula: kept as plain text, never run`)
  }

  /** One line of text, shortened (with a warning) past `max`. */
  line(name: string, raw: string | null, max: number): string {
    if (raw === null) return ''
    const t = cleanLine(raw)
    this.formula(name, t)
    if (t.length <= max) return t
    this.warn(`${name} was ${t.length.toLocaleString('en-GB')} characters long: shortened to ${max.toLocaleString('en-GB')}`)
    return t.slice(0, max)
  }

  block(name: string, raw: string | null, max: number): string {
    if (raw === null) return ''
    const t = cleanBlock(raw)
    if (t.length <= max) return t
    this.warn(`${name} was ${t.length.toLocaleString('en-GB')} characters long: shortened to ${max.toLocaleString('en-GB')}`)
    return t.slice(0, max)
  }

  /** An e-mail address is kept as text either way; one that is not an address is said so (and never made a link). */
  email(name: string, raw: string | null): string {
    const t = this.line(name, raw, CATALOGUE_LIMITS.ownerEmail)
    if (t !== '' && !looksLikeEmail(t)) this.warn(`${name} ${quote(t)} is not an e-mail address: kept as text`)
    return t
  }

  /** An enumeration spelled as the Pipeline spells it (case forgiven); anything else is left empty. */
  oneOf<T>(name: string, raw: string | null, read: (s: string) => T | null, allowed: readonly string[], empty: string): T | null {
    if (raw === null || raw.trim() === '') return null
    const v = read(raw)
    if (v === null) this.warn(`${name} ${quote(raw)} is not one of the Pipeline's values (${allowed.join(', ')}): ${empty}`)
    return v
  }

  /** The Pipeline's tags: comma-separated with no spaces; kept normalised as Fortnight's tags are. */
  tags(name: string, raw: string | readonly string[] | null): string[] {
    if (raw === null) return []
    const parts = typeof raw === 'string' ? raw.split(',') : raw
    const out: string[] = []
    let tooLong = 0
    for (const p of parts) {
      const t = normaliseTag(cleanLine(p))
      if (t === '') continue
      if (t.length > CATALOGUE_LIMITS.tag) {
        tooLong++
        continue
      }
      if (!out.includes(t)) out.push(t)
    }
    if (tooLong > 0) this.warn(`${name}: ${tooLong} tag${tooLong > 1 ? 's were' : ' was'} over ${CATALOGUE_LIMITS.tag} characters long and left out`)
    if (out.length > CATALOGUE_LIMITS.tags) {
      this.warn(`${name}: ${out.length} tags; the first ${CATALOGUE_LIMITS.tags} were kept`)
      out.length = CATALOGUE_LIMITS.tags
    }
    return out
  }

  /** A date read by `read`; a date that cannot be read is left empty with a warning. */
  date(name: string, raw: string | null, read: (s: string) => DateReading): string | null {
    if (raw === null || raw.trim() === '') return null
    const r = read(raw)
    if (r.ok) return r.date
    this.warn(`${name} ${r.message}: left empty`)
    return null
  }
}

const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/
export function looksLikeEmail(s: string): boolean {
  return EMAIL.test(s)
}

/**
 * A project description as plain text: the Pipeline keeps wiki text (Creole or Markdown, sometimes
 * HTML). Tags are removed (never interpreted), links keep their words, emphasis marks go, and the
 * five common entities are decoded. The result is only ever shown as text.
 */
export function plainContent(s: string): string {
  return s
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/\[\[([^\]|]{0,500})\|([^\]]{0,500})\]\]/g, '$2')
    .replace(/\[\[([^\]]{0,500})\]\]/g, '$1')
    .replace(/\[([^\]]{0,500})\]\((?:[^)]{0,2000})\)/g, '$1')
    .replace(/\*\*|__|==+|~~|\\\\|^#+\s?|^\*+\s/gm, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

/** A partial record with only the keys that were given (undefined keys left out). */
export function definedFields(fields: { [K in keyof CatalogueFields]?: CatalogueFields[K] | undefined }): Partial<CatalogueFields> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v
  return out as Partial<CatalogueFields>
}
