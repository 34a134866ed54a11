import { useState, type FormEvent, type ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import { ErrorSummary } from '../../components/ErrorSummary'
import { errorMessage } from '../../components/errors'
import { useTitle } from '../../hooks/useTitle'
import { JoinConfirmationNeeded } from '@shared/sync/session'
import { useSyncManager } from '../../sync/SyncContext'
import { readProgramme } from '@shared/doc'
import { rememberProgramme, switchProgramme, whenAllSaved } from '../../workspace/programmes'
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
  /** The invite would replace access this computer already has: ask first (issue 8). */
  const [confirming, setConfirming] = useState<JoinConfirmationNeeded | null>(null)
  useTitle(error ? 'Error: Join with an invite' : 'Join with an invite')

  const submit = async (ev: FormEvent | null, confirmed = false): Promise<void> => {
    ev?.preventDefault()
    if (!text.trim()) return setError('Paste the invite code or link you were sent')
    setBusy(true)
    try {
      const invite = await manager.join(text, { confirmed })
      setConfirming(null)
      setError(null)
      if (invite.kind === 'programme') {
        if (invite.docId !== ws.programmeId) {
          // The programme is this computer's workspace: switch to the shared one. Both are listed on
          // "Your programmes" (the open one too, under the name it has now), so the first is never hidden.
          const open = readProgramme(ws.programme)
          rememberProgramme({ id: ws.programmeId, ...(open ? { name: open.name, council: open.council } : {}) })
          rememberProgramme({ id: invite.docId as ProgrammeId, ...(invite.docName ? { name: invite.docName } : {}) })
          await whenAllSaved()
          switchProgramme(invite.docId as ProgrammeId)
          return
        }
        navigate('/')
      } else navigate(`/projects/${invite.docId}`)
    } catch (err) {
      if (err instanceof JoinConfirmationNeeded) {
        setError(null)
        setConfirming(err)
      } else {
        setConfirming(null)
        setError(errorMessage(err))
      }
    } finally {
      setBusy(false)
    }
  }

  if (confirming) {
    const { existing, invite } = confirming
    const name = existing.docName ?? invite.docName ?? 'this project'
    return (
      <>
        <h1 className="govuk-heading-xl">Replace your access to {name}?</h1>
        <p className="govuk-body">
          You already have <strong>{existing.role}</strong> access to {name} on this computer. This invite, which says it is from{' '}
          {invite.issuedBy}, would replace it with <strong>{invite.role}</strong> access.
        </p>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Anyone who has an invite to this project can make one that looks like this. Only continue if {invite.issuedBy} told you, in person
            or by a way you trust, to use this invite.
          </strong>
        </div>
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--warning" disabled={busy} onClick={() => void submit(null, true)}>
            Yes, replace my access
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(null)}>
            No, keep my access
          </button>
        </div>
      </>
    )
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
            Joining a programme switches this computer to it. Your current programme stays saved here, in{' '}
            <Link href="/programmes" className="govuk-link">Your programmes</Link>, and you can switch back at any time.
          </strong>
        </div>
        <button type="submit" className="govuk-button" disabled={busy}>
          Join
        </button>
      </form>
    </>
  )
}
