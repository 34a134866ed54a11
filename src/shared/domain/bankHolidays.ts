import type { IsoDate } from './dates'

/**
 * UK bank holidays as data, not rules: the dates GOV.UK publishes (https://www.gov.uk/bank-holidays,
 * also as https://www.gov.uk/bank-holidays.json), substitute days included. Kept here rather than
 * computed because bank holidays are decided by proclamation (a coronation, a jubilee, a funeral)
 * and no formula predicts those.
 *
 * To update: copy each division's dates from bank-holidays.json into `BANK_HOLIDAYS`, keep them
 * sorted, and set `BANK_HOLIDAYS_LAST_UPDATED` to the day you checked. The unit tests check every
 * date is a real weekday, sorted and unique.
 *
 * Years GOV.UK had not yet published when this list was last checked (see `publishedUntil`) follow
 * the usual pattern (Easter, first and last Mondays of May, August, substitute days after a
 * weekend); a one-off holiday announced later has to be added.
 */
export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number]

/** What a programme stores: a region, or `none` to list its days off by hand only. */
export const BANK_HOLIDAY_SETTINGS = [...BANK_HOLIDAY_REGIONS, 'none'] as const
export type BankHolidaySetting = (typeof BANK_HOLIDAY_SETTINGS)[number]

export const BANK_HOLIDAY_REGION_LABELS: Record<BankHolidaySetting, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
  none: 'None: we list our own days off'
}

/** The day the list below was last checked against GOV.UK. */
export const BANK_HOLIDAYS_LAST_UPDATED: IsoDate = '2026-12-01'
export const BANK_HOLIDAYS_SOURCE = 'https://www.gov.uk/bank-holidays'
/** The last year GOV.UK had published when the list was checked; later years are projected. */
export const BANK_HOLIDAYS_PUBLISHED_UNTIL = 2027

export const BANK_HOLIDAYS: Readonly<Record<BankHolidayRegion, readonly IsoDate[]>> = Object.freeze({
  'england-and-wales': Object.freeze([
    // 2025
    '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
    // 2026: Boxing Day is a Saturday, substitute Monday 28 December
    '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    // 2027: Christmas Day and Boxing Day at the weekend, substitutes 27 and 28 December
    '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
    // 2028 (projected): New Year's Day is a Saturday, substitute Monday 3 January
    '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'
  ]),
  scotland: Object.freeze([
    // 2025: St Andrew's Day is a Sunday, substitute Monday 1 December
    '2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26',
    '2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28',
    // 2027: 2 January is a Saturday, substitute Monday 4 January
    '2027-01-01', '2027-01-04', '2027-03-26', '2027-05-03', '2027-05-31', '2027-08-02', '2027-11-30', '2027-12-27', '2027-12-28',
    // 2028 (projected)
    '2028-01-03', '2028-01-04', '2028-04-14', '2028-05-01', '2028-05-29', '2028-08-07', '2028-11-30', '2028-12-25', '2028-12-26'
  ]),
  'northern-ireland': Object.freeze([
    // 2025: the Battle of the Boyne is a Saturday, substitute Monday 14 July
    '2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26',
    // 2026: 12 July is a Sunday, substitute Monday 13 July
    '2026-01-01', '2026-03-17', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-07-13', '2026-08-31', '2026-12-25', '2026-12-28',
    '2027-01-01', '2027-03-17', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-07-12', '2027-08-30', '2027-12-27', '2027-12-28',
    // 2028 (projected)
    '2028-01-03', '2028-03-17', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-07-12', '2028-08-28', '2028-12-25', '2028-12-26'
  ])
})

export function isBankHolidaySetting(value: unknown): value is BankHolidaySetting {
  return (BANK_HOLIDAY_SETTINGS as readonly unknown[]).includes(value)
}

/** The bank holidays of a setting (none for `none`). */
export function bankHolidaysFor(setting: BankHolidaySetting): readonly IsoDate[] {
  return setting === 'none' ? [] : BANK_HOLIDAYS[setting]
}

/** The first and last year the list covers, for the settings page. */
export function bankHolidayYears(): { readonly first: number; readonly last: number } {
  const all = Object.values(BANK_HOLIDAYS).flat()
  const years = all.map((d) => Number(d.slice(0, 4)))
  return { first: Math.min(...years), last: Math.max(...years) }
}
