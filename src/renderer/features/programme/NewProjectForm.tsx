import { Suspense, useState, type FormEvent, type ReactNode } from 'react'
import { useLocation } from 'wouter'
import { createProject, firstCycleStartError, newProjectId, projectDocName, readCycleRules, setFirstCycleStart } from '@shared/doc'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useToday } from '../cycles/useCycles'
import { lazyNamed } from '../../components/lazyLoad'

// Loaded with the catalogue when a name is first typed (issue 10's look-sideways), not with the home page.
const SimilarProjects = lazyNamed(() => import('../catalogue/SimilarProjects'), (m) => m.SimilarProjects)

export const preloadSimilarProjects = (): Promise<unknown> => SimilarProjects.preload()

/**
 * Start a change project: a name, and when its first cycle starts (today unless the team picks
 * a later day), so a team can plan and work in a cycle on the day it creates the project.
 */
export function NewProjectForm(): ReactNode {
  const ws = useWorkspace()
  const [, navigate] = useLocation()
  const today = useToday()
  const [name, setName] = useState('')
  // Empty means "today": the field shows today's date until the person changes it.
  const [firstStart, setFirstStart] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const errors = useFormErrors()
  const start = firstStart ?? today

  const submit = async (ev: FormEvent): Promise<void> => {
    ev.preventDefault()
    const problems: Record<string, string> = {}
    if (!name.trim()) problems['new-project-name'] = 'Enter a project name'
    const dateProblem = firstCycleStartError(start, today)
    if (dateProblem) problems['new-project-first-start'] = dateProblem
    if (Object.keys(problems).length > 0) return errors.show(problems)
    setBusy(true)
    const id = newProjectId()
    const docName = projectDocName(id)
    const ok = await errors.attemptAsync(
      async () => {
        const local = await ws.registry.acquire(docName)
        try {
          createProject(ws.programme, local.doc, ws.ctx, { id, name })
          setFirstCycleStart(local.doc, ws.ctx, readCycleRules(ws.programme), start)
        } finally {
          ws.registry.release(docName)
        }
      },
      { name: 'new-project-name', firstStart: 'new-project-first-start', _: 'new-project-name' }
    )
    setBusy(false)
    if (!ok) return
    setName('')
    setFirstStart(null)
    navigate(`/projects/${id}`)
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="govuk-!-margin-bottom-6">
      <ErrorSummary errors={errors.summary} />
      <div className="app-inline-form">
        <TextField
          id="new-project-name"
          label="Start a new change project"
          labelClassName="govuk-label--s"
          hint="For example, Garden waste renewals"
          value={name}
          error={errors.errorFor('new-project-name')}
          onChange={(e) => setName(e.target.value)}
          width="20"
        />
        <TextField
          id="new-project-first-start"
          type="date"
          label="First cycle starts"
          labelClassName="govuk-label--s"
          hint="Today, or a later day. On a weekend or bank holiday, the next working day."
          value={start}
          min={today}
          error={errors.errorFor('new-project-first-start')}
          onChange={(e) => setFirstStart(e.target.value)}
          width="10"
        />
        <button type="submit" className="govuk-button" disabled={busy}>
          Create project
        </button>
      </div>
      {/* Look sideways before starting: similar projects other councils have done (issue 10). The
          catalogue is opened once a name is being typed, not while the home page first loads. */}
      {name.trim() !== '' && (
        <Suspense fallback={null}>
          <SimilarProjects name={name} problem="" tags={[]} serviceArea="" headingLevel={2} whenEmpty="nothing" />
        </Suspense>
      )}
    </form>
  )
}
