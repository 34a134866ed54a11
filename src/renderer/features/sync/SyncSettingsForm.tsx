import { useState, type ReactNode } from 'react'
import { parseAddressList } from '@shared/sync/settings'
import { ErrorSummary } from '../../components/ErrorSummary'
import { errorMessage } from '../../components/errors'
import { platformKind } from '../../platform'
import { useSyncManager, useSyncValue } from '../../sync/SyncContext'
import { HostSyncPanel } from './HostSyncPanel'

/** Signaling address(es), optional relay, and "work offline". */
export function SyncSettingsForm(): ReactNode {
  const manager = useSyncManager()
  const settings = useSyncValue((m) => m.getSettings(), manager.getSettings())
  const [signaling, setSignaling] = useState(settings.signaling.join('\n'))
  const [relay, setRelay] = useState(settings.relayUrl ?? '')
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  const save = async (signalingText = signaling): Promise<void> => {
    try {
      await manager.updateSettings({ ...manager.getSettings(), signaling: parseAddressList(signalingText), relayUrl: relay.trim() || null })
      setError(null)
      setSaved(true)
    } catch (err) {
      setSaved(false)
      setError(errorMessage(err))
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Sync settings</h2>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          aria-pressed={!settings.online}
          onClick={() => void manager.setOnline(!settings.online)}
        >
          {settings.online ? 'Work offline' : 'Go back online'}
        </button>
      </div>
      <p className="govuk-body" role="status">
        {settings.online ? 'Sync is on.' : 'You are working offline. Changes stay on this computer until you go back online.'}
      </p>
      {platformKind() === 'desktop' && (
        <HostSyncPanel
          onUse={(url) => {
            const next = [...new Set([url, ...parseAddressList(signaling)])].join('\n')
            setSignaling(next)
            void save(next)
          }}
        />
      )}
      <ErrorSummary errors={error ? [{ href: '#sync-signaling', text: error }] : []} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="sync-signaling">
            Signaling addresses
          </label>
          <div className="govuk-hint" id="sync-signaling-hint">
            One per line, for example ws://10.1.2.3:4444/?token=… from the computer hosting sync, or from <code>npm run signal</code>.
            The signaling server only introduces computers to each other; it never sees your work.
          </div>
          {error && (
            <p id="sync-signaling-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          )}
          <textarea
            id="sync-signaling"
            className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
            rows={2}
            value={signaling}
            aria-describedby={`sync-signaling-hint${error ? ' sync-signaling-error' : ''}`}
            onChange={(e) => setSignaling(e.target.value)}
          />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="sync-relay">
            Relay address (optional, for working across sites)
          </label>
          <div className="govuk-hint" id="sync-relay-hint">
            A y-websocket server your council runs, for example wss://relay.council.example/. Unlike signaling, the relay
            sees the content of shared projects: use one only on a server your council controls, behind TLS and sign-in.
          </div>
          <input id="sync-relay" className="govuk-input" value={relay} aria-describedby="sync-relay-hint" onChange={(e) => setRelay(e.target.value)} />
        </div>
        <button type="submit" className="govuk-button">
          Save sync settings
        </button>
        <p className="govuk-body-s" role="status">
          {saved ? 'Sync settings saved.' : ''}
        </p>
      </form>
    </>
  )
}
