import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CYCLE_RULES,
  ENGLAND_WALES_BANK_HOLIDAYS,
  applyRollover,
  cycleStateOn,
  planCycles,
  scopeChanges,
  startOfLondonDay,
  type CommitEvent,
  type CycleRules,
  type CycleState,
  type ExistingCycle,
  type PlannedCycle
} from '@shared/domain/cycles'

const ENGLAND: CycleRules = { ...DEFAULT_CYCLE_RULES, nonWorkingDays: ENGLAND_WALES_BANK_HOLIDAYS }

const dates = (cycles: readonly PlannedCycle[]): [number, string, string][] => cycles.map((c) => [c.number, c.start, c.end])
const stored = (cycles: readonly PlannedCycle[], state: CycleState = 'planned'): ExistingCycle[] =>
  cycles.map((c) => ({ number: c.number, start: c.start, end: c.end, days: c.days, state }))
const TUE = '2026-12-01'

describe('planCycles', () => {
  it('starts Cycle 1 today on a project’s first day, and the next ones on the working day after each ends', () => {
    // Tuesday 1 December 2026: a Tuesday rhythm; Cycle 2 runs over Christmas and ends later.
    const first = planCycles([], TUE, ENGLAND)
    expect(dates(first.cycles)).toEqual([
      [1, '2026-12-01', '2026-12-14'],
      [2, '2026-12-15', '2026-12-30'],
      [3, '2026-12-31', '2027-01-14']
    ])
    expect(first.created).toEqual([1, 2, 3])
    expect(first.replanned).toEqual([])
    expect(first.cycles[1]?.workingDays).toHaveLength(10)
  })

  it('starts on the next working day when today is not one', () => {
    expect(planCycles([], '2026-12-05', ENGLAND).cycles[0]).toMatchObject({ number: 1, start: '2026-12-07', end: '2026-12-18' })
    expect(planCycles([], '2026-12-25', ENGLAND).cycles[0]).toMatchObject({ number: 1, start: '2026-12-29' })
  })

  it('starts Cycle 1 on the date the team chose; Christmas, the substitute Boxing Day and New Year are not working days', () => {
    const plan = planCycles([], TUE, ENGLAND, 2, '2026-12-07')
    expect(dates(plan.cycles)).toEqual([
      [1, '2026-12-07', '2026-12-18'],
      [2, '2026-12-21', '2027-01-06'],
      [3, '2027-01-07', '2027-01-20']
    ])
    const cycle2 = plan.cycles[1]?.workingDays ?? []
    for (const day of ['2026-12-25', '2026-12-28', '2027-01-01']) expect(cycle2).not.toContain(day)
    expect(cycle2).toHaveLength(10)
  })

  it('creates and changes nothing when run again on the same inputs', () => {
    const first = planCycles([], TUE, ENGLAND)
    expect(planCycles(stored(first.cycles), TUE, ENGLAND)).toMatchObject({ created: [], replanned: [] })
    expect(planCycles(stored(first.cycles), '2026-12-14', ENGLAND)).toMatchObject({ created: [], replanned: [] }) // last day of Cycle 1
  })

  it('after time passes creates only the missing cycle, continuing the chain', () => {
    const first = planCycles([], TUE, ENGLAND)
    // 16 December: Cycle 1 is in review, Cycle 2 is current, so one more is needed.
    const later = planCycles(stored(first.cycles), '2026-12-16', ENGLAND)
    expect(later.created).toEqual([4])
    expect(dates(later.cycles.slice(3))).toEqual([[4, '2027-01-15', '2027-01-28']])
  })

  it('re-plans cycles that have not started when the length changes; the running cycle keeps its length', () => {
    const first = planCycles([], TUE, ENGLAND)
    const plan = planCycles(stored(first.cycles), '2026-12-02', { ...ENGLAND, lengthDays: 5 })
    expect(dates(plan.cycles)).toEqual([
      [1, '2026-12-01', '2026-12-14'],
      [2, '2026-12-15', '2026-12-21'],
      [3, '2026-12-22', '2026-12-30']
    ])
    expect(plan.replanned).toEqual([
      { number: 2, before: { start: '2026-12-15', end: '2026-12-30' }, after: { start: '2026-12-15', end: '2026-12-21' } },
      { number: 3, before: { start: '2026-12-31', end: '2027-01-14' }, after: { start: '2026-12-22', end: '2026-12-30' } }
    ])
    expect(plan.created).toEqual([])
  })

  it('extends a running cycle when a day off is added inside it, and moves the later cycles after it', () => {
    const first = planCycles([], TUE, ENGLAND)
    const closure = { ...ENGLAND, nonWorkingDays: [...ENGLAND_WALES_BANK_HOLIDAYS, '2026-12-09'] }
    const plan = planCycles(stored(first.cycles), '2026-12-02', closure)
    expect(dates(plan.cycles)).toEqual([
      [1, '2026-12-01', '2026-12-15'],
      [2, '2026-12-16', '2026-12-31'],
      [3, '2027-01-04', '2027-01-15']
    ])
    expect(plan.replanned.map((r) => r.number)).toEqual([1, 2, 3])
    expect(plan.cycles[0]?.workingDays).toHaveLength(10)
  })

  it('never changes a closed cycle', () => {
    const first = stored(planCycles([], TUE, ENGLAND).cycles).map((c) => (c.number === 1 ? { ...c, state: 'closed' as const } : c))
    const plan = planCycles(first, '2026-12-10', { ...ENGLAND, nonWorkingDays: [...ENGLAND_WALES_BANK_HOLIDAYS, '2026-12-09'], lengthDays: 8 })
    expect(plan.cycles[0]).toMatchObject({ number: 1, start: '2026-12-01', end: '2026-12-14' })
    expect(plan.replanned.map((r) => r.number)).toEqual([2, 3])
  })

  it('never backdates a re-planned cycle: a shorter cool-down starts the next cycle today at the earliest', () => {
    const rules: CycleRules = { ...ENGLAND, cooldownDays: 2 }
    const first = planCycles([], TUE, rules)
    expect(dates(first.cycles).slice(0, 2)).toEqual([
      [1, '2026-12-01', '2026-12-14'],
      [2, '2026-12-17', '2027-01-04']
    ])
    expect(first.cycles[0]?.cooldownEnd).toBe('2026-12-16')
    // Wednesday 16 December, cycle 1 waiting for its review: the cool-down is dropped.
    const plan = planCycles(stored(first.cycles), '2026-12-16', { ...rules, cooldownDays: 0 })
    expect(plan.cycles[1]).toMatchObject({ number: 2, start: '2026-12-16', end: '2026-12-31' })
  })

  it('moves Cycle 1 to a later chosen date even on its first day, and the later cycles with it', () => {
    const first = planCycles([], TUE, ENGLAND)
    const plan = planCycles(stored(first.cycles), TUE, ENGLAND, 2, '2026-12-07')
    expect(dates(plan.cycles)).toEqual([
      [1, '2026-12-07', '2026-12-18'],
      [2, '2026-12-21', '2027-01-06'],
      [3, '2027-01-07', '2027-01-20']
    ])
    // Once it has started on the chosen day, the choice no longer moves it.
    expect(planCycles(stored(plan.cycles), '2026-12-08', ENGLAND, 2, '2026-12-07').replanned).toEqual([])
  })

  it('skips cycles wholly in the past after a quiet spell instead of back-filling empty ones', () => {
    const first = stored(planCycles([], TUE, ENGLAND).cycles, 'closed')
    // The chain runs Friday to Thursday until Easter pushes it to Tuesdays, then to Wednesdays
    // (early May holiday) and Thursdays (spring holiday): … 12–25 May, 26 May–9 June.
    expect(dates(planCycles(first, '2027-06-02', ENGLAND).cycles.slice(3))).toEqual([
      [4, '2027-05-26', '2027-06-09'],
      [5, '2027-06-10', '2027-06-23'],
      [6, '2027-06-24', '2027-07-07']
    ])
  })

  it('honours ahead = 0 and a larger ahead', () => {
    expect(planCycles([], TUE, ENGLAND, 0).cycles.map((c) => c.number)).toEqual([1])
    expect(planCycles([], TUE, ENGLAND, 4).cycles.map((c) => c.number)).toEqual([1, 2, 3, 4, 5])
  })

  it('gives two peers with the same inputs the same numbers and dates, whatever order they hold cycles in', () => {
    const existing = stored(planCycles([], TUE, ENGLAND).cycles)
    const shuffled = [existing[2], existing[0], existing[1]] as ExistingCycle[]
    const copy = structuredClone(shuffled)
    const peerA = planCycles(existing, '2027-01-05', ENGLAND)
    const peerB = planCycles(shuffled, '2027-01-05', { ...ENGLAND, nonWorkingDays: [...ENGLAND_WALES_BANK_HOLIDAYS] })
    expect(peerB).toEqual(peerA)
    expect(peerA.created).toEqual([4, 5])
    expect(shuffled).toEqual(copy) // inputs untouched
  })
})

describe('cycleStateOn', () => {
  const cycle = { start: '2026-11-23', end: '2026-12-04' }

  it('moves planned → active → review by date', () => {
    expect(cycleStateOn(cycle, '2026-11-22')).toBe('planned')
    expect(cycleStateOn(cycle, '2026-11-23')).toBe('active')
    expect(cycleStateOn(cycle, '2026-12-04')).toBe('active')
    expect(cycleStateOn(cycle, '2026-12-05')).toBe('review')
    expect(cycleStateOn(cycle, '2027-06-01')).toBe('review') // nobody closed it: it waits
  })

  it('is closed only when someone closed it', () => {
    expect(cycleStateOn({ ...cycle, state: 'closed' }, '2026-12-07')).toBe('closed')
    expect(cycleStateOn({ ...cycle, state: 'active' }, '2026-11-20')).toBe('planned') // stored non-closed states are not trusted
  })
})

describe('applyRollover', () => {
  const cards = [
    { id: 'a', done: true },
    { id: 'b', done: false },
    { id: 'c', done: true },
    { id: 'd', done: false }
  ]

  it('rolls unfinished cards into the next cycle', () => {
    expect(applyRollover('roll', cards)).toEqual({ carryToNext: ['b', 'd'], returnToBacklog: [] })
  })

  it('under the circuit breaker sends unfinished cards back to the backlog', () => {
    expect(applyRollover('circuit-breaker', cards)).toEqual({ carryToNext: [], returnToBacklog: ['b', 'd'] })
  })

  it('moves nothing when everything was done', () => {
    const allDone = cards.map((c) => ({ ...c, done: true }))
    expect(applyRollover('roll', allDone)).toEqual({ carryToNext: [], returnToBacklog: [] })
    expect(applyRollover('circuit-breaker', allDone)).toEqual({ carryToNext: [], returnToBacklog: [] })
  })
})

describe('scopeChanges', () => {
  const start = startOfLondonDay('2026-11-23') // GMT: midnight UTC
  const h = 3_600_000
  const ev = (cardId: string, at: number, kind: CommitEvent['kind'], rolledOver?: boolean): CommitEvent =>
    rolledOver ? { cardId, at, kind, rolledOver } : { cardId, at, kind }

  const events: CommitEvent[] = [
    ev('A', start - 72 * h, 'committed'),
    ev('B', start - 48 * h, 'committed'),
    ev('C', start - 47 * h, 'committed'),
    ev('C', start - 24 * h, 'uncommitted'), // changed their mind before the start: not scope at all
    ev('H', start + 9 * h, 'committed'), // planned on the morning of the first day: initial
    ev('D', start + 25 * h, 'committed'),
    ev('E', start + 26 * h, 'committed'),
    ev('E', start + 27 * h, 'uncommitted'), // added then removed: in both lists
    ev('B', start + 28 * h, 'uncommitted'), // initial, removed, put back: removed and added
    ev('B', start + 29 * h, 'committed'),
    ev('A', start + 30 * h, 'committed'), // a second peer committing it again: no change
    ev('F', start + 31 * h, 'uncommitted'), // never committed: no change
    ev('G', start + 33 * h, 'committed', true) // carried over at a late review: initial
  ]

  it('splits initial scope, scope added and scope removed', () => {
    expect(scopeChanges(events, start)).toEqual({ initial: ['A', 'B', 'H', 'G'], added: ['D', 'E', 'B'], removed: ['E', 'B'] })
  })

  it('does not depend on the order the events arrive in', () => {
    expect(scopeChanges([...events].reverse(), start)).toEqual(scopeChanges(events, start))
  })

  it('counts commits during the whole first day as the plan, and from the next London midnight as added', () => {
    const nextDay = startOfLondonDay('2026-11-24')
    expect(scopeChanges([ev('X', start, 'committed'), ev('Y', nextDay - 1, 'committed'), ev('Z', nextDay, 'committed')], start)).toEqual({
      initial: ['X', 'Y'],
      added: ['Z'],
      removed: []
    })
  })

  it('uses London days: 23:30 UTC on the first Monday of a BST cycle is already Tuesday', () => {
    const bstStart = startOfLondonDay('2026-10-19')
    const result = scopeChanges(
      [ev('monday', Date.UTC(2026, 9, 19, 22, 59), 'committed'), ev('tuesday', Date.UTC(2026, 9, 19, 23, 30), 'committed')],
      bstStart
    )
    expect(result).toEqual({ initial: ['monday'], added: ['tuesday'], removed: [] })
  })

  it('is all initial scope when nothing changed after the start', () => {
    expect(scopeChanges([ev('A', start - h, 'committed'), ev('B', start - h, 'committed')], start)).toEqual({ initial: ['A', 'B'], added: [], removed: [] })
    expect(scopeChanges([], start)).toEqual({ initial: [], added: [], removed: [] })
  })
})
