import * as Y from 'yjs'
import { z } from 'zod'
import { badKey, fieldsOf, storedId, storedText, storedTime } from './common'

/**
 * Pairing rounds (UnMentoring) as stored in the programme doc.
 *
 * An opt-in is one plain value under `pairingOptIns` (participant id → value): replaced whole when
 * the team changes, so there is nothing to half-merge. An unknown kind (a newer peer's) reads as
 * 'person'.
 */
export const storedPairingOptInSchema = z.object({
  id: storedId,
  name: z.string().trim().min(1, 'empty name').max(500, 'longer than 500 characters'),
  /** A project id of the programme, or null for "No team". */
  team: storedId.nullable().default(null),
  kind: z.enum(['person', 'mentor']).catch('person'),
  at: storedTime
})
export type StoredPairingOptIn = z.output<typeof storedPairingOptInSchema>

export function parseStoredPairingOptIn(key: string, value: unknown): { ok: true; optIn: StoredPairingOptIn } | { ok: false; reason: z.ZodError | string } {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Y.AbstractType) return { ok: false, reason: 'not a record' }
  const r = storedPairingOptInSchema.safeParse(value)
  if (!r.success) return { ok: false, reason: r.error }
  if (r.data.id !== key) return { ok: false, reason: 'id differs from its key' }
  return { ok: true, optIn: r.data }
}

const MAX_PEOPLE = 5_000

/** Who was in the round when it was drawn: kept with the round, so a published round still names people who later opted out. */
const storedMemberSchema = z.object({
  id: storedId,
  name: storedText(500),
  team: storedId.nullable().default(null)
})

/** What a stored round is: an open draft, a draft nobody will publish any more, or a published round. */
export const PAIRING_ROUND_STATUSES = ['draft', 'discarded', 'superseded', 'published'] as const

/**
 * A round as stored: a Y.Map under `pairingRounds`. Every draw writes a NEW record (a fresh key),
 * and so does every publish: the published round is a copy of the draft (`draftId` names it)
 * under a key nothing else ever writes. After a record is created only a draft's `status` ever
 * changes ('draft' → 'discarded' or 'superseded'), and no key is ever deleted, so no interleaving
 * of draws, discards and publishes can remove or alter a published round.
 *
 * Records written before this scheme (issue 9's first version) have no `draftId`: a draft was
 * drawn again and published in place, and reads as before (its own id is its identity).
 * `groups` and `members` are plain values. A round whose groups name someone not in its
 * members, or someone twice, is refused.
 */
export const storedPairingRoundSchema = z
  .object({
    id: storedId,
    number: z.number().int().min(1).max(100_000),
    status: z.enum(PAIRING_ROUND_STATUSES),
    /** On a published copy: the draft it was published from (the round's identity). Null on drafts and on older records. */
    draftId: storedId.nullable().default(null),
    seed: z.string().max(200),
    groups: z.array(z.array(storedId).min(2).max(3)).max(MAX_PEOPLE),
    members: z.array(storedMemberSchema).max(MAX_PEOPLE),
    drawnAt: storedTime,
    drawnBy: storedText(100),
    drawnByName: storedText(500),
    publishedAt: z.number().min(0).max(8.64e15).nullable().default(null),
    publishedBy: storedText(100),
    publishedByName: storedText(500)
  })
  .superRefine((r, ctx) => {
    const members = new Set(r.members.map((m) => m.id))
    const seen = new Set<string>()
    for (const id of r.groups.flat()) {
      const problem = !members.has(id) ? 'names someone who is not a member' : seen.has(id) ? 'names someone twice' : null
      if (problem) return ctx.addIssue({ code: 'custom', path: ['groups'], message: problem })
      seen.add(id)
    }
    if (r.status === 'published' && r.publishedAt === null) ctx.addIssue({ code: 'custom', path: ['publishedAt'], message: 'published without a time' })
  })
export type StoredPairingRound = z.output<typeof storedPairingRoundSchema>

export const PAIRING_ROUND_FIELDS = [
  'id',
  'number',
  'status',
  'draftId',
  'seed',
  'groups',
  'members',
  'drawnAt',
  'drawnBy',
  'drawnByName',
  'publishedAt',
  'publishedBy',
  'publishedByName'
] as const

export function parseStoredPairingRound(key: string, value: unknown): { ok: true; round: StoredPairingRound } | { ok: false; reason: z.ZodError | string } {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not a map' }
  const r = storedPairingRoundSchema.safeParse(fieldsOf(value, PAIRING_ROUND_FIELDS))
  if (!r.success) return { ok: false, reason: r.error }
  if (r.data.id !== key) return { ok: false, reason: 'id differs from its key' }
  return { ok: true, round: r.data }
}
