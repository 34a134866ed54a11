import { format, parseISO } from 'date-fns'
import { enGB } from 'date-fns/locale'
import type { IsoDate } from './dates'
import { addCalendarDays, isWorkingDay, planningClosesAt, startOfLondonDay, type CycleRules } from './cycles'

/**
 * One thing that happened to a card, as the doc layer translates it from the activity log.
 * `committed` / `uncommitted` are relative to the cycle being drawn; `started`, `completed` and
 * `reopened` are the card's own progress, whichever cycle it was in at the time.
 */
export interface GraphEvent {
  readonly at: number
  readonly cardId: string
  readonly kind: 'committed' | 'uncommitted' | 'started' | 'completed' | 'reopened'
  /** A commit written by closing the previous cycle: counts from this cycle's start (see `CommitEvent`). */
  readonly rolledOver?: boolean
}

export interface GraphInput {
  readonly window: { readonly start: IsoDate; readonly end: IsoDate; readonly calendarDays: readonly IsoDate[] }
  readonly rules: Pick<CycleRules, 'nonWorkingDays'>
  readonly events: readonly GraphEvent[]
  /** London date of "now": later days get null counts so the chart line stops at today. */
  readonly today?: IsoDate
}

export interface GraphPoint {
  readonly date: IsoDate
  readonly working: boolean
  /** Cards committed to the cycle at the end of the day. */
  readonly scope: number | null
  /** Committed cards in progress or done at the end of the day. */
  readonly started: number | null
  /** Committed cards done at the end of the day. */
  readonly completed: number | null
  /** Burn-up target: cards that should be done by the end of the day (one decimal place). */
  readonly ideal: number
}

const COMMITTED = 1
const STARTED = 2
const DONE = 4

function nextState(state: number, kind: GraphEvent['kind']): number {
  switch (kind) {
    case 'committed':
      return state | COMMITTED
    case 'uncommitted':
      return state & ~COMMITTED
    case 'started':
      return state | STARTED
    case 'completed':
      return state | STARTED | DONE
    case 'reopened':
      // Back out of done: it was worked on, so it still counts as started.
      return state & ~DONE
  }
}

/**
 * The cycle graph, derived from the activity log on every call so it can never disagree with
 * it. One point per London calendar day of the cycle, counting the state at the end of that day.
 *
 * - Events before the cycle's start count towards day 1; events after its last day are ignored.
 * - Repeated events (two peers committing the same card offline) are idempotent.
 * - `ideal` is a burn-up: the plan (scope at the end of the cycle's first day, so a team planning
 *   on the morning the cycle starts gets a target) × working days elapsed (by the end
 *   of the day) ÷ working days in the cycle, rounded to one decimal place; flat across weekends and
 *   listed non-working days, reaching the initial scope on the last working day. Scope added later
 *   deliberately does not move it: the gap at the end is the scope change made visible. It is
 *   drawn for every day, future ones included, because the target is known in advance.
 * - Working days are counted from the window's own dates, so a stored cycle keeps its shape if
 *   the programme later changes its length.
 *
 * Cost: O(days + events) when the events are already in time order (the doc layer reads them
 * sorted), plus one sort otherwise.
 */
export function cycleGraphSeries(input: GraphInput): GraphPoint[] {
  const { window, rules, events, today } = input
  const days = window.calendarDays
  if (days.length === 0) return []
  const startMs = startOfLondonDay(days[0] as IsoDate)

  // Effective times: a rolled-over commit written after the start counts from just before it.
  const n = events.length
  const times = new Float64Array(n)
  let sorted = true
  for (let i = 0; i < n; i++) {
    const e = events[i] as GraphEvent
    const t = e.rolledOver && e.kind === 'committed' && e.at >= startMs ? startMs - 1 : e.at
    times[i] = t
    if (i > 0 && t < (times[i - 1] as number)) sorted = false
  }
  let order: ArrayLike<number> | null = null
  if (!sorted) {
    const idx = Array.from({ length: n }, (_, i) => i)
    idx.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b)
    order = idx
  }

  const state = new Map<string, number>()
  let scope = 0
  let started = 0
  let completed = 0
  let cursor = 0
  const applyUntil = (limitMs: number): void => {
    for (; cursor < n; cursor++) {
      const i = order ? (order[cursor] as number) : cursor
      if ((times[i] as number) >= limitMs) return
      const e = events[i] as GraphEvent
      const before = state.get(e.cardId) ?? 0
      const after = nextState(before, e.kind)
      if (after === before) continue
      state.set(e.cardId, after)
      const wasIn = before & COMMITTED ? 1 : 0
      const isIn = after & COMMITTED ? 1 : 0
      scope += isIn - wasIn
      started += (isIn && after & (STARTED | DONE) ? 1 : 0) - (wasIn && before & (STARTED | DONE) ? 1 : 0)
      completed += (isIn && after & DONE ? 1 : 0) - (wasIn && before & DONE ? 1 : 0)
    }
  }

  // The plan is what was committed by the end of the first day (see `planningClosesAt`).
  applyUntil(planningClosesAt(days[0] as IsoDate))
  const scopeAtStart = scope
  const working = days.map((d) => isWorkingDay(d, rules))
  const totalWorking = working.filter(Boolean).length

  const out: GraphPoint[] = []
  let elapsed = 0
  for (let d = 0; d < days.length; d++) {
    const date = days[d] as IsoDate
    const isWorking = working[d] as boolean
    if (isWorking) elapsed++
    const ideal = totalWorking === 0 ? 0 : Math.round((scopeAtStart * elapsed * 10) / totalWorking) / 10
    if (today !== undefined && date > today) {
      out.push({ date, working: isWorking, scope: null, started: null, completed: null, ideal })
      continue
    }
    applyUntil(startOfLondonDay(addCalendarDays(date, 1)))
    out.push({ date, working: isWorking, scope, started, completed, ideal })
  }
  return out
}

export interface GraphTable {
  readonly caption: string
  readonly headings: readonly string[]
  readonly rows: readonly (readonly string[])[]
}

/**
 * The same numbers as the chart as a data table, because a chart alone tells a screen-reader user
 * nothing. Dates are written out in full ("Monday 23 November 2026") since abbreviations are read
 * out letter by letter or oddly; days not reached yet say so rather than showing a blank cell.
 */
export function graphTable(series: readonly GraphPoint[]): GraphTable {
  const count = (v: number | null): string => (v === null ? 'Not yet' : String(v))
  return {
    caption: 'Cards in the cycle, day by day',
    headings: ['Date', 'Working day', 'Cards in scope', 'Started', 'Completed', 'Target completed'],
    rows: series.map((p) => [
      format(parseISO(p.date), 'EEEE d MMMM yyyy', { locale: enGB }),
      p.working ? 'Yes' : 'No',
      count(p.scope),
      count(p.started),
      count(p.completed),
      p.ideal.toFixed(1)
    ])
  }
}
