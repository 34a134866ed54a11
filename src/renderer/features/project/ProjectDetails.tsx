import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { addProjectTag, editProject, problemOf, readProject, removeProjectTag, TAG_MAX_LENGTH, type Project } from '@shared/doc'
import { PHASES, type Phase } from '@shared/domain/phases'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { AddItemForm, RemoveButton } from '../../components/AddItemForm'
import { useDraft } from '../../components/useDraft'
import { useFormErrors } from '../../components/useFormErrors'
import { RichTextEditor } from '../../editor/RichTextEditor'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'

/** The project's problem statement and the facts Pipeline will want (phase, dates, owner, tags). */
export function ProjectDetails(): ReactNode {
  const { doc } = useProjectDoc()
  const project = useDocValue(doc, readProject)
  if (!project) return null
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h2 className="govuk-heading-m" id="problem-label">
          Problem statement
        </h2>
        <p className="govuk-hint" id="problem-hint">
          What problem are you solving, for whom, and how will you know it is solved?
        </p>
        <ProblemEditor />
        <DetailsForm project={project} />
        <Tags project={project} />
      </div>
    </div>
  )
}

function ProblemEditor(): ReactNode {
  const { doc, readOnly } = useProjectDoc()
  return <RichTextEditor fragment={problemOf(doc)} labelId="problem-label" hintId="problem-hint" readOnly={readOnly} />
}

const FIELD_IDS = {
  _: 'project-name',
  name: 'project-name',
  serviceArea: 'project-serviceArea',
  owner: 'project-owner',
  phase: 'project-phase',
  startDate: 'project-startDate',
  endDate: 'project-endDate'
} as const

/**
 * The form keeps what was typed while the saved project changes under it (a tag added below, a
 * colleague's edit arriving): untouched fields follow the saved values, touched ones stay.
 */
function DetailsForm({ project }: { project: Project }): ReactNode {
  const { doc, readOnly, write } = useProjectDoc()
  const ws = useWorkspace()
  const form = useFormErrors()
  const [saved, setSaved] = useState(false)
  const savedValues = useMemo(
    () => ({
      name: project.name,
      serviceArea: project.serviceArea,
      owner: project.owner,
      phase: project.phase as string,
      startDate: project.startDate ?? '',
      endDate: project.endDate ?? ''
    }),
    [project.name, project.serviceArea, project.owner, project.phase, project.startDate, project.endDate]
  )
  const draft = useDraft(savedValues)
  const values = draft.values
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => {
    setSaved(false)
    draft.set(k, e.target.value)
  }

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    setSaved(false)
    const ok = form.attempt(
      () =>
        write(() =>
          editProject(ws.programme, doc, ws.ctx, {
            ...values,
            phase: values.phase as Phase,
            startDate: values.startDate || null,
            endDate: values.endDate || null
          })
        ),
      FIELD_IDS
    )
    if (ok) {
      draft.reset()
      setSaved(true)
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={form.summary} />
      <h2 className="govuk-heading-m">About the project</h2>
      {saved && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          Project details saved.
        </p>
      )}
      {draft.dirty && !readOnly && <p className="govuk-hint">You have changes that are not saved yet.</p>}
      <TextField id="project-name" label="Project name" value={values.name} error={form.errorFor('project-name')} onChange={set('name')} disabled={readOnly} />
      <TextField
        id="project-serviceArea"
        label="Service area"
        hint="For example, Waste and recycling"
        value={values.serviceArea}
        error={form.errorFor('project-serviceArea')}
        onChange={set('serviceArea')}
        disabled={readOnly}
      />
      <TextField id="project-owner" label="Key contact" value={values.owner} error={form.errorFor('project-owner')} onChange={set('owner')} disabled={readOnly} />
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="project-phase">
          Phase
        </label>
        <select id="project-phase" className="govuk-select" value={values.phase} onChange={set('phase')} disabled={readOnly}>
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <DateField id="project-startDate" label="Phase start" value={values.startDate} error={form.errorFor('project-startDate')} onChange={set('startDate')} disabled={readOnly} />
      <DateField id="project-endDate" label="Phase end" value={values.endDate} error={form.errorFor('project-endDate')} onChange={set('endDate')} disabled={readOnly} />
      {!readOnly && (
        <button type="submit" className="govuk-button">
          Save project details
        </button>
      )}
    </form>
  )
}

function DateField(props: { id: string; label: string; value: string; error?: string | undefined; disabled: boolean; onChange(e: { target: { value: string } }): void }): ReactNode {
  return (
    <div className={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.error && (
        <p id={`${props.id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <input
        id={props.id}
        type="date"
        className={`govuk-input govuk-input--width-10${props.error ? ' govuk-input--error' : ''}`}
        value={props.value}
        onChange={props.onChange}
        disabled={props.disabled}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      />
    </div>
  )
}

function Tags({ project }: { project: Project }): ReactNode {
  const { doc, run, write, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  const form = useFormErrors()
  return (
    <section aria-labelledby="project-tags-title">
      <h2 className="govuk-heading-m" id="project-tags-title">
        Tags
      </h2>
      <ErrorSummary errors={form.summary} />
      <p className="govuk-body">Tags help other councils find similar work on Pipeline.</p>
      {project.tags.length > 0 ? (
        <ul className="app-tag-list govuk-!-margin-bottom-4" aria-label="Tags">
          {project.tags.map((t) => (
            <li key={t}>
              <strong className="govuk-tag govuk-tag--blue">{t}</strong>{' '}
              {!readOnly && <RemoveButton what={`tag ${t}`} onClick={() => run(() => removeProjectTag(ws.programme, doc, ws.ctx, t))} />}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No tags yet.</p>
      )}
      {!readOnly && (
        <AddItemForm
          id="project-new-tag"
          label="Add a tag"
          hint={`Spaces become hyphens. Up to ${TAG_MAX_LENGTH} characters.`}
          button="Add tag"
          error={form.errorFor('project-new-tag')}
          onAdd={(text) => form.attempt(() => write(() => addProjectTag(ws.programme, doc, ws.ctx, text)), 'project-new-tag')}
        />
      )}
    </section>
  )
}
