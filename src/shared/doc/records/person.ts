import * as Y from 'yjs'
import { z } from 'zod'
import type { PersonId } from '../../domain/ids'
import type { Person, PersonRole } from '../programme'
import { badKey, fieldsOf, storedId, storedText } from './common'

/**
 * A person as stored (a Y.Map under `people` in the programme doc). An unknown role (a newer
 * peer's) reads as 'team'; a colour that is not #rrggbb reads as the default grey, so nothing but
 * a colour ever reaches a style attribute.
 */
export const storedPersonSchema = z.object({
  id: storedId.optional(),
  name: storedText(500),
  role: z.enum(['team', 'mentor', 'manager']).catch('team'),
  colour: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i)
    .catch('#505a5f')
})

export function parseStoredPerson(key: string, value: unknown): { ok: true; person: Person } | { ok: false; reason: z.ZodError | string } {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not a map' }
  const r = storedPersonSchema.safeParse(fieldsOf(value, ['id', 'name', 'role', 'colour']))
  if (!r.success) return { ok: false, reason: r.error }
  if (r.data.id !== undefined && r.data.id !== key) return { ok: false, reason: 'id differs from its key' }
  return { ok: true, person: { ...r.data, id: key as PersonId, role: r.data.role as PersonRole } }
}
