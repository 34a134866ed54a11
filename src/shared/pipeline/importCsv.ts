import Papa from 'papaparse'
import { PHASES } from '../domain/phases'
import {
  CATALOGUE_LIMITS,
  calendarDate,
  definedFields,
  EARLIEST_YEAR,
  LATEST_YEAR,
  longDate,
  phaseFrom,
  quote,
  readIsoDate,
  RowCheck,
  type DateReading,
  type IncomingProject,
} from './importSchema'
import type { PreparedRows, Refused } from './importJson'

/**
 * Reading the Pipeline's admin CSV report (shared/PIPELINE.md), exactly as its ReportingController
 * writes it by hand — header joined by ", ", one empty line, each row's eight values joined by ", ",
 * never quoted (commas and line breaks removed from values), dates from .NET's ToShortDateString —
 * and a tidy RFC 4180 CSV with the same columns (read with papaparse; quoted values may hold
 * commas and line breaks). The two are told apart by the header: the Pipeline's separates names
 * with a comma and a space.
 *
 * Row numbers are the file's own line numbers (the header is line 1), so a person can open the
 * file in an editor and go to the line.
 */

export const PIPELINE_CSV_COLUMNS = [
  'Title',
  'Organisation',
  'Department',
  'Owner',
  'Owner email',
  'Project start date',
  'Project end date',
  'Last updated'
] as const

/** `auto`: work it out from the file (see decideDateOrder); `dmy`: 03/06/2019 is 3 June; `mdy`: 6 March. */
export type DateOrder = 'auto' | 'dmy' | 'mdy'

export interface CsvOptions {
  readonly dateOrder?: DateOrder
}

type Column = 'title' | 'organisation' | 'department' | 'owner' | 'ownerEmail' | 'projectStart' | 'projectEnd' | 'lastUpdated' | 'id' | 'tags' | 'status'

const PIPELINE_ORDER: readonly Column[] = ['title', 'organisation', 'department', 'owner', 'ownerEmail', 'projectStart', 'projectEnd', 'lastUpdated']

/** Header names a tidy CSV may use (compared without case, spaces or punctuation). */
const HEADER_NAMES: ReadonlyMap<string, Column> = new Map([
  ['title', 'title'],
  ['organisation', 'organisation'],
  ['organization', 'organisation'],
  ['organisationname', 'organisation'],
  ['department', 'department'],
  ['owner', 'owner'],
  ['owneremail', 'ownerEmail'],
  ['projectstartdate', 'projectStart'],
  ['projectstart', 'projectStart'],
  ['phasestart', 'projectStart'],
  ['projectenddate', 'projectEnd'],
  ['projectend', 'projectEnd'],
  ['phaseend', 'projectEnd'],
  ['lastupdated', 'lastUpdated'],
  ['id', 'id'],
  ['pipelineid', 'id'],
  ['tags', 'tags'],
  ['projectstatus', 'status'],
  ['status', 'status'],
  ['phase', 'status']
])

const COLUMN_LABEL: Readonly<Record<Column, string>> = {
  title: 'Title',
  organisation: 'Organisation',
  department: 'Department',
  owner: 'Owner',
  ownerEmail: 'Owner email',
  projectStart: 'Project start date',
  projectEnd: 'Project end date',
  lastUpdated: 'Last updated',
  id: 'Id',
  tags: 'Tags',
  status: 'Project status'
}

const headerKey = (s: string): string => s.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase()

interface RawRow {
  readonly line: number
  /** Values by column; missing when the file has no such column. */
  readonly values: Partial<Record<Column, string>>
  /** Set when the row is broken as a whole (wrong number of values, a quote never closed). */
  readonly broken?: string
}

export function prepareCatalogueCsv(text: string, opts: CsvOptions = {}): PreparedRows | Refused {
  if (text.trim() === '') return { ok: false, error: 'The file is empty.' }
  const firstBreak = text.search(/\r\n|\n|\r/)
  const firstLine = firstBreak < 0 ? text : text.slice(0, firstBreak)
  const pipeline = isPipelineHeader(firstLine)
  const parsed = pipeline ? splitPipelineReport(text) : splitTidyCsv(text)
  if (!parsed.ok) return parsed
  const { rows, notes } = parsed
  if (rows.length === 0) return { ok: false, error: 'This CSV has a header but no projects under it: there is nothing to import.' }
  if (rows.length > CATALOGUE_LIMITS.maxProjects)
    return {
      ok: false,
      error: `This file has ${rows.length.toLocaleString('en-GB')} rows; Fortnight imports at most ${CATALOGUE_LIMITS.maxProjects.toLocaleString('en-GB')} projects at a time.`
    }

  const order = decideDateOrder(rows, opts.dateOrder ?? 'auto', pipeline)
  if (order.note) notes.push(order.note)
  return {
    ok: true,
    format: pipeline ? 'pipeline-csv' : 'csv',
    count: rows.length,
    notes,
    readRow(i, issues) {
      const raw = rows[i]!
      const row = new RowCheck({ kind: 'line', line: raw.line }, issues)
      if (raw.broken) {
        row.name(raw.values.title ?? '')
        row.error(raw.broken)
        return null
      }
      return readRow(raw, row, order)
    }
  }
}

function isPipelineHeader(line: string): boolean {
  const names = line.replace(/^\uFEFF/, '').split(', ')
  return names.length === PIPELINE_CSV_COLUMNS.length && names.every((n, i) => n.trim().toLowerCase() === PIPELINE_CSV_COLUMNS[i]!.toLowerCase())
}

type Split = { readonly ok: true; readonly rows: RawRow[]; readonly notes: string[] } | Refused

/**
 * The Pipeline's report: no quoting, and no value holds a comma (the Pipeline removes them), so a
 * row is its line split at the commas, each value after the first losing the space the Pipeline
 * put after the comma. Empty lines (the one after the header, a last line break) are not rows.
 */
function splitPipelineReport(text: string): Split {
  const lines = text.split(/\r\n|\n|\r/)
  const rows: RawRow[] = []
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const parts = line.split(',').map((v, k) => (k > 0 && v.startsWith(' ') ? v.slice(1) : v))
    const values: Partial<Record<Column, string>> = {}
    PIPELINE_ORDER.forEach((c, k) => {
      if (k < parts.length) values[c] = parts[k]!
    })
    rows.push(
      parts.length === PIPELINE_ORDER.length
        ? { line: i + 1, values }
        : {
            line: i + 1,
            values,
            broken: `has ${parts.length} values separated by commas; the Pipeline's report has ${PIPELINE_ORDER.length} (${PIPELINE_CSV_COLUMNS.join(', ')}): not imported`
          }
    )
  }
  return { ok: true, rows, notes: [] }
}

/** A tidy CSV: RFC 4180 through papaparse, row by row, counting lines so each row has its own. */
function splitTidyCsv(text: string): Split {
  const rows: RawRow[] = []
  const notes: string[] = []
  let columns: (Column | null)[] | null = null
  let headerProblem: string | null = null
  let cursor = 0
  let line = 1
  Papa.parse<string[]>(text, {
    delimiter: ',',
    quoteChar: '"',
    escapeChar: '"',
    step(result) {
      const start = line
      const end = result.meta.cursor
      line += newlinesIn(text, cursor, end)
      cursor = end
      const data = result.data
      if (data.length === 1 && data[0]!.trim() === '' && result.errors.length === 0) return
      if (columns === null) {
        const seen = new Set<Column>()
        const ignored: string[] = []
        columns = data.map((h) => {
          const c = HEADER_NAMES.get(headerKey(h)) ?? null
          if (c === null || seen.has(c)) {
            if (h.trim() !== '') ignored.push(h.trim())
            return null
          }
          seen.add(c)
          return c
        })
        if (!seen.has('title'))
          headerProblem =
            'This CSV has no Title column, so it is not a Pipeline catalogue. Its first line should name the columns: Title, Organisation, Department, Owner, Owner email, Project start date, Project end date, Last updated.'
        if (ignored.length > 0) notes.push(`Columns Fortnight does not use were left out: ${ignored.slice(0, 8).map((n) => quote(n, 30)).join(', ')}${ignored.length > 8 ? '…' : ''}.`)
        return
      }
      const values: Partial<Record<Column, string>> = {}
      columns.forEach((c, k) => {
        if (c !== null && k < data.length) values[c] = unneutralise(data[k]!)
      })
      const unclosed = result.errors.find((e) => e.code === 'MissingQuotes')
      if (unclosed) rows.push({ line: start, values, broken: 'has a quoted value that is never closed, so the rest of the file was read as part of it: not imported' })
      else if (data.length !== columns.length)
        rows.push({ line: start, values, broken: `has ${data.length} values; the header has ${columns.length}: not imported` })
      else rows.push({ line: start, values })
    }
  })
  if (columns === null) return { ok: false, error: 'The file is empty.' }
  if (headerProblem) return { ok: false, error: headerProblem }
  return { ok: true, rows, notes }
}

/**
 * A tidy CSV written by a careful exporter (Fortnight's own, OWASP's advice) puts an apostrophe
 * before a cell a spreadsheet would run as a formula. That apostrophe is not part of the text:
 * it is taken off, and the text is kept as text (never evaluated, only ever shown as text).
 */
function unneutralise(value: string): string {
  return /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? value.slice(1) : value
}

function newlinesIn(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++
  }
  return n
}

// ——— Dates ———

const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i

/** What one slash date says about the order of day and month. */
type Evidence = 'dmy' | 'mdy' | 'either' | 'neither'

function evidenceOf(a: string, b: string, pipeline: boolean): Evidence {
  const x = Number(a)
  const y = Number(b)
  if (x > 12 && y > 12) return 'neither'
  if (x > 12) return 'dmy'
  if (y > 12) return 'mdy'
  if (pipeline) {
    // .NET's ToShortDateString: en-GB writes dd/MM/yyyy (always two digits), en-US M/d/yyyy (never a leading zero).
    if (a.length === 1 || b.length === 1) return a.startsWith('0') || b.startsWith('0') ? 'neither' : 'mdy'
    if (a.startsWith('0') || b.startsWith('0')) return 'dmy'
  }
  return 'either'
}

interface DateDecision {
  readonly order: 'dmy' | 'mdy'
  /** True when nothing in the file decided the order (it was assumed): ambiguous dates are then reported. */
  readonly assumed: boolean
  readonly pipeline: boolean
  readonly note: string | null
}

const DATE_COLUMNS: readonly Column[] = ['projectStart', 'projectEnd', 'lastUpdated']

/**
 * One order for the whole file, as one server wrote it: a day above 12 ("25/06/2019") or, in the
 * Pipeline's own report, .NET's padding ("03/06/2019" is en-GB; "6/3/2019" is en-US) decides it.
 * When the file's dates disagree, the majority wins and the others are reported; when nothing
 * decides, day first (UK) is assumed, said once for the file, and every date that could be read
 * both ways is reported on its row.
 */
function decideDateOrder(rows: readonly RawRow[], chosen: DateOrder, pipeline: boolean): DateDecision {
  if (chosen !== 'auto') return { order: chosen, assumed: false, pipeline, note: null }
  let dmy = 0
  let mdy = 0
  let slashDates = 0
  for (const r of rows) {
    if (r.broken) continue
    for (const c of DATE_COLUMNS) {
      const m = SLASH.exec((r.values[c] ?? '').trim())
      if (!m) continue
      slashDates++
      const e = evidenceOf(m[1]!, m[2]!, pipeline)
      if (e === 'dmy') dmy++
      else if (e === 'mdy') mdy++
    }
  }
  if (slashDates === 0) return { order: 'dmy', assumed: false, pipeline, note: null }
  if (dmy === 0 && mdy === 0)
    return {
      order: 'dmy',
      assumed: true,
      pipeline,
      note: 'Nothing in this file shows whether its dates are day/month/year (UK) or month/day/year (US). They were read as day/month/year, as a UK Pipeline site writes them; dates that could be read either way are listed below. If the file came from a US-culture server, import it again choosing month/day/year.'
    }
  const order = dmy >= mdy ? 'dmy' : 'mdy'
  const name = order === 'dmy' ? 'day/month/year (UK)' : 'month/day/year (US)'
  const against = order === 'dmy' ? mdy : dmy
  return {
    order,
    assumed: false,
    pipeline,
    note: against > 0 ? `This file's dates were read as ${name}, as most of them are; ${against.toLocaleString('en-GB')} written the other way round are listed below and left empty.` : `This file's dates were read as ${name}.`
  }
}

function readerFor(decision: DateDecision): (s: string) => DateReading {
  return (s) => {
    const t = s.trim()
    const m = SLASH.exec(t)
    if (!m) {
      if (/^\d{4}-\d{2}-\d{2}/.test(t)) return readIsoDate(t)
      return { ok: false, message: `is not a date (it is ${quote(s)}; expected ${decision.order === 'dmy' ? '03/06/2019' : '6/3/2019'} or 2019-06-03)` }
    }
    const [a, b, y] = [m[1]!, m[2]!, Number(m[3])]
    if (y === 1) return { ok: true, date: null } // .NET's DateTime.MinValue: the Pipeline's "no date"
    const e = evidenceOf(a, b, decision.pipeline)
    if (e !== 'either' && e !== decision.order)
      return {
        ok: false,
        message: `${quote(t)} is not a real date when read as ${decision.order === 'dmy' ? 'day/month/year' : 'month/day/year'}, as the rest of the file is`
      }
    const [day, month] = decision.order === 'dmy' ? [Number(a), Number(b)] : [Number(b), Number(a)]
    const date = calendarDate(y, month, day)
    if (!date) return { ok: false, message: `${quote(t)} is not a real date` }
    if (y < EARLIEST_YEAR || y > LATEST_YEAR) return { ok: false, message: `${quote(t)} has the year ${y}, which cannot be right` }
    return { ok: true, date }
  }
}

/** A date that reads two ways, when the file did not say which: imported as read, and reported. */
function ambiguous(raw: string | undefined, decision: DateDecision): string | null {
  if (!decision.assumed || raw === undefined) return null
  const m = SLASH.exec(raw.trim())
  if (!m || m[1] === m[2] || Number(m[1]) === Number(m[2]) || evidenceOf(m[1]!, m[2]!, decision.pipeline) !== 'either') return null
  const y = Number(m[3])
  const asRead = calendarDate(y, Number(m[2]), Number(m[1]))
  const other = calendarDate(y, Number(m[1]), Number(m[2]))
  if (!asRead || !other) return null
  return `${quote(raw.trim())} could be ${longDate(asRead)} or ${longDate(other)}: read as ${longDate(asRead)}`
}

// ——— One row ———

function readRow(raw: RawRow, row: RowCheck, decision: DateDecision): IncomingProject | null {
  const v = raw.values
  const has = (c: Column): boolean => v[c] !== undefined
  const title = row.readTitle('Title', v.title ?? null)
  let pipelineId: number | null = null
  const idText = (v.id ?? '').trim()
  if (idText !== '' && idText !== '0') {
    const n = /^\d{1,15}$/.test(idText) ? Number(idText) : NaN
    if (Number.isSafeInteger(n) && n > 0) pipelineId = n
    else row.error(`Id ${quote(idText)} is not a whole number above 0: the project cannot be told apart from others`)
  }
  const organisation = row.readOrganisation('Organisation', v.organisation ?? null)
  if (row.failed) return null

  const readDate = readerFor(decision)
  const date = (c: Column): string | null | undefined => {
    if (!has(c)) return undefined
    const d = row.date(COLUMN_LABEL[c], v[c]!, readDate)
    const twoWays = d === null ? null : ambiguous(v[c], decision)
    if (twoWays) row.warn(`${COLUMN_LABEL[c]} ${twoWays}`)
    return d
  }
  const fields = definedFields({
    title,
    organisation: has('organisation') ? organisation : undefined,
    department: has('department') ? row.line('Department', v.department!, CATALOGUE_LIMITS.department) : undefined,
    owner: has('owner') ? row.line('Owner', v.owner!, CATALOGUE_LIMITS.owner) : undefined,
    ownerEmail: has('ownerEmail') ? row.email('Owner email', v.ownerEmail!) : undefined,
    projectStart: date('projectStart'),
    projectEnd: date('projectEnd'),
    lastUpdated: date('lastUpdated'),
    tags: has('tags') ? row.tags('Tags', v.tags!) : undefined,
    status: has('status') ? row.oneOf('Project status', v.status!, phaseFrom, PHASES, 'imported without a phase') : undefined
  })
  return { at: row.at, pipelineId, title, organisation, fields }
}
