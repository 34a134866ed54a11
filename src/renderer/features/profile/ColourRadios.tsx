import type { ReactNode } from 'react'
import { PROFILE_COLOURS } from '../../workspace/profile'

/** GOV.UK radios for picking the colour colleagues see you in. */
export function ColourRadios({ value, onChange, idPrefix }: { value: string; onChange(v: string): void; idPrefix: string }): ReactNode {
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset" aria-describedby={`${idPrefix}-colour-hint`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Your colour</legend>
        <div id={`${idPrefix}-colour-hint`} className="govuk-hint">
          Colleagues see this next to your name and where you are typing.
        </div>
        <div className="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
          {PROFILE_COLOURS.map((c) => (
            <div className="govuk-radios__item" key={c.value}>
              <input
                className="govuk-radios__input"
                id={`${idPrefix}-colour-${c.value.slice(1)}`}
                name={`${idPrefix}-colour`}
                type="radio"
                value={c.value}
                checked={value === c.value}
                onChange={() => onChange(c.value)}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`${idPrefix}-colour-${c.value.slice(1)}`}>
                <span className="app-avatar" style={{ background: c.value, width: 18, height: 18, marginRight: 6 }} aria-hidden="true" />
                {c.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  )
}
