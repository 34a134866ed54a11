import Papa from 'papaparse'
import { dateOfDateTime, type ProjectDetailSummary } from './shapes'

/**
 * The Pipeline's admin report (`PipelineReports.csv`), written as a tidy RFC 4180 CSV with the
 * header names the Pipeline uses: comma-separated (no space after the comma), fields quoted only
 * when they hold a comma, a quote or a line break (quotes doubled), CRLF line ends, no blank line
 * after the header. The Pipeline's own file joins values with ", " and strips commas from text;
 * ours keeps the text whole, because quoting makes that safe.
 *
 * Dates are written `dd/MM/yyyy`, as a UK server's `ToShortDateString()` writes them, so the file
 * reads the same as one from a UK Pipeline; a date not given is an empty cell.
 *
 * The file starts with a UTF-8 byte order mark: without it Excel reads "Cyngor Sir Ynys Môn" or
 * "£" as mojibake. CSV readers (Papa Parse included) skip it.
 *
 * Formula injection: a spreadsheet opening a CSV runs any cell that starts with `=`, `+`, `-` or
 * `@` as a formula (and some treat a leading tab or carriage return the same way), so a project
 * title such as `=cmd|' /C calc'!A0` or `=HYPERLINK("http://evil…")` would run on a manager's
 * computer. Such cells get a leading apostrophe, which spreadsheets read as "this is text" and do
 * not show; the text itself is kept. The full-width forms (＝＋－＠) are treated the same, since
 * some spreadsheets normalise them.
 */
export const REPORT_HEADERS = ['Title', 'Organisation', 'Department', 'Owner', 'Owner email', 'Project start date', 'Project end date', 'Last updated'] as const

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/** A cell a spreadsheet would execute, made inert with a leading apostrophe; any other cell unchanged. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** `2019-06-03T00:00:00` → `03/06/2019`; '' for a date not given. */
export function ukShortDate(dateTime: string): string {
  const d = dateOfDateTime(dateTime)
  return d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : ''
}

export const BOM = '\uFEFF'

export function reportRow(s: ProjectDetailSummary): string[] {
  return [s.Title, s.Organisation, s.Department, s.Owner, s.OwnerEmail, ukShortDate(s.ProjectStart), ukShortDate(s.ProjectEnd), ukShortDate(s.LastUpdated)].map(neutraliseCell)
}

/** The report for these projects, in the order given. */
export function toPipelineReportCsv(summaries: readonly ProjectDetailSummary[]): string {
  const body = Papa.unparse({ fields: [...REPORT_HEADERS], data: summaries.map(reportRow) }, { newline: '\r\n', quotes: false, quoteChar: '"', escapeChar: '"', header: true, escapeFormulae: false })
  return `${BOM}${body}\r\n`
}
