import { generateKeyBetween } from 'fractional-indexing'

/**
 * Anything ordered by a fractional rank. Ties (two peers inserting at the same spot
 * offline produce the same rank) are broken by id so every peer shows the same order.
 */
export interface Ranked {
  readonly id: string
  readonly rank: string
}

export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.rank < b.rank) return -1
  if (a.rank > b.rank) return 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function sortRanked<T extends Ranked>(items: readonly T[]): T[] {
  return [...items].sort(compareRanked)
}

/** Whether fractional-indexing can build on `rank` (a key can be missing for a moment while a colleague's change is half-delivered). */
function isRank(rank: string): boolean {
  try {
    generateKeyBetween(rank, null)
    return true
  } catch {
    return false
  }
}

/**
 * A rank that sorts between `before` and `after` (either may be null for an end).
 * When concurrent inserts left two neighbours with the same rank there is no key strictly
 * between them; we then place after `before`'s rank, bounded by the next larger rank in the
 * list, which keeps the order total and never throws in front of a user. An unreadable
 * neighbour (empty or malformed: it sorts first) is treated the same way.
 */
export function rankBetween(before: string | null, after: string | null, all: readonly string[] = []): string {
  const lo = before !== null && isRank(before) ? before : null
  if (after !== null && isRank(after) && (lo === null || after > lo)) return generateKeyBetween(lo, after)
  if (after === null) return generateKeyBetween(lo, null)
  const nextLarger = all.filter((r) => (lo === null || r > lo) && isRank(r)).sort()[0] ?? null
  return generateKeyBetween(lo, nextLarger)
}

/** The rank that puts an item at `index` of `siblings` (already sorted, item itself excluded). */
export function rankAtIndex(siblings: readonly Ranked[], index: number): string {
  const clamped = Math.max(0, Math.min(index, siblings.length))
  const before = clamped > 0 ? (siblings[clamped - 1]?.rank ?? null) : null
  const after = clamped < siblings.length ? (siblings[clamped]?.rank ?? null) : null
  return rankBetween(
    before,
    after,
    siblings.map((s) => s.rank)
  )
}
