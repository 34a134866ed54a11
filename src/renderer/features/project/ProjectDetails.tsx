import { useState, type FormEvent, type ReactNode } from 'react'
import { addProjectTag, editProject, problemOf, readProject, removeProjectTag, type Project } from '@shared/doc'
import { PHASES, type Phase } from '@shared/domain/phases'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { AddItemForm, RemoveButton } from '../../components/AddItemForm'
import { fieldErrors } from '../../components/errors'
import { RichTextEditor } from '../../editor/RichTextEditor'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'

/** The project's problem statement and the facts Pipeline will want (phase, dates, owner, tags). */
export function ProjectDetails(): ReactNode {
  const { doc } = useProjectDoc()
  const project = useDocValue(doc, readProject)
  // Kept here: the form below is re-keyed (re-mounted) whenever the saved project changes.
  const [saved, setSaved] = useState(false)
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
        <DetailsForm key={JSON.stringify(project)} project={project} saved={saved} setSaved={setSaved} />
        <Tags project={project} />
      </div>
    </div>
  )
}

function ProblemEditor(): ReactNode {
  const { doc, readOnly } = useProjectDoc()
  return <RichTextEditor fragment={problemOf(doc)} labelId="problem-label" hintId="problem-hint" readOnly={readOnly} />
}

function DetailsForm({ project, saved, setSaved }: { project: Project; saved: boolean; setSaved(v: boolean): void }): ReactNode {
  const { doc, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  const [form, setForm] = useState({
    name: project.name,
    serviceArea: project.serviceArea,
    owner: project.owner,
    phase: project.phase,
    startDate: project.startDate ?? '',
    endDate: project.endDate ?? ''
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value })

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    setSaved(false)
    try {
      editProject(ws.programme, doc, ws.ctx, {
        ...form,
        startDate: form.startDate || null,
        endDate: form.endDate || null
      })
      setErrors({})
      setSaved(true)
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(Object.keys(fe).length ? fe : { _: err instanceof Error ? err.message : String(err) })
    }
  }

  const summary = Object.entries(errors).map(([k, text]) => ({ href: `#project-${k === '_' ? 'name' : k}`, text }))
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summary} />
      <h2 className="govuk-heading-m">About the project</h2>
      {saved && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          Project details saved.
        </p>
      )}
      <TextField id="project-name" label="Project name" value={form.name} error={errors.name} onChange={set('name')} disabled={readOnly} />
      <TextField id="project-serviceArea" label="Service area" hint="For example, Waste and recycling" value={form.serviceArea} error={errors.serviceArea} onChange={set('serviceArea')} disabled={readOnly} />
      <TextField id="project-owner" label="Key contact" value={form.owner} error={errors.owner} onChange={set('owner')} disabled={readOnly} />
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="project-phase">
          Phase
        </label>
        <select id="project-phase" className="govuk-select" value={form.phase} onChange={(e) => setForm({ ...form, phase: e.target.value as Phase })} disabled={readOnly}>
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <DateField id="project-startDate" label="Phase start" value={form.startDate} error={errors.startDate} onChange={set('startDate')} disabled={readOnly} />
      <DateField id="project-endDate" label="Phase end" value={form.endDate} error={errors.endDate} onChange={set('endDate')} disabled={readOnly} />
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
  const { doc, run, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  return (
    <>
      <h2 className="govuk-heading-m">Tags</h2>
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
        <AddItemForm id="project-new-tag" label="Add a tag" hint="Spaces become hyphens" button="Add tag" onAdd={(text) => run(() => addProjectTag(ws.programme, doc, ws.ctx, text))} />
      )}
    </>
  )
}
