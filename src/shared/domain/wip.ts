/**
 * Work-in-progress limits. A limit of null means "no limit". The board flags a column
 * once it holds more cards than its limit; reaching the limit exactly is allowed.
 */
export type WipState = 'none' | 'under' | 'at' | 'over'

export function wipState(count: number, limit: number | null): WipState {
  if (limit === null || limit <= 0) return 'none'
  if (count > limit) return 'over'
  if (count === limit) return 'at'
  return 'under'
}
