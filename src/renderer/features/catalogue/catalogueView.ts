import { fundingBoundaryText } from '@shared/pipeline/enums'
import { describeRowAt, FORMAT_NAMES, longDate, type CatalogueProject, type RowIssue } from '@shared/pipeline/importSchema'
import type { ImportProgress, ImportSummary } from '@shared/pipeline/catalogue'

/** "Beta (Build)", "Alpha", or "Not given". */
export function phaseText(p: Pick<CatalogueProject, 'status' | 'agileLifecycle'>): string {
  if (p.status && p.agileLifecycle) return `${p.status} (${p.agileLifecycle})`
  return p.status ?? p.agileLifecycle ?? 'Not given'
}

export function dateText(iso: string | null): string {
  return iso ? longDate(iso) : 'Not given'
}

export function fundingText(p: CatalogueProject): string | null {
  return p.fundingBoundary === null ? null : fundingBoundaryText(p.fundingBoundary)
}

export const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

/** "Checking rows: 2,500 of 5,000" — what the progress bar's label says. */
export function progressText(file: string, p: ImportProgress | null): string {
  if (!p || p.phase === 'reading') return `Reading ${file}…`
  if (p.phase === 'checking') return `Checking ${file}: ${p.done.toLocaleString('en-GB')} of ${count(p.total, 'row')}`
  return `Saving the catalogue on this computer…`
}

/** 0–100 for the progress bar: reading 0–5, checking 5–90, saving 90–100. */
export function progressPercent(p: ImportProgress | null): number {
  if (!p || p.phase === 'reading') return 2
  if (p.phase === 'checking') return Math.round(5 + (85 * p.done) / Math.max(1, p.total))
  return p.done >= p.total ? 100 : 95
}

/** The report's first sentence. */
export function summaryText(s: ImportSummary): string {
  const parts: string[] = []
  if (s.added) parts.push(`${s.added.toLocaleString('en-GB')} added`)
  if (s.updated) parts.push(`${s.updated.toLocaleString('en-GB')} updated`)
  if (s.unchanged) parts.push(`${s.unchanged.toLocaleString('en-GB')} already up to date`)
  return `Imported ${count(s.added + s.updated + s.unchanged, 'project')} from ${s.file} (${FORMAT_NAMES[s.format]}): ${parts.join(', ')}.`
}

export function whereText(i: RowIssue): string {
  return describeRowAt(i.at)
}
