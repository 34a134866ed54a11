/**
 * True when `a` and `b` are the same plain data (primitives, arrays, plain objects, Dates, Maps
 * and Sets).
 * Anything else (class instances, Y types, functions) counts as the same only if it is the
 * same object, so a reader that returns live objects is never wrongly thought unchanged.
 */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!samePlainData(a[i], b[i])) return false
    return true
  }
  if (a instanceof Date) return b instanceof Date && Object.is(a.getTime(), b.getTime())
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size || Object.getPrototypeOf(a) !== Map.prototype || Object.getPrototypeOf(b) !== Map.prototype) return false
    for (const [k, v] of a) if (!b.has(k) || !samePlainData(v, b.get(k))) return false
    return true
  }
  if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size || Object.getPrototypeOf(a) !== Set.prototype || Object.getPrototypeOf(b) !== Set.prototype) return false
    for (const v of a) if (!b.has(v)) return false
    return true
  }
  const pa = Object.getPrototypeOf(a) as unknown
  const pb = Object.getPrototypeOf(b) as unknown
  if (pa !== pb || (pa !== Object.prototype && pa !== null)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false
    if (!samePlainData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  }
  return true
}
