import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { readPipelineSettings, readProgramme, updatePipelineSettings } from '@shared/doc'
import { SETTINGS_FIELD_IDS } from '@shared/pipeline/lint'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useDraft } from '../../components/useDraft'
import { useFormErrors } from '../../components/useFormErrors'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useFocusFieldFromLink } from './fieldLinks'

const FIELD_IDS = { _: SETTINGS_FIELD_IDS.organisationId, ...SETTINGS_FIELD_IDS } as const
const LINKABLE: readonly string[] = Object.values(SETTINGS_FIELD_IDS)

/**
 * The programme's Pipeline settings (issue 10), for Programme settings: the organisation it
 * reports as, and the Pipeline it publishes status updates to. A viewer sees them, read only.
 */
export function PipelineSettingsForm(): ReactNode {
  const ws = useWorkspace()
  const settings = useDocValue(ws.programme, readPipelineSettings)
  const council = useDocValue(ws.programme, readProgramme)?.council ?? ''
  const form = useFormErrors()
  const [saved, setSaved] = useState(false)
  const savedValues = useMemo(
    () => ({ organisationId: settings.organisationId === null ? '' : String(settings.organisationId), organisationName: settings.organisationName, address: settings.address }),
    [settings]
  )
  const draft = useDraft(savedValues)
  const values = draft.values
  useFocusFieldFromLink(true, LINKABLE)
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => {
    setSaved(false)
    draft.set(k, e.target.value)
  }

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    setSaved(false)
    const id = values.organisationId.trim()
    const ok = form.attempt(
      () =>
        updatePipelineSettings(ws.programme, ws.ctx, {
          organisationId: id === '' ? null : /^\d{1,10}$/.test(id) ? Number(id) : Number.NaN,
          organisationName: values.organisationName,
          address: values.address
        }),
      FIELD_IDS
    )
    if (ok) {
      draft.reset()
      setSaved(true)
    }
  }

  return (
    <section aria-labelledby="pipeline-settings-title" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="pipeline-settings-title">
        Pipeline
      </h2>
      <p className="govuk-body">How this programme reports its projects to LocalGov Digital’s Pipeline, the sector’s shared list of council projects.</p>
      {ws.readOnly ? (
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Organisation</dt>
            <dd className="govuk-summary-list__value">
              {settings.organisationName || council || 'Not given'}
              {settings.organisationId !== null && ` (Pipeline id ${settings.organisationId})`}
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Pipeline address</dt>
            <dd className="govuk-summary-list__value">{settings.address || 'Not set'}</dd>
          </div>
        </dl>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorSummary errors={form.summary} />
          {saved && (
            <p className="govuk-body govuk-!-font-weight-bold" role="status">
              Pipeline settings saved.
            </p>
          )}
          <TextField
            id={SETTINGS_FIELD_IDS.organisationId}
            label="Organisation’s Pipeline id"
            hint="The number the Pipeline gives your council. Ask LocalGov Digital if you do not know it."
            inputMode="numeric"
            width="10"
            spellCheck={false}
            value={values.organisationId}
            error={form.errorFor(SETTINGS_FIELD_IDS.organisationId)}
            onChange={set('organisationId')}
          />
          <TextField
            id={SETTINGS_FIELD_IDS.organisationName}
            label="Organisation name (optional)"
            hint={council ? `Leave empty to use the council’s name, “${council}”` : 'As the Pipeline shows it'}
            value={values.organisationName}
            error={form.errorFor(SETTINGS_FIELD_IDS.organisationName)}
            onChange={set('organisationName')}
          />
          <TextField
            id={SETTINGS_FIELD_IDS.address}
            label="Pipeline address (optional)"
            hint="Where to publish status updates, for example https://pipeline.localgov.digital. Leave empty to export files only."
            type="url"
            spellCheck={false}
            autoComplete="off"
            value={values.address}
            error={form.errorFor(SETTINGS_FIELD_IDS.address)}
            onChange={set('address')}
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Save Pipeline settings
          </button>
        </form>
      )}
    </section>
  )
}
