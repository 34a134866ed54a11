import type * as Y from 'yjs'
import { z } from 'zod'
import type { Brand, PersonId } from '../domain/ids'
import type { FeedbackId } from './feedback'
import { collect, problemReason } from './readProblems'
import { parseStoredDecision } from './records/decision'
import { KEYS } from './schema'

export type DecisionId = Brand<string, 'DecisionId'>

export const DECISION_KINDS = ['persevere', 'pivot', 'stop'] as const
/** The end-of-cycle call: keep going, change direction (written down), or stop the project. */
export type DecisionKind = (typeof DECISION_KINDS)[number]
export const DECISION_LABELS: Record<DecisionKind, string> = { persevere: 'Persevere', pivot: 'Pivot', stop: 'Stop' }

/**
 * A decision as recorded. Immutable once written, so it is stored as one plain value (no nested
 * shared type): nothing about it can be half-merged.
 */
export interface Decision {
  readonly id: DecisionId
  readonly cycle: number
  readonly kind: DecisionKind
  /** The new direction (pivot). */
  readonly direction: string | null
  /** Why the project stops (stop). */
  readonly reason: string | null
  /** Anything else the team wants on the record (optional, any kind). */
  readonly note: string
  /** Feedback items the decision rests on. */
  readonly evidence: readonly FeedbackId[]
  readonly decidedBy: PersonId
  readonly decidedByName: string
  readonly decidedAt: number
  /**
   * Two people closed the same cycle at once (each offline, or in the same second). Every decision
   * is kept on the record; the latest (ties by id) is the cycle's decision and the others are
   * marked superseded, the same way on every computer.
   */
  readonly superseded: boolean
}

export const decisionInputSchema = z
  .object({
    kind: z.enum(DECISION_KINDS, { message: 'Choose persevere, pivot or stop' }),
    direction: z.string().trim().max(2000, 'Enter a new direction of 2,000 characters or fewer').optional(),
    reason: z.string().trim().max(2000, 'Enter a reason of 2,000 characters or fewer').optional(),
    note: z.string().trim().max(2000, 'Enter a note of 2,000 characters or fewer').optional(),
    evidence: z.array(z.string()).max(200, 'Choose 200 pieces of evidence or fewer').optional()
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'pivot' && !d.direction) ctx.addIssue({ code: 'custom', path: ['direction'], message: 'Enter the new direction' })
    if (d.kind === 'stop' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Enter why the project is stopping' })
  })
export type DecisionInput = z.input<typeof decisionInputSchema>

export function decisionsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(KEYS.decisions)
}

// Decisions are immutable plain values, so a value's validation is cached by the value itself.
const parsed = new WeakMap<object, { readonly decision: Omit<Decision, 'superseded'> } | { readonly reason: string }>()

function toDecision(key: string, v: unknown): { readonly decision: Omit<Decision, 'superseded'> } | { readonly reason: string } {
  const hit = typeof v === 'object' && v !== null ? parsed.get(v) : undefined
  if (hit) return hit
  const r = parseStoredDecision(key, v)
  const read = r.ok ? { decision: r.decision } : { reason: problemReason(r.reason) }
  if (typeof v === 'object' && v !== null) parsed.set(v, read)
  return read
}

const later = (a: { decidedAt: number; id: string }, b: { decidedAt: number; id: string }): boolean =>
  a.decidedAt > b.decidedAt || (a.decidedAt === b.decidedAt && a.id > b.id)

/** Every decision in order (cycle, then time, ties by id), superseded ones flagged. */
export function readDecisions(doc: Y.Doc): readonly Decision[] {
  const all: Omit<Decision, 'superseded'>[] = []
  const problems = collect(doc, 'decision')
  decisionsOf(doc).forEach((v, key) => {
    const r = toDecision(key, v)
    if ('decision' in r) all.push(r.decision)
    else problems.skip(key, r.reason)
  })
  problems.done()
  const effective = new Map<number, Omit<Decision, 'superseded'>>()
  for (const d of all) {
    const cur = effective.get(d.cycle)
    if (!cur || later(d, cur)) effective.set(d.cycle, d)
  }
  return all
    .map((d) => ({ ...d, superseded: effective.get(d.cycle) !== d }))
    .sort((a, b) => a.cycle - b.cycle || a.decidedAt - b.decidedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export interface ProjectCycleStatus {
  readonly status: 'active' | 'stopped'
  /** The stop decision, when stopped. */
  readonly stoppedBy: Decision | null
  /** The direction set by the latest pivot, if any. */
  readonly direction: string | null
  readonly pivotedBy: Decision | null
}

/**
 * The project's status and direction, derived from the decision log rather than stored twice:
 * two people deciding at once (one stop, one pivot) then agree on the status as well as on the
 * cycle's decision, because both follow the same deterministic pick. The decision of the
 * highest-numbered decided cycle says whether the project is stopped; the latest effective pivot
 * gives the direction. The project's phase is never changed.
 */
export function readProjectCycleStatus(doc: Y.Doc): ProjectCycleStatus {
  const effective = readDecisions(doc).filter((d) => !d.superseded)
  const last = effective[effective.length - 1]
  const pivot = [...effective].reverse().find((d) => d.kind === 'pivot') ?? null
  return {
    status: last?.kind === 'stop' ? 'stopped' : 'active',
    stoppedBy: last?.kind === 'stop' ? last : null,
    direction: pivot?.direction ?? null,
    pivotedBy: pivot
  }
}
