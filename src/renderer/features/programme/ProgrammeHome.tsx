import { useState, type FormEvent, type ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import { editProject, projectDocName, projectsWithoutActiveMentor, readProgramme, readProjectIndex } from '@shared/doc'
import type { ProjectDoc, ProjectSummary, ProjectSummaryWithMentors } from '@shared/doc'
import { formatLongDate } from '@shared/domain/dates'
import { TextField } from '../../components/Field'
import { errorMessage } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectSearch } from './useProjectSearch'
import { NewProjectForm } from './NewProjectForm'
import { focusSearchBoxOnArrival, rememberQuery } from '../search/searchPrefs'

/** The programme home: every change project in the accelerator, and where new ones start. */
export function ProgrammeHome(): ReactNode {
  const ws = useWorkspace()
  const programme = useDocValue(ws.programme, readProgramme)
  const projects = useDocValue(ws.programme, readProjectIndex)
  const [query, setQuery] = useState('')
  const [showArchived, setShowArchived] = useState(false)
  const found = useProjectSearch(projects, query)
  const visible = found.filter((p) => showArchived || !p.archived)
  const archivedCount = projects.filter((p) => p.archived).length
  // What the list could show with no words typed: the count the filter is "of".
  const listed = showArchived ? projects.length : projects.length - archivedCount
  const filtering = query.trim() !== ''
  const [, navigate] = useLocation()
  useTitle('Your change projects')
  const searchEverything = (): void => {
    rememberQuery(query.trim())
    focusSearchBoxOnArrival()
    navigate('/search')
  }

  return (
    <>
      <span className="govuk-caption-l">{[programme?.council, programme?.name].filter(Boolean).join(' · ')}</span>
      <h1 className="govuk-heading-xl">Your change projects</h1>
      <p className="govuk-body">
        <Link href="/portfolio" className="govuk-link">
          Portfolio
        </Link>
        : every project at a glance, with its cycle, last decision and mentors.{' '}
        <Link href="/catalogue" className="govuk-link">
          Sector catalogue
        </Link>
        : what other councils have done, imported from the Pipeline.{' '}
        <Link href="/export" className="govuk-link">
          Report to the Pipeline
        </Link>
        : check, export and publish progress.
      </p>
      {!ws.readOnly && <NewProjectForm />}
      <h2 className="govuk-heading-m" id="projects-heading">
        Projects ({filtering ? `${visible.length} of ${listed}` : listed})
      </h2>
      <form
        role="search"
        aria-label="Projects"
        className="app-inline-form govuk-!-margin-bottom-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          searchEverything()
        }}
      >
        <TextField
          id="project-search"
          label="Search by name or tag"
          hint="Filters the list as you type. Press Enter to search cards, notes, feedback, decisions and comments too."
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          width="20"
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Search everything
        </button>
        {archivedCount > 0 && (
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="show-archived"
                type="checkbox"
                checked={showArchived}
                onChange={(e) => setShowArchived(e.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="show-archived">
                Show archived projects ({archivedCount})
              </label>
            </div>
          </div>
        )}
      </form>
      <div role="status">
        {filtering && (
          <p className="govuk-body">
            {visible.length === 0 ? 'No projects match' : visible.length === 1 ? '1 project matches' : `${visible.length} projects match`} “
            {query.trim()}”.{' '}
            <Link href="/search" className="govuk-link" onClick={() => rememberQuery(query.trim())}>
              Search cards, notes, feedback, decisions and comments for “{query.trim()}”
            </Link>
          </p>
        )}
      </div>
      {projects.length === 0 ? (
        <p className="govuk-body">No projects yet. Start one above: it only needs a name.</p>
      ) : visible.length === 0 ? (
        filtering ? null : <p className="govuk-body">No projects to show. Tick “Show archived projects” to see archived ones.</p>
      ) : (
        <ul className="app-project-list" aria-label="Change projects">
          {visible.map((p) => (
            <ProjectRow key={p.id} project={p} />
          ))}
        </ul>
      )}
      <MentorCoverage projects={projects} />
    </>
  )
}

/**
 * Which live projects have no active mentor, from the programme's summaries (no project doc is
 * opened). Each links to the project's Mentors section, where suggestions are.
 */
function MentorCoverage({ projects }: { projects: readonly ProjectSummaryWithMentors[] }): ReactNode {
  const ws = useWorkspace()
  const without = useDocValue(ws.programme, projectsWithoutActiveMentor)
  const live = projects.filter((p) => !p.archived)
  if (live.length === 0) return null
  return (
    <section className="app-mentor-coverage" aria-labelledby="mentor-coverage-heading">
      <h2 className="govuk-heading-m" id="mentor-coverage-heading">
        Mentor coverage
      </h2>
      <p className="govuk-body">
        {without.length === 0
          ? `Every project has an active mentor (${live.length} of ${live.length}).`
          : `${without.length} of ${live.length} ${live.length === 1 ? 'project has' : 'projects have'} no active mentor.`}{' '}
        <Link href="/mentors" className="govuk-link">
          Mentor directory
        </Link>
      </p>
      {without.length > 0 && (
        // Closed by default: with many projects the list would push everything else down.
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Projects with no active mentor</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list govuk-list--bullet" aria-label="Projects with no active mentor">
              {without.map((p) => (
                <li key={p.id}>
                  <Link href={`/projects/${p.id}/mentors`} className="govuk-link">
                    Find a mentor for {p.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
    </section>
  )
}

function mentorCountText(p: ProjectSummary): string {
  const n = p.activeMentorIds?.length ?? 0
  const count = n === 0 ? 'No active mentor' : n === 1 ? '1 active mentor' : `${n} active mentors`
  return p.lastSessionDate ? `${count}, last session ${formatLongDate(p.lastSessionDate)}` : count
}

function ProjectRow({ project }: { project: ProjectSummary }): ReactNode {
  const ws = useWorkspace()
  const [renaming, setRenaming] = useState(false)
  const [name, setName] = useState(project.name)
  const [error, setError] = useState<string | null>(null)

  // The project doc is the source of truth: open it, change it, and the index follows.
  const withProjectDoc = async (fn: (doc: ProjectDoc) => void): Promise<boolean> => {
    const docName = projectDocName(project.id)
    try {
      const local = await ws.registry.acquire(docName)
      try {
        if (local.readOnly) throw new Error('This project was saved by a newer version of Fortnight and can only be read')
        fn(local.doc)
      } finally {
        ws.registry.release(docName)
      }
      return true
    } catch (err) {
      setError(errorMessage(err))
      return false
    }
  }

  const rename = async (ev: FormEvent): Promise<void> => {
    ev.preventDefault()
    if (await withProjectDoc((doc) => editProject(ws.programme, doc, ws.ctx, { name }))) {
      setRenaming(false)
      setError(null)
    }
  }

  const inputId = `rename-${project.id}`
  return (
    <li className="app-project-list__item">
      <div>
        <Link href={`/projects/${project.id}`} className="govuk-link govuk-link--no-visited-state govuk-heading-s govuk-!-margin-bottom-0">
          {project.name}
        </Link>
        <p className="app-project-list__meta">
          <strong className="govuk-tag govuk-tag--grey">{project.phase}</strong>{' '}
          {project.archived && <strong className="govuk-tag govuk-tag--yellow">Archived</strong>}{' '}
          {project.tags.length > 0 && <span>Tags: {project.tags.join(', ')}</span>} <span>{mentorCountText(project)}</span>
        </p>
        {renaming && (
          <form className="app-inline-form govuk-!-margin-top-2" onSubmit={(e) => void rename(e)} noValidate>
            <TextField
              id={inputId}
              label={`New name for ${project.name}`}
              labelClassName="govuk-label--s"
              value={name}
              error={error ?? undefined}
              onChange={(e) => setName(e.target.value)}
              width="20"
            />
            <button type="submit" className="govuk-button">
              Save name
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        )}
        {!renaming && error && (
          <p className="govuk-error-message" role="alert">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
      </div>
      {!ws.readOnly && (
      <div className="app-button-group-tight">
        {!renaming && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRenaming(true)}>
            Rename<span className="govuk-visually-hidden"> {project.name}</span>
          </button>
        )}
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => void withProjectDoc((doc) => editProject(ws.programme, doc, ws.ctx, { archived: !project.archived }))}
        >
          {project.archived ? 'Restore' : 'Archive'}
          <span className="govuk-visually-hidden"> {project.name}</span>
        </button>
      </div>
      )}
    </li>
  )
}
