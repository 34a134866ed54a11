import { afterEach, describe, expect, it } from 'vitest'
import { todayInLondon } from '@shared/domain/dates'
import { DEFAULT_CYCLE_RULES, ENGLAND_WALES_BANK_HOLIDAYS, cycleWindow, scopeChanges, startOfLondonDay, type CycleRules } from '@shared/domain/cycles'
import { cycleGraphSeries, graphTable, type GraphEvent, type GraphPoint } from '@shared/domain/cycleGraph'

const ENGLAND: CycleRules = { ...DEFAULT_CYCLE_RULES, nonWorkingDays: ENGLAND_WALES_BANK_HOLIDAYS }

/** A UTC instant from an ISO date and a UTC time (in November UTC is London time). */
function utc(date: string, hh: number, mm = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d, hh, mm)
}

const ev = (cardId: string, at: number, kind: GraphEvent['kind']): GraphEvent => ({ cardId, at, kind })

const column = <K extends keyof GraphPoint>(series: readonly GraphPoint[], key: K): GraphPoint[K][] => series.map((p) => p[key])

// Cycle 23 November – 4 December 2026 (ten working days across a month end).
const NOV = cycleWindow('2026-11-23', ENGLAND)

/** The scripted cycle: each line says what a team member did and when. */
const SCRIPT: GraphEvent[] = [
  ev('A', utc('2026-11-19', 11), 'started'), // carried in from the last cycle, already in progress
  ev('A', utc('2026-11-20', 15), 'committed'),
  ev('B', utc('2026-11-20', 15), 'committed'),
  ev('C', utc('2026-11-20', 15), 'committed'),
  ev('D', utc('2026-11-20', 15), 'committed'),
  ev('E', utc('2026-11-20', 15), 'committed'),
  ev('F', utc('2026-11-20', 16), 'committed'),
  ev('F', utc('2026-11-20', 17), 'uncommitted'), // planned out again before the start
  ev('B', utc('2026-11-23', 10), 'started'), // Mon
  ev('A', utc('2026-11-24', 9), 'completed'), // Tue
  ev('C', utc('2026-11-24', 14), 'started'),
  ev('G', utc('2026-11-25', 11), 'committed'), // Wed: scope added
  ev('B', utc('2026-11-26', 16), 'completed'), // Thu
  ev('A', utc('2026-11-27', 12), 'reopened'), // Fri: failed review
  ev('A', utc('2026-11-28', 10), 'completed'), // Sat: someone worked the weekend
  ev('E', utc('2026-11-30', 9, 30), 'uncommitted'), // Mon: scope removed
  ev('D', utc('2026-11-30', 10), 'started'),
  ev('C', utc('2026-12-01', 15), 'completed'), // Tue
  ev('A', utc('2026-12-01', 16), 'committed'), // a second peer commits it again: no change
  ev('G', utc('2026-12-02', 11), 'completed'), // Wed: done without passing through "doing"
  ev('D', utc('2026-12-04', 17), 'completed'), // Fri, last day
  ev('E', utc('2026-12-05', 9), 'completed'), // Saturday after the end: ignored
  ev('H', utc('2026-12-05', 9), 'committed')
]

describe('cycleGraphSeries: a scripted cycle', () => {
  const series = cycleGraphSeries({ window: NOV, rules: ENGLAND, events: SCRIPT })

  it('has one point per London calendar day, weekends marked', () => {
    expect(column(series, 'date')).toEqual(NOV.calendarDays)
    expect(column(series, 'working')).toEqual([true, true, true, true, true, false, false, true, true, true, true, true])
  })

  it('counts scope, started and completed at the end of each day', () => {
    expect(column(series, 'scope')).toEqual([5, 5, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5])
    expect(column(series, 'started')).toEqual([2, 3, 3, 3, 3, 3, 3, 4, 4, 5, 5, 5])
    expect(column(series, 'completed')).toEqual([0, 1, 1, 2, 1, 2, 2, 2, 3, 4, 4, 5])
  })

  it('draws the target from the initial scope over the working days, flat at the weekend', () => {
    expect(column(series, 'ideal')).toEqual([0.5, 1, 1.5, 2, 2.5, 2.5, 2.5, 3, 3.5, 4, 4.5, 5])
  })

  it('starts from the same initial scope as the scope accounting', () => {
    const commits = SCRIPT.filter((e): e is GraphEvent & { kind: 'committed' | 'uncommitted' } => e.kind === 'committed' || e.kind === 'uncommitted')
    expect(scopeChanges(commits, startOfLondonDay(NOV.start)).initial).toHaveLength(series.at(-1)?.ideal ?? -1)
  })

  it('gives the same series whatever order the events arrive in', () => {
    const shuffled = [...SCRIPT].reverse()
    expect(cycleGraphSeries({ window: NOV, rules: ENGLAND, events: shuffled })).toEqual(series)
  })

  it('stops the lines at today but keeps the target for the days ahead', () => {
    const partial = cycleGraphSeries({ window: NOV, rules: ENGLAND, events: SCRIPT, today: '2026-12-01' })
    expect(column(partial, 'completed')).toEqual([0, 1, 1, 2, 1, 2, 2, 2, 3, null, null, null])
    expect(column(partial, 'scope').slice(8)).toEqual([5, null, null, null])
    expect(column(partial, 'started').slice(8)).toEqual([4, null, null, null])
    expect(column(partial, 'ideal')).toEqual(column(series, 'ideal'))
    const before = cycleGraphSeries({ window: NOV, rules: ENGLAND, events: SCRIPT, today: '2026-11-20' })
    expect(before.every((p) => p.scope === null && p.started === null && p.completed === null)).toBe(true)
  })
})

describe('cycleGraphSeries: rules of counting', () => {
  it('rounds the target to one decimal place and flattens it on a listed holiday', () => {
    const rules: CycleRules = { ...DEFAULT_CYCLE_RULES, lengthDays: 9 }
    const window = cycleWindow('2026-11-23', rules)
    const events = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ev(id, utc('2026-11-20', 9), 'committed'))
    expect(column(cycleGraphSeries({ window, rules, events }), 'ideal')).toEqual([0.8, 1.6, 2.3, 3.1, 3.9, 3.9, 3.9, 4.7, 5.4, 6.2, 7])

    const easter = cycleWindow('2027-03-22', ENGLAND)
    const ideal = column(cycleGraphSeries({ window: easter, rules: ENGLAND, events: events.map((e) => ({ ...e, at: utc('2027-03-19', 9) })) }), 'ideal')
    // 22–25 Mar, then Good Friday, the weekend (clocks forward) and Easter Monday flat, then on to 7.
    expect(ideal).toEqual([0.7, 1.4, 2.1, 2.8, 2.8, 2.8, 2.8, 2.8, 3.5, 4.2, 4.9, 5.6, 5.6, 5.6, 6.3, 7])
  })

  it('takes away a done card that is uncommitted from every count', () => {
    const events = [ev('a', utc('2026-11-20', 9), 'committed'), ev('a', utc('2026-11-23', 9), 'completed'), ev('a', utc('2026-11-24', 9), 'uncommitted')]
    const s = cycleGraphSeries({ window: NOV, rules: ENGLAND, events })
    expect(s.slice(0, 2).map((p) => [p.scope, p.started, p.completed])).toEqual([
      [1, 1, 1],
      [0, 0, 0]
    ])
  })

  it('counts a card worked on before it was committed once it is committed', () => {
    const events = [ev('a', utc('2026-11-20', 9), 'started'), ev('a', utc('2026-11-24', 9), 'committed')]
    const s = cycleGraphSeries({ window: NOV, rules: ENGLAND, events })
    expect(s.slice(0, 2).map((p) => [p.scope, p.started, p.completed])).toEqual([
      [0, 0, 0],
      [1, 1, 0]
    ])
    expect(s.at(-1)?.ideal).toBe(0) // committed after the start: scope added, no target for it
  })

  it('counts a card carried over at a late review from the first day, target included', () => {
    const events: GraphEvent[] = [
      ev('a', utc('2026-11-20', 9), 'committed'),
      { cardId: 'b', at: utc('2026-11-25', 10), kind: 'committed', rolledOver: true }
    ]
    const s = cycleGraphSeries({ window: NOV, rules: ENGLAND, events })
    expect(column(s, 'scope')[0]).toBe(2)
    expect(s.at(-1)?.ideal).toBe(2)
  })

  it('is empty for an empty window', () => {
    expect(cycleGraphSeries({ window: { start: '2026-11-23', end: '2026-11-22', calendarDays: [] }, rules: ENGLAND, events: SCRIPT })).toEqual([])
  })
})

describe('cycleGraphSeries: London days across the clock changes', () => {
  // 19–30 October 2026: British Summer Time ends at 01:00 UTC on Sunday 25 October.
  const OCT = cycleWindow('2026-10-19', ENGLAND)
  const BST_EVENTS: GraphEvent[] = [
    ev('X', Date.UTC(2026, 9, 18, 22, 59), 'committed'), // 23:59 BST Sunday: before the start
    ev('Y', Date.UTC(2026, 9, 18, 23, 30), 'committed'), // 00:30 BST Monday: day 1, still the plan
    ev('X', Date.UTC(2026, 9, 20, 23, 30), 'started'), // 23:30 UTC Tuesday = 00:30 BST Wednesday
    ev('X', Date.UTC(2026, 9, 26, 0, 30), 'completed'), // 00:30 GMT Monday 26th
    ev('Y', Date.UTC(2026, 9, 27, 23, 30), 'started'), // 23:30 GMT Tuesday: still Tuesday
    ev('Y', Date.UTC(2026, 9, 30, 23, 30), 'completed'), // 23:30 GMT Friday, last day: counts
    ev('Z', Date.UTC(2026, 9, 31, 0, 30), 'committed') // 00:30 GMT Saturday: after the end
  ]
  const EXPECTED = {
    scope: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
    started: [0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2],
    completed: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2],
    ideal: [0.2, 0.4, 0.6, 0.8, 1, 1, 1, 1.2, 1.4, 1.6, 1.8, 2]
  }
  const originalTz = process.env.TZ
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ
    else process.env.TZ = originalTz
  })

  it('puts 23:30 UTC on a summer evening on the next London date, and 00:30 GMT on its own date', () => {
    const s = cycleGraphSeries({ window: OCT, rules: ENGLAND, events: BST_EVENTS })
    expect(s[6]?.date).toBe('2026-10-25')
    expect({ scope: column(s, 'scope'), started: column(s, 'started'), completed: column(s, 'completed'), ideal: column(s, 'ideal') }).toEqual(EXPECTED)
  })

  it('gives the same series whatever the machine’s time zone', () => {
    for (const tz of ['Pacific/Auckland', 'America/Los_Angeles', 'UTC']) {
      process.env.TZ = tz
      const s = cycleGraphSeries({ window: OCT, rules: ENGLAND, events: BST_EVENTS })
      expect(column(s, 'started'), tz).toEqual(EXPECTED.started)
      expect(column(s, 'completed'), tz).toEqual(EXPECTED.completed)
    }
  })

  it('puts events on the right side of midnight when the clocks go forward (28 March 2027)', () => {
    const easter = cycleWindow('2027-03-22', ENGLAND) // 22 March – 6 April
    const events = [
      ev('a', Date.UTC(2027, 2, 28, 0, 30), 'committed'), // 00:30 GMT Sunday 28th
      ev('b', Date.UTC(2027, 2, 28, 23, 30), 'committed'), // 00:30 BST Monday 29th
      ev('c', Date.UTC(2027, 3, 6, 22, 59), 'committed'), // 23:59 BST Tuesday 6 April, last day
      ev('d', Date.UTC(2027, 3, 6, 23, 0), 'committed') // midnight BST: 7 April, after the end
    ]
    const scope = column(cycleGraphSeries({ window: easter, rules: ENGLAND, events }), 'scope')
    expect(easter.calendarDays.slice(5, 8)).toEqual(['2027-03-27', '2027-03-28', '2027-03-29'])
    expect(scope).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3])
  })
})

describe('cycleGraphSeries: a busy project', () => {
  /** Counting the slow way: bucket every event by its London date, replay everything for each day. */
  function reference(window: { calendarDays: readonly string[] }, events: readonly GraphEvent[]): [number, number, number][] {
    const dated = events.map((e, i) => ({ e, i, day: todayInLondon(e.at) })).sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    return window.calendarDays.map((day) => {
      const state = new Map<string, { c: boolean; s: boolean; d: boolean }>()
      for (const { e, day: d } of dated) {
        if (d > day) break
        const st = state.get(e.cardId) ?? { c: false, s: false, d: false }
        if (e.kind === 'committed') st.c = true
        if (e.kind === 'uncommitted') st.c = false
        if (e.kind === 'started') st.s = true
        if (e.kind === 'completed') st.s = st.d = true
        if (e.kind === 'reopened') st.d = false
        state.set(e.cardId, st)
      }
      const cards = [...state.values()].filter((s) => s.c)
      return [cards.length, cards.filter((s) => s.s).length, cards.filter((s) => s.d).length]
    })
  }

  it('matches counting the slow way for 5,000 events across the October clock change', () => {
    const window = cycleWindow('2026-10-19', ENGLAND)
    const kinds: GraphEvent['kind'][] = ['committed', 'committed', 'uncommitted', 'started', 'started', 'completed', 'completed', 'reopened']
    let seed = 7
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const from = Date.UTC(2026, 9, 16)
    const events: GraphEvent[] = Array.from({ length: 5000 }, () => ({
      cardId: `card-${rand(300)}`,
      // A third of the events land within an hour of midnight UTC, where London dates differ.
      at: rand(3) === 0 ? from + rand(17) * 86_400_000 - 3_600_000 + rand(7_200_000) : from + rand(17 * 86_400_000),
      kind: kinds[rand(kinds.length)] as GraphEvent['kind']
    }))
    const fast = cycleGraphSeries({ window, rules: ENGLAND, events })
    expect(fast.map((p) => [p.scope, p.started, p.completed])).toEqual(reference(window, events))
    expect(fast.at(-1)?.scope).toBeGreaterThan(0)
  })
})

describe('graphTable', () => {
  it('gives a screen reader the same numbers, with dates in full and unreached days said in words', () => {
    const table = graphTable(cycleGraphSeries({ window: NOV, rules: ENGLAND, events: SCRIPT, today: '2026-12-03' }))
    expect(table.headings).toEqual(['Date', 'Working day', 'Cards in scope', 'Started', 'Completed', 'Target completed'])
    expect(table.rows[0]).toEqual(['Monday 23 November 2026', 'Yes', '5', '2', '0', '0.5'])
    expect(table.rows[5]).toEqual(['Saturday 28 November 2026', 'No', '6', '3', '2', '2.5'])
    expect(table.rows[11]).toEqual(['Friday 4 December 2026', 'Yes', 'Not yet', 'Not yet', 'Not yet', '5.0'])
    expect(table.rows).toHaveLength(12)
  })
})
