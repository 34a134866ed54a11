import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { NOT_SHARED, statusText } from '@shared/sync/status'
import { useSyncValue } from '../../sync/SyncContext'

/** The header's one-line sync status; a live region so a change is announced without stealing focus. */
export function SyncStatusLink(): ReactNode {
  const status = useSyncValue((m) => m.overallStatus(), NOT_SHARED)
  const online = useSyncValue((m) => m.getSettings().online, true)
  const text = !online ? 'Offline (working on this computer only)' : statusText(status)
  return (
    <span className="app-sync-status" data-state={online ? status.state : 'offline'}>
      <Link href="/sharing" aria-label={`Sync: ${text}. Sharing and sync settings`}>
        <span aria-hidden="true" className={`app-sync-status__dot app-sync-status__dot--${online ? status.state : 'offline'}`} />
        <span aria-live="polite">Sync: {text}</span>
      </Link>
    </span>
  )
}
