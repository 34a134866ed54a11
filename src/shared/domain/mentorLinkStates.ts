import { InputError } from './inputError'

/**
 * The life of a link between a mentor and a project, as plain rules (no Yjs, no UI).
 *
 *   suggested ──► requested ──► active ──► ended
 *       │             │                      │
 *       └─────────────┴──────► ended ◄───────┘
 *                               │
 *                               └──► requested   (start again)
 *
 * - suggested: someone thinks this mentor would help; the mentor has not been asked.
 * - requested: the team has asked the mentor.
 * - active: the mentor agreed and is mentoring the team; only active links count against the
 *   mentor's capacity, and only an active link takes new sessions.
 * - ended: declined (from suggested), withdrawn or turned down (from requested), or finished.
 *
 * "Start again" goes from ended to requested, never straight to active: the mentor has to agree
 * again, and going through requested keeps the capacity check at the moment they do. A project
 * keeps ONE link per mentor for its whole life (restarting reuses it), so its history and its
 * sessions stay together and two people linking the same mentor at once end with one link.
 */
export const MENTOR_LINK_STATES = ['suggested', 'requested', 'active', 'ended'] as const
export type MentorLinkState = (typeof MENTOR_LINK_STATES)[number]

export const MENTOR_LINK_STATE_LABELS: Record<MentorLinkState, string> = {
  suggested: 'Suggested',
  requested: 'Requested',
  active: 'Active',
  ended: 'Ended'
}

export function isMentorLinkState(v: unknown): v is MentorLinkState {
  return typeof v === 'string' && (MENTOR_LINK_STATES as readonly string[]).includes(v)
}

const ALLOWED: Record<MentorLinkState, readonly MentorLinkState[]> = {
  suggested: ['requested', 'ended'],
  requested: ['active', 'ended'],
  active: ['ended'],
  ended: ['requested']
}

/** Where a link in `from` may go next, in the order a screen offers them. */
export function allowedTransitions(from: MentorLinkState): readonly MentorLinkState[] {
  return ALLOWED[from]
}

export function canTransition(from: MentorLinkState, to: MentorLinkState): boolean {
  return ALLOWED[from].includes(to)
}

/** What the button for a move says (a verb a team member would use). */
export function transitionLabel(from: MentorLinkState, to: MentorLinkState): string {
  if (to === 'requested') return from === 'ended' ? 'Start again' : 'Mark as requested'
  if (to === 'active') return 'Mark as active'
  if (from === 'suggested') return 'Decline suggestion'
  if (from === 'requested') return 'Withdraw request'
  return 'End mentoring'
}

const SAME: Record<MentorLinkState, string> = {
  suggested: 'This mentor is already suggested',
  requested: 'This mentor has already been asked',
  active: 'This mentor is already active',
  ended: 'This mentoring has already ended'
}

/** Why a move is refused, in words a person can act on. */
function refusal(from: MentorLinkState, to: MentorLinkState): string {
  if (from === to) return SAME[to]
  if (to === 'suggested') return 'A mentor cannot go back to being suggested once they have been asked or ended'
  if (to === 'active') return from === 'suggested' ? 'Ask the mentor first: mark them as requested, then as active when they agree' : 'Start again first: ask the mentor again, then mark them as active when they agree'
  if (to === 'requested') return 'This mentor is already mentoring the team; end the mentoring first'
  return 'This change is not possible'
}

/** Throws an InputError (field `state`) when a link in `from` may not move to `to`. */
export function assertTransition(from: MentorLinkState, to: MentorLinkState): void {
  if (!canTransition(from, to)) throw new InputError('state', refusal(from, to))
}

/**
 * Making a link active would take the mentor to or over their capacity (teams at once) without the
 * person having confirmed it. A screen shows it as a warning with a "Yes, go over capacity"
 * button, which repeats the change with `overCapacityConfirmed: true`.
 */
export class MentorOverCapacityError extends Error {
  override readonly name = 'MentorOverCapacityError'
  constructor(
    readonly mentorName: string,
    /** Active links the mentor already has across the programme. */
    readonly active: number,
    readonly capacity: number
  ) {
    super(
      `${mentorName} already mentors ${active} ${active === 1 ? 'team' : 'teams'}, and their capacity is ${capacity}. ` +
        `Making this link active takes them over capacity`
    )
  }
}

export interface CapacityCheck {
  readonly mentorName: string
  /** Active links the mentor has elsewhere (this project's link is not active yet). */
  readonly active: number
  readonly capacity: number
}

/**
 * Capacity counts ACTIVE links only: suggestions and requests cost a mentor nothing until they
 * agree. A mentor whose capacity is already used needs `overCapacityConfirmed` to take one more.
 */
export function assertCapacity(check: CapacityCheck | null, opts: { readonly overCapacityConfirmed: boolean }): void {
  if (!check || opts.overCapacityConfirmed) return
  if (check.active >= check.capacity) throw new MentorOverCapacityError(check.mentorName, check.active, check.capacity)
}
