import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react'
import { Link } from 'wouter'
import { createBoardUndo, projectDocName, readProject, type LocalDoc } from '@shared/doc'
import type { CardId, ProjectId } from '@shared/domain/ids'
import { NotFound } from '../../components/NotFound'
import { ErrorPageTitle } from '../../components/ErrorPageTitle'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { ReadProblemsNotice } from '../../components/ReadProblemsNotice'
import { errorMessage } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useLocalDoc } from '../../hooks/useLocalDoc'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { DelayedLoading } from '../../components/DelayedLoading'
import { lazyNamed } from '../../components/lazyLoad'
import { Board } from './Board'
import { CyclesSection, cyclesTitle } from '../cycles/CyclesSection'
import { ProjectDocCtx, type ProjectDocValue } from './ProjectDocContext'
import { UndoButtons } from './UndoButtons'
import { ProjectMentorsSummary } from '../mentoring/ProjectMentorsSummary'
import { ProjectSyncFrame } from '../sync/ProjectSyncFrame'
import { useDocSyncStatus, useRole } from '../../sync/SyncContext'
import { statusText } from '@shared/sync/status'

// The board (and cycles, whose header the board shows) come with the page; the other sections
// and the card dialog load when first opened, so opening a project fetches and parses less.
const CardDialog = lazyNamed(() => import('../card/CardDialog'), (m) => m.CardDialog)
const ProjectDetails = lazyNamed(() => import('../project/ProjectDetails'), (m) => m.ProjectDetails)
const ProjectSharing = lazyNamed(() => import('../sync/ProjectSharing'), (m) => m.ProjectSharing)
const ProjectMentors = lazyNamed(() => import('../mentoring/ProjectMentors'), (m) => m.ProjectMentors)
const ActivityHistory = lazyNamed(() => import('../history/ActivityHistory'), (m) => m.ActivityHistory)
const ProjectDiscussion = lazyNamed(() => import('../comments/ProjectDiscussion'), (m) => m.ProjectDiscussion)

/** Fetch every section now (App.tsx preloads everything once the workspace is up). */
export function preloadProjectSections(): Promise<unknown> {
  return Promise.all([CardDialog, ProjectDetails, ProjectSharing, ProjectMentors, ActivityHistory, ProjectDiscussion].map((part) => part.preload()))
}

export type ProjectView = 'board' | 'details' | 'sharing' | 'cycles' | 'mentors' | 'discussion' | 'history'

export function ProjectPage(props: { projectId: string; cardId?: string; view?: ProjectView; cycle?: string }): ReactNode {
  const state = useLocalDoc(projectDocName(props.projectId))
  if (state.status === 'loading')
    return (
      <p className="govuk-body" role="status">
        Opening project…
      </p>
    )
  if (state.status === 'error')
    return (
      <>
      <ErrorPageTitle title="This project could not be opened" />
      <div className="govuk-error-summary" role="alert" aria-labelledby="project-load-error">
        <h1 className="govuk-error-summary__title" id="project-load-error">
          This project could not be opened
        </h1>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">{state.message}. Nothing has been deleted.</p>
        </div>
      </div>
      </>
    )
  return <LoadedProject local={state.local} projectId={props.projectId as ProjectId} cardId={props.cardId as CardId | undefined} view={props.view ?? 'board'} cycle={props.cycle} />
}

function LoadedProject(props: { local: LocalDoc; projectId: ProjectId; cardId?: CardId; view: ProjectView; cycle?: string | undefined }): ReactNode {
  const { local, projectId, cardId, view } = props
  const ws = useWorkspace()
  const project = useDocValue(local.doc, readProject)
  // Mentors and viewers read the board; the team's peers refuse their board edits anyway (docs/sync.md).
  const role = useRole(projectId)
  const syncStatus = useDocSyncStatus(projectId)
  const readOnly = local.readOnly || (role !== null && role !== 'team')
  const [undo] = useState(() => createBoardUndo(local.doc, ws.ctx))
  useEffect(() => () => undo.destroy(), [undo])
  useEffect(() => local.onStorageError((e) => ws.reportError(e.message)), [local, ws])
  useTitle(project ? (view === 'cycles' ? cyclesTitle(props.cycle, project.name) : view === 'details' ? `Details – ${project.name}` : view === 'sharing' ? `Sharing – ${project.name}` : view === 'mentors' ? `Mentors – ${project.name}` : view === 'discussion' ? `Discussion – ${project.name}` : view === 'history' ? `History – ${project.name}` : project.name) : 'Project')

  const value = useMemo<ProjectDocValue>(() => {
    const write = (fn: () => void): void => {
      if (local.readOnly) throw new Error('This project was saved by a newer version of Fortnight, so it can only be read here')
      if (readOnly) throw new Error(`You joined this project as a ${role ?? 'reader'}, so you can read the board but not change it`)
      fn()
    }
    return {
      projectId,
      doc: local.doc,
      readOnly,
      undo,
      write,
      run(fn) {
        try {
          write(fn)
          ws.clearActionErrors()
          return true
        } catch (err) {
          ws.reportError(errorMessage(err), 'action')
          return false
        }
      }
    }
  }, [projectId, local, undo, ws, readOnly, role]
  )

  if (!project && role !== null)
    return (
      <p className="govuk-body" role="status">
        Waiting for this project to arrive from colleagues… ({statusText(syncStatus)})
      </p>
    )
  if (!project) return <NotFound what="Project" />
  return (
    <ProjectDocCtx.Provider value={value}>
      <ProjectSyncFrame docId={projectId}>
      <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
        <ol className="govuk-breadcrumbs__list">
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" href="/">
              Projects
            </Link>
          </li>
          <li className="govuk-breadcrumbs__list-item">{project.name}</li>
        </ol>
      </nav>
      {local.readOnly && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This project was saved by a newer version of Fortnight. You can read it, but update Fortnight to change it.
          </strong>
        </div>
      )}
      <span className="govuk-caption-l">
        {project.phase}
        {project.serviceArea ? ` · ${project.serviceArea}` : ''}
        {project.archived ? ' · Archived' : ''}
      </span>
      <h1 className="govuk-heading-l">{project.name}</h1>
      <ProjectMentorsSummary />
      <nav className="govuk-service-navigation govuk-!-margin-bottom-4" aria-label="Project sections">
        <ul className="govuk-service-navigation__list">
          <li className={`govuk-service-navigation__item${view === 'board' ? ' govuk-service-navigation__item--active' : ''}`}>
            <Link className="govuk-service-navigation__link" href={`/projects/${projectId}`} aria-current={view === 'board' ? 'page' : undefined}>
              Board
            </Link>
          </li>
          <li className={`govuk-service-navigation__item${view === 'cycles' ? ' govuk-service-navigation__item--active' : ''}`}>
            <Link className="govuk-service-navigation__link" href={`/projects/${projectId}/cycles`} aria-current={view === 'cycles' && props.cycle === undefined ? 'page' : undefined}>
              Cycles
            </Link>
          </li>
          <li className={`govuk-service-navigation__item${view === 'details' ? ' govuk-service-navigation__item--active' : ''}`}>
            <Link
              className="govuk-service-navigation__link"
              href={`/projects/${projectId}/details`}
              aria-current={view === 'details' ? 'page' : undefined}
            >
              Project details
            </Link>
          </li>
          <li className={`govuk-service-navigation__item${view === 'mentors' ? ' govuk-service-navigation__item--active' : ''}`}>
            <Link
              className="govuk-service-navigation__link"
              href={`/projects/${projectId}/mentors`}
              aria-current={view === 'mentors' ? 'page' : undefined}
            >
              Mentors
            </Link>
          </li>
          <li className={`govuk-service-navigation__item${view === 'discussion' ? ' govuk-service-navigation__item--active' : ''}`}>
            <Link
              className="govuk-service-navigation__link"
              href={`/projects/${projectId}/discussion`}
              aria-current={view === 'discussion' ? 'page' : undefined}
            >
              Discussion
            </Link>
          </li>
          <li className={`govuk-service-navigation__item${view === 'history' ? ' govuk-service-navigation__item--active' : ''}`}>
            <Link
              className="govuk-service-navigation__link"
              href={`/projects/${projectId}/history`}
              aria-current={view === 'history' ? 'page' : undefined}
            >
              History
            </Link>
          </li>
          <li className={`govuk-service-navigation__item${view === 'sharing' ? ' govuk-service-navigation__item--active' : ''}`}>
            <Link
              className="govuk-service-navigation__link"
              href={`/projects/${projectId}/sharing`}
              aria-current={view === 'sharing' ? 'page' : undefined}
            >
              Sharing
            </Link>
          </li>
        </ul>
      </nav>
      <ReadProblemsNotice doc={local.doc} />
      <ErrorBoundary scope="section" name={`project section ${view}`} resetKey={`${view}/${props.cycle ?? ''}/${cardId ?? ''}`}>
        <Suspense fallback={<DelayedLoading />}>
        {view === 'cycles' ? (
          <CyclesSection cycle={props.cycle} />
        ) : view === 'sharing' ? (
          <ProjectSharing />
        ) : view === 'mentors' ? (
          <ProjectMentors />
        ) : view === 'discussion' ? (
          <ProjectDiscussion />
        ) : view === 'history' ? (
          <ActivityHistory />
        ) : view === 'details' ? (
          <ProjectDetails />
        ) : (
          <>
            <UndoButtons />
            <Board />
          </>
        )}
        </Suspense>
      </ErrorBoundary>
      {view === 'board' && cardId && (
        <ErrorBoundary scope="section" name="project section card" resetKey={cardId}>
          <Suspense fallback={null}>
            <CardDialog cardId={cardId} />
          </Suspense>
        </ErrorBoundary>
      )}
      </ProjectSyncFrame>
    </ProjectDocCtx.Provider>
  )
}
