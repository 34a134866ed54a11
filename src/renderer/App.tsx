import { useState, type ReactNode } from 'react'
import { Route, Router, Switch, useLocation } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { initProgrammeDoc, opContext, programmeDocName, readProgramme, upsertPerson } from '@shared/doc'
import { newId, type ProgrammeId } from '@shared/domain/ids'
import { Layout } from './components/Layout'
import { ProgrammeHome } from './features/programme/ProgrammeHome'
import { ProgrammeSettings } from './features/programme/ProgrammeSettings'
import { ProjectPage, type ProjectView } from './features/board/ProjectPage'
import { ProfilePage } from './features/profile/ProfilePage'
import { WelcomePage, type WelcomeInput } from './features/profile/WelcomePage'
import { NotFound } from './components/NotFound'
import { ErrorPageTitle } from './components/ErrorPageTitle'
import { ErrorBoundary } from './components/ErrorBoundary'
import { ReadProblemsNotice } from './components/ReadProblemsNotice'
import { useLocalDoc } from './hooks/useLocalDoc'
import { loadProfile, loadProgrammeId, saveProgrammeId, type Profile } from './workspace/profile'
import { RegistryProvider, WorkspaceProvider, useRegistry } from './workspace/WorkspaceContext'
import { useRememberProgramme } from './workspace/programmes'
import { SyncProvider, isJoinedDoc, joinedRole, useKeyStoreReady } from './sync/SyncContext'
import { SharingPage } from './features/sync/SharingPage'
import { JoinPage } from './features/sync/JoinPage'
import { SearchPage } from './features/search/SearchPage'
import { MentorDirectoryPage } from './features/mentors/MentorDirectoryPage'
import { MentorFormPage } from './features/mentors/MentorFormPage'
import { MentorProfilePage } from './features/mentors/MentorProfilePage'
import { PairingPage } from './features/pairing/PairingPage'
import { ForYouPage } from './features/comments/ForYouPage'
import { MentorHomePage } from './features/mentorHome/MentorHomePage'
import { ProgrammesPage } from './features/programmes/ProgrammesPage'
import { PortfolioPage } from './features/portfolio/PortfolioPage'
import { CataloguePage } from './features/catalogue/CataloguePage'
import { ExportPage } from './features/pipeline/ExportPage'
import { ProjectSummaryWatcher } from './features/mentoring/ProjectSummaryWatcher'

export function App(): ReactNode {
  return (
    <RegistryProvider>
      <Router hook={useHashLocation}>
        <Boot />
      </Router>
    </RegistryProvider>
  )
}

/** First run asks who you are; every later start goes straight to the workspace. */
function Boot(): ReactNode {
  const [profile, setProfile] = useState<Profile | null>(() => loadProfile())
  const [programmeId] = useState<ProgrammeId>(() => {
    const existing = loadProgrammeId()
    if (existing) return existing
    const id = newId<ProgrammeId>()
    saveProgrammeId(id)
    return id
  })
  const [welcome, setWelcome] = useState<WelcomeInput | null>(null)
  if (!profile)
    return (
      <Layout>
        <WelcomePage
          onDone={(p, input) => {
            setWelcome(input)
            setProfile(p)
          }}
        />
      </Layout>
    )
  return <KeyStoreGate>{<ProgrammeLoader profile={profile} programmeId={programmeId} welcome={welcome} onProfileChange={setProfile} />}</KeyStoreGate>
}

/** The desktop keyring comes from main: who this computer is in the programme is known only then. */
function KeyStoreGate({ children }: { children: ReactNode }): ReactNode {
  if (!useKeyStoreReady())
    return (
      <Layout>
        <p className="govuk-body" role="status">
          Opening your saved work…
        </p>
      </Layout>
    )
  return children
}

function ProgrammeLoader(props: {
  profile: Profile
  programmeId: ProgrammeId
  welcome: WelcomeInput | null
  onProfileChange(p: Profile): void
}): ReactNode {
  const { profile, programmeId, welcome, onProfileChange } = props
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
    return (
      <Layout>
        <p className="govuk-body" role="status">
          Opening your saved work…
        </p>
      </Layout>
    )
  return (
    <WorkspaceProvider profile={profile} programmeId={programmeId} programmeLocal={state.local} readOnly={viewer} onProfileChange={onProfileChange}>
      <SyncProvider registry={registry} profile={profile}>
      <Layout withWorkspace>
        <ReadProblemsNotice doc={state.local.doc} />
        <ProjectSummaryWatcher />
        <Switch>
          <Route path="/">
            <Screen name="/">
              <ProgrammeHome />
            </Screen>
          </Route>
          <Route path="/settings">
            <Screen name="/settings">
              <ProgrammeSettings />
            </Screen>
          </Route>
          <Route path="/profile">
            <Screen name="/profile">
              <ProfilePage />
            </Screen>
          </Route>
          <Route path="/sharing">
            <Screen name="/sharing">
              <SharingPage />
            </Screen>
          </Route>
          <Route path="/join">
            <Screen name="/join">
              <JoinPage />
            </Screen>
          </Route>
          <Route path="/search">
            <Screen name="/search">
              <SearchPage />
            </Screen>
          </Route>
          <Route path="/mentors">
            <Screen name="/mentors">
              <MentorDirectoryPage />
            </Screen>
          </Route>
          <Route path="/mentors/new">
            <Screen name="/mentors/new">
              <MentorFormPage />
            </Screen>
          </Route>
          <Route path="/mentors/:mentorId/edit">
            {(params) => (
              <Screen name="/mentors/:mentorId/edit">
                <MentorFormPage mentorId={params.mentorId} />
              </Screen>
            )}
          </Route>
          <Route path="/mentors/:mentorId">
            {(params) => (
              <Screen name="/mentors/:mentorId">
                <MentorProfilePage mentorId={params.mentorId} />
              </Screen>
            )}
          </Route>
          <Route path="/export">
            <Screen name="/export">
              <ExportPage />
            </Screen>
          </Route>
          <Route path="/catalogue">
            <Screen name="/catalogue">
              <CataloguePage />
            </Screen>
          </Route>
          <Route path="/portfolio">
            <Screen name="/portfolio">
              <PortfolioPage />
            </Screen>
          </Route>
          <Route path="/pairing">
            <Screen name="/pairing">
              <PairingPage />
            </Screen>
          </Route>
          <Route path="/for-you">
            <Screen name="/for-you">
              <ForYouPage />
            </Screen>
          </Route>
          <Route path="/mentoring">
            <Screen name="/mentoring">
              <MentorHomePage />
            </Screen>
          </Route>
          <Route path="/programmes">
            <Screen name="/programmes">
              <ProgrammesPage />
            </Screen>
          </Route>
          {PROJECT_SECTIONS.map((view) => (
            <Route key={view} path={`/projects/:projectId/${view}`}>
              {(params) => (
                <Screen name={`/projects/:projectId/${view}`}>
                  <ProjectPage projectId={params.projectId} view={view} />
                </Screen>
              )}
            </Route>
          ))}
          <Route path="/projects/:projectId/cards/:cardId">
            {(params) => (
              <Screen name="/projects/:projectId/cards/:cardId">
                <ProjectPage projectId={params.projectId} cardId={params.cardId} />
              </Screen>
            )}
          </Route>
          <Route path="/projects/:projectId/cycles/:cycle">
            {(params) => (
              <Screen name="/projects/:projectId/cycles/:cycle">
                <ProjectPage projectId={params.projectId} view="cycles" cycle={params.cycle} />
              </Screen>
            )}
          </Route>
          <Route path="/projects/:projectId">
            {(params) => (
              <Screen name="/projects/:projectId">
                <ProjectPage projectId={params.projectId} />
              </Screen>
            )}
          </Route>
          {/* Builds for the end-to-end tests only: a constant after the build, so release builds drop the route. */}
          {import.meta.env.VITE_FORTNIGHT_TEST_HOOKS === '1' && (
            <Route path="/test-only/throw">
              <Screen name="/test-only/throw">
                <ThrowForTest />
              </Screen>
            </Route>
          )}
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </Layout>
      </SyncProvider>
    </WorkspaceProvider>
  )
}

/** A project's sections with an address of their own (/projects/:id/<section>). */
const PROJECT_SECTIONS = ['mentors', 'history', 'discussion', 'sharing', 'details', 'cycles'] as const satisfies readonly ProjectView[]

/**
 * One route's screen inside its own error boundary: a screen that throws shows "Sorry, there is a
 * problem with this screen" while the header and every other screen keep working. Going to another
 * address renders it afresh.
 */
function Screen({ name, children }: { name: string; children: ReactNode }): ReactNode {
  const [location] = useLocation()
  return (
    <ErrorBoundary scope="screen" name={`route ${name}`} resetKey={location}>
      {children}
    </ErrorBoundary>
  )
}

/** E2E: a screen that throws while rendering, to show the error boundary (test/e2e/boundary.spec.ts). */
function ThrowForTest(): ReactNode {
  throw new Error('A screen that throws, for the end-to-end tests')
}
