import { describe, expect, it } from 'vitest'
import { formatLongDate, formatTimestamp, isIsoDate, todayInLondon } from '@shared/domain/dates'

describe('isIsoDate', () => {
  it('accepts real calendar dates, including 29 February in a leap year', () => {
    expect(isIsoDate('2026-11-23')).toBe(true)
    expect(isIsoDate('2028-02-29')).toBe(true)
  })

  it('rejects dates that do not exist and other shapes', () => {
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-5', '23/11/2026', '2026-11-23T10:00', '', 20261123, null]) {
      expect(isIsoDate(bad), String(bad)).toBe(false)
    }
  })
})

describe('todayInLondon', () => {
  it('is already tomorrow in London late on a summer evening UTC (BST)', () => {
    expect(todayInLondon(Date.UTC(2026, 5, 30, 23, 30))).toBe('2026-07-01')
  })

  it('matches the UTC date in winter (GMT)', () => {
    expect(todayInLondon(Date.UTC(2026, 0, 31, 23, 30))).toBe('2026-01-31')
  })

  it('follows the clocks going forward at 01:00 UTC on the last Sunday of March', () => {
    expect(todayInLondon(Date.UTC(2026, 2, 28, 23, 59))).toBe('2026-03-28')
    expect(todayInLondon(Date.UTC(2026, 2, 29, 23, 30))).toBe('2026-03-30')
  })
})

describe('formatting', () => {
  it('writes long dates in GOV.UK style', () => {
    expect(formatLongDate('2026-11-23')).toBe('23 November 2026')
    expect(formatLongDate('2026-03-01')).toBe('1 March 2026')
  })

  it('stamps times in London time, whatever the machine’s zone', () => {
    expect(formatTimestamp(Date.UTC(2026, 6, 1, 13, 5))).toBe('1 Jul 2026, 14:05')
    expect(formatTimestamp(Date.UTC(2026, 0, 15, 13, 5))).toBe('15 Jan 2026, 13:05')
  })
})
