import { TZDate } from '@date-fns/tz'
import { z } from 'zod'
import { BANK_HOLIDAYS } from './bankHolidays'
import { isIsoDate, LONDON, todayInLondon, type IsoDate } from './dates'

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
 * England and Wales bank holidays, substitute days included: the data lives in `bankHolidays.ts`
 * (with its source and last-updated date). Kept under this name for older callers.
 */
export const ENGLAND_WALES_BANK_HOLIDAYS: readonly IsoDate[] = BANK_HOLIDAYS['england-and-wales']

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
 * The first start weekday on or after `onOrAfter` (the next working day when that is a day off).
 * The programme's old "Cycles start on" rule: since issue 7 cycles are no longer planned with it
 * (a project's first cycle starts the day the team chooses and the rest follow on working days;
 * see `planCycles`), so nothing in the app calls it. Kept for code that still reads the rule.
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

/** The first working day on or after `date` (the date itself when it is one). */
export function firstWorkingDayOnOrAfter(date: IsoDate, rules: Pick<CycleRules, 'nonWorkingDays'>): IsoDate {
  return isWorkingDay(date, rules) ? date : addWorkingDays(date, 1, rules)
}

/**
 * Where the cycle after one ending on `end` starts: the first working day after it and its
 * cool-down. Cycles follow each other without gaps, so the rhythm is the one the project's first
 * cycle set (a team that started on a Tuesday keeps a Tuesday rhythm); a bank holiday inside a
 * cycle moves every later cycle by a day rather than leaving a gap to the next Monday.
 */
export function nextCycleStart(end: IsoDate, rules: Pick<CycleRules, 'cooldownDays' | 'nonWorkingDays'>): IsoDate {
  return addWorkingDays(end, rules.cooldownDays + 1, rules)
}

export const CYCLE_STATES = ['planned', 'active', 'review', 'closed'] as const
export type CycleState = (typeof CYCLE_STATES)[number]

/** What `planCycles` needs to know about the cycles a project already has. */
export interface ExistingCycle {
  readonly number: number
  readonly start: IsoDate
  readonly end: IsoDate
  readonly state: CycleState
  /** Working days the cycle was planned with; missing in cycles stored before re-planning existed. */
  readonly days?: number
}

export interface PlannedCycle extends CycleWindow {
  readonly number: number
  /** The working-day length the window was computed with (stored, so a running cycle keeps it). */
  readonly days: number
}

export interface CyclePlanning {
  /** Every cycle that should exist, oldest first, with the window the rules give it now. */
  readonly cycles: readonly PlannedCycle[]
  /** Numbers of cycles that do not exist yet. */
  readonly created: readonly number[]
  /** Existing cycles whose dates change, with their stored dates before. */
  readonly replanned: readonly { readonly number: number; readonly before: { readonly start: IsoDate; readonly end: IsoDate }; readonly after: { readonly start: IsoDate; readonly end: IsoDate } }[]
}

/**
 * The cycles a project should have today, from what it has, the rules and when its first cycle
 * starts. A pure function of its inputs (existing order does not matter), so two peers planning at
 * once produce identical numbers and dates and the doc layer can key cycles by number.
 *
 * - **Closed** cycles never change.
 * - A **running** cycle (started, not closed) keeps its start and its working-day length: a day
 *   off added inside it moves its end later (and removing one moves it back).
 * - A cycle that **has not started** is re-planned from the chain: cycle 1 starts on `firstStart`
 *   (or the next working day after it), every later cycle on the first working day after the one
 *   before ends and its cool-down (see `nextCycleStart`), each `lengthDays` working days long. A
 *   re-planned start is never before today (no cycle is backdated by a rule change).
 * - New cycles continue the chain until the current cycle and the next `ahead` exist. A project
 *   with no cycles starts Cycle 1 on `firstStart` if one is stored, else today (the next working
 *   day when today is not one): a team can work in a cycle on the day it creates the project.
 *   Windows of the chain that ended before today are skipped rather than back-filled, so a project
 *   left alone over the summer gets no empty cycles dragging its velocity down.
 */
export function planCycles(
  existing: readonly ExistingCycle[],
  today: IsoDate,
  rules: CycleRules,
  ahead = 2,
  firstStart: IsoDate | null = null
): CyclePlanning {
  if (!isIsoDate(today)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(today)}`)
  const sorted = [...existing].sort((a, b) => a.number - b.number)
  const cycles: PlannedCycle[] = []
  const replanned: CyclePlanning['replanned'][number][] = []
  const notBefore = firstWorkingDayOnOrAfter(today, rules)
  let prevEnd: IsoDate | null = null
  for (const c of sorted) {
    let planned: PlannedCycle
    // A chosen first start later than today re-plans cycle 1 even on the day it started (a team
    // that created its project this morning may still decide to start on Monday).
    const anchor = c.number === 1 && firstStart ? firstWorkingDayOnOrAfter(firstStart, rules) : null
    if (c.state === 'closed') {
      const w = cycleWindow(c.start, { ...rules, lengthDays: c.days ?? rules.lengthDays })
      planned = { number: c.number, ...w, end: c.end, calendarDays: calendarDaysBetween(c.start, c.end), days: c.days ?? rules.lengthDays }
    } else if (c.start <= today && !(anchor !== null && anchor > today)) {
      const days = c.days ?? rules.lengthDays
      planned = { number: c.number, ...cycleWindow(c.start, { ...rules, lengthDays: days }), days }
    } else {
      let start = prevEnd === null ? (anchor ?? firstWorkingDayOnOrAfter(c.start, rules)) : nextCycleStart(prevEnd, rules)
      if (start < notBefore) start = notBefore
      planned = { number: c.number, ...cycleWindow(start, rules), days: rules.lengthDays }
    }
    if (c.state !== 'closed' && (planned.start !== c.start || planned.end !== c.end)) {
      replanned.push({ number: c.number, before: { start: c.start, end: c.end }, after: { start: planned.start, end: planned.end } })
    }
    cycles.push(planned)
    prevEnd = planned.end
  }

  const live = cycles.filter((c, i) => sorted[i]?.state !== 'closed' && c.end >= today).length
  let needed = Math.max(0, ahead) + 1 - live
  const created: number[] = []
  let number = sorted.at(-1)?.number ?? 0
  let start = prevEnd !== null ? nextCycleStart(prevEnd, rules) : firstWorkingDayOnOrAfter(firstStart ?? today, rules)
  while (needed > 0) {
    const window = cycleWindow(start, rules)
    if (window.end >= today) {
      cycles.push({ number: ++number, ...window, days: rules.lengthDays })
      created.push(number)
      needed--
    }
    start = nextCycleStart(window.end, rules)
  }
  return { cycles, created, replanned }
}

/** "Cycle 2 now 21 December 2026 to 8 January 2027 (was 21 December 2026 to 4 January 2027)" parts, for confirmations. */
export type Replanned = CyclePlanning['replanned'][number]

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
  /** Committed by the end of the cycle's first day (net of anything committed then removed before). */
  readonly initial: Id[]
  /** Committed after the cycle's first day. */
  readonly added: Id[]
  /** Uncommitted after the cycle's first day. */
  readonly removed: Id[]
}

/**
 * When a cycle's plan is settled: the end of its first day (London midnight after the start date).
 * Cards committed before then, on the start day itself included, are the plan; later ones are
 * scope added. A team that creates its project on a Monday morning and plans straight away sees
 * its plan as the plan, not as scope added, and the graph's target line starts from it.
 */
export function planningClosesAt(start: IsoDate): number {
  return startOfLondonDay(addCalendarDays(start, 1))
}

/**
 * Scope accounting for a cycle starting at `cycleStartMs` (use `startOfLondonDay(start)`).
 * Planning stays open until the end of that first day (`planningClosesAt`): commits up to then
 * are the initial scope, later commits scope added and later removals scope removed.
 * Only real transitions count: the same card committed twice (two peers offline) is one commit.
 * Each list names a card at most once, in the order of its first such change; a card added then
 * removed after planning closed appears in both `added` and `removed`, and an initial card removed
 * then put back appears in `removed` and `added`, because each was a change the team made.
 * Events are taken in time order (stable for equal times).
 */
export function scopeChanges<Id extends string>(commitEvents: readonly CommitEvent<Id>[], cycleStartMs: number): ScopeChanges<Id> {
  const closesAt = planningClosesAt(todayInLondon(cycleStartMs))
  const effectiveAt = (e: CommitEvent<Id>): number => (e.rolledOver && e.kind === 'committed' && e.at >= closesAt ? closesAt - 1 : e.at)
  const ordered = commitEvents.map((e, i) => ({ e, at: effectiveAt(e), i })).sort((x, y) => x.at - y.at || x.i - y.i)
  const committed = new Set<Id>()
  const added = new Set<Id>()
  const removed = new Set<Id>()
  let initial: Id[] | undefined
  for (const { e, at } of ordered) {
    if (initial === undefined && at >= closesAt) initial = [...committed]
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
