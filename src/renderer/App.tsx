import { useState, type ReactNode } from 'react'
import { Route, Router, Switch } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { initProgrammeDoc, opContext, programmeDocName, readProgramme, upsertPerson } from '@shared/doc'
import { newId, type ProgrammeId } from '@shared/domain/ids'
import { Layout } from './components/Layout'
import { ProgrammeHome } from './features/programme/ProgrammeHome'
import { ProgrammeSettings } from './features/programme/ProgrammeSettings'
import { ProjectPage } from './features/board/ProjectPage'
import { ProfilePage } from './features/profile/ProfilePage'
import { WelcomePage, type WelcomeInput } from './features/profile/WelcomePage'
import { NotFound } from './components/NotFound'
import { ErrorPageTitle } from './components/ErrorPageTitle'
import { useLocalDoc } from './hooks/useLocalDoc'
import { loadProfile, loadProgrammeId, saveProgrammeId, type Profile } from './workspace/profile'
import { RegistryProvider, WorkspaceProvider, useRegistry } from './workspace/WorkspaceContext'
import { SyncProvider, isJoinedDoc } from './sync/SyncContext'
import { SharingPage } from './features/sync/SharingPage'
import { JoinPage } from './features/sync/JoinPage'
import { SearchPage } from './features/search/SearchPage'

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
  return <ProgrammeLoader profile={profile} programmeId={programmeId} welcome={welcome} onProfileChange={setProfile} />
}

function ProgrammeLoader(props: {
  profile: Profile
  programmeId: ProgrammeId
  welcome: WelcomeInput | null
  onProfileChange(p: Profile): void
}): ReactNode {
  const { profile, programmeId, welcome, onProfileChange } = props
  const registry = useRegistry()
  const state = useLocalDoc(programmeDocName(programmeId), ({ doc, readOnly }) => {
    if (readOnly) return
    const ctx = opContext({ id: profile.id, name: profile.name })
    // A programme joined from an invite arrives over sync: filling it here would race the real one.
    if (!readProgramme(doc) && !isJoinedDoc(programmeId))
      initProgrammeDoc(doc, ctx, { id: programmeId, name: welcome?.programmeName || 'Change programme', council: welcome?.council ?? '' })
    upsertPerson(doc, ctx, profile.id, { name: profile.name, colour: profile.colour, role: 'team' })
  })

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
    <WorkspaceProvider profile={profile} programmeId={programmeId} programmeLocal={state.local} onProfileChange={onProfileChange}>
      <SyncProvider registry={registry} profile={profile}>
      <Layout withWorkspace>
        <Switch>
          <Route path="/">
            <ProgrammeHome />
          </Route>
          <Route path="/settings">
            <ProgrammeSettings />
          </Route>
          <Route path="/profile">
            <ProfilePage />
          </Route>
          <Route path="/sharing">
            <SharingPage />
          </Route>
          <Route path="/join">
            <JoinPage />
          </Route>
          <Route path="/search">
            <SearchPage />
          </Route>
          <Route path="/projects/:projectId/sharing">
            {(params) => <ProjectPage projectId={params.projectId} view="sharing" />}
          </Route>
          <Route path="/projects/:projectId/cards/:cardId">
            {(params) => <ProjectPage projectId={params.projectId} cardId={params.cardId} />}
          </Route>
          <Route path="/projects/:projectId/cycles/:cycle">
            {(params) => <ProjectPage projectId={params.projectId} view="cycles" cycle={params.cycle} />}
          </Route>
          <Route path="/projects/:projectId/cycles">{(params) => <ProjectPage projectId={params.projectId} view="cycles" />}</Route>
          <Route path="/projects/:projectId/details">
            {(params) => <ProjectPage projectId={params.projectId} view="details" />}
          </Route>
          <Route path="/projects/:projectId">{(params) => <ProjectPage projectId={params.projectId} />}</Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </Layout>
      </SyncProvider>
    </WorkspaceProvider>
  )
}
