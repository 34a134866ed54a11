/**
 * The contract between the driver (bench/run.ts) and each scenario (bench/scenarios/*.ts).
 * A scenario measures and returns named figures; it never decides pass or fail (timings on a
 * shared 2-core machine wobble, and a flaky threshold teaches people to ignore the bench).
 */
export type Unit = 'ms' | 'bytes' | 'count'

export interface Figure {
  /** Stable name, e.g. "open 20,000-card project": the key when comparing runs over time. */
  readonly name: string
  readonly value: number
  readonly unit: Unit
  /** What we aim for; printed as "met / not met", never turned into a failure. */
  readonly target?: { readonly value: number; readonly better: 'lower' | 'higher' }
  /** How it was measured, in a few words (e.g. "median of 5"). */
  readonly note?: string
}

export interface BenchOptions {
  /** Small sizes and fewer runs (for developing the bench). */
  readonly quick: boolean
  /** Reuse the last web build instead of building the renderer again. */
  readonly noBuild: boolean
  /** Progress lines go here (stderr), so stdout stays the table. */
  log(message: string): void
  /** A size given on the command line as `--<name>=<n>` (e.g. `--cards=20000`), else `fallback`. */
  size(name: string, fallback: number): number
}

export interface ScenarioResult {
  readonly figures: readonly Figure[]
  /** Raw per-run data for bench/results/latest.json (not printed). */
  readonly details?: unknown
}

export interface Scenario {
  readonly name: string
  readonly description: string
  run(opts: BenchOptions): Promise<ScenarioResult>
}
