import * as Y from 'yjs'
import { z } from 'zod'
import type { MentorId, PersonId } from '../../domain/ids'
import type { Mentor, MentorSector, PastProject } from '../mentors'
import { badKey, fieldsOf, setKeysOf, storedFlag, storedId, storedSet, storedText, storedTime } from './common'

/**
 * Bounds shared with the form's rules (../mentors.ts), so what a form accepts always reads back.
 * Only the expertise set grows by merging (two editors' additions): the rest are plain values,
 * replaced whole (past projects, and their tags, are one list written by one person at a time).
 */
export const MENTOR_LIMITS = {
  name: 200,
  organisation: 200,
  sectorOther: 100,
  bio: 2_000,
  pastProjects: 20,
  pastProjectTitle: 200,
  pastProjectSummary: 2_000,
  /** Expertise tags (and a past project's tags) a form accepts. */
  tags: 30,
  /**
   * Expertise tags an entry may hold when read. The form's limit is kept by each writer, but the
   * set is a Y.Map that merges: two people each adding 10 tags to a 20-tag entry at once leave 40.
   * Such an entry reads (up to this bound, then the first ones in sorted order), so it never
   * disappears from the directory; it can be edited, and tags removed, but not added.
   */
  storedTags: 1_000,
  tag: 50,
  url: 2_000,
  capacity: 20,
  availability: 500,
  contact: 500
} as const

export const MENTOR_SECTOR_VALUES = ['local-government', 'nhs', 'central-government', 'charity', 'private', 'academia', 'other'] as const

/**
 * True for an absolute http(s) address. Anything else (javascript:, data:, a relative path) must
 * never reach an href, whoever wrote it.
 */
export function isHttpUrl(s: string): boolean {
  if (s.length > MENTOR_LIMITS.url) return false
  try {
    const u = new URL(s)
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.length > 0
  } catch {
    return false
  }
}

const storedTag = z.string().min(1, 'empty tag').max(MENTOR_LIMITS.tag, 'tag too long')

const storedPastProject = z.object({
  id: storedId,
  title: z.string().min(1, 'past project without a title').max(MENTOR_LIMITS.pastProjectTitle, 'title too long'),
  summary: storedText(MENTOR_LIMITS.pastProjectSummary),
  tags: z.array(storedTag).max(MENTOR_LIMITS.tags, 'too many tags').default([]),
  pipelineUrl: z.string().refine(isHttpUrl, 'not an http(s) link').nullable().default(null)
})

/**
 * A mentor entry as stored (a Y.Map under `mentors` in the programme doc): what any team member's
 * peer may have written. A sector this version does not know (a newer peer's) reads as 'other';
 * a Pipeline link that is not http(s), or anything out of bounds, refuses the whole entry, which
 * the reader skips and reports.
 */
export const storedMentorSchema = z.object({
  id: storedId,
  name: z.string().min(1, 'empty name').max(MENTOR_LIMITS.name, 'name too long'),
  organisation: storedText(MENTOR_LIMITS.organisation),
  internal: storedFlag,
  sector: z.enum(MENTOR_SECTOR_VALUES).catch('other'),
  sectorOther: storedText(MENTOR_LIMITS.sectorOther),
  expertise: storedSet(storedTag, MENTOR_LIMITS.storedTags),
  bio: storedText(MENTOR_LIMITS.bio),
  pastProjects: z.array(storedPastProject).max(MENTOR_LIMITS.pastProjects, 'too many past projects').default([]),
  capacity: z.number().int().min(0).max(MENTOR_LIMITS.capacity).default(1),
  availability: storedText(MENTOR_LIMITS.availability),
  contact: storedText(MENTOR_LIMITS.contact),
  retired: storedFlag,
  personId: storedId.nullable().default(null),
  createdAt: storedTime,
  updatedAt: storedTime
})

const PLAIN_FIELDS = [
  'id',
  'name',
  'organisation',
  'internal',
  'sector',
  'sectorOther',
  'bio',
  'pastProjects',
  'capacity',
  'availability',
  'contact',
  'retired',
  'personId',
  'createdAt',
  'updatedAt'
] as const

export function parseStoredMentor(key: string, value: unknown): { ok: true; mentor: Mentor } | { ok: false; reason: z.ZodError | string } {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not a map' }
  const keys = setKeysOf(value.get('expertise'))
  // Sorted keys; a set grown past the bound by merges reads its first ones rather than failing.
  const expertise = Array.isArray(keys) ? keys.slice(0, MENTOR_LIMITS.storedTags) : keys
  const r = storedMentorSchema.safeParse({ ...fieldsOf(value, PLAIN_FIELDS), expertise })
  if (!r.success) return { ok: false, reason: r.error }
  const d = r.data
  if (d.id !== key) return { ok: false, reason: 'id differs from its key' }
  const pastProjects: PastProject[] = d.pastProjects.map((p) => ({ ...p, tags: [...p.tags] }))
  return {
    ok: true,
    mentor: {
      ...d,
      id: d.id as MentorId,
      sector: d.sector as MentorSector,
      expertise: [...d.expertise].sort(),
      pastProjects,
      personId: d.personId as PersonId | null
    }
  }
}
