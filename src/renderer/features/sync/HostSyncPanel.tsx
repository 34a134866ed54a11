import { useEffect, useState, type ReactNode } from 'react'
import type { SyncHostStatus } from '../../../preload/contract'
import { errorMessage } from '../../components/errors'

/** Desktop only: run the office's signaling server in this app (hidden in browser mode, where `npm run signal` does it). */
export function HostSyncPanel({ onUse }: { onUse(url: string): void }): ReactNode {
  const api = window.fortnight
  const [status, setStatus] = useState<SyncHostStatus>({ running: false, urls: [] })
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void api?.hostSyncStatus().then(setStatus, () => {})
  }, [api])
  if (!api) return null
  const act = (p: Promise<SyncHostStatus>): void => {
    p.then(
      (s) => {
        setStatus(s)
        setError(null)
      },
      (err: unknown) => setError(errorMessage(err))
    )
  }
  return (
    <div className="govuk-inset-text">
      <h3 className="govuk-heading-s">Host sync on this computer</h3>
      <p className="govuk-body">
        For an office without a sync server: this computer introduces colleagues&apos; computers to each other while Fortnight is open here.
      </p>
      {error && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {status.running ? (
        <>
          <p className="govuk-body">Hosting. Colleagues put one of these addresses in their sync settings (it includes the access token):</p>
          <ul className="govuk-list">
            {status.urls.map((u) => (
              <li key={u}>
                <code>{u}</code>{' '}
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => onUse(u)}>
                  Use this address here
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="govuk-button govuk-button--warning" onClick={() => act(api.hostSyncStop())}>
            Stop hosting
          </button>
        </>
      ) : (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => act(api.hostSyncStart({}))}>
          Host sync on this computer
        </button>
      )}
    </div>
  )
}
