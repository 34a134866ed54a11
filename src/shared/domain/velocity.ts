/** What one closed cycle delivered, as recorded when it was closed (or read off its graph's last day). */
export interface CycleTally {
  readonly number: number
  readonly completed: number
  readonly committed: number
}

export interface VelocityRow extends CycleTally {
  /** Completed as a whole percentage of committed; null when nothing was committed. Can pass 100 when scope was added and done. */
  readonly completedPercent: number | null
}

export interface Velocity {
  /** Every closed cycle, oldest first. */
  readonly cycles: readonly VelocityRow[]
  /** Mean cards completed over the most recent `window` cycles (one decimal place); null with no history. */
  readonly recentAverage: number | null
  /** How many cycles the average is based on (fewer than `window` early in a project). */
  readonly recentCount: number
}

/** How many recent cycles the average and forecast look at. */
export const VELOCITY_WINDOW = 3

function recent(closed: readonly CycleTally[], window: number): CycleTally[] {
  return [...closed].sort((a, b) => a.number - b.number).slice(-Math.max(1, window))
}

/**
 * Completed cards per closed cycle. The average uses only the last few cycles because a team's
 * pace changes (people join, the work changes phase) and the first cycles of a project say little
 * about the next one. Callers pass closed cycles only; order does not matter.
 */
export function velocity(closed: readonly CycleTally[], window = VELOCITY_WINDOW): Velocity {
  const cycles = [...closed]
    .sort((a, b) => a.number - b.number)
    .map((c) => ({ ...c, completedPercent: c.committed > 0 ? Math.round((100 * c.completed) / c.committed) : null }))
  const last = recent(closed, window)
  const recentAverage = last.length === 0 ? null : Math.round((last.reduce((s, c) => s + c.completed, 0) * 10) / last.length) / 10
  return { cycles, recentAverage, recentCount: last.length }
}

export interface Forecast {
  /** False with fewer than two closed cycles: one cycle is an anecdote, not a pace. */
  readonly enoughHistory: boolean
  readonly basedOn: number
  /** Fewest cards completed in the recent cycles. */
  readonly low: number | null
  /** Mean of the recent cycles, rounded to whole cards (halves round up). */
  readonly expected: number | null
  /** Most cards completed in the recent cycles. */
  readonly high: number | null
}

/**
 * What the next cycle can carry, as a range rather than a single promise: the low end is a
 * commitment the team has actually met recently, the high end its best recent cycle. With one
 * cycle of history the figures equal that cycle and `enoughHistory` is false so the screen can
 * say so; with none they are null.
 */
export function forecastNextCycle(closed: readonly CycleTally[], window = VELOCITY_WINDOW): Forecast {
  const last = recent(closed, window)
  if (last.length === 0) return { enoughHistory: false, basedOn: 0, low: null, expected: null, high: null }
  const done = last.map((c) => c.completed)
  return {
    enoughHistory: last.length >= 2,
    basedOn: last.length,
    low: Math.min(...done),
    expected: Math.round(done.reduce((s, v) => s + v, 0) / done.length),
    high: Math.max(...done)
  }
}
