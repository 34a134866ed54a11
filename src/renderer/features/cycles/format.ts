import { formatLongDate, formatTimestamp, type IsoDate } from '@shared/domain/dates'
import type { Cycle } from '@shared/doc'

/** "1 June 2026 to 12 June 2026": GOV.UK style, dates in London. */
export function cycleDates(c: Pick<Cycle, 'start' | 'end'>): string {
  return `${formatLongDate(c.start)} to ${formatLongDate(c.end)}`
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

export { formatLongDate, formatTimestamp, type IsoDate }
