import { useState, type FormEvent, type ReactNode } from 'react'
import { addNonWorkingDays, readCycleRules, removeNonWorkingDay, updateCycleRules } from '@shared/doc'
import { ENGLAND_WALES_BANK_HOLIDAYS, ROLLOVER_POLICIES, type CycleRules, type RolloverPolicy } from '@shared/domain/cycles'
import { formatLongDate, isIsoDate } from '@shared/domain/dates'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { errorMessage, fieldErrors } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const
const ROLLOVER_TEXT: Record<RolloverPolicy, { label: string; hint: string }> = {
  roll: { label: 'Roll them into the next cycle', hint: 'Unfinished cards are committed to the next cycle automatically.' },
  'circuit-breaker': {
    label: 'Circuit breaker: send them back to the backlog',
    hint: 'Unfinished work is not extended automatically. The team commits it again only if it is still worth doing.'
  }
}

/** The programme's cycle rules: one form, saved together; days off are added and removed one by one. */
export function CycleRulesForm(): ReactNode {
  const ws = useWorkspace()
  const rules = useDocValue(ws.programme, readCycleRules)
  const [saved, setSaved] = useState(false)
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h2 className="govuk-heading-l govuk-!-margin-top-6">Cycle rules</h2>
        <RulesForm key={JSON.stringify({ ...rules, nonWorkingDays: [] })} rules={rules} saved={saved} setSaved={setSaved} />
        <NonWorkingDays days={rules.nonWorkingDays} />
      </div>
    </div>
  )
}

function RulesForm({ rules, saved, setSaved }: { rules: CycleRules; saved: boolean; setSaved(v: boolean): void }): ReactNode {
  const ws = useWorkspace()
  const [form, setForm] = useState({
    lengthDays: String(rules.lengthDays),
    startWeekday: rules.startWeekday,
    cooldownDays: String(rules.cooldownDays),
    rollover: rules.rollover,
    requireGoal: rules.requireGoal
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    setSaved(false)
    const toNumber = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v))
    try {
      updateCycleRules(ws.programme, ws.ctx, {
        lengthDays: toNumber(form.lengthDays),
        startWeekday: form.startWeekday,
        cooldownDays: toNumber(form.cooldownDays),
        rollover: form.rollover,
        requireGoal: form.requireGoal
      })
      setErrors({})
      setSaved(true)
    } catch (err) {
      setErrors(fieldErrors(err))
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={Object.entries(errors).map(([k, text]) => ({ href: k === 'rollover' ? '#rules-rollover-roll' : `#rules-${k}`, text }))} />
      {saved && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          Cycle rules saved.
        </p>
      )}
      <TextField
        id="rules-lengthDays"
        label="Cycle length in working days"
        hint="10 working days is two weeks. Bank holidays and days off listed below do not count."
        inputMode="numeric"
        width="3"
        value={form.lengthDays}
        error={errors.lengthDays}
        onChange={(e) => setForm({ ...form, lengthDays: e.target.value })}
      />
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="rules-startWeekday">
          Cycles start on
        </label>
        <select id="rules-startWeekday" className="govuk-select" value={form.startWeekday} onChange={(e) => setForm({ ...form, startWeekday: Number(e.target.value) })}>
          {WEEKDAYS.map((d, i) => (
            <option key={d} value={i + 1}>
              {d}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id="rules-cooldownDays"
        label="Cool-down between cycles, in working days"
        hint="Time to fix small things and choose what comes next. 0 for none."
        inputMode="numeric"
        width="3"
        value={form.cooldownDays}
        error={errors.cooldownDays}
        onChange={(e) => setForm({ ...form, cooldownDays: e.target.value })}
      />
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">When a cycle closes with unfinished cards</legend>
          <div className="govuk-radios">
            {ROLLOVER_POLICIES.map((p) => (
              <div className="govuk-radios__item" key={p}>
                <input
                  className="govuk-radios__input"
                  id={`rules-rollover-${p}`}
                  name="rules-rollover"
                  type="radio"
                  checked={form.rollover === p}
                  onChange={() => setForm({ ...form, rollover: p })}
                  aria-describedby={`rules-rollover-${p}-hint`}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`rules-rollover-${p}`}>
                  {ROLLOVER_TEXT[p].label}
                </label>
                <div className="govuk-hint govuk-radios__hint" id={`rules-rollover-${p}-hint`}>
                  {ROLLOVER_TEXT[p].hint}
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="govuk-form-group">
        <div className="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="rules-requireGoal"
              type="checkbox"
              checked={form.requireGoal}
              onChange={(e) => setForm({ ...form, requireGoal: e.target.checked })}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="rules-requireGoal">
              Every cycle must say what it will ship before it starts
            </label>
          </div>
        </div>
      </div>
      <button type="submit" className="govuk-button">
        Save cycle rules
      </button>
    </form>
  )
}

function NonWorkingDays({ days }: { days: readonly string[] }): ReactNode {
  const ws = useWorkspace()
  const [date, setDate] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [status, setStatus] = useState('')
  const attempt = (fn: () => void): void => {
    try {
      fn()
      setError(undefined)
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  return (
    <>
      <h3 className="govuk-heading-m">Extra non-working days</h3>
      <p className="govuk-body">Weekends never count. List bank holidays and other days off here; cycles get longer rather than losing working days.</p>
      {status && (
        <p className="govuk-body" role="status">
          {status}
        </p>
      )}
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        onClick={() =>
          attempt(() => {
            const added = addNonWorkingDays(ws.programme, ws.ctx, ENGLAND_WALES_BANK_HOLIDAYS)
            setStatus(added === 0 ? 'The England and Wales bank holidays were already listed.' : `Added ${added} England and Wales bank holidays.`)
          })
        }
      >
        Add England and Wales bank holidays (2025 to 2028)
      </button>
      <form
        noValidate
        className="app-inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (!isIsoDate(date)) return setError('Enter a real date')
          attempt(() => {
            addNonWorkingDays(ws.programme, ws.ctx, [date])
            setStatus(`Added ${formatLongDate(date)}.`)
            setDate('')
          })
        }}
      >
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="rules-new-day">
            Add a day off
          </label>
          {error && (
            <p className="govuk-error-message" id="rules-new-day-error">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          )}
          <input id="rules-new-day" type="date" className="govuk-input govuk-input--width-10" value={date} onChange={(e) => setDate(e.target.value)} aria-describedby={error ? 'rules-new-day-error' : undefined} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Add day off
        </button>
      </form>
      {days.length === 0 ? (
        <p className="govuk-body">No extra days off listed.</p>
      ) : (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">{days.length} days off listed</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list app-days-off">
              {days.map((d) => (
                <li key={d}>
                  {formatLongDate(d)}{' '}
                  <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => attempt(() => removeNonWorkingDay(ws.programme, ws.ctx, d))}>
                    Remove<span className="govuk-visually-hidden"> {formatLongDate(d)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
    </>
  )
}
