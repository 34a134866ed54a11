import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import {
  DEFAULT_CYCLE_RULES,
  ENGLAND_WALES_BANK_HOLIDAYS,
  addWorkingDays,
  calendarDaysBetween,
  cycleWindow,
  daysLeft,
  isWorkingDay,
  isoWeekday,
  nextCycleStart,
  nextStartDate,
  parseCycleRules,
  startOfLondonDay,
  workingDaysBetween,
  type CycleRules
} from '@shared/domain/cycles'

/** The default rules with England and Wales bank holidays listed, as most councils will run. */
const ENGLAND: CycleRules = { ...DEFAULT_CYCLE_RULES, nonWorkingDays: ENGLAND_WALES_BANK_HOLIDAYS }
const NO_HOLIDAYS: CycleRules = DEFAULT_CYCLE_RULES

/** Easter Sunday (anonymous Gregorian algorithm), to check the hand-typed bank holidays. */
function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

describe('cycle rules', () => {
  it('fills the defaults: two weeks from Monday, roll on, goal required', () => {
    expect(parseCycleRules({})).toEqual({
      lengthDays: 10,
      startWeekday: 1,
      cooldownDays: 0,
      rollover: 'roll',
      requireGoal: true,
      nonWorkingDays: []
    })
    expect(parseCycleRules(undefined)).toEqual(DEFAULT_CYCLE_RULES)
  })

  it('keeps what the programme chose', () => {
    const rules = parseCycleRules({ lengthDays: 15, startWeekday: 3, cooldownDays: 5, rollover: 'circuit-breaker', requireGoal: false, nonWorkingDays: ['2026-12-28'] })
    expect(rules).toMatchObject({ lengthDays: 15, startWeekday: 3, cooldownDays: 5, rollover: 'circuit-breaker', requireGoal: false, nonWorkingDays: ['2026-12-28'] })
  })

  it('rejects rules that cannot make a cycle, with a message a person can act on', () => {
    expect(() => parseCycleRules({ startWeekday: 6 })).toThrow('Cycles start on a weekday, Monday to Friday')
    expect(() => parseCycleRules({ lengthDays: 0 })).toThrow('Cycle length must be at least 1 working day')
    expect(() => parseCycleRules({ lengthDays: 61 })).toThrow('Cycle length must be 60 working days or fewer')
    expect(() => parseCycleRules({ lengthDays: 2.5 })).toThrow(ZodError)
    expect(() => parseCycleRules({ cooldownDays: -1 })).toThrow('Cool-down cannot be negative')
    expect(() => parseCycleRules({ rollover: 'drop' })).toThrow(ZodError)
    expect(() => parseCycleRules({ nonWorkingDays: ['2026-02-30'] })).toThrow('Enter a real date in the format YYYY-MM-DD')
  })
})

describe('England and Wales bank holidays', () => {
  const byYear = (y: number): string[] => ENGLAND_WALES_BANK_HOLIDAYS.filter((d) => d.startsWith(String(y)))

  it('lists eight weekdays a year, in order', () => {
    for (const y of [2025, 2026, 2027, 2028]) expect(byYear(y), String(y)).toHaveLength(8)
    expect([...ENGLAND_WALES_BANK_HOLIDAYS].sort()).toEqual(ENGLAND_WALES_BANK_HOLIDAYS)
    for (const d of ENGLAND_WALES_BANK_HOLIDAYS) expect(isoWeekday(d), d).toBeLessThanOrEqual(5)
  })

  it('has Good Friday and Easter Monday around the computed Easter Sunday', () => {
    const expected: Record<number, [string, string]> = {
      2025: ['2025-04-18', '2025-04-21'],
      2026: ['2026-04-03', '2026-04-06'],
      2027: ['2027-03-26', '2027-03-29'],
      2028: ['2028-04-14', '2028-04-17']
    }
    for (const [year, [goodFriday, easterMonday]] of Object.entries(expected)) {
      const sunday = easterSunday(Number(year))
      expect(goodFriday).toBe(addWorkingDays(sunday, -1, NO_HOLIDAYS))
      expect(easterMonday).toBe(addWorkingDays(sunday, 1, NO_HOLIDAYS))
      expect(ENGLAND_WALES_BANK_HOLIDAYS).toContain(goodFriday)
      expect(ENGLAND_WALES_BANK_HOLIDAYS).toContain(easterMonday)
    }
  })

  it('has the substitute days when Christmas, Boxing Day or New Year fall at a weekend', () => {
    expect(byYear(2026).slice(-2)).toEqual(['2026-12-25', '2026-12-28'])
    expect(byYear(2027).slice(-2)).toEqual(['2027-12-27', '2027-12-28'])
    expect(byYear(2028)[0]).toBe('2028-01-03')
  })
})

describe('working days', () => {
  it('are Monday to Friday, less listed non-working days', () => {
    expect(isWorkingDay('2026-11-27', ENGLAND)).toBe(true) // Friday
    expect(isWorkingDay('2026-11-28', ENGLAND)).toBe(false) // Saturday
    expect(isWorkingDay('2026-11-29', ENGLAND)).toBe(false) // Sunday
    expect(isWorkingDay('2026-12-28', ENGLAND)).toBe(false) // substitute Boxing Day
    expect(isWorkingDay('2026-12-28', NO_HOLIDAYS)).toBe(true)
    expect(isWorkingDay('2026-06-17', { nonWorkingDays: ['2026-06-17'] })).toBe(false) // a council closure day
  })

  it('adds working days across weekends, month ends and bank holidays; the start date is never counted', () => {
    expect(addWorkingDays('2026-11-27', 1, ENGLAND)).toBe('2026-11-30')
    expect(addWorkingDays('2026-01-30', 1, ENGLAND)).toBe('2026-02-02')
    expect(addWorkingDays('2026-11-28', 0, ENGLAND)).toBe('2026-11-28')
    expect(addWorkingDays('2026-11-28', 1, ENGLAND)).toBe('2026-11-30')
    expect(addWorkingDays('2026-12-24', 1, ENGLAND)).toBe('2026-12-29')
    expect(addWorkingDays('2026-12-24', 1, NO_HOLIDAYS)).toBe('2026-12-25')
    expect(addWorkingDays('2026-11-23', 9, ENGLAND)).toBe('2026-12-04')
    expect(addWorkingDays('2026-11-30', -1, ENGLAND)).toBe('2026-11-27')
    expect(addWorkingDays('2026-12-29', -2, ENGLAND)).toBe('2026-12-23')
    expect(() => addWorkingDays('2026-11-23', 1.5, ENGLAND)).toThrow(RangeError)
  })

  it('counts a span with both ends included', () => {
    expect(workingDaysBetween('2026-11-23', '2026-12-04', ENGLAND)).toBe(10)
    expect(workingDaysBetween('2026-11-23', '2026-11-23', ENGLAND)).toBe(1)
    expect(workingDaysBetween('2026-11-28', '2026-11-29', ENGLAND)).toBe(0)
    expect(workingDaysBetween('2026-12-04', '2026-11-23', ENGLAND)).toBe(0)
    expect(workingDaysBetween('2026-12-21', '2027-01-08', ENGLAND)).toBe(12)
    expect(workingDaysBetween('2026-12-21', '2027-01-08', NO_HOLIDAYS)).toBe(15)
  })

  it('agrees with counting day by day over any span (the week arithmetic has no off-by-one)', () => {
    let seed = 42
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const all = calendarDaysBetween('2025-01-01', '2028-12-31')
    for (let i = 0; i < 300; i++) {
      const from = rand(all.length - 60)
      const a = all[from] as string
      const b = all[from + rand(60)] as string
      const slow = calendarDaysBetween(a, b).filter((d) => isWorkingDay(d, ENGLAND)).length
      expect(workingDaysBetween(a, b, ENGLAND), `${a}..${b}`).toBe(slow)
    }
    expect(workingDaysBetween('2025-01-01', '2028-12-31', ENGLAND)).toBe(
      calendarDaysBetween('2025-01-01', '2028-12-31').filter((d) => isWorkingDay(d, ENGLAND)).length
    )
  })

  it('refuses malformed dates instead of looping on NaN', () => {
    expect(() => addWorkingDays('23/11/2026', 1, ENGLAND)).toThrow(RangeError)
    expect(() => workingDaysBetween('2026-02-30', '2026-03-02', ENGLAND)).toThrow(RangeError)
  })
})

describe('nextStartDate', () => {
  it('is the next start weekday on or after the date', () => {
    expect(nextStartDate('2026-11-25', ENGLAND)).toBe('2026-11-30')
    expect(nextStartDate('2026-11-30', ENGLAND)).toBe('2026-11-30')
    expect(nextStartDate('2026-11-23', { ...ENGLAND, startWeekday: 3 })).toBe('2026-11-25')
    expect(nextStartDate('2026-11-26', { ...ENGLAND, startWeekday: 3 })).toBe('2026-12-02')
  })

  it('moves to the next working day when the start weekday is a bank holiday', () => {
    expect(nextStartDate('2026-04-04', ENGLAND)).toBe('2026-04-07') // Easter Monday 6 April
    expect(nextStartDate('2026-12-26', ENGLAND)).toBe('2026-12-29') // substitute Boxing Day 28 December
    expect(nextStartDate('2026-12-26', NO_HOLIDAYS)).toBe('2026-12-28')
    expect(nextStartDate('2027-12-22', { ...ENGLAND, startWeekday: 2 })).toBe('2027-12-29') // both substitutes
  })

  it('rejects a weekend start weekday from unvalidated rules rather than looping', () => {
    expect(() => nextStartDate('2026-11-23', { ...ENGLAND, startWeekday: 7 })).toThrow(RangeError)
  })
})

describe('cycleWindow', () => {
  it('runs a two-week cycle across a month end', () => {
    const w = cycleWindow('2026-11-23', ENGLAND)
    expect(w.start).toBe('2026-11-23')
    expect(w.end).toBe('2026-12-04')
    expect(w.reviewBy).toBe('2026-12-07')
    expect(w.cooldownEnd).toBeUndefined()
    expect(w.workingDays).toEqual([
      '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27',
      '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'
    ])
    expect(w.calendarDays).toHaveLength(12)
    expect(w.calendarDays.slice(6, 9)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01'])
  })

  it('ends later when Christmas, the substitute Boxing Day and New Year fall inside it', () => {
    const w = cycleWindow('2026-12-21', ENGLAND)
    expect(w.end).toBe('2027-01-06')
    expect(w.workingDays).toEqual([
      '2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-29',
      '2026-12-30', '2026-12-31', '2027-01-04', '2027-01-05', '2027-01-06'
    ])
    expect(w.calendarDays).toHaveLength(17)
    expect(w.reviewBy).toBe('2027-01-07')
    // Without the holidays listed the same start ends on New Year's Day.
    expect(cycleWindow('2026-12-21', NO_HOLIDAYS).end).toBe('2027-01-01')
  })

  it('crosses a year end with both 2027 substitute days and the 2028 New Year substitute', () => {
    const w = cycleWindow('2027-12-20', ENGLAND)
    expect(w.end).toBe('2028-01-05')
    expect(w.workingDays.slice(4, 8)).toEqual(['2027-12-24', '2027-12-29', '2027-12-30', '2027-12-31'])
    expect(w.workingDays.at(-2)).toBe('2028-01-04')
  })

  it('spans the clocks going forward (Sunday 28 March 2027) and Easter with each date once', () => {
    const w = cycleWindow('2027-03-22', ENGLAND)
    expect(w.end).toBe('2027-04-06')
    expect(w.workingDays).toEqual([
      '2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-30',
      '2027-03-31', '2027-04-01', '2027-04-02', '2027-04-05', '2027-04-06'
    ])
    expect(w.calendarDays).toHaveLength(16)
    expect(w.calendarDays.filter((d) => d === '2027-03-28')).toHaveLength(1)
    expect(new Set(w.calendarDays).size).toBe(16)
  })

  it('spans the clocks going back (Sunday 25 October 2026) with each date once', () => {
    const w = cycleWindow('2026-10-19', ENGLAND)
    expect(w.end).toBe('2026-10-30')
    expect(w.calendarDays).toEqual(calendarDaysBetween('2026-10-19', '2026-10-30'))
    expect(w.calendarDays).toHaveLength(12)
    expect(w.calendarDays[6]).toBe('2026-10-25')
  })

  it('follows a different length and a cool-down', () => {
    const rules: CycleRules = { ...ENGLAND, lengthDays: 15, cooldownDays: 5 }
    const w = cycleWindow('2026-11-23', rules)
    expect(w.end).toBe('2026-12-11')
    expect(w.cooldownEnd).toBe('2026-12-18')
    expect(nextCycleStart(w.end, rules)).toBe('2026-12-21') // the Monday after the cool-down week
    expect(nextCycleStart('2026-12-04', ENGLAND)).toBe('2026-12-07')
  })
})

describe('daysLeft', () => {
  const cycle = { start: '2026-11-23', end: '2026-12-04' }

  it('counts working days left including today', () => {
    expect(daysLeft(cycle, '2026-11-20', ENGLAND)).toBe(10) // not started yet
    expect(daysLeft(cycle, '2026-11-23', ENGLAND)).toBe(10)
    expect(daysLeft(cycle, '2026-11-27', ENGLAND)).toBe(6)
    expect(daysLeft(cycle, '2026-11-28', ENGLAND)).toBe(5) // a Saturday
    expect(daysLeft(cycle, '2026-12-04', ENGLAND)).toBe(1)
    expect(daysLeft(cycle, '2026-12-05', ENGLAND)).toBe(0)
  })

  it('leaves bank holidays out', () => {
    expect(daysLeft({ start: '2026-12-21', end: '2027-01-06' }, '2026-12-24', ENGLAND)).toBe(7)
  })
})

describe('startOfLondonDay', () => {
  it('is midnight London time: 23:00 UTC the day before in summer, midnight UTC in winter', () => {
    expect(startOfLondonDay('2026-10-19')).toBe(Date.UTC(2026, 9, 18, 23))
    expect(startOfLondonDay('2026-10-26')).toBe(Date.UTC(2026, 9, 26, 0))
    expect(startOfLondonDay('2027-03-28')).toBe(Date.UTC(2027, 2, 28, 0))
    expect(startOfLondonDay('2027-03-29')).toBe(Date.UTC(2027, 2, 28, 23))
  })
})
