import * as Y from 'yjs'
import { z } from 'zod'
import { isIsoDate } from '../../domain/dates'

/**
 * Building blocks of the stored-data schemas: what a peer may have written, not what a form
 * accepts. Looser than the write schemas where older versions stored less (a missing field takes
 * its default), strict where a bad value would break a screen (NaN dates, non-strings, huge text).
 */

/** Keys that would reach an object's prototype if a record's id were ever used as a property name. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype'])

/** The fast check for `storedId` (records/card.ts's fast path): the same rules, without zod. */
export function isStoredId(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= 100 && !RESERVED.has(v)
}

/** An id as every version writes it (a UUID today); bounded, and never a prototype key. */
export const storedId = z
  .string()
  .min(1, 'empty id')
  .max(100, 'id too long')
  .refine((s) => !RESERVED.has(s), 'reserved id')

/**
 * A time in ms since 1970. NaN, Infinity and values `new Date()` cannot show ("Invalid time
 * value") fail; a missing time reads as 0, as readers always did.
 */
export const storedTime = z.number().min(0).max(8.64e15).default(0)

/** Text of at most `max` characters; missing reads as ''. */
export const storedText = (max: number): z.ZodDefault<z.ZodString> => z.string().max(max, `longer than ${max} characters`).default('')

/** A fractional-indexing rank. */
export const storedRank = z.string().max(1000, 'rank too long').default('')

export const storedFlag = z.boolean().default(false)

/** An ISO date (YYYY-MM-DD) or nothing. */
export const storedIsoDate = z.string().refine(isIsoDate, 'not a real date')

/** Marks a value that should have been a Y.Map (a set) but was something else, so the schema fails on it. */
const NOT_A_MAP = Object.freeze({ notASet: true })

/**
 * The keys of a nested Y.Map used as a set (labels, assignees, linked cards), sorted; undefined
 * when missing (the schema's default applies); a failing marker when it is anything else (an
 * array where a map is expected).
 */
export function setKeysOf(v: unknown): unknown {
  if (v === undefined) return undefined
  if (v instanceof Y.Map) return [...v.keys()].sort()
  return NOT_A_MAP
}

/** A set of short strings stored as a Y.Map's keys. */
export const storedSet = (item: z.ZodType<string>, max: number): z.ZodDefault<z.ZodArray<z.ZodType<string>>> =>
  z.array(item, { message: 'expected a set (a map), found something else' }).max(max, `more than ${max} entries`).default([])

/** A Y.Map's own fields as a plain object (nested shared types kept as they are), for a schema. */
export function fieldsOf(m: Y.Map<unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = m.get(k)
  return out
}

/** Why a map key cannot name a record (too long, or a prototype key), or null when it can. */
export function badKey(key: string): string | null {
  const r = storedId.safeParse(key)
  return r.success ? null : `key: ${r.error.issues[0]?.message ?? 'not valid'}`
}
