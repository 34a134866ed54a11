import type { ReactNode } from 'react'
import { describeUnreachable, displayAddress, type SyncStatus } from '@shared/sync/status'

/**
 * What to check when this computer cannot reach the sync server or the relay: the same sentence
 * as the header, then the usual causes, in the order a person can check them.
 */
export function SyncProblem({ status }: { status: SyncStatus }): ReactNode {
  if (status.unreachable.length === 0) return null
  const signaling = status.unreachable.filter((a) => a.via === 'signaling')
  const relay = status.unreachable.filter((a) => a.via === 'relay')
  const sentence = `Cannot reach ${status.unreachable.map(describeUnreachable).join(' or ')}`
  return (
    <div data-testid="sync-problem">
      <div className="govuk-warning-text govuk-!-margin-bottom-2">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          {sentence}.
        </strong>
      </div>
      <div className="govuk-inset-text govuk-!-margin-top-0">
        <p className="govuk-body">Your changes are kept on this computer, and it keeps trying. Check:</p>
        <ul className="govuk-list govuk-list--bullet">
          {signaling.length > 0 && (
            <li>
              the computer hosting sync ({signaling.map((a) => displayAddress(a.url)).join(', ')}) is switched on, awake and still
              hosting sync
            </li>
          )}
          {relay.length > 0 && <li>the relay server is running, and your sign-in to it still works</li>}
          <li>the address and its access token (the part after ?token=) are exactly as the person who set up sync gave them</li>
          <li>you are on the council&apos;s network, or connected to its VPN</li>
          <li>a firewall is not blocking the address&apos;s port: ask your IT team if you are not sure</li>
        </ul>
      </div>
    </div>
  )
}
