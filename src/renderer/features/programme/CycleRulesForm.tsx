import { useState, type FormEvent, type ReactNode } from 'react'
import { addNonWorkingDays, readBankHolidayRegion, readCycleRules, readExtraDaysOff, removeNonWorkingDay, setBankHolidayRegion, updateCycleRules } from '@shared/doc'
import {
  BANK_HOLIDAY_REGION_LABELS,
  BANK_HOLIDAY_SETTINGS,
  BANK_HOLIDAYS_LAST_UPDATED,
  BANK_HOLIDAYS_PUBLISHED_UNTIL,
  bankHolidayYears,
  type BankHolidaySetting
} from '@shared/domain/bankHolidays'
import { ROLLOVER_POLICIES, type CycleRules, type RolloverPolicy } from '@shared/domain/cycles'
import { formatLongDate, isIsoDate } from '@shared/domain/dates'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { replannedText, replanProjects, type ProjectReplan } from '../cycles/replanProjects'

const ROLLOVER_TEXT: Record<RolloverPolicy, { label: string; hint: string }> = {
  roll: { label: 'Roll them into the next cycle', hint: 'Unfinished cards are committed to the next cycle automatically.' },
  'circuit-breaker': {
    label: 'Circuit breaker: send them back to the backlog',
    hint: 'Unfinished work is not extended automatically. The team commits it again only if it is still worth doing.'
  }
}

/** What saving changed in the projects' cycles, after "Cycle rules saved." and the like. */
interface Outcome {
  readonly message: string
  readonly projects: readonly ProjectReplan[] | null
}

/**
 * The programme's cycle rules, its bank holidays and its own days off. Saving any of them
 * re-plans the cycles that have not started in every project, and says what changed.
 */
export function CycleRulesForm(): ReactNode {
  const ws = useWorkspace()
  const rules = useDocValue(ws.programme, readCycleRules)
  const region = useDocValue(ws.programme, readBankHolidayRegion)
  const extraDays = useDocValue(ws.programme, readExtraDaysOff)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const saved = (message: string): void => {
    setOutcome({ message, projects: null })
    replanProjects(ws).then(
      (projects) => setOutcome({ message, projects }),
      (err: unknown) => ws.reportError(`The cycles of some projects could not be re-planned now; they will be when opened. ${err instanceof Error ? err.message : ''}`.trim())
    )
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h2 className="govuk-heading-l govuk-!-margin-top-6">Cycle rules</h2>
        {outcome && <OutcomePanel outcome={outcome} />}
        <RulesForm key={JSON.stringify({ ...rules, nonWorkingDays: [] })} rules={rules} onSaved={() => saved('Cycle rules saved.')} />
        <BankHolidays key={region} region={region} onSaved={(label) => saved(label)} />
        <NonWorkingDays days={extraDays} onSaved={saved} />
      </div>
    </div>
  )
}

function OutcomePanel({ outcome }: { outcome: Outcome }): ReactNode {
  const { message, projects } = outcome
  return (
    <div className="govuk-inset-text app-replan" role="status">
      <p className="govuk-body govuk-!-font-weight-bold">{message}</p>
      {projects === null ? (
        <p className="govuk-body">Re-planning the projects’ cycles…</p>
      ) : projects.length === 0 ? (
        <p className="govuk-body">No cycle’s dates changed: cycles that have started keep their start, and closed cycles never change.</p>
      ) : (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">Cycles re-planned:</p>
          <ul className="govuk-list govuk-list--bullet">
            {projects.map((p) => (
              <li key={p.project}>
                {p.project}: {p.replanned.map(replannedText).join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

function RulesForm({ rules, onSaved }: { rules: CycleRules; onSaved(): void }): ReactNode {
  const ws = useWorkspace()
  const errors = useFormErrors()
  const [form, setForm] = useState({
    lengthDays: String(rules.lengthDays),
    cooldownDays: String(rules.cooldownDays),
    rollover: rules.rollover,
    requireGoal: rules.requireGoal
  })
  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    const toNumber = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v))
    const ok = errors.attempt(
      () =>
        updateCycleRules(ws.programme, ws.ctx, {
          lengthDays: toNumber(form.lengthDays),
          cooldownDays: toNumber(form.cooldownDays),
          rollover: form.rollover,
          requireGoal: form.requireGoal
        }),
      { lengthDays: 'rules-lengthDays', cooldownDays: 'rules-cooldownDays', rollover: 'rules-rollover-roll', requireGoal: 'rules-requireGoal', _: 'rules-lengthDays' }
    )
    if (ok) onSaved()
  }
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors.summary} />
      <TextField
        id="rules-lengthDays"
        label="Cycle length in working days"
        hint="10 working days is two weeks. Bank holidays and days off listed below do not count."
        inputMode="numeric"
        width="3"
        value={form.lengthDays}
        error={errors.errorFor('rules-lengthDays')}
        onChange={(e) => setForm({ ...form, lengthDays: e.target.value })}
      />
      <TextField
        id="rules-cooldownDays"
        label="Cool-down between cycles, in working days"
        hint="Time to fix small things and choose what comes next. 0 for none. The next cycle starts on the working day after the cool-down."
        inputMode="numeric"
        width="3"
        value={form.cooldownDays}
        error={errors.errorFor('rules-cooldownDays')}
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
      <p className="govuk-body">
        Each project’s first cycle starts on the day the team chooses when it creates the project (today unless it picks a later day); later cycles
        follow on working days. Saving re-plans the cycles that have not started yet.
      </p>
      <button type="submit" className="govuk-button">
        Save cycle rules
      </button>
    </form>
  )
}

function BankHolidays({ region, onSaved }: { region: BankHolidaySetting; onSaved(message: string): void }): ReactNode {
  const ws = useWorkspace()
  const errors = useFormErrors()
  const [chosen, setChosen] = useState<BankHolidaySetting>(region)
  const years = bankHolidayYears()
  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    if (errors.attempt(() => setBankHolidayRegion(ws.programme, ws.ctx, chosen), 'bank-holidays-england-and-wales')) onSaved('Bank holidays saved.')
  }
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors.summary} />
      <div className={`govuk-form-group${errors.errorFor('bank-holidays-england-and-wales') ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby="bank-holidays-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h3 className="govuk-fieldset__heading">Bank holidays</h3>
          </legend>
          <div className="govuk-hint" id="bank-holidays-hint">
            Cycles skip the bank holidays of your part of the UK and get longer rather than losing working days. The list comes from GOV.UK, covers{' '}
            {years.first} to {years.last} and was last updated on {formatLongDate(BANK_HOLIDAYS_LAST_UPDATED)}
            {years.last > BANK_HOLIDAYS_PUBLISHED_UNTIL ? ` (dates after ${BANK_HOLIDAYS_PUBLISHED_UNTIL} follow the usual pattern until GOV.UK publishes them)` : ''}.
          </div>
          {errors.errorFor('bank-holidays-england-and-wales') && (
            <p className="govuk-error-message" id="bank-holidays-error">
              <span className="govuk-visually-hidden">Error:</span> {errors.errorFor('bank-holidays-england-and-wales')}
            </p>
          )}
          <div className="govuk-radios govuk-radios--small">
            {BANK_HOLIDAY_SETTINGS.map((s) => (
              <div className="govuk-radios__item" key={s}>
                <input className="govuk-radios__input" id={`bank-holidays-${s}`} name="bank-holidays" type="radio" checked={chosen === s} onChange={() => setChosen(s)} />
                <label className="govuk-label govuk-radios__label" htmlFor={`bank-holidays-${s}`}>
                  {BANK_HOLIDAY_REGION_LABELS[s]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Save bank holidays
      </button>
    </form>
  )
}

function NonWorkingDays({ days, onSaved }: { days: readonly string[]; onSaved(message: string): void }): ReactNode {
  const ws = useWorkspace()
  const errors = useFormErrors()
  const [date, setDate] = useState('')
  return (
    <>
      <h3 className="govuk-heading-m">Other days off</h3>
      <p className="govuk-body">Weekends never count. List other days the programme does not work, such as a council closure day.</p>
      <ErrorSummary errors={errors.summary} />
      <form
        noValidate
        className="app-inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (date.trim() === '') return errors.show({ 'rules-new-day': 'Enter the date of the day off' })
          if (!isIsoDate(date)) return errors.show({ 'rules-new-day': 'The day off must be a real date' })
          const ok = errors.attempt(() => void addNonWorkingDays(ws.programme, ws.ctx, [date]), 'rules-new-day')
          if (ok) {
            onSaved(`Added ${formatLongDate(date)} as a day off.`)
            setDate('')
          }
        }}
      >
        <TextField
          id="rules-new-day"
          type="date"
          label="Add a day off"
          width="10"
          value={date}
          error={errors.errorFor('rules-new-day')}
          onChange={(e) => setDate(e.target.value)}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Add day off
        </button>
      </form>
      {days.length === 0 ? (
        <p className="govuk-body">No other days off listed.</p>
      ) : (
        <ul className="govuk-list app-days-off">
          {days.map((d) => (
            <li key={d}>
              {formatLongDate(d)}{' '}
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => {
                  if (errors.attempt(() => removeNonWorkingDay(ws.programme, ws.ctx, d), 'rules-new-day')) onSaved(`Removed ${formatLongDate(d)} from the days off.`)
                }}
              >
                Remove<span className="govuk-visually-hidden"> {formatLongDate(d)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
