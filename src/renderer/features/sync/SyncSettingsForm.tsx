import { useState, type ReactNode } from 'react'
import { NOT_SHARED, settingsLine } from '@shared/sync/status'
import { parseAddressList } from '@shared/sync/settings'
import { ErrorSummary } from '../../components/ErrorSummary'
import { useFormErrors } from '../../components/useFormErrors'
import { platformKind } from '../../platform'
import { useSyncManager, useSyncValue } from '../../sync/SyncContext'
import { HostSyncPanel } from './HostSyncPanel'

/** Where each settings field's messages go (zod issue paths → field ids). */
const FIELDS = { signaling: 'sync-signaling', relayUrl: 'sync-relay', _: 'sync-signaling' } as const

/** Signaling address(es), optional relay, and "work offline". */
export function SyncSettingsForm(): ReactNode {
  const manager = useSyncManager()
  const settings = useSyncValue((m) => m.getSettings(), manager.getSettings())
  const overall = useSyncValue((m) => m.overallStatus(), NOT_SHARED)
  const [signaling, setSignaling] = useState(settings.signaling.join('\n'))
  const [relay, setRelay] = useState(settings.relayUrl ?? '')
  const form = useFormErrors()
  const [saved, setSaved] = useState(false)
  // Saved here or in another tab: show what is in force.
  const savedSignaling = settings.signaling.join('\n')
  const savedRelay = settings.relayUrl ?? ''
  const [inForce, setInForce] = useState({ signaling: savedSignaling, relay: savedRelay })
  if (inForce.signaling !== savedSignaling || inForce.relay !== savedRelay) {
    setInForce({ signaling: savedSignaling, relay: savedRelay })
    setSignaling(savedSignaling)
    setRelay(savedRelay)
  }
  const signalingError = form.errorFor(FIELDS.signaling)
  const relayError = form.errorFor(FIELDS.relayUrl)

  const save = async (signalingText = signaling): Promise<void> => {
    setSaved(false)
    const ok = await form.attemptAsync(
      () => manager.updateSettings({ ...manager.getSettings(), signaling: parseAddressList(signalingText), relayUrl: relay.trim() || null }),
      FIELDS
    )
    setSaved(ok)
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
      <p className="govuk-body" data-testid="sync-settings-line">
        {settingsLine(overall, settings)}
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
      <ErrorSummary errors={form.summary} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <div className={`govuk-form-group${signalingError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="sync-signaling">
            Signaling addresses
          </label>
          <div className="govuk-hint" id="sync-signaling-hint">
            One per line, for example ws://10.1.2.3:4444/?token=… from the computer hosting sync, or from <code>npm run signal</code>.
            The signaling server only introduces computers to each other; it never sees your work. Leave it empty to stop this computer
            looking for colleagues.
          </div>
          {signalingError && (
            <p id="sync-signaling-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {signalingError}
            </p>
          )}
          <textarea
            id="sync-signaling"
            className={`govuk-textarea${signalingError ? ' govuk-textarea--error' : ''}`}
            rows={2}
            value={signaling}
            aria-describedby={`sync-signaling-hint${signalingError ? ' sync-signaling-error' : ''}`}
            onChange={(e) => setSignaling(e.target.value)}
          />
        </div>
        <div className={`govuk-form-group${relayError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="sync-relay">
            Relay address (optional, for working across sites)
          </label>
          <div className="govuk-hint" id="sync-relay-hint">
            A y-websocket server your council runs, for example wss://relay.council.example/. Unlike signaling, the relay
            sees the content of shared projects: use one only on a server your council controls, behind TLS and sign-in.
          </div>
          {relayError && (
            <p id="sync-relay-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {relayError}
            </p>
          )}
          <input
            id="sync-relay"
            className={`govuk-input${relayError ? ' govuk-input--error' : ''}`}
            value={relay}
            aria-describedby={`sync-relay-hint${relayError ? ' sync-relay-error' : ''}`}
            onChange={(e) => setRelay(e.target.value)}
          />
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
