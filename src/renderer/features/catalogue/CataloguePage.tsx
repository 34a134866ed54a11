import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { formatTimestamp } from '@shared/domain/dates'
import { PHASES } from '@shared/domain/phases'
import { CatalogueError, type CatalogueRefusal, type ImportProgress, type ImportSummary } from '@shared/pipeline/catalogue'
import type { DateOrder } from '@shared/pipeline/importCsv'
import type { CatalogueProject, RowIssue } from '@shared/pipeline/importSchema'
import { catalogueOrganisations, searchCatalogue, type CatalogueFilters } from '@shared/pipeline/similar'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { useTitle } from '../../hooks/useTitle'
import { useCatalogue } from './catalogueSource'
import { count, dateText, fundingText, phaseText, progressPercent, progressText, summaryText, whereText } from './catalogueView'
import { KeyContact, SimilarProjects } from './SimilarProjects'

const FILE_INPUT = 'catalogue-file'
const PAGE_SIZE = 50

/**
 * The sector catalogue (/catalogue): import other councils' projects from the Pipeline (its JSON or
 * its CSV report), see what was wrong with the file row by row, search it offline, and try a
 * project description to see what is similar. Kept on this computer only, apart from the
 * programme's own projects, and never shared.
 */
export function CataloguePage(): ReactNode {
  useTitle('Sector catalogue')
  const { state } = useCatalogue()
  const projects = state.snapshot.projects
  return (
    <>
      <h1 className="govuk-heading-xl">Sector catalogue</h1>
      <p className="govuk-body-l">Projects other councils have shared on the LocalGov Digital Pipeline, so you can look sideways before you start.</p>
      <p className="govuk-body">
        The catalogue is kept on this computer only. It is not part of your programme’s projects and is never shared with anyone. It is read-only:
        import the file again to update it.
      </p>
      {state.status === 'error' && (
        <div className="govuk-error-summary" role="alert" aria-labelledby="catalogue-load-error" tabIndex={-1}>
          <h2 className="govuk-error-summary__title" id="catalogue-load-error">
            There is a problem
          </h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{state.error}</p>
          </div>
        </div>
      )}
      <ImportForm />
      {state.status === 'ready' && (
        <>
          <SearchSection projects={projects} unreadable={state.snapshot.unreadable} />
          {projects.length > 0 && <TrySection />}
          {projects.length > 0 && <RemoveSection total={projects.length} />}
        </>
      )}
    </>
  )
}

// ——— Import ———

function ImportForm(): ReactNode {
  const { source, state } = useCatalogue()
  const errors = useFormErrors()
  const [file, setFile] = useState<File | null>(null)
  const [dateOrder, setDateOrder] = useState<DateOrder>('auto')
  const [running, setRunning] = useState<{ file: string; progress: ImportProgress | null } | null>(null)
  const [refusal, setRefusal] = useState<CatalogueRefusal | null>(null)
  const [justImported, setJustImported] = useState(false)
  const reportRef = useRef<HTMLHeadingElement>(null)
  const last = state.snapshot.info?.lastImport ?? null

  useEffect(() => {
    if (justImported) reportRef.current?.focus()
  }, [justImported, last])

  const submit = async (ev: FormEvent): Promise<void> => {
    ev.preventDefault()
    if (running) return
    setRefusal(null)
    setJustImported(false)
    if (!file) return errors.show({ [FILE_INPUT]: 'Select a catalogue file to import' })
    errors.clear()
    setRunning({ file: file.name, progress: null })
    try {
      const outcome = await source.importFile(file, { dateOrder, onProgress: (progress) => setRunning({ file: file.name, progress }) })
      if (!outcome.ok) {
        setRefusal(outcome)
        errors.show({ [FILE_INPUT]: outcome.error })
      } else setJustImported(true)
    } catch (err) {
      errors.show({ [FILE_INPUT]: err instanceof CatalogueError ? err.message : 'The catalogue could not be saved on this computer, so nothing was changed. Try again.' })
    } finally {
      setRunning(null)
    }
  }

  const fileError = errors.errorFor(FILE_INPUT)
  const described = [`${FILE_INPUT}-hint`, fileError ? `${FILE_INPUT}-error` : null].filter(Boolean).join(' ')
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <h2 className="govuk-heading-l">Import a catalogue</h2>
      <form onSubmit={(e) => void submit(e)} noValidate className="govuk-!-margin-bottom-6">
        <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor={FILE_INPUT}>
            Catalogue file
          </label>
          <div className="govuk-hint" id={`${FILE_INPUT}-hint`}>
            The Pipeline’s list of projects (JSON from /api/project or /api/project/&#123;id&#125;), or its CSV report (PipelineReports.csv). Up to 25 MB. Importing
            the same catalogue again updates it.
          </div>
          {fileError && (
            <p className="govuk-error-message" id={`${FILE_INPUT}-error`}>
              <span className="govuk-visually-hidden">Error:</span> {fileError}
            </p>
          )}
          <input
            className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
            id={FILE_INPUT}
            name={FILE_INPUT}
            type="file"
            accept=".json,.csv,.txt,application/json,text/csv"
            aria-describedby={described}
            disabled={running !== null}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              setRefusal(null)
            }}
          />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="catalogue-date-order">
            Dates in a CSV file
          </label>
          <div className="govuk-hint" id="catalogue-date-order-hint">
            Fortnight works out whether 03/06/2019 is 3 June or 6 March from the rest of the file, and lists any dates that could be read both ways.
          </div>
          <select
            className="govuk-select"
            id="catalogue-date-order"
            aria-describedby="catalogue-date-order-hint"
            value={dateOrder}
            disabled={running !== null}
            onChange={(e) => setDateOrder(e.target.value as DateOrder)}
          >
            <option value="auto">Work it out from the file</option>
            <option value="dmy">Day first (UK: 03/06/2019 is 3 June)</option>
            <option value="mdy">Month first (US: 6/3/2019 is 3 June)</option>
          </select>
        </div>
        <button type="submit" className="govuk-button" disabled={running !== null}>
          Import catalogue
        </button>
        {running && (
          <div className="govuk-!-margin-bottom-4">
            <p className="govuk-body govuk-!-margin-bottom-1" id="catalogue-progress-label" role="status">
              {progressText(running.file, running.progress)}
            </p>
            <progress className="govuk-!-width-two-thirds" aria-labelledby="catalogue-progress-label" max={100} value={progressPercent(running.progress)} />
          </div>
        )}
      </form>
      {refusal && refusal.issues.length > 0 && <IssueTables issues={refusal.issues} headingLevel={3} refused />}
      {last && <ImportReport summary={last} fresh={justImported} headingRef={reportRef} />}
    </>
  )
}

function ImportReport({ summary, fresh, headingRef }: { summary: ImportSummary; fresh: boolean; headingRef: React.RefObject<HTMLHeadingElement | null> }): ReactNode {
  return (
    <section aria-labelledby="catalogue-report-title" className="govuk-!-margin-bottom-8">
      <div className={`govuk-notification-banner${fresh ? ' govuk-notification-banner--success' : ''}`} role="region" aria-labelledby="catalogue-report-title">
        <div className="govuk-notification-banner__header">
          <h2 className="govuk-notification-banner__title" id="catalogue-report-title" ref={headingRef} tabIndex={-1}>
            {fresh ? 'Catalogue imported' : `Last import: ${formatTimestamp(summary.at)}`}
          </h2>
        </div>
        <div className="govuk-notification-banner__content">
          <p className="govuk-notification-banner__heading">{summaryText(summary)}</p>
          <p className="govuk-body">
            {summary.skipped > 0 ? `${count(summary.skipped, 'row')} not imported. ` : ''}
            {summary.warnings > 0 ? `${count(summary.warnings, 'problem')} in rows that were imported. ` : ''}
            The catalogue now holds {count(summary.total, 'project')}.
          </p>
        </div>
      </div>
      {summary.notes.map((n) => (
        <div className="govuk-inset-text" key={n}>
          {n}
        </div>
      ))}
      <IssueTables issues={summary.issues} headingLevel={3} />
      {summary.issues.length < summary.skipped + summary.warnings && (
        <p className="govuk-body">
          Only the first {summary.issues.length.toLocaleString('en-GB')} problems are listed. Fix those in the file and import it again to see the rest.
        </p>
      )}
    </section>
  )
}

function IssueTables({ issues, headingLevel, refused = false }: { issues: readonly RowIssue[]; headingLevel: 2 | 3; refused?: boolean }): ReactNode {
  const errors = issues.filter((i) => i.severity === 'error')
  const warnings = issues.filter((i) => i.severity === 'warning')
  return (
    <>
      {errors.length > 0 && (
        <IssueTable
          id="catalogue-rows-skipped"
          title={refused ? 'Why no project could be imported' : `Rows not imported (${errors.length.toLocaleString('en-GB')})`}
          issues={errors}
          headingLevel={headingLevel}
        />
      )}
      {warnings.length > 0 && (
        <IssueTable id="catalogue-rows-warned" title={`Imported with a problem (${warnings.length.toLocaleString('en-GB')})`} issues={warnings} headingLevel={headingLevel} />
      )}
    </>
  )
}

function IssueTable({ id, title, issues, headingLevel }: { id: string; title: string; issues: readonly RowIssue[]; headingLevel: 2 | 3 }): ReactNode {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <>
      <Heading className="govuk-heading-m" id={id}>
        {title}
      </Heading>
      <table className="govuk-table" aria-labelledby={id}>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Where
            </th>
            <th scope="col" className="govuk-table__header">
              Project
            </th>
            <th scope="col" className="govuk-table__header">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {issues.map((i, k) => (
            <tr className="govuk-table__row" key={`${whereText(i)}-${k}`}>
              <th scope="row" className="govuk-table__header">
                {whereText(i)}
              </th>
              <td className="govuk-table__cell">{i.title || <span className="govuk-hint">No title</span>}</td>
              <td className="govuk-table__cell">{i.message.charAt(0).toUpperCase() + i.message.slice(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

// ——— Search ———

function SearchSection({ projects, unreadable }: { projects: readonly CatalogueProject[]; unreadable: number }): ReactNode {
  const [filters, setFilters] = useState<CatalogueFilters>({ query: '', phase: '', organisation: '' })
  const [shown, setShown] = useState(PAGE_SIZE)
  const deferred = useDeferredValue(filters)
  const organisations = useMemo(() => catalogueOrganisations(projects), [projects])
  const results = useMemo(() => searchCatalogue(projects, deferred), [projects, deferred])
  const set = <K extends keyof CatalogueFilters>(k: K, v: CatalogueFilters[K]): void => {
    setShown(PAGE_SIZE)
    setFilters((f) => ({ ...f, [k]: v }))
  }
  const filtering = deferred.query.trim() !== '' || deferred.phase !== '' || deferred.organisation !== ''
  const heading = filtering ? `${count(results.length, 'project')} of ${projects.length.toLocaleString('en-GB')}` : count(projects.length, 'project')

  return (
    <section aria-labelledby="catalogue-search-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="catalogue-search-title">
        Search the catalogue
      </h2>
      {unreadable > 0 && (
        <p className="govuk-body">
          {count(unreadable, 'saved project')} could not be read and {unreadable === 1 ? 'is' : 'are'} not shown. Importing the catalogue again replaces them.
        </p>
      )}
      {projects.length === 0 ? (
        <p className="govuk-body">The catalogue is empty. Import a catalogue file above to search it.</p>
      ) : (
        <>
          <form role="search" aria-label="Sector catalogue" noValidate onSubmit={(e) => e.preventDefault()} className="app-mentor-filters">
            <TextField
              id="catalogue-search"
              type="search"
              label="Search projects"
              hint="Title, description, organisation, department, tags or contact. The start of a word is enough."
              value={filters.query}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set('query', e.target.value)}
              width="20"
            />
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="catalogue-filter-phase">
                Phase
              </label>
              <select id="catalogue-filter-phase" className="govuk-select" value={filters.phase} onChange={(e) => set('phase', e.target.value as CatalogueFilters['phase'])}>
                <option value="">All phases</option>
                {PHASES.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
                <option value="none">Not given</option>
              </select>
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="catalogue-filter-organisation">
                Organisation
              </label>
              <select id="catalogue-filter-organisation" className="govuk-select" value={filters.organisation} onChange={(e) => set('organisation', e.target.value)}>
                <option value="">All organisations</option>
                {organisations.map((o) => (
                  <option key={o.name} value={o.name}>
                    {o.name} ({o.count.toLocaleString('en-GB')})
                  </option>
                ))}
              </select>
            </div>
          </form>
          <h3 className="govuk-heading-m" id="catalogue-count">
            {heading}
          </h3>
          <p className="govuk-visually-hidden" role="status">
            {filtering ? `${heading} shown` : ''}
          </p>
          {results.length === 0 ? (
            <p className="govuk-body">No projects match. Try fewer words or clear a filter.</p>
          ) : (
            <>
              <ul className="govuk-list" aria-labelledby="catalogue-count">
                {results.slice(0, shown).map((p) => (
                  <CatalogueEntry key={p.key} project={p} />
                ))}
              </ul>
              {results.length > shown && (
                <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setShown((n) => n + PAGE_SIZE)}>
                  Show {Math.min(PAGE_SIZE, results.length - shown).toLocaleString('en-GB')} more
                  <span className="govuk-visually-hidden"> projects</span>
                </button>
              )}
            </>
          )}
        </>
      )}
    </section>
  )
}

const EXCERPT = 300

function CatalogueEntry({ project: p }: { project: CatalogueProject }): ReactNode {
  const id = useId().replace(/:/g, '')
  const funding = fundingText(p)
  const excerpt = p.content.length > EXCERPT ? `${p.content.slice(0, EXCERPT).trimEnd()}…` : p.content
  return (
    <li className="govuk-!-margin-bottom-6" aria-labelledby={`${id}-title`}>
      <h4 className="govuk-heading-s govuk-!-margin-bottom-1" id={`${id}-title`}>
        {p.title}
      </h4>
      <p className="govuk-body-s govuk-!-margin-bottom-1">{[p.organisation, p.department].filter(Boolean).join(' · ') || 'Organisation not given'}</p>
      <dl className="govuk-body-s govuk-!-margin-bottom-1">
        <div>
          <dt className="govuk-!-display-inline govuk-!-font-weight-bold">Phase: </dt>
          <dd className="govuk-!-display-inline govuk-!-margin-left-0">{phaseText(p)}</dd>
        </div>
        <div>
          <dt className="govuk-!-display-inline govuk-!-font-weight-bold">Key contact: </dt>
          <dd className="govuk-!-display-inline govuk-!-margin-left-0">
            <KeyContact owner={p.owner} email={p.ownerEmail} />
          </dd>
        </div>
        {(p.projectStart || p.projectEnd) && (
          <div>
            <dt className="govuk-!-display-inline govuk-!-font-weight-bold">Phase dates: </dt>
            <dd className="govuk-!-display-inline govuk-!-margin-left-0">
              {dateText(p.projectStart)} to {dateText(p.projectEnd)}
              {p.estimatedDates ? ' (estimated)' : ''}
            </dd>
          </div>
        )}
        {funding && (
          <div>
            <dt className="govuk-!-display-inline govuk-!-font-weight-bold">Funding: </dt>
            <dd className="govuk-!-display-inline govuk-!-margin-left-0">{funding}</dd>
          </div>
        )}
        {p.lastUpdated && (
          <div>
            <dt className="govuk-!-display-inline govuk-!-font-weight-bold">Last updated: </dt>
            <dd className="govuk-!-display-inline govuk-!-margin-left-0">{dateText(p.lastUpdated)}</dd>
          </div>
        )}
      </dl>
      {p.tags.length > 0 && (
        <ul className="app-tag-list govuk-!-margin-bottom-1" aria-label={`Tags of ${p.title}`}>
          {p.tags.map((t) => (
            <li key={t}>
              <strong className="govuk-tag govuk-tag--blue">{t}</strong>
            </li>
          ))}
        </ul>
      )}
      {excerpt && <p className="govuk-body govuk-!-margin-bottom-0">{excerpt}</p>}
    </li>
  )
}

// ——— Try a project description ———

function TrySection(): ReactNode {
  const [name, setName] = useState('')
  const [problem, setProblem] = useState('')
  const [tagsText, setTagsText] = useState('')
  const [serviceArea, setServiceArea] = useState('')
  const tags = useMemo(
    () =>
      tagsText
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    [tagsText]
  )
  return (
    <section aria-labelledby="catalogue-try-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="catalogue-try-title">
        Try a project description
      </h2>
      <p className="govuk-body">Describe a project you are thinking of starting to see which projects in the catalogue are like it and who to talk to.</p>
      <form noValidate onSubmit={(e) => e.preventDefault()}>
        <TextField id="catalogue-try-name" label="Project name" value={name} onChange={(e) => setName(e.target.value)} width="20" />
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="catalogue-try-problem">
            Problem statement (optional)
          </label>
          <textarea className="govuk-textarea" id="catalogue-try-problem" rows={3} value={problem} onChange={(e) => setProblem(e.target.value)} />
        </div>
        <TextField
          id="catalogue-try-tags"
          label="Tags (optional)"
          hint="Separate tags with commas, for example: allotments, waiting list"
          value={tagsText}
          onChange={(e) => setTagsText(e.target.value)}
          width="20"
        />
        <TextField id="catalogue-try-service" label="Service area (optional)" value={serviceArea} onChange={(e) => setServiceArea(e.target.value)} width="20" />
      </form>
      <SimilarProjects name={name} problem={problem} tags={tags} serviceArea={serviceArea} headingLevel={3} />
    </section>
  )
}

// ——— Remove ———

function RemoveSection({ total }: { total: number }): ReactNode {
  const { source } = useCatalogue()
  const [confirming, setConfirming] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const confirmRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
  }, [confirming])
  return (
    <section aria-labelledby="catalogue-remove-title">
      <h2 className="govuk-heading-m" id="catalogue-remove-title">
        Remove the catalogue from this computer
      </h2>
      {problem && <p className="govuk-error-message">{problem}</p>}
      {!confirming ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(true)}>
          Remove the catalogue
        </button>
      ) : (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            <p className="govuk-body govuk-!-font-weight-bold">This removes {count(total, 'project')} from this computer. Your own projects are not affected.</p>
            <div className="govuk-button-group">
              <button
                type="button"
                ref={confirmRef}
                className="govuk-button govuk-button--warning"
                onClick={() => {
                  source.clear().then(
                    () => setConfirming(false),
                    () => setProblem('The catalogue could not be removed from this computer. Try again.')
                  )
                }}
              >
                Yes, remove the catalogue
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  )
}
