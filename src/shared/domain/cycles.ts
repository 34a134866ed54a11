import { TZDate } from '@date-fns/tz'
import { z } from 'zod'
import { isIsoDate, LONDON, type IsoDate } from './dates'

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export const ROLLOVER_POLICIES = ['roll', 'circuit-breaker'] as const
/**
 * What closing a cycle does with unfinished cards. `circuit-breaker` (Shape Up) sends them back
 * to the backlog so carrying work forward is a fresh decision, never a default.
 */
export type RolloverPolicy = (typeof ROLLOVER_POLICIES)[number]

const isoDateSchema = z.string().refine(isIsoDate, 'Enter a real date in the format YYYY-MM-DD')

/**
 * A programme's cycle rules. Validated with defaults filled so a doc written by an older
 * version (missing a newer rule) still opens with the programme behaving as before. The
 * length limits match `programmeRulesSchema.cycleLengthDays` so the two cannot disagree.
 */
export const cycleRulesSchema = z.object({
  lengthDays: z
    .number({ message: 'Cycle length must be a whole number of working days' })
    .int('Cycle length must be a whole number of working days')
    .min(1, 'Cycle length must be at least 1 working day')
    .max(60, 'Cycle length must be 60 working days or fewer')
    .default(10),
  startWeekday: z
    .number({ message: 'Choose the weekday cycles start on' })
    .int('Choose the weekday cycles start on')
    .min(1, 'Cycles start on a weekday, Monday to Friday')
    .max(5, 'Cycles start on a weekday, Monday to Friday')
    .default(1),
  cooldownDays: z
    .number({ message: 'Cool-down must be a whole number of working days' })
    .int('Cool-down must be a whole number of working days')
    .min(0, 'Cool-down cannot be negative')
    .max(20, 'Cool-down must be 20 working days or fewer')
    .default(0),
  rollover: z.enum(ROLLOVER_POLICIES).default('roll'),
  requireGoal: z.boolean().default(true),
  nonWorkingDays: z.array(isoDateSchema).max(1000).default([])
})

export type CycleRules = Readonly<Omit<z.output<typeof cycleRulesSchema>, 'nonWorkingDays'>> & {
  /** Extra days off besides weekends (bank holidays, a council closure day). */
  readonly nonWorkingDays: readonly IsoDate[]
}
export type CycleRulesInput = z.input<typeof cycleRulesSchema>

/** Two weeks from Monday, roll unfinished work on, goal required, no bank holidays listed. */
export const DEFAULT_CYCLE_RULES: CycleRules = Object.freeze({
  lengthDays: 10,
  startWeekday: 1,
  cooldownDays: 0,
  rollover: 'roll',
  requireGoal: true,
  nonWorkingDays: Object.freeze([]) as readonly IsoDate[]
})

/** Fills defaults; throws a ZodError (with UK-English messages) on invalid rules. */
export function parseCycleRules(input: unknown): CycleRules {
  return cycleRulesSchema.parse(input ?? {})
}

/**
 * England and Wales bank holidays 2025–2028, substitute days included. A convenience for
 * `nonWorkingDays`: programmes in Scotland or Northern Ireland, or years with a one-off holiday,
 * list their own. 2028 follows the usual rules; GOV.UK had not published it when written.
 */
export const ENGLAND_WALES_BANK_HOLIDAYS: readonly IsoDate[] = Object.freeze([
  // 2025
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  // 2026 (Boxing Day is a Saturday: substitute Monday 28 December)
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  // 2027 (Christmas Day and Boxing Day at the weekend: substitutes 27 and 28 December)
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  // 2028 (New Year's Day is a Saturday: substitute Monday 3 January)
  '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'
])

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic. Dates are whole days counted from 1970-01-01 (computed with Date.UTC),
// so no machine time zone and no clock change can shift a calendar date.
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000

function toDay(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`)
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
}

function fromDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

const holidayCache = new WeakMap<readonly IsoDate[], ReadonlySet<number>>()

function holidays(rules: Pick<CycleRules, 'nonWorkingDays'>): ReadonlySet<number> {
  let set = holidayCache.get(rules.nonWorkingDays)
  if (!set) {
    set = new Set(rules.nonWorkingDays.filter(isIsoDate).map(toDay))
    holidayCache.set(rules.nonWorkingDays, set)
  }
  return set
}

function isWorkingDayNumber(day: number, off: ReadonlySet<number>): boolean {
  const wd = weekdayOfDay(day)
  return wd !== 0 && wd !== 6 && !off.has(day)
}

/** The calendar day after (or, with a negative `n`, before) a date. */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  return fromDay(toDay(date) + n)
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday, independent of the machine's zone. */
export function isoWeekday(date: IsoDate): number {
  return weekdayOfDay(toDay(date)) || 7
}

/** Every calendar date from `a` to `b`, both included (empty when `b` is before `a`). */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): IsoDate[] {
  const out: IsoDate[] = []
  for (let d = toDay(a), last = toDay(b); d <= last; d++) out.push(fromDay(d))
  return out
}

/**
 * London midnight at the start of a calendar date, as epoch ms. The instant a cycle "starts"
 * for scope accounting, and the day boundary the graph buckets events by: an event at 23:30 UTC
 * on a summer evening already belongs to the next London day.
 */
export function startOfLondonDay(date: IsoDate): number {
  const day = toDay(date)
  const d = new Date(day * DAY_MS)
  return new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), LONDON).getTime()
}

/** Monday to Friday and not listed as a non-working day (bank holiday, closure day). */
export function isWorkingDay(date: IsoDate, rules: Pick<CycleRules, 'nonWorkingDays'>): boolean {
  return isWorkingDayNumber(toDay(date), holidays(rules))
}

/**
 * The date `n` working days after `date` (before it when `n` is negative); `date` itself is
 * never counted, so Friday + 1 is Monday and `n = 0` returns `date` unchanged even on a weekend.
 */
export function addWorkingDays(date: IsoDate, n: number, rules: Pick<CycleRules, 'nonWorkingDays'>): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`)
  const off = holidays(rules)
  const step = n < 0 ? -1 : 1
  let day = toDay(date)
  for (let left = Math.abs(n); left > 0; ) {
    day += step
    if (isWorkingDayNumber(day, off)) left--
  }
  return fromDay(day)
}

/**
 * How many working days the span from `a` to `b` covers, BOTH ends included (so a cycle's
 * own start and end give its length, and "today to the end" gives days left including today).
 * 0 when `b` is before `a`. Arithmetic over weeks, so long spans stay cheap.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate, rules: Pick<CycleRules, 'nonWorkingDays'>): number {
  const first = toDay(a)
  const last = toDay(b)
  if (last < first) return 0
  const span = last - first + 1
  let count = Math.floor(span / 7) * 5
  for (let d = first + Math.floor(span / 7) * 7; d <= last; d++) {
    const wd = weekdayOfDay(d)
    if (wd !== 0 && wd !== 6) count++
  }
  for (const h of holidays(rules)) {
    const wd = weekdayOfDay(h)
    if (h >= first && h <= last && wd !== 0 && wd !== 6) count--
  }
  return count
}

/**
 * Where a cycle starts when it may start on or after `onOrAfter`: the first start weekday on or
 * after it; when that weekday is a non-working day (Easter Monday, a substitute Boxing Day) the
 * cycle starts on the next working day instead, so no cycle ever begins on a day off. The
 * following cycle still looks for the start weekday again, so the rhythm is not lost.
 */
export function nextStartDate(onOrAfter: IsoDate, rules: Pick<CycleRules, 'startWeekday' | 'nonWorkingDays'>): IsoDate {
  if (!Number.isInteger(rules.startWeekday) || rules.startWeekday < 1 || rules.startWeekday > 5) {
    throw new RangeError(`Cycles start on a weekday, 1 (Monday) to 5 (Friday): ${rules.startWeekday}`)
  }
  const off = holidays(rules)
  let day = toDay(onOrAfter)
  while (weekdayOfDay(day) !== rules.startWeekday) day++
  while (!isWorkingDayNumber(day, off)) day++
  return fromDay(day)
}

// ---------------------------------------------------------------------------------------------
// Cycles
// ---------------------------------------------------------------------------------------------

export interface CycleWindow {
  readonly start: IsoDate
  /** The last working day of the cycle: bank holidays inside a cycle push its end out. */
  readonly end: IsoDate
  /** The first working day after `end`: the day the team is expected to review and close. */
  readonly reviewBy: IsoDate
  /** The last working day of the cool-down, when the rules have one. */
  readonly cooldownEnd?: IsoDate
  /** Exactly `lengthDays` dates, start (if a working day) to end. */
  readonly workingDays: readonly IsoDate[]
  /** Every date from start to end, both included: the graph's x axis. */
  readonly calendarDays: readonly IsoDate[]
}

/**
 * The dates of a cycle beginning on `start`. Length is counted in working days, so a cycle with
 * Christmas in it ends later rather than giving the team fewer days; `start` is taken as given
 * (use `nextStartDate` to choose it) and counts only if it is a working day.
 */
export function cycleWindow(start: IsoDate, rules: CycleRules): CycleWindow {
  if (!Number.isInteger(rules.lengthDays) || rules.lengthDays < 1) {
    throw new RangeError(`Cycle length must be a whole number of working days, at least 1: ${rules.lengthDays}`)
  }
  const off = holidays(rules)
  const first = toDay(start)
  const workingDays: IsoDate[] = []
  let day = first
  for (;;) {
    if (isWorkingDayNumber(day, off)) {
      workingDays.push(fromDay(day))
      if (workingDays.length >= rules.lengthDays) break
    }
    day++
  }
  const end = fromDay(day)
  const window: CycleWindow = {
    start,
    end,
    reviewBy: addWorkingDays(end, 1, rules),
    workingDays,
    calendarDays: calendarDaysBetween(start, end)
  }
  return rules.cooldownDays > 0 ? { ...window, cooldownEnd: addWorkingDays(end, rules.cooldownDays, rules) } : window
}

/** Where the cycle after one ending on `end` starts: after the cool-down, on the next start weekday. */
export function nextCycleStart(end: IsoDate, rules: CycleRules): IsoDate {
  const restEnd = rules.cooldownDays > 0 ? addWorkingDays(end, rules.cooldownDays, rules) : end
  return nextStartDate(addCalendarDays(restEnd, 1), rules)
}

export const CYCLE_STATES = ['planned', 'active', 'review', 'closed'] as const
export type CycleState = (typeof CYCLE_STATES)[number]

/** What `planCycles` needs to know about the cycles a project already has. */
export interface ExistingCycle {
  readonly number: number
  readonly start: IsoDate
  readonly end: IsoDate
  readonly state: CycleState
}

export interface PlannedCycle extends CycleWindow {
  readonly number: number
}

/**
 * The cycles to create so that the current cycle and the next `ahead` exist. "Current" is the
 * unclosed cycle containing `today`, or the next one when today falls in a gap or cool-down (or
 * after a cycle closed early). New cycles continue the chain from the highest-numbered existing
 * cycle, numbered consecutively. A pure function of its inputs (existing order does not matter),
 * so two peers generating at once produce identical numbers and dates and the doc layer can key
 * cycles by number without duplicates.
 *
 * Decisions: a project with no cycles starts Cycle 1 on the first start date on or after today,
 * never backdated (a cycle that started before anyone planned it could not have declared a goal).
 * Windows of the chain that ended before today are skipped rather than back-filled, so a project
 * left alone over the summer gets no empty cycles dragging its velocity down; numbers stay
 * consecutive and the dates stay on the chain's rhythm.
 */
export function planCycles(existing: readonly ExistingCycle[], today: IsoDate, rules: CycleRules, ahead = 2): PlannedCycle[] {
  if (!isIsoDate(today)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(today)}`)
  let last: ExistingCycle | undefined
  let live = 0
  for (const c of existing) {
    if (!last || c.number > last.number) last = c
    if (c.state !== 'closed' && c.end >= today) live++
  }
  let needed = Math.max(0, ahead) + 1 - live
  const out: PlannedCycle[] = []
  let number = last?.number ?? 0
  let start = last ? nextCycleStart(last.end, rules) : nextStartDate(today, rules)
  while (needed > 0) {
    const window = cycleWindow(start, rules)
    if (window.end >= today) {
      out.push({ number: ++number, ...window })
      needed--
    }
    start = nextCycleStart(window.end, rules)
  }
  return out
}

/**
 * A cycle's state on `today`. Only `closed` is stored (an explicit decision, because closing
 * applies the rollover policy); the others follow from the dates, so peers never race to write
 * "active" and a cycle nobody closed stays in review rather than silently ending.
 */
export function cycleStateOn(cycle: { readonly start: IsoDate; readonly end: IsoDate; readonly state?: CycleState }, today: IsoDate): CycleState {
  if (cycle.state === 'closed') return 'closed'
  if (today < cycle.start) return 'planned'
  if (today <= cycle.end) return 'active'
  return 'review'
}

/**
 * Working days left for the cycle header, today included when it is a working day: the whole
 * length before the start, 0 after the end. A team looking at the header on Friday of the last
 * week sees "1 day left", not "0".
 */
export function daysLeft(cycle: { readonly start: IsoDate; readonly end: IsoDate }, today: IsoDate, rules: Pick<CycleRules, 'nonWorkingDays'>): number {
  return workingDaysBetween(today > cycle.start ? today : cycle.start, cycle.end, rules)
}

// ---------------------------------------------------------------------------------------------
// Closing and scope
// ---------------------------------------------------------------------------------------------

export interface RolloverResult<Id extends string = string> {
  /** Unfinished cards committed to the next cycle ('roll'). */
  readonly carryToNext: Id[]
  /** Unfinished cards sent back to the backlog, to be re-committed deliberately ('circuit-breaker'). */
  readonly returnToBacklog: Id[]
}

/** Done cards stay with the cycle they were done in; only unfinished ones move. Input order kept. */
export function applyRollover<Id extends string>(
  policy: RolloverPolicy,
  cards: readonly { readonly id: Id; readonly done: boolean }[]
): RolloverResult<Id> {
  const unfinished = cards.filter((c) => !c.done).map((c) => c.id)
  return policy === 'roll' ? { carryToNext: unfinished, returnToBacklog: [] } : { carryToNext: [], returnToBacklog: unfinished }
}

export interface CommitEvent<Id extends string = string> {
  readonly cardId: Id
  readonly at: number
  readonly kind: 'committed' | 'uncommitted'
  /**
   * Written by closing the previous cycle under the 'roll' policy. Such a commit counts from the
   * cycle's start even when the review is held after it, so a Monday-morning review does not
   * make every carried card look like scope added.
   */
  readonly rolledOver?: boolean
}

export interface ScopeChanges<Id extends string = string> {
  /** Committed at the moment the cycle started (net of anything committed then removed before). */
  readonly initial: Id[]
  /** Committed at or after the start. */
  readonly added: Id[]
  /** Uncommitted at or after the start. */
  readonly removed: Id[]
}

/**
 * Scope accounting for a cycle starting at `cycleStartMs` (use `startOfLondonDay(start)`).
 * Only real transitions count: the same card committed twice (two peers offline) is one commit.
 * Each list names a card at most once, in the order of its first such change; a card added then
 * removed after the start appears in both `added` and `removed`, and an initial card removed
 * then put back appears in `removed` and `added`, because each was a change the team made.
 * Events are taken in time order (stable for equal times).
 */
export function scopeChanges<Id extends string>(commitEvents: readonly CommitEvent<Id>[], cycleStartMs: number): ScopeChanges<Id> {
  const effectiveAt = (e: CommitEvent<Id>): number => (e.rolledOver && e.kind === 'committed' && e.at >= cycleStartMs ? cycleStartMs - 1 : e.at)
  const ordered = commitEvents.map((e, i) => ({ e, at: effectiveAt(e), i })).sort((x, y) => x.at - y.at || x.i - y.i)
  const committed = new Set<Id>()
  const added = new Set<Id>()
  const removed = new Set<Id>()
  let initial: Id[] | undefined
  for (const { e, at } of ordered) {
    if (initial === undefined && at >= cycleStartMs) initial = [...committed]
    if (e.kind === 'committed') {
      if (committed.has(e.cardId)) continue
      committed.add(e.cardId)
      if (initial !== undefined) added.add(e.cardId)
    } else {
      if (!committed.delete(e.cardId)) continue
      if (initial !== undefined) removed.add(e.cardId)
    }
  }
  return { initial: initial ?? [...committed], added: [...added], removed: [...removed] }
}
