import { Suspense, useEffect, useState, type ReactNode } from 'react'
import { Route, Router, Switch, useLocation } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { newId, type ProgrammeId } from '@shared/domain/ids'
import type { ProjectView } from './features/board/ProjectPage'
import { WelcomePage, type WelcomeInput } from './features/profile/WelcomePage'
import { NotFound } from './components/NotFound'
import { ErrorBoundary } from './components/ErrorBoundary'
import { PageFrame } from './components/PageFrame'
import { DelayedLoading } from './components/DelayedLoading'
import { lazyNamed, whenIdle } from './components/lazyLoad'
import { loadCharts } from './components/loadCharts'
import { loadProfile, loadProgrammeId, saveProgrammeId, type Profile } from './workspace/profile'
import { recoveredPeople, recoveredProgrammeName } from './storage/recoverProgramme'

// Only the first-run welcome is in the first script. The workspace (documents, sync, the header's
// links) and every screen load when first needed, each from its own file; the screens people
// open most (home, a project's board) are fetched as soon as the workspace starts.
const WorkspaceShell = lazyNamed(() => import('./components/WorkspaceShell'), (m) => m.WorkspaceShell)
const ProgrammeHome = lazyNamed(() => import('./features/programme/ProgrammeHome'), (m) => m.ProgrammeHome)
const ProjectPage = lazyNamed(() => import('./features/board/ProjectPage'), (m) => m.ProjectPage)
const ProgrammeSettings = lazyNamed(() => import('./features/programme/ProgrammeSettings'), (m) => m.ProgrammeSettings)
const ProfilePage = lazyNamed(() => import('./features/profile/ProfilePage'), (m) => m.ProfilePage)
const SharingPage = lazyNamed(() => import('./features/sync/SharingPage'), (m) => m.SharingPage)
const JoinPage = lazyNamed(() => import('./features/sync/JoinPage'), (m) => m.JoinPage)
const SearchPage = lazyNamed(() => import('./features/search/SearchPage'), (m) => m.SearchPage)
const MentorDirectoryPage = lazyNamed(() => import('./features/mentors/MentorDirectoryPage'), (m) => m.MentorDirectoryPage)
const MentorFormPage = lazyNamed(() => import('./features/mentors/MentorFormPage'), (m) => m.MentorFormPage)
const MentorProfilePage = lazyNamed(() => import('./features/mentors/MentorProfilePage'), (m) => m.MentorProfilePage)
const PairingPage = lazyNamed(() => import('./features/pairing/PairingPage'), (m) => m.PairingPage)
const ForYouPage = lazyNamed(() => import('./features/comments/ForYouPage'), (m) => m.ForYouPage)
const MentorHomePage = lazyNamed(() => import('./features/mentorHome/MentorHomePage'), (m) => m.MentorHomePage)
const ProgrammesPage = lazyNamed(() => import('./features/programmes/ProgrammesPage'), (m) => m.ProgrammesPage)
const PortfolioPage = lazyNamed(() => import('./features/portfolio/PortfolioPage'), (m) => m.PortfolioPage)
const CataloguePage = lazyNamed(() => import('./features/catalogue/CataloguePage'), (m) => m.CataloguePage)
const ExportPage = lazyNamed(() => import('./features/pipeline/ExportPage'), (m) => m.ExportPage)

export function App(): ReactNode {
  return (
    <Router hook={useHashLocation}>
      <Boot />
    </Router>
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
  // Where this start opened (read once: Boot must not re-render the workspace on every navigation).
  const [startedOn] = useState(() => window.location.hash.replace(/^#/, ''))
  // While someone reads the welcome, fetch what comes after it.
  useEffect(() => (profile ? undefined : whenIdle(() => void preload([WorkspaceShell, ProgrammeHome]))), [profile])
  if (!profile)
    return (
      <PageFrame>
        <WelcomePage
          foundProgramme={recoveredProgrammeName()}
          foundPeople={recoveredPeople()}
          onDone={(p, input) => {
            setWelcome(input)
            setProfile(p)
          }}
        />
      </PageFrame>
    )
  // The workspace and the screen it opens on, fetched side by side rather than one after the other.
  void preloadWorkspace(startedOn)
  return (
    <ErrorBoundary scope="screen" name="workspace" frame={PageFrame}>
      <Suspense
        fallback={
          <PageFrame>
            <DelayedLoading label="Opening your saved work…" />
          </PageFrame>
        }
      >
        <WorkspaceShell profile={profile} programmeId={programmeId} welcome={welcome} onProfileChange={setProfile}>
          <Routes />
        </WorkspaceShell>
      </Suspense>
    </ErrorBoundary>
  )
}

/**
 * Fetch the workspace and the screen a start opens on (`location`: the route, e.g. '/projects/…').
 * main.tsx calls it before the local store has loaded when this computer has been used before, so
 * the downloads overlap the disk read instead of following it.
 */
export function preloadWorkspace(location: string): Promise<void> {
  return preload([WorkspaceShell, location.startsWith('/projects/') ? ProjectPage : ProgrammeHome])
}

/** Starts downloading; a failure shows once the part is rendered (ErrorBoundary), not here. */
function preload(parts: readonly { preload(): Promise<unknown> }[]): Promise<void> {
  return Promise.all(parts.map((part) => part.preload().catch(() => {}))).then(() => {})
}

const SCREENS = [
  ProgrammeHome,
  ProjectPage,
  ProgrammeSettings,
  ProfilePage,
  SharingPage,
  JoinPage,
  SearchPage,
  MentorDirectoryPage,
  MentorFormPage,
  MentorProfilePage,
  PairingPage,
  ForYouPage,
  MentorHomePage,
  ProgrammesPage,
  PortfolioPage,
  CataloguePage,
  ExportPage
]

/**
 * Once the workspace is up, every other part is fetched in the background, most used first: in
 * browser mode the workspace then keeps working if its server goes away or the network drops
 * (the desktop app reads its own files). `data-everything-loaded` on <html> says when it is done.
 */
function preloadEverything(): () => void {
  // Not while the first screen is still loading: its own parts and data come first.
  let cancelIdle = (): void => {}
  const timer = setTimeout(() => (cancelIdle = whenIdle(fetchEverything)), EVERYTHING_AFTER_MS)
  return () => {
    clearTimeout(timer)
    cancelIdle()
  }
}

const EVERYTHING_AFTER_MS = 1_500

function fetchEverything(): void {
  void Promise.all([
    ...SCREENS.map((part) => part.preload()),
    import('./features/board/ProjectPage').then((m) => m.preloadProjectSections()),
    import('./features/programme/NewProjectForm').then((m) => m.preloadSimilarProjects()),
    import('./editor/RichTextEditor').then((m) => m.preloadEditor()),
    loadCharts()
  ]).then(
    () => (document.documentElement.dataset['everythingLoaded'] = ''),
    () => {} // A part that failed is fetched again when it is opened, and says so if it still fails.
  )
}

function Routes(): ReactNode {
  // The screens opened most, as soon as the browser is idle after the first one (a screen not yet
  // here suspends, and React holds a revealed boundary back for up to 300 ms); the rest later.
  useEffect(() => whenIdle(() => void preload([ProgrammeHome, ProjectPage, PortfolioPage])), [])
  useEffect(preloadEverything, [])
  return (
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
  )
}

/** A project's sections with an address of their own (/projects/:id/<section>). */
const PROJECT_SECTIONS = ['mentors', 'history', 'discussion', 'sharing', 'details', 'cycles'] as const satisfies readonly ProjectView[]

/**
 * One route's screen inside its own error boundary: a screen that throws shows "Sorry, there is a
 * problem with this screen" while the header and every other screen keep working. Going to another
 * address renders it afresh. The screen's code loads when first needed: "Loading…" shows if that
 * takes a moment, and a download that fails says so (ErrorBoundary) instead of leaving a blank page.
 */
function Screen({ name, children }: { name: string; children: ReactNode }): ReactNode {
  const [location] = useLocation()
  return (
    <ErrorBoundary scope="screen" name={`route ${name}`} resetKey={location}>
      <Suspense fallback={<DelayedLoading />}>{children}</Suspense>
    </ErrorBoundary>
  )
}

/** E2E: a screen that throws while rendering, to show the error boundary (test/e2e/boundary.spec.ts). */
function ThrowForTest(): ReactNode {
  throw new Error('A screen that throws, for the end-to-end tests')
}
