import type { ReactNode } from 'react'
import { readProject } from '@shared/doc'
import { useDocValue } from '../../hooks/useDocValue'
import { useDocSyncStatus } from '../../sync/SyncContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { InvitePanel } from './InvitePanel'
import { RoomRefusals } from './RoomRefusals'
import { SyncProblem } from './SyncProblem'

/** The project's Sharing section: invites by role, and rotation. */
export function ProjectSharing(): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const project = useDocValue(doc, readProject)
  const status = useDocSyncStatus(projectId)
  return (
    <>
      <h2 className="govuk-heading-m">Sharing</h2>
      <SyncProblem status={status} />
      <InvitePanel docId={projectId} kind="project" docName={project?.name ?? 'Project'} />
      {status.refused > 0 && (
        <p className="govuk-body govuk-!-margin-top-4" data-testid="refused-count">
          {status.refused === 1 ? '1 change' : `${status.refused} changes`} from mentors or viewers {status.refused === 1 ? 'was' : 'were'}{' '}
          refused. The board was not changed.
        </p>
      )}
      <RoomRefusals status={status} />
    </>
  )
}
