import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { Link } from 'wouter'
import { createBoardUndo, projectDocName, readProject, type LocalDoc } from '@shared/doc'
import type { CardId, ProjectId } from '@shared/domain/ids'
import { NotFound } from '../../components/NotFound'
import { errorMessage } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useLocalDoc } from '../../hooks/useLocalDoc'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { CardDialog } from '../card/CardDialog'
import { ProjectDetails } from '../project/ProjectDetails'
import { Board } from './Board'
import { ProjectDocCtx, type ProjectDocValue } from './ProjectDocContext'
import { UndoButtons } from './UndoButtons'

export type ProjectView = 'board' | 'details'

export function ProjectPage(props: { projectId: string; cardId?: string; view?: ProjectView }): ReactNode {
  const state = useLocalDoc(projectDocName(props.projectId))
  if (state.status === 'loading')
    return (
      <p className="govuk-body" role="status">
        Opening project…
      </p>
    )
  if (state.status === 'error')
    return (
      <div className="govuk-error-summary" role="alert" aria-labelledby="project-load-error">
        <h1 className="govuk-error-summary__title" id="project-load-error">
          This project could not be opened
        </h1>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">{state.message}. Nothing has been deleted.</p>
        </div>
      </div>
    )
  return <LoadedProject local={state.local} projectId={props.projectId as ProjectId} cardId={props.cardId as CardId | undefined} view={props.view ?? 'board'} />
}

function LoadedProject(props: { local: LocalDoc; projectId: ProjectId; cardId?: CardId; view: ProjectView }): ReactNode {
  const { local, projectId, cardId, view } = props
  const ws = useWorkspace()
  const project = useDocValue(local.doc, readProject)
  const [undo] = useState(() => createBoardUndo(local.doc, ws.ctx))
  useEffect(() => () => undo.destroy(), [undo])
  useEffect(() => local.onStorageError((e) => ws.reportError(e.message)), [local, ws])
  useTitle(project ? (view === 'details' ? `Details – ${project.name}` : project.name) : 'Project')

  const value = useMemo<ProjectDocValue>(
    () => ({
      projectId,
      doc: local.doc,
      readOnly: local.readOnly,
      undo,
      run(fn) {
        if (local.readOnly) {
          ws.reportError('This project was saved by a newer version of Fortnight, so it can only be read here')
          return false
        }
        try {
          fn()
          return true
        } catch (err) {
          ws.reportError(errorMessage(err))
          return false
        }
      }
    }),
    [projectId, local, undo, ws]
  )

  if (!project) return <NotFound what="Project" />
  return (
    <ProjectDocCtx.Provider value={value}>
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
      <nav className="govuk-service-navigation govuk-!-margin-bottom-4" aria-label="Project sections">
        <ul className="govuk-service-navigation__list">
          <li className={`govuk-service-navigation__item${view === 'board' ? ' govuk-service-navigation__item--active' : ''}`}>
            <Link className="govuk-service-navigation__link" href={`/projects/${projectId}`} aria-current={view === 'board' ? 'page' : undefined}>
              Board
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
        </ul>
      </nav>
      {view === 'details' ? (
        <ProjectDetails />
      ) : (
        <>
          <UndoButtons />
          <Board />
          {cardId && <CardDialog cardId={cardId} />}
        </>
      )}
    </ProjectDocCtx.Provider>
  )
}
