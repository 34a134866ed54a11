import { useState, type FormEvent, type ReactNode } from 'react'
import { upsertPerson } from '@shared/doc'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { errorMessage } from '../../components/errors'
import { useTitle } from '../../hooks/useTitle'
import { saveProfile } from '../../workspace/profile'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { ColourRadios } from './ColourRadios'

export function ProfilePage(): ReactNode {
  useTitle('Your profile')
  const ws = useWorkspace()
  const [name, setName] = useState(ws.profile.name)
  const [colour, setColour] = useState(ws.profile.colour)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    setSaved(false)
    try {
      const profile = saveProfile({ id: ws.profile.id, name, colour })
      // A view-only programme (a manager's) is never written: the profile stays on this computer.
      if (!ws.readOnly) upsertPerson(ws.programme, ws.ctx, profile.id, { name: profile.name, colour: profile.colour, role: 'team' })
      ws.setProfile(profile)
      setError(null)
      setSaved(true)
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={error ? [{ href: '#profile-name', text: error }] : []} />
        {saved && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="profile-saved-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="profile-saved-title">
                Success
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">Your profile has been saved</p>
            </div>
          </div>
        )}
        <h1 className="govuk-heading-l">Your profile</h1>
        <p className="govuk-body">This is kept on this computer and used to show who made each change.</p>
        <form onSubmit={submit} noValidate>
          <TextField id="profile-name" label="Your name" value={name} error={error ?? undefined} onChange={(e) => setName(e.target.value)} />
          <ColourRadios idPrefix="profile" value={colour} onChange={setColour} />
          <button type="submit" className="govuk-button">
            Save profile
          </button>
        </form>
        <a className="govuk-link" href="#/">
          Back to your projects
        </a>
      </div>
    </div>
  )
}
