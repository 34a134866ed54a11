/** Small measuring helpers shared by scenarios. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** Wall time of a synchronous call, in ms. */
export function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now()
  const value = fn()
  return { ms: performance.now() - start, value }
}

/** Full GC when node runs with --expose-gc (scripts/bench.mjs does); otherwise a no-op. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) return false
  gc()
  gc()
  return true
}

export function cardsLabel(n: number): string {
  return `${n.toLocaleString('en-GB')} cards`
}
