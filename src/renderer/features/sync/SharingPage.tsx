import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { readProgramme } from '@shared/doc'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { NOT_SHARED, roomWarning } from '@shared/sync/status'
import { useDocSyncStatus, useKeyStorage, useSyncValue, type KeyStorage } from '../../sync/SyncContext'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { InvitePanel } from './InvitePanel'
import { SyncProblem } from './SyncProblem'
import { SyncSettingsForm } from './SyncSettingsForm'

const KEY_STORAGE_TEXT: Record<KeyStorage, string> = {
  os: "This computer's sync keys (what lets it into your shared programme and projects) are encrypted by its operating system, so a copy of Fortnight's files is no use on another computer.",
  browser:
    "This computer's sync keys (what lets it into your shared programme and projects) are kept in this browser's storage, not encrypted. Anyone who can use this browser profile, or copy its files, could copy them. The desktop app keeps them encrypted.",
  unprotected:
    "This computer has no system key store Fortnight can use, so its sync keys are kept in Fortnight's storage, not encrypted. Anyone who can use your account on this computer could copy them."
}

/** /sharing: share the programme with the team, sync settings, and what others shared with you. */
export function SharingPage(): ReactNode {
  const ws = useWorkspace()
  const programme = useDocValue(ws.programme, readProgramme)
  const keys = useSyncValue((m) => m.keyring.list(), [])
  const sharedWithMe = keys.filter((k) => k.kind === 'project' && k.role !== 'team')
  const teamProjects = keys.filter((k) => k.kind === 'project' && k.role === 'team')
  const overall = useSyncValue((m) => m.overallStatus(), NOT_SHARED)
  const keyStorage = useKeyStorage()
  useTitle('Sharing and sync')
  return (
    <>
      <h1 className="govuk-heading-xl">Sharing and sync</h1>
      <p className="govuk-body">
        Fortnight syncs directly between colleagues&apos; computers. Everything is encrypted between computers; nothing is stored on a
        server unless your council adds a relay.
      </p>
      <p className="govuk-body" data-testid="key-storage">
        {KEY_STORAGE_TEXT[keyStorage]}
      </p>
      <SyncProblem status={overall} />
      {teamProjects.map((k) => (
        <ProjectRoomsAlert key={k.docId} docId={k.docId} name={k.docName ?? 'A shared project'} />
      ))}
      <p className="govuk-body">
        <Link href="/join" className="govuk-link">
          Join with an invite
        </Link>
      </p>
      <h2 className="govuk-heading-m">Share this programme with your team</h2>
      <p className="govuk-body">
        Team members who join the programme get every project in it. To invite a mentor or a viewer, open the project and choose
        Sharing.
      </p>
      <InvitePanel docId={ws.programmeId} kind="programme" docName={programme?.name ?? 'Change programme'} settingsOnPage />
      {sharedWithMe.length > 0 && (
        <>
          <h2 className="govuk-heading-m govuk-!-margin-top-6">Projects shared with you</h2>
          <ul className="govuk-list">
            {sharedWithMe.map((k) => (
              <li key={k.docId}>
                <Link href={`/projects/${k.docId}`} className="govuk-link">
                  {k.docName ?? 'Shared project'}
                </Link>{' '}
                (as a {k.role})
              </li>
            ))}
          </ul>
        </>
      )}
      <SyncSettingsForm />
    </>
  )
}

/**
 * A team project whose mentor or viewer room had changes refused, or whose room was stuck: said
 * here too, with a link to the project's Sharing section (which has the details per room).
 */
function ProjectRoomsAlert({ docId, name }: { docId: string; name: string }): ReactNode {
  const status = useDocSyncStatus(docId)
  const warnings = status.rooms.map(roomWarning).filter((w): w is string => w !== null)
  if (status.refused === 0 && warnings.length === 0) return null
  const { mentor, viewer } = status.refusedByRoom
  return (
    <div className="govuk-inset-text" data-testid="project-room-alert">
      <p className="govuk-body">
        <Link href={`/projects/${docId}/sharing`} className="govuk-link">
          {name}
        </Link>
        : changes refused from the mentor room: {mentor}; from the viewer room: {viewer}. The board was not changed.
      </p>
      {warnings.map((w) => (
        <p key={w} className="govuk-body">
          {w}
        </p>
      ))}
    </div>
  )
}
