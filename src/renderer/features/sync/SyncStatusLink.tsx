import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { NOT_SHARED, statusText } from '@shared/sync/status'
import { useSyncValue } from '../../sync/SyncContext'

/**
 * The header's one-line sync status. The visible line carries the tries and the time of the
 * last one; the live region beside it only the state, so a screen reader hears "Cannot reach
 * the sync server at …" once, not again at every retry.
 */
export function SyncStatusLink(): ReactNode {
  const status = useSyncValue((m) => m.overallStatus(), NOT_SHARED)
  const online = useSyncValue((m) => m.getSettings().online, true)
  const offline = 'Offline (working on this computer only)'
  const text = !online ? offline : statusText(status)
  const brief = !online ? offline : statusText(status, { brief: true })
  const state = online ? status.state : 'offline'
  return (
    <span className="app-sync-status" data-state={state}>
      <Link href="/sharing" aria-label={`Sync: ${text}. Sharing and sync settings`}>
        <span aria-hidden="true" className={`app-sync-status__dot app-sync-status__dot--${state}`} />
        <span className="app-sync-status__text">Sync: {text}</span>
      </Link>
      <span className="govuk-visually-hidden" aria-live="polite">
        Sync: {brief}
      </span>
    </span>
  )
}
