import { useState, type FormEvent, type ReactNode } from 'react'
import { Link } from 'wouter'
import { readProgramme, updateProgramme, type Programme } from '@shared/doc'
import { CycleRulesForm } from './CycleRulesForm'
import { PipelineSettingsForm } from '../pipeline/PipelineSettingsForm'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { fieldErrors } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'

/** The accelerator's few clear rules, shared by every project in it. */
export function ProgrammeSettings(): ReactNode {
  useTitle('Programme settings')
  const ws = useWorkspace()
  const programme = useDocValue(ws.programme, readProgramme)
  // Kept here: the form is re-keyed (re-mounted) whenever the saved settings change.
  const [saved, setSaved] = useState(false)
  if (!programme) return null
  return (
    <>
      {ws.readOnly ? (
        <>
          <h1 className="govuk-heading-xl">Programme settings</h1>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Programme</dt>
              <dd className="govuk-summary-list__value">{programme.name}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Council</dt>
              <dd className="govuk-summary-list__value">{programme.council || 'Not given'}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Cycle length</dt>
              <dd className="govuk-summary-list__value">{programme.cycleLengthDays} working days</dd>
            </div>
          </dl>
        </>
      ) : (
        <SettingsForm key={JSON.stringify(programme)} programme={programme} saved={saved} setSaved={setSaved} />
      )}
      <h2 className="govuk-heading-m govuk-!-margin-top-8">More for this programme</h2>
      <ul className="govuk-list">
        <li>
          <Link href="/mentors" className="govuk-link">
            Mentor directory
          </Link>
          : the people who can mentor your teams, and who has room for another.
        </li>
        <li>
          <Link href="/export" className="govuk-link">
            Report to the Pipeline
          </Link>
          : check, export and publish your projects.
        </li>
        <li>
          <Link href="/catalogue" className="govuk-link">
            Sector catalogue
          </Link>
          : import the Pipeline’s catalogue to see what other councils have done.
        </li>
        <li>
          <Link href="/pairing" className="govuk-link">
            Pairing rounds
          </Link>
          : pair people at random for a conversation each round.
        </li>
        <li>
          <Link href="/programmes" className="govuk-link">
            Your programmes
          </Link>
          : switch to or start another programme on this computer.
        </li>
      </ul>
      {!ws.readOnly && <CycleRulesForm />}
      <PipelineSettingsForm />
    </>
  )
}

function SettingsForm({ programme, saved, setSaved }: { programme: Programme; saved: boolean; setSaved(v: boolean): void }): ReactNode {
  const ws = useWorkspace()
  const [form, setForm] = useState({
    name: programme.name,
    council: programme.council,
    defaultWipLimit: programme.defaultWipLimit === null ? '' : String(programme.defaultWipLimit)
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value })

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    setSaved(false)
    const toNumber = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s))
    try {
      updateProgramme(ws.programme, ws.ctx, {
        name: form.name,
        council: form.council,
        defaultWipLimit: form.defaultWipLimit.trim() === '' ? null : toNumber(form.defaultWipLimit)
      })
      setErrors({})
      setSaved(true)
    } catch (err) {
      setErrors(fieldErrors(err))
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={Object.entries(errors).map(([k, text]) => ({ href: `#programme-${k}`, text }))} />
        <h1 className="govuk-heading-l">Programme settings</h1>
        {saved && (
          <p className="govuk-body govuk-!-font-weight-bold" role="status">
            Programme settings saved.
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <TextField id="programme-name" label="Programme name" value={form.name} error={errors.name} onChange={set('name')} />
          <TextField id="programme-council" label="Council" value={form.council} error={errors.council} onChange={set('council')} />
          <TextField
            id="programme-defaultWipLimit"
            label="Default WIP limit for new columns (optional)"
            inputMode="numeric"
            width="3"
            value={form.defaultWipLimit}
            error={errors.defaultWipLimit}
            onChange={set('defaultWipLimit')}
          />
          <button type="submit" className="govuk-button">
            Save settings
          </button>
        </form>
      </div>
    </div>
  )
}
