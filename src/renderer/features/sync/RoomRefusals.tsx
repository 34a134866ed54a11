import type { ReactNode } from 'react'
import { londonTime, refusalText, roomWarning, type GuestRoomKind, type SyncStatus } from '@shared/sync/status'

const ROOM: Record<GuestRoomKind, string> = { mentor: 'the mentor room', viewer: 'the viewer room' }

/**
 * What the team's mirrors refused from the mentor and viewer rooms (issue 8), per room, the last
 * reason in words, and a warning when a room's mirror stopped passing changes or was restarted.
 * Shown to team members only: they are the ones whose computers do the refusing.
 */
export function RoomRefusals({ status }: { status: SyncStatus }): ReactNode {
  if (status.role !== 'team') return null
  const warnings = status.rooms.map((r) => ({ kind: r.kind, text: roomWarning(r) })).filter((w) => w.text !== null)
  const last = status.rooms.filter((r) => r.lastRefusal !== null)
  return (
    <>
      <h3 className="govuk-heading-s govuk-!-margin-top-6">Changes from mentors and viewers</h3>
      {warnings.map((w) => (
        <div key={w.kind} className="govuk-warning-text" data-testid={`room-warning-${w.kind}`}>
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {w.text} Comments from that room may be delayed until it passes changes again.
          </strong>
        </div>
      ))}
      <dl className="govuk-summary-list" data-testid="refused-by-room">
        {(['mentor', 'viewer'] as const).map((kind) => (
          <div key={kind} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">
              Changes refused from {ROOM[kind]}
              <span className="govuk-visually-hidden">:</span>
            </dt>
            <dd className="govuk-summary-list__value" data-testid={`refused-${kind}`}>
              {status.refusedByRoom[kind]}
            </dd>
          </div>
        ))}
        {last.map((r) => (
          <div key={`last-${r.kind}`} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Last change refused from {ROOM[r.kind]}</dt>
            <dd className="govuk-summary-list__value" data-testid={`last-refusal-${r.kind}`}>
              {capitalise(refusalText(r.lastRefusal!))}
              {r.lastRebuildAt !== null && ` (room restarted ${r.rebuilds === 1 ? 'once' : `${r.rebuilds} times`}, last at ${londonTime(r.lastRebuildAt)})`}
            </dd>
          </div>
        ))}
      </dl>
    </>
  )
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
