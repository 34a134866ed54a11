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
  cycles.map((c) => ({ number: c.number, start: c.start, end: c.end, state }))

describe('planCycles', () => {
  it('first run creates the current cycle and the next two, never backdated', () => {
    // Wednesday: Cycle 1 starts the coming Monday; Cycle 2 runs over Christmas and ends later.
    const first = planCycles([], '2026-11-25', ENGLAND)
    expect(dates(first)).toEqual([
      [1, '2026-11-30', '2026-12-11'],
      [2, '2026-12-14', '2026-12-29'],
      [3, '2027-01-04', '2027-01-15']
    ])
    expect(first[1]?.workingDays).toHaveLength(10)
  })

  it('starts Cycle 1 today when today is the start weekday', () => {
    expect(planCycles([], '2026-11-30', ENGLAND)[0]).toMatchObject({ number: 1, start: '2026-11-30', end: '2026-12-11' })
  })

  it('creates nothing when run again on the same inputs', () => {
    const first = planCycles([], '2026-11-25', ENGLAND)
    expect(planCycles(stored(first), '2026-11-25', ENGLAND)).toEqual([])
    expect(planCycles(stored(first), '2026-12-11', ENGLAND)).toEqual([]) // last day of Cycle 1
  })

  it('after time passes creates only the missing cycle, continuing the chain', () => {
    const first = planCycles([], '2026-11-25', ENGLAND)
    // 15 December: Cycle 1 is in review, Cycle 2 is current, so one more is needed.
    expect(dates(planCycles(stored(first), '2026-12-15', ENGLAND))).toEqual([[4, '2027-01-18', '2027-01-29']])
  })

  it('treats a gap after a cycle as belonging to the next one', () => {
    const first = planCycles([], '2026-11-25', ENGLAND)
    // Wednesday 30 December: Cycle 2 ended on the 29th, so Cycle 3 (from 4 January) is current.
    expect(dates(planCycles(stored(first), '2026-12-30', ENGLAND))).toEqual([
      [4, '2027-01-18', '2027-01-29'],
      [5, '2027-02-01', '2027-02-12']
    ])
  })

  it('looks past a cycle closed early', () => {
    const first = stored(planCycles([], '2026-11-25', ENGLAND))
    const closedEarly = first.map((c) => (c.number <= 2 ? { ...c, state: 'closed' as const } : c))
    expect(dates(planCycles(closedEarly, '2026-12-22', ENGLAND))).toEqual([
      [4, '2027-01-18', '2027-01-29'],
      [5, '2027-02-01', '2027-02-12']
    ])
  })

  it('skips cycles wholly in the past after a quiet spell instead of back-filling empty ones', () => {
    const first = stored(planCycles([], '2026-11-25', ENGLAND), 'closed')
    // Chain: … 15–30 Mar (Easter), 5–16 Apr, 19–30 Apr, 4–17 May (early May holiday), 24 May–7 Jun (spring holiday).
    expect(dates(planCycles(first, '2027-06-02', ENGLAND))).toEqual([
      [4, '2027-05-24', '2027-06-07'],
      [5, '2027-06-14', '2027-06-25'],
      [6, '2027-06-28', '2027-07-09']
    ])
  })

  it('keeps the cool-down between cycles and counts a day in it towards the next cycle', () => {
    const rules: CycleRules = { ...DEFAULT_CYCLE_RULES, cooldownDays: 5 }
    const first = planCycles([], '2026-11-23', rules)
    expect(dates(first)).toEqual([
      [1, '2026-11-23', '2026-12-04'],
      [2, '2026-12-14', '2026-12-25'],
      [3, '2027-01-04', '2027-01-15']
    ])
    expect(first[0]?.cooldownEnd).toBe('2026-12-11')
    expect(dates(planCycles(stored(first), '2026-12-08', rules))).toEqual([[4, '2027-01-25', '2027-02-05']])
  })

  it('honours ahead = 0 and a larger ahead', () => {
    expect(planCycles([], '2026-11-25', ENGLAND, 0).map((c) => c.number)).toEqual([1])
    expect(planCycles([], '2026-11-25', ENGLAND, 4).map((c) => c.number)).toEqual([1, 2, 3, 4, 5])
  })

  it('gives two peers with the same inputs the same numbers and dates, whatever order they hold cycles in', () => {
    const existing = stored(planCycles([], '2026-11-25', ENGLAND))
    const shuffled = [existing[2], existing[0], existing[1]] as ExistingCycle[]
    const copy = structuredClone(shuffled)
    const peerA = planCycles(existing, '2027-01-05', ENGLAND)
    const peerB = planCycles(shuffled, '2027-01-05', { ...ENGLAND, nonWorkingDays: [...ENGLAND_WALES_BANK_HOLIDAYS] })
    expect(dates(peerA)).toEqual([
      [4, '2027-01-18', '2027-01-29'],
      [5, '2027-02-01', '2027-02-12']
    ])
    expect(peerB).toEqual(peerA)
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
    ev('D', start + 1 * h, 'committed'),
    ev('E', start + 2 * h, 'committed'),
    ev('E', start + 3 * h, 'uncommitted'), // added then removed: in both lists
    ev('B', start + 4 * h, 'uncommitted'), // initial, removed, put back: removed and added
    ev('B', start + 5 * h, 'committed'),
    ev('A', start + 6 * h, 'committed'), // a second peer committing it again: no change
    ev('F', start + 7 * h, 'uncommitted'), // never committed: no change
    ev('G', start + 9 * h, 'committed', true) // carried over at a Monday-morning review: initial
  ]

  it('splits initial scope, scope added and scope removed', () => {
    expect(scopeChanges(events, start)).toEqual({ initial: ['A', 'B', 'G'], added: ['D', 'E', 'B'], removed: ['E', 'B'] })
  })

  it('does not depend on the order the events arrive in', () => {
    expect(scopeChanges([...events].reverse(), start)).toEqual(scopeChanges(events, start))
  })

  it('counts a commit at the exact start instant as added, one a moment before as initial', () => {
    expect(scopeChanges([ev('X', start - 1, 'committed'), ev('Y', start, 'committed')], start)).toEqual({ initial: ['X'], added: ['Y'], removed: [] })
  })

  it('uses the London start of day: 23:30 UTC on the Sunday before a BST cycle is already after the start', () => {
    const bstStart = startOfLondonDay('2026-10-19')
    const result = scopeChanges(
      [ev('early', Date.UTC(2026, 9, 18, 22, 59), 'committed'), ev('late', Date.UTC(2026, 9, 18, 23, 30), 'committed')],
      bstStart
    )
    expect(result).toEqual({ initial: ['early'], added: ['late'], removed: [] })
  })

  it('is all initial scope when nothing changed after the start', () => {
    expect(scopeChanges([ev('A', start - h, 'committed'), ev('B', start - h, 'committed')], start)).toEqual({ initial: ['A', 'B'], added: [], removed: [] })
    expect(scopeChanges([], start)).toEqual({ initial: [], added: [], removed: [] })
  })
})
