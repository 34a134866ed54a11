import { useEffect, useState, type ReactNode } from 'react'
import { initProgrammeDoc, opContext, programmeDocName, projectDocName, readProgramme, upsertPerson } from '@shared/doc'
import type { ProgrammeId } from '@shared/domain/ids'
import { Layout } from './Layout'
import { ErrorPageTitle } from './ErrorPageTitle'
import { ReadProblemsNotice } from './ReadProblemsNotice'
import { useLocalDoc } from '../hooks/useLocalDoc'
import type { Profile } from '../workspace/profile'
import { RegistryProvider, WorkspaceProvider, useRegistry } from '../workspace/WorkspaceContext'
import { useRememberProgramme } from '../workspace/programmes'
import { SyncProvider, isJoinedDoc, joinedRole, useKeyStoreReady } from '../sync/SyncContext'
import type { WelcomeInput } from '../features/profile/WelcomePage'
import { ProjectSummaryWatcher } from '../features/mentoring/ProjectSummaryWatcher'

export interface WorkspaceShellProps {
  readonly profile: Profile
  readonly programmeId: ProgrammeId
  /** What the first-run welcome asked for, to name a new programme. */
  readonly welcome: WelcomeInput | null
  onProfileChange(p: Profile): void
  /** The workspace's screens (App.tsx's routes), shown inside the workspace's Layout. */
  readonly children: ReactNode
}

/**
 * Everything a workspace needs around its screens: the doc registry, the desktop keyring, the
 * programme's doc, sync and the page Layout with its header links. Loaded on its own (App.tsx) so
 * the first-run welcome shows before the document, sync and search code has even been parsed.
 */
export function WorkspaceShell({ children, ...props }: WorkspaceShellProps): ReactNode {
  return (
    <RegistryProvider>
      <KeyStoreGate>
        <ProgrammeLoader {...props}>{children}</ProgrammeLoader>
      </KeyStoreGate>
    </RegistryProvider>
  )
}

function OpeningSavedWork(): ReactNode {
  return (
    <Layout>
      <p className="govuk-body" role="status">
        Opening your saved work…
      </p>
    </Layout>
  )
}

/** The desktop keyring comes from main: who this computer is in the programme is known only then. */
function KeyStoreGate({ children }: { children: ReactNode }): ReactNode {
  if (!useKeyStoreReady())
    return <OpeningSavedWork />
  return children
}

function ProgrammeLoader(props: Omit<WorkspaceShellProps, 'children'> & { children: ReactNode }): ReactNode {
  const { profile, programmeId, welcome, onProfileChange, children } = props
  const registry = useRegistry()
  // A manager who joined with a programme viewer invite reads it and writes nothing, not even their name.
  const [viewer] = useState(() => joinedRole(programmeId) === 'viewer')
  const state = useLocalDoc(programmeDocName(programmeId), ({ doc, readOnly }) => {
    if (readOnly || viewer) return
    const ctx = opContext({ id: profile.id, name: profile.name })
    // A programme joined from an invite arrives over sync: filling it here would race the real one.
    if (!readProgramme(doc) && !isJoinedDoc(programmeId))
      initProgrammeDoc(doc, ctx, { id: programmeId, name: welcome?.programmeName || 'Change programme', council: welcome?.council ?? '' })
    upsertPerson(doc, ctx, profile.id, { name: profile.name, colour: profile.colour, role: 'team' })
  })
  // "Your programmes" lists every programme opened on this computer, by its current name.
  useRememberProgramme(programmeId, state.status === 'ready' ? state.local.doc : null)
  useOpenStartingProject()

  if (state.status === 'error')
    return (
      <Layout>
        <ErrorPageTitle title="Your saved work could not be opened" />
        <div className="govuk-error-summary" role="alert" aria-labelledby="load-error-title" tabIndex={-1}>
          <h1 className="govuk-error-summary__title" id="load-error-title">
            Fortnight could not open your saved work
          </h1>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{state.message}.</p>
            <p className="govuk-body">
              Nothing has been deleted. Close other Fortnight windows, then{' '}
              <a className="govuk-link" href="#/" onClick={() => window.location.reload()}>
                try again
              </a>
              .
            </p>
          </div>
        </div>
      </Layout>
    )
  if (state.status === 'loading')
    return <OpeningSavedWork />
  return (
    <WorkspaceProvider profile={profile} programmeId={programmeId} programmeLocal={state.local} readOnly={viewer} onProfileChange={onProfileChange}>
      <SyncProvider registry={registry} profile={profile}>
        <Layout withWorkspace>
          <ReadProblemsNotice doc={state.local.doc} />
          <ProjectSummaryWatcher />
          {children}
        </Layout>
      </SyncProvider>
    </WorkspaceProvider>
  )
}

/** How long the start-up open holds a project for the page that asks for it next. */
const STARTING_PROJECT_HOLD_MS = 10_000

/**
 * A start on a project's address (a bookmark, a reload) reads that project from disk alongside the
 * programme rather than after it: the project page, when it asks, gets the same open doc. Held for
 * a while then let go (the registry closes it only if nothing else holds it). An open that fails is
 * reported by the project page's own open, which tries again.
 */
function useOpenStartingProject(): void {
  const registry = useRegistry()
  useEffect(() => {
    // The id as the project route reads it (wouter hands params over as they are in the address).
    const id = /^#\/projects\/([^/?#]+)/.exec(window.location.hash)?.[1]
    if (!id) return
    const name = projectDocName(id)
    let held = true
    registry.acquire(name).catch(() => {})
    const letGo = (): void => {
      if (!held) return
      held = false
      registry.release(name)
    }
    const timer = setTimeout(letGo, STARTING_PROJECT_HOLD_MS)
    return () => {
      clearTimeout(timer)
      letGo()
    }
  }, [registry])
}
