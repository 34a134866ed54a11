import { useEffect, useState, type ReactNode } from 'react'
import type { HostInterface, SyncHostStatus } from '../../../preload/contract'
import { errorMessage } from '../../components/errors'

/**
 * Desktop only: run the office's signaling server in this app (hidden in browser mode, where
 * `npm run signal` does it). The person picks the one network address to listen on (none is
 * picked for them), and the app asks again in a system dialog before anything listens.
 */
export function HostSyncPanel({ onUse }: { onUse(url: string): void }): ReactNode {
  const api = window.fortnight
  const [status, setStatus] = useState<SyncHostStatus>({ running: false, urls: [] })
  const [interfaces, setInterfaces] = useState<HostInterface[]>([])
  const [picked, setPicked] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void api?.hostSyncStatus().then(setStatus, () => {})
    void api?.hostSyncInterfaces().then(setInterfaces, () => {})
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
  const start = (): void => {
    if (!picked) return setError('Choose the network address colleagues will connect to')
    act(api.hostSyncStart({ address: picked }))
  }
  return (
    <div className="govuk-inset-text">
      <h3 className="govuk-heading-s">Host sync on this computer</h3>
      <p className="govuk-body">
        For an office without a sync server: this computer introduces colleagues&apos; computers to each other while Fortnight is open here.
      </p>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <div className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          The connection to this computer is not encrypted (ws://), so someone watching the network could copy its access token and connect.
          They still cannot read or change your work: that is encrypted between colleagues&apos; computers with your project&apos;s own
          secret. Host only on your office network, and stop hosting when you do not need it.
        </div>
      </div>
      {error && (
        <p className="govuk-error-message" role="alert" id="host-address-error">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {status.running ? (
        <>
          <p className="govuk-body">
            Hosting on {status.address}. Team members put this address in their sync settings (it includes the office access token; mentor
            and viewer invites get a token for their own room only):
          </p>
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
        <>
          <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
            <fieldset className="govuk-fieldset" aria-describedby={`host-address-hint${error ? ' host-address-error' : ''}`}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Which network should colleagues connect through?</legend>
              <div id="host-address-hint" className="govuk-hint">
                Choose your office network. Fortnight listens on that address only.
              </div>
              <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
                {interfaces.map((i) => (
                  <div className="govuk-radios__item" key={i.address}>
                    <input
                      className="govuk-radios__input"
                      id={`host-address-${i.address}`}
                      name="host-address"
                      type="radio"
                      value={i.address}
                      checked={picked === i.address}
                      onChange={() => setPicked(i.address)}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={`host-address-${i.address}`}>
                      {i.address} ({i.name})
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={start}>
            Host sync on this computer
          </button>
        </>
      )}
    </div>
  )
}
