import { useMemo, useRef, useState, type ReactNode } from 'react'
import { projectDocName, readPipelineSettings, readPublished } from '@shared/doc'
import type { ProjectId } from '@shared/domain/ids'
import { publishingProblems } from '@shared/pipeline/lint'
import { isPublishableAddress } from '@shared/pipeline/pipelineSettings'
import { planProjectPublish, publishProjectUpdates, type ProjectExport } from '@shared/pipeline/projectExport'
import type { PublishOutcome } from '@shared/pipeline/publish'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { FieldLink } from './fieldLinks'
import { pipelineTransport } from './transport'

interface ProjectRun {
  readonly projectId: ProjectId
  readonly name: string
  readonly outcomes: readonly PublishOutcome[]
  readonly duplicatesRemoved: number
  readonly duplicatesLeft: number
  /** The project could not be read or had nowhere to go. */
  readonly problem?: string
}

const cycles = (ns: readonly number[]): string => (ns.length === 1 ? `cycle ${ns[0]}` : `cycles ${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`)

/**
 * Publish the selected projects' status updates (one per closed cycle) to the programme's
 * Pipeline. What is new, what changed since it was published, and what the Pipeline already has
 * come from the programme's ledger, which every colleague shares; a failure leaves the update
 * pending, with a retry.
 */
export function PublishPanel({ projects }: { projects: readonly ProjectExport[] }): ReactNode {
  const ws = useWorkspace()
  const settings = useDocValue(ws.programme, readPipelineSettings)
  const published = useDocValue(ws.programme, readPublished)
  const plans = useMemo(
    () => projects.map((e) => ({ e, plan: planProjectPublish(ws.programme, e) })),
    // The plan reads the ledger and the settings from the doc: recompute when either changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [projects, published, settings, ws.programme]
  )
  const [running, setRunning] = useState(false)
  const [runs, setRuns] = useState<readonly ProjectRun[] | null>(null)
  const resultRef = useRef<HTMLDivElement>(null)
  const hasAddress = isPublishableAddress(settings.address)

  const waiting = plans.filter((p) => p.plan.target !== null && p.plan.planned.some((u) => u.state !== 'sent'))
  const count = waiting.reduce((n, p) => n + p.plan.planned.filter((u) => u.state !== 'sent').length, 0)

  const publish = async (): Promise<void> => {
    setRunning(true)
    setRuns(null)
    const transport = pipelineTransport(settings.address)
    const out: ProjectRun[] = []
    for (const { e } of waiting) {
      const name = projectDocName(e.projectId)
      try {
        const local = await ws.registry.acquire(name, { network: false })
        try {
          const run = await publishProjectUpdates(ws.programme, local.doc, ws.ctx, transport)
          out.push({ projectId: e.projectId, name: e.name, outcomes: run.outcomes, duplicatesRemoved: run.duplicatesRemoved, duplicatesLeft: run.duplicatesLeft })
        } finally {
          ws.registry.release(name)
        }
      } catch (err) {
        out.push({ projectId: e.projectId, name: e.name, outcomes: [], duplicatesRemoved: 0, duplicatesLeft: 0, problem: err instanceof Error ? err.message : 'This project could not be read' })
      }
    }
    setRuns(out)
    setRunning(false)
    requestAnimationFrame(() => resultRef.current?.focus())
  }

  const sent = runs?.flatMap((r) => r.outcomes.filter((o) => o.result === 'posted' || o.result === 'edited' || o.result === 'found').map((o) => ({ r, o }))) ?? []
  const failed = runs?.flatMap((r) => [...r.outcomes.filter((o) => o.result === 'failed' || o.result === 'not-tried').map((o) => ({ r, o }))]) ?? []
  const problems = runs?.filter((r) => r.problem) ?? []
  const duplicatesLeft = runs?.reduce((n, r) => n + r.duplicatesLeft, 0) ?? 0

  return (
    <section aria-labelledby="publish-title" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-l" id="publish-title">
        Publish status updates
      </h2>
      <p className="govuk-body">Each closed cycle becomes one status update on the project’s Pipeline page: its goal, the decision and its evidence. Fortnight remembers what it sent, so nothing is sent twice.</p>
      {!hasAddress && (
        <p className="govuk-body">
          <FieldLink href="/settings#pipeline-address">Enter the Pipeline’s address in Programme settings</FieldLink> to publish.
        </p>
      )}
      <ul className="govuk-list" aria-label="Status updates by project">
        {plans.map(({ e, plan }) => {
          const blockers = publishingProblems(settings, e.data.project).filter((i) => i.code !== 'address')
          const pending = plan.planned.filter((u) => u.state === 'pending').map((u) => u.cycle)
          const changed = plan.planned.filter((u) => u.state === 'changed').map((u) => u.cycle)
          return (
            <li key={e.projectId}>
              <strong>{e.name}</strong>:{' '}
              {plan.planned.length === 0
                ? 'no closed cycles yet.'
                : blockers.length > 0
                  ? blockers.map((b) => (
                      <FieldLink key={b.code} href={b.href}>
                        {b.message} to publish its {plan.planned.length === 1 ? 'status update' : `${plan.planned.length} status updates`}
                      </FieldLink>
                    ))
                  : pending.length === 0 && changed.length === 0
                    ? `all published (${cycles(plan.planned.map((u) => u.cycle))}).`
                    : [pending.length > 0 ? `${cycles(pending)} to publish` : '', changed.length > 0 ? `${cycles(changed)} changed since published` : ''].filter(Boolean).join('; ') + '.'}
            </li>
          )
        })}
      </ul>
      {!ws.readOnly && hasAddress && (
        <button type="button" className="govuk-button" disabled={running || count === 0} aria-disabled={running || count === 0} onClick={() => void publish()}>
          {running ? 'Publishing…' : count === 0 ? 'Nothing to publish' : `Publish ${count} status ${count === 1 ? 'update' : 'updates'}`}
        </button>
      )}
      {running && (
        <p className="govuk-body" role="status">
          Publishing to {settings.address}…
        </p>
      )}
      <div ref={resultRef} tabIndex={-1}>
        {runs && sent.length > 0 && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="publish-done-title">
            <div className="govuk-notification-banner__header">
              <h3 className="govuk-notification-banner__title" id="publish-done-title">
                Success
              </h3>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">
                {sent.length} status {sent.length === 1 ? 'update is' : 'updates are'} on the Pipeline.
              </p>
              <ul className="govuk-list">
                {sent.map(({ r, o }) => (
                  <li key={o.key}>
                    {r.name}, cycle {o.cycle}: {o.result === 'posted' ? 'published' : o.result === 'edited' ? 'updated' : 'already there'}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
        {runs && (failed.length > 0 || problems.length > 0 || duplicatesLeft > 0) && (
          <div className="govuk-error-summary" role="alert" aria-labelledby="publish-failed-title">
            <h3 className="govuk-error-summary__title" id="publish-failed-title">
              {failed.length > 0 ? `${failed.length} status ${failed.length === 1 ? 'update was' : 'updates were'} not published` : 'There is a problem'}
            </h3>
            <div className="govuk-error-summary__body">
              <ul className="govuk-list govuk-error-summary__list">
                {failed.map(({ r, o }) => (
                  <li key={o.key}>
                    {r.name}, cycle {o.cycle}: {o.message}
                  </li>
                ))}
                {problems.map((r) => (
                  <li key={r.projectId}>
                    {r.name}: {r.problem}
                  </li>
                ))}
                {duplicatesLeft > 0 && <li>The Pipeline has {duplicatesLeft} duplicate status {duplicatesLeft === 1 ? 'update' : 'updates'} Fortnight could not remove: delete them on the Pipeline.</li>}
              </ul>
              {failed.length > 0 && <p className="govuk-body">Nothing is lost: they stay waiting here until they are published.</p>}
              {failed.length > 0 && !ws.readOnly && (
                <button type="button" className="govuk-button govuk-button--secondary" disabled={running} onClick={() => void publish()}>
                  Try again
                </button>
              )}
            </div>
          </div>
        )}
      </div>
    </section>
  )
}
