import { useState, type FormEvent, type ReactNode } from 'react'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { errorMessage } from '../../components/errors'
import { useTitle } from '../../hooks/useTitle'
import { PROFILE_COLOURS, saveProfile, type Profile } from '../../workspace/profile'
import { ColourRadios } from './ColourRadios'

export interface WelcomeInput {
  readonly council: string
  readonly programmeName: string
}

/** First run: who you are (for authorship) and, optionally, your council and programme. */
export function WelcomePage({ onDone, foundProgramme = null }: { onDone(profile: Profile, input: WelcomeInput): void; foundProgramme?: string | null }): ReactNode {
  useTitle('Welcome')
  const [name, setName] = useState('')
  const [council, setCouncil] = useState('')
  const [programmeName, setProgrammeName] = useState('')
  const [colour, setColour] = useState(PROFILE_COLOURS[0]?.value ?? '#1d70b8')
  const [error, setError] = useState<string | null>(null)

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    if (!name.trim()) return setError('Enter your name')
    try {
      onDone(saveProfile({ name, colour }), { council: council.trim(), programmeName: programmeName.trim() })
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={error ? [{ href: '#welcome-name', text: error }] : []} />
        <h1 className="govuk-heading-xl">Welcome to Fortnight</h1>
        <p className="govuk-body-l">
          Run your council’s change projects in two-week cycles: ship something, show it, hear feedback and decide
          what to do next.
        </p>
        <p className="govuk-body">Your work is saved on this computer and works without a network connection.</p>
        {/* This computer lost who you are but still holds a programme (recoverProgramme.ts): carry on with it. */}
        {foundProgramme !== null && (
          <div className="govuk-inset-text">
            Fortnight found your programme{foundProgramme ? `, ${foundProgramme},` : ''} on this computer. Tell us who you are to carry on with it.
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <TextField
            id="welcome-name"
            label="Your name"
            hint="Shown to colleagues next to the changes you make"
            autoComplete="name"
            value={name}
            error={error ?? undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <ColourRadios idPrefix="welcome" value={colour} onChange={setColour} />
          {foundProgramme === null && (
            <>
              <TextField
                id="welcome-council"
                label="Your council (optional)"
                autoComplete="organization"
                value={council}
                onChange={(e) => setCouncil(e.target.value)}
              />
              <TextField
                id="welcome-programme"
                label="Programme name (optional)"
                hint="For example, Digital accelerator 2026"
                value={programmeName}
                onChange={(e) => setProgrammeName(e.target.value)}
              />
            </>
          )}
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Start using Fortnight
          </button>
        </form>
      </div>
    </div>
  )
}
