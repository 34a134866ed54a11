import { describe, expect, it } from 'vitest'
import { forecastNextCycle, velocity, type CycleTally } from '@shared/domain/velocity'

const tally = (number: number, completed: number, committed: number): CycleTally => ({ number, completed, committed })

describe('velocity', () => {
  it('has nothing to say before any cycle has closed', () => {
    expect(velocity([])).toEqual({ cycles: [], recentAverage: null, recentCount: 0 })
  })

  it('reports one closed cycle as it was', () => {
    expect(velocity([tally(1, 4, 5)])).toEqual({ cycles: [{ number: 1, completed: 4, committed: 5, completedPercent: 80 }], recentAverage: 4, recentCount: 1 })
  })

  it('averages three cycles to one decimal place and shows completion against commitment', () => {
    const v = velocity([tally(1, 5, 6), tally(2, 6, 6), tally(3, 8, 7)])
    expect(v.recentAverage).toBe(6.3)
    expect(v.recentCount).toBe(3)
    expect(v.cycles.map((c) => c.completedPercent)).toEqual([83, 100, 114]) // scope added and done can pass 100%
  })

  it('averages only the last three of five, oldest first whatever the input order', () => {
    const v = velocity([tally(4, 6, 6), tally(1, 2, 8), tally(5, 7, 7), tally(2, 10, 10), tally(3, 4, 6)])
    expect(v.cycles.map((c) => c.number)).toEqual([1, 2, 3, 4, 5])
    expect(v.cycles.map((c) => c.completed)).toEqual([2, 10, 4, 6, 7])
    expect(v.recentAverage).toBe(5.7)
    expect(v.recentCount).toBe(3)
  })

  it('has no percentage for a cycle with nothing committed', () => {
    expect(velocity([tally(1, 0, 0)]).cycles[0]?.completedPercent).toBeNull()
  })
})

describe('forecastNextCycle', () => {
  it('gives no figures with no history', () => {
    expect(forecastNextCycle([])).toEqual({ enoughHistory: false, basedOn: 0, low: null, expected: null, high: null })
  })

  it('gives the one cycle’s figure but says it is not enough history', () => {
    expect(forecastNextCycle([tally(1, 4, 5)])).toEqual({ enoughHistory: false, basedOn: 1, low: 4, expected: 4, high: 4 })
  })

  it('with two cycles has enough history and rounds a half up', () => {
    expect(forecastNextCycle([tally(1, 5, 5), tally(2, 6, 6)])).toEqual({ enoughHistory: true, basedOn: 2, low: 5, expected: 6, high: 6 })
  })

  it('ranges from the worst to the best of the last three, expecting their mean in whole cards', () => {
    expect(forecastNextCycle([tally(1, 5, 6), tally(2, 6, 6), tally(3, 8, 7)])).toEqual({ enoughHistory: true, basedOn: 3, low: 5, expected: 6, high: 8 })
  })

  it('forgets cycles older than the last three', () => {
    const five = [tally(4, 6, 6), tally(1, 2, 8), tally(5, 7, 7), tally(2, 10, 10), tally(3, 4, 6)]
    expect(forecastNextCycle(five)).toEqual({ enoughHistory: true, basedOn: 3, low: 4, expected: 6, high: 7 })
    expect(forecastNextCycle(five, 5)).toEqual({ enoughHistory: true, basedOn: 5, low: 2, expected: 6, high: 10 })
  })
})
