import * as Y from 'yjs'
import { z } from 'zod'
import { isMentorLinkState, MENTOR_LINK_STATES } from '../../domain/mentorLinkStates'
import { badKey, fieldsOf, storedId, storedIsoDate, storedText, storedTime } from './common'

/**
 * Mentor links and mentor sessions as stored in a project doc (issue 9): what any peer may have
 * written. Mentors' apps can never write these (the team's mirror refuses anything outside
 * `comments`), but a changed team app could, so every field is bounded and checked.
 */

const state = z.enum(MENTOR_LINK_STATES)

/** Steps read per link, at most; a longer list (only a broken or hostile peer's) reads its first steps. */
export const MAX_LINK_STEPS = 10_000

/**
 * One step of a link's history: a plain value appended to the link's top-level history array
 * (`mentorLinkHistoryKey`), or to the nested `history` array of a first-version link.
 * `seq` orders steps by what their author had seen: one more than the highest `seq` in the history
 * when the step was made (first-version steps have none: 0). See mentorLinks.ts `orderSteps`.
 */
export const storedLinkStepSchema = z.object({
  state,
  at: storedTime,
  by: storedText(100),
  byName: storedText(500),
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0)
})

export type StoredLinkStep = z.output<typeof storedLinkStepSchema>

/**
 * A link's record under `mentorLinks`, keyed by the mentor's id (one link per mentor per project):
 * a plain value written once when the link is made. Two people linking the same mentor at once
 * both write it; either copy will do (the same mentor), and nothing else hangs off it: the
 * history is its own top-level array, which keeps both people's steps.
 */
export const storedMentorLinkSchema = z.object({
  id: storedId,
  mentorId: storedId,
  mentorName: storedText(500),
  createdAt: storedTime
})

/**
 * A first-version link: a Y.Map with its state and a nested history array. Two people linking the
 * same mentor at once each created one, and one replaced the other; still read (no migration),
 * and new steps for it go to the top-level history.
 */
const storedFirstVersionLinkSchema = storedMentorLinkSchema.extend({
  state: z.unknown(),
  history: z.array(z.unknown()).default([])
})

export interface StoredMentorLink {
  readonly id: string
  readonly mentorId: string
  readonly mentorName: string
  readonly createdAt: number
  /** A first-version link's `state` field (null: not a first-version link, or not a known state). */
  readonly firstVersionState: (typeof MENTOR_LINK_STATES)[number] | null
  /** A first-version link's nested history, in list order. */
  readonly firstVersionSteps: readonly StoredLinkStep[]
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: z.ZodError | string }

/** A Y.Array's first `max` entries (the rest are never read), or a failing marker. */
function arrayOf(v: unknown, max: number): unknown {
  if (v === undefined) return undefined
  return v instanceof Y.Array ? v.slice(0, max) : 'not a list'
}

/** The steps of a history list that pass the step schema (a bad step is dropped on its own), first `MAX_LINK_STEPS` only. */
export function parseStoredLinkSteps(list: readonly unknown[]): StoredLinkStep[] {
  const out: StoredLinkStep[] = []
  for (const step of list.slice(0, MAX_LINK_STEPS)) {
    const s = storedLinkStepSchema.safeParse(step)
    if (s.success) out.push(s.data)
  }
  return out
}

/**
 * A link's record: a plain value (this version) or a first-version Y.Map. Its state is not here:
 * mentorLinks.ts derives it from the history (and, for a first-version link without newer steps,
 * from `firstVersionState`).
 */
export function parseStoredMentorLink(key: string, value: unknown): Parsed<StoredMentorLink> {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  let d: z.output<typeof storedFirstVersionLinkSchema>
  if (value instanceof Y.Map) {
    const r = storedFirstVersionLinkSchema.safeParse({
      ...fieldsOf(value, ['id', 'mentorId', 'mentorName', 'state', 'createdAt']),
      history: arrayOf(value.get('history'), MAX_LINK_STEPS)
    })
    if (!r.success) return { ok: false, reason: r.error }
    d = r.data
  } else {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Y.AbstractType) return { ok: false, reason: 'not a record' }
    const r = storedMentorLinkSchema.safeParse(value)
    if (!r.success) return { ok: false, reason: r.error }
    d = { ...r.data, state: undefined, history: [] }
  }
  if (d.id !== key) return { ok: false, reason: 'id differs from its key' }
  return {
    ok: true,
    value: {
      id: d.id,
      mentorId: d.mentorId,
      mentorName: d.mentorName,
      createdAt: d.createdAt,
      firstVersionState: isMentorLinkState(d.state) ? d.state : null,
      firstVersionSteps: parseStoredLinkSteps(d.history)
    }
  }
}

/** Actions read per session, at most: the form allows 50, and a list that grew past it by merging is cut, not refused. */
export const MAX_SESSION_ACTIONS = 500

/** An agreed action: a plain value in the session's `actions` Y.Array (never changed once written). */
export const storedSessionActionSchema = z.object({
  id: storedId,
  text: storedText(2_000)
})

/** A session (a Y.Map under `mentorSessions`); its notes are a top-level fragment. */
export const storedMentorSessionSchema = z.object({
  id: storedId,
  linkId: storedId,
  date: storedIsoDate,
  /** Appended by anyone while the session is open; merges can pass the form's limit, so the first `MAX_SESSION_ACTIONS` are read (see `parseStoredMentorSession`). */
  actions: z.array(storedSessionActionSchema).default([]),
  /** actionId → cardId: which card each action became (see `actionToCard`). */
  actionCards: z.record(storedId, storedId).default({}),
  by: storedText(100),
  byName: storedText(500),
  createdAt: storedTime
})

export type StoredMentorSession = z.output<typeof storedMentorSessionSchema>

function mapEntries(v: unknown): unknown {
  if (v === undefined) return undefined
  if (!(v instanceof Y.Map)) return 'not a map'
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  v.forEach((cardId: unknown, actionId: string) => {
    out[actionId] = cardId
  })
  return out
}

export function parseStoredMentorSession(key: string, value: unknown): Parsed<StoredMentorSession> {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not a map' }
  const r = storedMentorSessionSchema.safeParse({
    ...fieldsOf(value, ['id', 'linkId', 'date', 'by', 'byName', 'createdAt']),
    actions: arrayOf(value.get('actions'), MAX_SESSION_ACTIONS),
    actionCards: mapEntries(value.get('actionCards'))
  })
  if (!r.success) return { ok: false, reason: r.error }
  if (r.data.id !== key) return { ok: false, reason: 'id differs from its key' }
  return { ok: true, value: r.data }
}
