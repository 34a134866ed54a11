import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { addProjectTag, editProject, problemOf, readProblemText, readProject, removeProjectTag, TAG_MAX_LENGTH, type Project, type ProjectPatch } from '@shared/doc'
import { SimilarProjects } from '../catalogue/SimilarProjects'
import { PHASES, type Phase } from '@shared/domain/phases'
import { AGILE_LIFECYCLE_PHASES, COLLABORATION_LEVELS, FUNDING_BOUNDARIES, PROJECT_LANGUAGES, type FundingBoundaryId } from '@shared/pipeline/enums'
import { PROJECT_FIELD_IDS } from '@shared/pipeline/lint'
import { ErrorSummary } from '../../components/ErrorSummary'
import { SelectField, TextField } from '../../components/Field'
import { AddItemForm, RemoveButton } from '../../components/AddItemForm'
import { useDraft } from '../../components/useDraft'
import { useFormErrors } from '../../components/useFormErrors'
import { RichTextEditor } from '../../editor/RichTextEditor'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { useFocusFieldFromLink } from '../pipeline/fieldLinks'

const LINKABLE_FIELDS: readonly string[] = Object.values(PROJECT_FIELD_IDS)

/** The project's problem statement and the facts Pipeline will want (phase, dates, owner, tags). */
export function ProjectDetails(): ReactNode {
  const { doc } = useProjectDoc()
  const project = useDocValue(doc, readProject)
  // Reached from a Pipeline linter link: focus the field it named.
  useFocusFieldFromLink(project !== null, LINKABLE_FIELDS)
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
        <LookSideways project={project} />
      </div>
    </div>
  )
}

/** Similar projects at other councils (the sector catalogue), as the problem and tags take shape. */
function LookSideways({ project }: { project: Project }): ReactNode {
  const { doc } = useProjectDoc()
  const problem = useDocValue(doc, readProblemText)
  return (
    <SimilarProjects name={project.name} problem={problem} tags={project.tags} serviceArea={project.serviceArea} ownPipelineId={project.pipelineId} headingLevel={2} />
  )
}

function ProblemEditor(): ReactNode {
  const { doc, readOnly } = useProjectDoc()
  return (
    <div id={PROJECT_FIELD_IDS.problem}>
      <RichTextEditor fragment={problemOf(doc)} labelId="problem-label" hintId="problem-hint" readOnly={readOnly} />
    </div>
  )
}

const FIELD_IDS = {
  _: 'project-name',
  name: 'project-name',
  serviceArea: 'project-serviceArea',
  department: 'project-department',
  owner: 'project-owner',
  ownerEmail: 'project-ownerEmail',
  phase: 'project-phase',
  agilePhase: 'project-agilePhase',
  startDate: 'project-startDate',
  endDate: 'project-endDate',
  datesAreEstimates: 'project-datesAreEstimates',
  nextAssessmentDate: 'project-nextAssessmentDate',
  fundingBoundary: 'project-fundingBoundary',
  collaborationLevel: 'project-collaborationLevel',
  allowExternalCollaboration: 'project-allowExternalCollaboration',
  projectLanguage: 'project-projectLanguage',
  pipelineId: 'project-pipelineId'
} as const satisfies Partial<Record<keyof typeof PROJECT_FIELD_IDS | '_', string>>

/** The form's values as the inputs hold them (strings; 'true'/'false' for the checkboxes). */
function formValues(project: Project) {
  return {
    name: project.name,
    serviceArea: project.serviceArea,
    department: project.department,
    owner: project.owner,
    ownerEmail: project.ownerEmail,
    phase: project.phase as string,
    agilePhase: project.agilePhase ?? '',
    startDate: project.startDate ?? '',
    endDate: project.endDate ?? '',
    datesAreEstimates: String(project.datesAreEstimates),
    nextAssessmentDate: project.nextAssessmentDate ?? '',
    fundingBoundary: String(project.fundingBoundary),
    collaborationLevel: project.collaborationLevel ?? '',
    allowExternalCollaboration: String(project.allowExternalCollaboration),
    projectLanguage: project.projectLanguage ?? '',
    pipelineId: project.pipelineId === null ? '' : String(project.pipelineId)
  }
}
type FormValues = ReturnType<typeof formValues>

/** What the form sends: empty means "not given"; a Pipeline id that is not all digits fails its check. */
function toPatch(v: FormValues): ProjectPatch {
  const id = v.pipelineId.trim()
  return {
    name: v.name,
    serviceArea: v.serviceArea,
    department: v.department,
    owner: v.owner,
    ownerEmail: v.ownerEmail,
    phase: v.phase as Phase,
    agilePhase: (v.agilePhase || null) as ProjectPatch['agilePhase'],
    startDate: v.startDate || null,
    endDate: v.endDate || null,
    datesAreEstimates: v.datesAreEstimates === 'true',
    nextAssessmentDate: v.nextAssessmentDate || null,
    fundingBoundary: Number(v.fundingBoundary) as FundingBoundaryId,
    collaborationLevel: (v.collaborationLevel || null) as ProjectPatch['collaborationLevel'],
    allowExternalCollaboration: v.allowExternalCollaboration === 'true',
    projectLanguage: (v.projectLanguage || null) as ProjectPatch['projectLanguage'],
    pipelineId: id === '' ? null : /^\d{1,10}$/.test(id) ? Number(id) : Number.NaN
  }
}

/**
 * The form keeps what was typed while the saved project changes under it (a tag added below, a
 * colleague's edit arriving): untouched fields follow the saved values, touched ones stay.
 */
function DetailsForm({ project }: { project: Project }): ReactNode {
  const { doc, readOnly, write } = useProjectDoc()
  const ws = useWorkspace()
  const form = useFormErrors()
  const [saved, setSaved] = useState(false)
  const savedValues = useMemo(() => formValues(project), [project])
  const draft = useDraft(savedValues)
  const values = draft.values
  const set = (k: keyof FormValues) => (e: { target: { value: string } }) => {
    setSaved(false)
    draft.set(k, e.target.value)
  }
  const toggle = (k: 'datesAreEstimates' | 'allowExternalCollaboration') => (e: { target: { checked: boolean } }) => {
    setSaved(false)
    draft.set(k, String(e.target.checked))
  }

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    setSaved(false)
    const ok = form.attempt(() => write(() => editProject(ws.programme, doc, ws.ctx, toPatch(values))), FIELD_IDS)
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
      <TextField
        id="project-department"
        label="Department"
        hint="The council department the project sits in, for example Environment and Place. Left empty, the Pipeline gets the service area."
        value={values.department}
        error={form.errorFor('project-department')}
        onChange={set('department')}
        disabled={readOnly}
      />
      <TextField id="project-owner" label="Key contact" hint="The project’s owner on the Pipeline" value={values.owner} error={form.errorFor('project-owner')} onChange={set('owner')} disabled={readOnly} />
      <TextField
        id="project-ownerEmail"
        label="Key contact’s email address"
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={values.ownerEmail}
        error={form.errorFor('project-ownerEmail')}
        onChange={set('ownerEmail')}
        disabled={readOnly}
      />
      <SelectField id="project-phase" label="Phase" value={values.phase} options={PHASES.map((p) => [p, p])} error={form.errorFor('project-phase')} onChange={set('phase')} disabled={readOnly} />
      <SelectField
        id="project-agilePhase"
        label="Agile lifecycle phase"
        value={values.agilePhase}
        options={[['', 'Not chosen'], ...AGILE_LIFECYCLE_PHASES.map((p) => [p, p] as const)]}
        error={form.errorFor('project-agilePhase')}
        onChange={set('agilePhase')}
        disabled={readOnly}
      />
      <TextField type="date" width="10" id="project-startDate" label="Phase start" value={values.startDate} error={form.errorFor('project-startDate')} onChange={set('startDate')} disabled={readOnly} />
      <TextField type="date" width="10" id="project-endDate" label="Phase end" value={values.endDate} error={form.errorFor('project-endDate')} onChange={set('endDate')} disabled={readOnly} />
      <Checkbox id="project-datesAreEstimates" label="These dates are estimates" checked={values.datesAreEstimates === 'true'} error={form.errorFor('project-datesAreEstimates')} onChange={toggle('datesAreEstimates')} disabled={readOnly} />
      <TextField
        type="date"
        width="10"
        id="project-nextAssessmentDate"
        label="Next service assessment (optional)"
        value={values.nextAssessmentDate}
        error={form.errorFor('project-nextAssessmentDate')}
        onChange={set('nextAssessmentDate')}
        disabled={readOnly}
      />

      <h2 className="govuk-heading-m govuk-!-margin-top-6">For the Pipeline</h2>
      <p className="govuk-body">LocalGov Digital’s Pipeline shares councils’ projects with each other. These fields go into your Pipeline reports.</p>
      <SelectField
        id="project-fundingBoundary"
        label="Funding boundary"
        value={values.fundingBoundary}
        options={FUNDING_BOUNDARIES.map((b) => [String(b.id), b.text] as const)}
        error={form.errorFor('project-fundingBoundary')}
        onChange={set('fundingBoundary')}
        disabled={readOnly}
      />
      <SelectField
        id="project-collaborationLevel"
        label="Collaboration level"
        value={values.collaborationLevel}
        options={[['', 'Not chosen'], ...COLLABORATION_LEVELS.map((c) => [c, c] as const)]}
        error={form.errorFor('project-collaborationLevel')}
        onChange={set('collaborationLevel')}
        disabled={readOnly}
      />
      <Checkbox
        id="project-allowExternalCollaboration"
        label="Other organisations may collaborate on this project"
        checked={values.allowExternalCollaboration === 'true'}
        error={form.errorFor('project-allowExternalCollaboration')}
        onChange={toggle('allowExternalCollaboration')}
        disabled={readOnly}
      />
      <SelectField
        id="project-projectLanguage"
        label="Project language"
        hint="The programming language the service is built in, if any"
        value={values.projectLanguage}
        options={[['', 'Not chosen'], ...PROJECT_LANGUAGES.map((l) => [l, l] as const)]}
        error={form.errorFor('project-projectLanguage')}
        onChange={set('projectLanguage')}
        disabled={readOnly}
      />
      <TextField
        id="project-pipelineId"
        label="Pipeline id (optional)"
        hint="The number at the end of the project’s address on the Pipeline, once it is there. Status updates are published to it."
        inputMode="numeric"
        width="10"
        spellCheck={false}
        value={values.pipelineId}
        error={form.errorFor('project-pipelineId')}
        onChange={set('pipelineId')}
        disabled={readOnly}
      />
      {!readOnly && (
        <button type="submit" className="govuk-button">
          Save project details
        </button>
      )}
    </form>
  )
}

function Checkbox(props: { id: string; label: string; checked: boolean; error?: string | undefined; disabled: boolean; onChange(e: { target: { checked: boolean } }): void }): ReactNode {
  return (
    <div className={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      {props.error && (
        <p id={`${props.id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={props.id}
            type="checkbox"
            checked={props.checked}
            onChange={props.onChange}
            disabled={props.disabled}
            aria-describedby={props.error ? `${props.id}-error` : undefined}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={props.id}>
            {props.label}
          </label>
        </div>
      </div>
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
