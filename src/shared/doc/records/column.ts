import * as Y from 'yjs'
import { z } from 'zod'
import type { ColumnId } from '../../domain/ids'
import { badKey, fieldsOf, storedFlag, storedId, storedRank, storedText } from './common'

const ROLES = ['todo', 'doing', 'done'] as const

/**
 * A board column as stored (a Y.Map under `columns`). `role` is missing on columns made before
 * schema version 3 (read, then inferred: see columns.ts); an unknown role (a newer peer's) reads
 * as missing too.
 */
export const storedColumnSchema = z.object({
  id: storedId.optional(),
  title: storedText(500),
  rank: storedRank,
  wipLimit: z.number().int().min(0).max(100_000).nullable().default(null),
  removed: storedFlag,
  role: z.enum(ROLES).nullable().catch(null)
})

export interface StoredColumn {
  readonly id: ColumnId
  readonly title: string
  readonly rank: string
  readonly wipLimit: number | null
  readonly removed: boolean
  readonly storedRole: (typeof ROLES)[number] | null
}

export function parseStoredColumn(key: string, value: unknown): { ok: true; column: StoredColumn } | { ok: false; reason: z.ZodError | string } {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not a map' }
  const r = storedColumnSchema.safeParse(fieldsOf(value, ['id', 'title', 'rank', 'wipLimit', 'removed', 'role']))
  if (!r.success) return { ok: false, reason: r.error }
  if (r.data.id !== undefined && r.data.id !== key) return { ok: false, reason: 'id differs from its key' }
  const { role, ...rest } = r.data
  return { ok: true, column: { ...rest, id: key as ColumnId, storedRole: role } }
}
