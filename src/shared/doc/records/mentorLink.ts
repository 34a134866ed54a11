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

/** One step of a link's history: a plain value in the link's `history` Y.Array. */
export const storedLinkStepSchema = z.object({
  state,
  at: storedTime,
  by: storedText(100),
  byName: storedText(500)
})

/**
 * A link (a Y.Map under `mentorLinks`, keyed by the mentor's id: one link per mentor per project).
 * A history step that fails its schema is dropped on its own (the link still shows); a state that
 * is not known reads as the last known step's state.
 */
export const storedMentorLinkSchema = z.object({
  id: storedId,
  mentorId: storedId,
  mentorName: storedText(500),
  state: z.unknown(),
  history: z.array(z.unknown()).max(10_000, 'more than 10,000 history steps').default([]),
  createdAt: storedTime
})

export type StoredLinkStep = z.output<typeof storedLinkStepSchema>

export interface StoredMentorLink {
  readonly id: string
  readonly mentorId: string
  readonly mentorName: string
  readonly state: (typeof MENTOR_LINK_STATES)[number]
  readonly history: readonly StoredLinkStep[]
  readonly createdAt: number
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: z.ZodError | string }

function arrayOf(v: unknown): unknown {
  if (v === undefined) return undefined
  return v instanceof Y.Array ? v.toArray() : 'not a list'
}

export function parseStoredMentorLink(key: string, value: unknown): Parsed<StoredMentorLink> {
  const keyProblem = badKey(key)
  if (keyProblem) return { ok: false, reason: keyProblem }
  if (!(value instanceof Y.Map)) return { ok: false, reason: 'not a map' }
  const r = storedMentorLinkSchema.safeParse({ ...fieldsOf(value, ['id', 'mentorId', 'mentorName', 'state', 'createdAt']), history: arrayOf(value.get('history')) })
  if (!r.success) return { ok: false, reason: r.error }
  const d = r.data
  if (d.id !== key) return { ok: false, reason: 'id differs from its key' }
  const history: StoredLinkStep[] = []
  for (const step of d.history) {
    const s = storedLinkStepSchema.safeParse(step)
    if (s.success) history.push(s.data)
  }
  const last = history[history.length - 1]
  const current = isMentorLinkState(d.state) ? d.state : last?.state
  if (current === undefined) return { ok: false, reason: 'state: not a known state' }
  return { ok: true, value: { id: d.id, mentorId: d.mentorId, mentorName: d.mentorName, state: current, history, createdAt: d.createdAt } }
}

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
  actions: z.array(storedSessionActionSchema).max(500, 'more than 500 actions').default([]),
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
    actions: arrayOf(value.get('actions')),
    actionCards: mapEntries(value.get('actionCards'))
  })
  if (!r.success) return { ok: false, reason: r.error }
  if (r.data.id !== key) return { ok: false, reason: 'id differs from its key' }
  return { ok: true, value: r.data }
}
