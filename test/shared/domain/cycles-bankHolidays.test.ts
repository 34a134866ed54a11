import { describe, expect, it } from 'vitest'
import {
  BANK_HOLIDAY_REGIONS,
  BANK_HOLIDAYS,
  BANK_HOLIDAYS_LAST_UPDATED,
  BANK_HOLIDAYS_PUBLISHED_UNTIL,
  BANK_HOLIDAYS_SOURCE,
  bankHolidaysFor,
  bankHolidayYears
} from '@shared/domain/bankHolidays'
import { cycleWindow, DEFAULT_CYCLE_RULES, ENGLAND_WALES_BANK_HOLIDAYS, isoWeekday } from '@shared/domain/cycles'
import { isIsoDate } from '@shared/domain/dates'

describe('bank holiday data', () => {
  it('says where it comes from and when it was last checked', () => {
    expect(BANK_HOLIDAYS_SOURCE).toBe('https://www.gov.uk/bank-holidays')
    expect(isIsoDate(BANK_HOLIDAYS_LAST_UPDATED)).toBe(true)
    expect(BANK_HOLIDAYS_LAST_UPDATED >= '2026-01-01').toBe(true)
    expect(BANK_HOLIDAYS_PUBLISHED_UNTIL).toBeGreaterThanOrEqual(2026)
  })

  for (const region of BANK_HOLIDAY_REGIONS) {
    it(`${region}: every date is a real weekday, sorted, unique, 2025 to 2028 covered`, () => {
      const days = BANK_HOLIDAYS[region]
      for (const d of days) {
        expect(isIsoDate(d), d).toBe(true)
        expect(isoWeekday(d), `${d} is a weekday`).toBeLessThanOrEqual(5)
      }
      expect([...days].sort()).toEqual(days)
      expect(new Set(days).size).toBe(days.length)
      for (const year of [2025, 2026, 2027, 2028]) {
        const inYear = days.filter((d) => d.startsWith(`${year}-`))
        // 8 in England and Wales, 9 in Scotland, 10 in Northern Ireland.
        expect(inYear.length, `${region} ${year}`).toBe(region === 'england-and-wales' ? 8 : region === 'scotland' ? 9 : 10)
      }
    })
  }

  it('has the Christmas substitute days for 2026 and 2027 in every region', () => {
    for (const region of BANK_HOLIDAY_REGIONS) {
      // 2026: Boxing Day is a Saturday. 2027: Christmas Day and Boxing Day are at the weekend.
      expect(BANK_HOLIDAYS[region]).toEqual(expect.arrayContaining(['2026-12-25', '2026-12-28', '2027-12-27', '2027-12-28']))
      expect(BANK_HOLIDAYS[region]).not.toContain('2026-12-26')
    }
  })

  it('has the days only one part of the UK takes', () => {
    expect(BANK_HOLIDAYS.scotland).toEqual(expect.arrayContaining(['2026-01-02', '2026-08-03', '2026-11-30']))
    expect(BANK_HOLIDAYS.scotland).not.toContain('2026-04-06') // Easter Monday is not a Scottish bank holiday
    expect(BANK_HOLIDAYS['northern-ireland']).toEqual(expect.arrayContaining(['2026-03-17', '2026-07-13']))
    expect(BANK_HOLIDAYS['england-and-wales']).not.toContain('2026-03-17')
  })

  it('gives nothing for "none", and keeps the old England and Wales export as the same data', () => {
    expect(bankHolidaysFor('none')).toEqual([])
    expect(bankHolidaysFor('england-and-wales')).toBe(ENGLAND_WALES_BANK_HOLIDAYS)
    expect(bankHolidayYears()).toEqual({ first: 2025, last: 2028 })
  })

  it('makes cycle 2 of a project started on 7 December 2026 skip Christmas, the substitute Boxing Day and New Year', () => {
    const rules = { ...DEFAULT_CYCLE_RULES, nonWorkingDays: bankHolidaysFor('england-and-wales') }
    const cycle2 = cycleWindow('2026-12-21', rules)
    expect(cycle2.workingDays).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-04', '2027-01-05', '2027-01-06'])
  })
})
