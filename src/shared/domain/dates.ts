import { TZDate } from '@date-fns/tz'
import { format, isValid, parseISO } from 'date-fns'
import { enGB } from 'date-fns/locale'

/** Every date a council user sees is a Europe/London calendar date, whatever the machine's zone. */
export const LONDON = 'Europe/London'

/** A calendar date as stored: `YYYY-MM-DD`, no time, no zone. */
export type IsoDate = string

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && ISO_DATE.test(value) && isValid(parseISO(value))
}

/** Today's date in London (near midnight UTC this differs from the machine's UTC date). */
export function todayInLondon(now: number = Date.now()): IsoDate {
  return format(new TZDate(now, LONDON), 'yyyy-MM-dd')
}

/** "23 November 2026" — GOV.UK style. */
export function formatLongDate(date: IsoDate): string {
  return format(parseISO(date), 'd MMMM yyyy', { locale: enGB })
}

/** "23 Nov 2026, 14:05" in London time, for audit stamps. */
export function formatTimestamp(epochMs: number): string {
  return format(new TZDate(epochMs, LONDON), 'd MMM yyyy, HH:mm', { locale: enGB })
}
