import { useContext, useEffect, useRef, type ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import { WorkspaceCtxForLayout } from '../workspace/WorkspaceContext'
import { Avatar } from './Avatar'
import { PageFrame } from './PageFrame'
import { SyncStatusLink } from '../features/sync/SyncStatusLink'
import { SearchHeaderLink } from '../features/search/SearchHeaderLink'
import { ForYouHeaderLink } from '../features/comments/ForYouHeaderLink'
import { SaveStatus } from '../features/storage/SaveStatus'
import { MentoringHeaderLink } from '../features/mentorHome/MentoringHeaderLink'

/** The workspace's page frame: PageFrame with the header's links, the view-only note and the error banner. */
export function Layout({ children, withWorkspace = false }: { children: ReactNode; withWorkspace?: boolean }): ReactNode {
  const ws = useContext(WorkspaceCtxForLayout)
  const workspace = withWorkspace ? ws : null
  const [location] = useLocation()
  const clearActionErrors = workspace?.clearActionErrors
  // An error about something done on another page no longer applies once the person moves on.
  useEffect(() => clearActionErrors?.(), [location, clearActionErrors])
  const bannerRef = useRef<HTMLDivElement>(null)
  const errorCount = workspace?.errors.length ?? 0
  const seen = useRef(0)
  // A new problem in the banner is brought into view and focused, so it is seen and heard.
  useEffect(() => {
    if (errorCount > seen.current) bannerRef.current?.focus()
    seen.current = errorCount
  }, [errorCount])
  return (
    <PageFrame
      headerLinks={
        workspace && (
          <div className="app-header__profile">
            <SearchHeaderLink />
            <ForYouHeaderLink />
            <SaveStatus />
            <SyncStatusLink />
            <MentoringHeaderLink />
            <Link href="/mentors">Mentors</Link>
            <Link href="/settings">Programme settings</Link>
            <Avatar name={workspace.profile.name} colour={workspace.profile.colour} />
            <Link href="/profile" aria-label={`Your profile: ${workspace.profile.name}`}>
              {workspace.profile.name}
            </Link>
          </div>
        )
      }
    >
      {workspace?.readOnly && (
        <div className="govuk-inset-text" data-testid="view-only">
          You have view-only access to this programme. You can see its projects, the portfolio and the mentor directory, but not change them.
        </div>
      )}
      {workspace && workspace.errors.length > 0 && (
        <div className="govuk-error-summary" role="alert" aria-labelledby="app-errors-title" tabIndex={-1} ref={bannerRef}>
          <h2 className="govuk-error-summary__title" id="app-errors-title">
            There is a problem
          </h2>
          <div className="govuk-error-summary__body">
            <ul className="govuk-list govuk-error-summary__list">
              {workspace.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={workspace.dismissErrors}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      {children}
    </PageFrame>
  )
}
