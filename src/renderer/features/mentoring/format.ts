import { formatLongDate, formatTimestamp, todayInLondon } from '@shared/domain/dates'
import { MENTOR_LINK_STATE_LABELS, type MentorLinkState } from '@shared/domain/mentorLinkStates'

/** GOV.UK tag colour per link state: active stands out, ended recedes. */
export const LINK_STATE_TAG: Record<MentorLinkState, string> = {
  suggested: 'govuk-tag--blue',
  requested: 'govuk-tag--yellow',
  active: 'govuk-tag--green',
  ended: 'govuk-tag--grey'
}

export function linkStateLabel(state: MentorLinkState): string {
  return MENTOR_LINK_STATE_LABELS[state]
}

/** "1 June 2026": the London calendar date of a moment. */
export function dayOf(at: number): string {
  return formatLongDate(todayInLondon(at))
}

export { formatLongDate, formatTimestamp }
