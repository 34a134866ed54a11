import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import {
  projectDocName,
  readLastExports,
  readPipelineOrganisation,
  readPipelineSettings,
  readProblemText,
  readProgramme,
  readProjectIndex,
  recordExports,
  type LastExport
} from '@shared/doc'
import { formatLongDate, formatTimestamp, todayInLondon } from '@shared/domain/dates'
import type { ProjectId } from '@shared/domain/ids'
import { diffExport, type ExportDiff } from '@shared/pipeline/exportDiff'
import { lintProject, settingsFieldHref, type LintIssue } from '@shared/pipeline/lint'
import { exportFiles, readProjectExport, type ExportFile, type ProjectExport } from '@shared/pipeline/projectExport'
import { ErrorSummary } from '../../components/ErrorSummary'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { saveTextFile } from '../../platform'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { FieldLink } from './fieldLinks'
import { PublishPanel } from './PublishPanel'

/** Above this many projects, reading them shows a progress bar (each is its own doc to open). */
const PROGRESS_ABOVE = 3

interface PreparedProject {
  readonly export: ProjectExport
  readonly issues: readonly LintIssue[]
  /** Against the last export as it was when these were prepared (saving records a new one). */
  readonly diff: ExportDiff
  readonly last: LastExport | null
}

interface Prepared {
  readonly projects: readonly PreparedProject[]
  readonly files: readonly ExportFile[]
  /** Projects that could not be opened on this computer. */
  readonly unread: readonly string[]
}

type Step = { readonly kind: 'choose' } | { readonly kind: 'reading'; readonly done: number; readonly total: number } | { readonly kind: 'ready'; readonly prepared: Prepared }

const FILE_NOTES: Record<string, string> = {
  'pipeline-projects.json': 'Each project as the Pipeline lists it (ProjectDetailSummary)',
  'pipeline-project-details.json': 'Each project’s page and its status updates (ProjectViewModel and StatusUpdates)',
  'PipelineReports.csv': 'The Pipeline’s admin report, for a spreadsheet'
}

const yieldToUi = (): Promise<void> => new Promise((r) => setTimeout(r, 0))

/**
 * Report to the Pipeline (issue 10): choose projects, check each against what the Pipeline needs
 * (with links to fix it) and what changed since the last report, save the files, and publish
 * status updates. Reading opens each project doc on this computer only (no sync starts for it),
 * one at a time, letting the page repaint between them.
 */
export function ExportPage(): ReactNode {
  useTitle('Report to the Pipeline')
  const ws = useWorkspace()
  const projects = useDocValue(ws.programme, readProjectIndex)
  const settings = useDocValue(ws.programme, readPipelineSettings)
  const org = useDocValue(ws.programme, readPipelineOrganisation)
  const [chosen, setChosen] = useState<ReadonlySet<ProjectId> | null>(null)
  const selected = chosen ?? new Set(projects.filter((p) => !p.archived).map((p) => p.id))
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  const [error, setError] = useState<string | null>(null)
  const resultsRef = useRef<HTMLHeadingElement>(null)

  const toggle = (id: ProjectId, on: boolean): void => {
    const next = new Set(selected)
    if (on) next.add(id)
    else next.delete(id)
    setChosen(next)
  }

  const check = async (ev: FormEvent): Promise<void> => {
    ev.preventDefault()
    const ids = projects.filter((p) => selected.has(p.id))
    if (ids.length === 0) {
      setError('Choose at least one project to report')
      return
    }
    setError(null)
    const total = ids.length
    setStep({ kind: 'reading', done: 0, total })
    await yieldToUi()
    const lastExports = readLastExports(ws.programme)
    const council = readProgramme(ws.programme)?.council ?? ''
    const today = todayInLondon(ws.ctx.now())
    const out: PreparedProject[] = []
    const unread: string[] = []
    for (const [i, p] of ids.entries()) {
      const name = projectDocName(p.id)
      try {
        const local = await ws.registry.acquire(name, { network: false })
        try {
          const e = readProjectExport(local.doc, org)
          if (!e) unread.push(p.name)
          else {
            const last = lastExports.get(p.id) ?? null
            const issues = lintProject({ project: e.data.project, content: readProblemText(local.doc), settings, council, today })
            out.push({ export: e, issues, diff: diffExport(last, e), last })
          }
        } finally {
          ws.registry.release(name)
        }
      } catch {
        unread.push(p.name)
      }
      setStep({ kind: 'reading', done: i + 1, total })
      await yieldToUi()
    }
    setStep({ kind: 'ready', prepared: { projects: out, files: exportFiles(out.map((x) => x.export)), unread } })
    requestAnimationFrame(() => resultsRef.current?.focus())
  }

  return (
    <>
      <h1 className="govuk-heading-xl">Report to the Pipeline</h1>
      <p className="govuk-body-l">Share your projects with other councils through LocalGov Digital’s Pipeline: check them, save the files, and publish each closed cycle as a status update.</p>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Reporting as</dt>
          <dd className="govuk-summary-list__value">
            {org.name || 'No organisation name'}
            {org.id !== null ? ` (Pipeline id ${org.id})` : ', no Pipeline id yet'}
          </dd>
          <dd className="govuk-summary-list__actions">
            <FieldLink href={settingsFieldHref(org.id === null ? 'organisationId' : 'organisationName')}>
              Change<span className="govuk-visually-hidden"> the organisation</span>
            </FieldLink>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Publishing to</dt>
          <dd className="govuk-summary-list__value">{settings.address || 'No Pipeline address: files only'}</dd>
          <dd className="govuk-summary-list__actions">
            <FieldLink href={settingsFieldHref('address')}>
              Change<span className="govuk-visually-hidden"> the Pipeline address</span>
            </FieldLink>
          </dd>
        </div>
      </dl>

      <form onSubmit={(ev) => void check(ev)} noValidate>
        <ErrorSummary errors={error ? [{ href: '#export-projects', text: error }] : []} />
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <fieldset className="govuk-fieldset" aria-describedby={error ? 'export-projects-error' : 'export-projects-hint'}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">Which projects?</h2>
            </legend>
            <div id="export-projects-hint" className="govuk-hint">
              {selected.size} of {projects.length} selected. Archived projects are not selected unless you choose them.
            </div>
            {error && (
              <p id="export-projects-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {error}
              </p>
            )}
            <div className="govuk-button-group">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setChosen(new Set(projects.map((p) => p.id)))}>
                Select all
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setChosen(new Set())}>
                Select none
              </button>
            </div>
            <div className="govuk-checkboxes govuk-checkboxes--small" id="export-projects">
              {projects.map((p) => (
                <div className="govuk-checkboxes__item" key={p.id}>
                  <input className="govuk-checkboxes__input" id={`export-${p.id}`} type="checkbox" checked={selected.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`export-${p.id}`}>
                    {p.name}
                    {p.archived ? ' (archived)' : ''}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="govuk-button" disabled={step.kind === 'reading'}>
          {step.kind === 'ready' ? 'Check again' : 'Check and preview'}
        </button>
      </form>

      {step.kind === 'reading' && <Progress done={step.done} total={step.total} />}
      {step.kind === 'ready' && <Results prepared={step.prepared} headingRef={resultsRef} />}
    </>
  )
}

function Progress({ done, total }: { done: number; total: number }): ReactNode {
  if (total <= PROGRESS_ABOVE)
    return (
      <p className="govuk-body" role="status">
        Reading the projects…
      </p>
    )
  const pct = Math.round((done / total) * 100)
  return (
    <div className="govuk-!-margin-bottom-6">
      <p className="govuk-body" id="export-progress-label">
        Reading the projects
      </p>
      <div
        role="progressbar"
        aria-labelledby="export-progress-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} projects`}
        style={{ border: '2px solid #0b0c0c', height: '24px', maxWidth: '640px', background: '#f3f2f1' }}
      >
        <div style={{ width: `${pct}%`, height: '100%', background: '#1d70b8' }} />
      </div>
      <p className="govuk-body govuk-!-margin-top-2" aria-hidden="true">
        {done} of {total} projects
      </p>
    </div>
  )
}

function Results({ prepared, headingRef }: { prepared: Prepared; headingRef: React.RefObject<HTMLHeadingElement | null> }): ReactNode {
  const ws = useWorkspace()
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set())
  const [recorded, setRecorded] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const withErrors = prepared.projects.filter((p) => p.issues.some((i) => i.severity === 'error')).length
  const n = prepared.projects.length

  const save = async (file: ExportFile): Promise<void> => {
    setSaveError(null)
    try {
      const ok = await saveTextFile(file.name, file.content, file.mime)
      if (!ok) return
      setSaved((s) => new Set(s).add(file.name))
      // Remember this export once per check, so the next one can say what changed since.
      if (!recorded && !ws.readOnly) {
        recordExports(
          ws.programme,
          ws.ctx,
          prepared.projects.map((p) => ({ projectId: p.export.projectId, summary: p.export.summary, viewModel: p.export.viewModel, statusUpdates: p.export.statusUpdates }))
        )
        setRecorded(true)
      }
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : 'The file could not be saved')
    }
  }

  return (
    <>
      <h2 className="govuk-heading-l govuk-!-margin-top-8" tabIndex={-1} ref={headingRef}>
        Check before you report
      </h2>
      <p className="govuk-body">
        {withErrors === 0
          ? `${n === 1 ? 'The project is' : `All ${n} projects are`} ready for the Pipeline.`
          : `${withErrors} of ${n} ${n === 1 ? 'project has' : 'projects have'} errors to fix. You can still save the files: they show what is missing.`}
      </p>
      {prepared.unread.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Not on this computer yet, so not included: {prepared.unread.join(', ')}.
          </strong>
        </div>
      )}
      {prepared.projects.map((p) => (
        <ProjectCheck key={p.export.projectId} project={p} />
      ))}

      <h2 className="govuk-heading-l govuk-!-margin-top-8">Save the files</h2>
      <p className="govuk-body">Send these to LocalGov Digital, or keep them as a record. Fortnight remembers this report once you save a file, so next time it shows what changed since.</p>
      {saveError && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {saveError}
        </p>
      )}
      <ul className="govuk-list" aria-label="Files">
        {prepared.files.map((f) => (
          <li key={f.name} className="govuk-!-margin-bottom-4">
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" onClick={() => void save(f)}>
              Save {f.name}
            </button>
            {saved.has(f.name) && (
              <strong className="govuk-tag govuk-tag--green govuk-!-margin-left-2" role="status">
                Saved
              </strong>
            )}
            <div className="govuk-hint">{FILE_NOTES[f.name] ?? 'The project’s page and its status updates (ProjectViewModel and StatusUpdates)'}</div>
          </li>
        ))}
      </ul>
      <PublishPanel projects={prepared.projects.map((p) => p.export)} />
    </>
  )
}

function ProjectCheck({ project }: { project: PreparedProject }): ReactNode {
  const id = useId().replace(/:/g, '')
  const errors = project.issues.filter((i) => i.severity === 'error').length
  const warnings = project.issues.length - errors
  const { diff, last } = project
  return (
    <section aria-labelledby={`check-${id}`} className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-m" id={`check-${id}`}>
        {project.export.name}{' '}
        {errors > 0 ? (
          <strong className="govuk-tag govuk-tag--red">
            {errors} {errors === 1 ? 'error' : 'errors'}
          </strong>
        ) : (
          <strong className="govuk-tag govuk-tag--green">Ready</strong>
        )}
      </h3>
      {project.issues.length > 0 && (
        <ul className="govuk-list" aria-label={`To fix in ${project.export.name}: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`}>
          {project.issues.map((i) => (
            <li key={i.code + i.message}>
              <strong className={`govuk-tag ${i.severity === 'error' ? 'govuk-tag--red' : 'govuk-tag--yellow'}`}>{i.severity === 'error' ? 'Error' : 'Warning'}</strong>{' '}
              <FieldLink href={i.href}>{i.message}</FieldLink>
            </li>
          ))}
        </ul>
      )}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">What changed since you last reported {project.export.name}</span>
        </summary>
        <div className="govuk-details__text">
          <DiffText diff={diff} last={last} />
        </div>
      </details>
    </section>
  )
}

function DiffText({ diff, last }: { diff: ExportDiff; last: LastExport | null }): ReactNode {
  if (diff.first || !last)
    return (
      <p className="govuk-body">
        Not reported before: everything is new{diff.newUpdates.length > 0 ? `, with ${diff.newUpdates.length} status ${diff.newUpdates.length === 1 ? 'update' : 'updates'}` : ''}.
      </p>
    )
  const when = `${last.byName || 'Someone'} reported it on ${formatTimestamp(last.at)}`
  if (diff.unchanged) return <p className="govuk-body">Nothing has changed since {when}.</p>
  return (
    <>
      <p className="govuk-body">Since {when}:</p>
      {diff.fields.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Fields that changed</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Field
              </th>
              <th scope="col" className="govuk-table__header">
                Last reported
              </th>
              <th scope="col" className="govuk-table__header">
                Now
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {diff.fields.map((f) => (
              <tr className="govuk-table__row" key={f.label}>
                <th scope="row" className="govuk-table__header">
                  {f.label}
                </th>
                <td className="govuk-table__cell">{shown(f.label, f.before)}</td>
                <td className="govuk-table__cell">{shown(f.label, f.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff.newUpdates.length > 0 && (
        <p className="govuk-body">New status {diff.newUpdates.length === 1 ? 'update' : 'updates'}: {diff.newUpdates.map((u) => `cycle ${u.cycle}`).join(', ')}.</p>
      )}
      {diff.changedUpdates.length > 0 && <p className="govuk-body">Changed status {diff.changedUpdates.length === 1 ? 'update' : 'updates'}: {diff.changedUpdates.map((u) => `cycle ${u.cycle}`).join(', ')}.</p>}
    </>
  )
}

function shown(label: string, value: string): string {
  if (value === '') return 'Not given'
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && (label.startsWith('Phase') || label.startsWith('Next'))) return formatLongDate(value)
  return value.length > 200 ? `${value.slice(0, 200)}…` : value
}
