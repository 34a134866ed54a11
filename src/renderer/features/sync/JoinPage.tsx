import { useState, type FormEvent, type ReactNode } from 'react'
import { useLocation } from 'wouter'
import { ErrorSummary } from '../../components/ErrorSummary'
import { errorMessage } from '../../components/errors'
import { useTitle } from '../../hooks/useTitle'
import { useSyncManager } from '../../sync/SyncContext'
import { saveProgrammeId } from '../../workspace/profile'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import type { ProgrammeId } from '@shared/domain/ids'

/** /join: paste an invite code or link; errors say what to do; joining pulls the doc. */
export function JoinPage(): ReactNode {
  const manager = useSyncManager()
  const ws = useWorkspace()
  const [, navigate] = useLocation()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useTitle(error ? 'Error: Join with an invite' : 'Join with an invite')

  const submit = async (ev: FormEvent): Promise<void> => {
    ev.preventDefault()
    if (!text.trim()) return setError('Paste the invite code or link you were sent')
    setBusy(true)
    try {
      const invite = await manager.join(text)
      setError(null)
      if (invite.kind === 'programme') {
        if (invite.docId !== ws.programmeId) {
          // The programme is this computer's workspace: switch to the shared one (the old one stays saved).
          saveProgrammeId(invite.docId as ProgrammeId)
          window.location.hash = '#/'
          window.location.reload()
          return
        }
        navigate('/')
      } else navigate(`/projects/${invite.docId}`)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <ErrorSummary errors={error ? [{ href: '#invite-text', text: error }] : []} />
      <h1 className="govuk-heading-xl">Join with an invite</h1>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="invite-text">
            Invite code or link
          </label>
          <div className="govuk-hint" id="invite-text-hint">
            It starts with FN1- or fortnight://join. Paste all of it, as it was sent to you.
          </div>
          {error && (
            <p id="invite-text-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          )}
          <textarea
            id="invite-text"
            className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
            rows={5}
            value={text}
            aria-describedby={`invite-text-hint${error ? ' invite-text-error' : ''}`}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Joining a programme switches this computer to it. Your current programme stays saved here.
          </strong>
        </div>
        <button type="submit" className="govuk-button" disabled={busy}>
          Join
        </button>
      </form>
    </>
  )
}
