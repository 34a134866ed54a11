import { useState, type FormEvent, type ReactNode } from 'react'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { errorMessage } from '../../components/errors'
import { useTitle } from '../../hooks/useTitle'
import type { PersonId } from '@shared/domain/ids'
import { PROFILE_COLOURS, saveProfile, type Profile } from '../../workspace/profile'
import { ColourRadios } from './ColourRadios'

export interface WelcomeInput {
  readonly council: string
  readonly programmeName: string
}

const WHO_ERROR = 'Select who you are, or ‘No, I am someone else’'

/** First run: who you are (for authorship) and, optionally, your council and programme. */
export function WelcomePage({
  onDone,
  foundProgramme = null,
  foundPeople = []
}: {
  onDone(profile: Profile, input: WelcomeInput): void
  /** The name of a programme this computer still holds, found again after its profile was lost. */
  foundProgramme?: string | null
  /** That programme's team: a person can carry on as who they were, rather than as a second copy. */
  foundPeople?: readonly { readonly id: string; readonly name: string; readonly colour: string }[]
}): ReactNode {
  useTitle('Welcome')
  // '' = not chosen yet; 'new' = someone else; otherwise the id of a person found.
  const [who, setWho] = useState(foundPeople.length > 0 ? '' : 'new')
  const [name, setName] = useState('')
  const [council, setCouncil] = useState('')
  const [programmeName, setProgrammeName] = useState('')
  const [colour, setColour] = useState(PROFILE_COLOURS[0]?.value ?? '#1d70b8')
  const [error, setError] = useState<string | null>(null)

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    const person = foundPeople.find((p) => p.id === who)
    if (who === '') return setError(WHO_ERROR)
    if (!person && !name.trim()) return setError('Enter your name')
    try {
      const profile = person ? saveProfile({ id: person.id as PersonId, name: person.name, colour: person.colour }) : saveProfile({ name, colour })
      onDone(profile, { council: council.trim(), programmeName: programmeName.trim() })
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={error ? [{ href: error === WHO_ERROR ? '#welcome-who-0' : '#welcome-name', text: error }] : []} />
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
          {foundPeople.length > 0 && (
            <div className={`govuk-form-group${error === WHO_ERROR ? ' govuk-form-group--error' : ''}`}>
              <fieldset className="govuk-fieldset" aria-describedby={error === WHO_ERROR ? 'welcome-who-error' : undefined}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Are you one of these people?</legend>
                {error === WHO_ERROR && (
                  <p className="govuk-error-message" id="welcome-who-error">
                    <span className="govuk-visually-hidden">Error:</span> {WHO_ERROR}
                  </p>
                )}
                <div className="govuk-radios" data-module="govuk-radios">
                  {[...foundPeople.map((p) => ({ value: p.id, label: p.name })), { value: 'new', label: 'No, I am someone else' }].map((o, i) => (
                    <div className="govuk-radios__item" key={o.value}>
                      <input
                        className="govuk-radios__input"
                        id={`welcome-who-${i}`}
                        name="welcome-who"
                        type="radio"
                        value={o.value}
                        checked={who === o.value}
                        onChange={() => {
                          setWho(o.value)
                          setError(null)
                        }}
                      />
                      <label className="govuk-label govuk-radios__label" htmlFor={`welcome-who-${i}`}>
                        {o.label}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
          )}
          {who === 'new' && (
            <>
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
            </>
          )}
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
