import { useMemo, type ReactNode } from 'react'
import { Link } from 'wouter'
import { currentCycle, readCyclePlan, readProjectCycleStatus, readVelocity } from '@shared/doc'
import { NotFound } from '../../components/NotFound'
import { useDocValue } from '../../hooks/useDocValue'
import { useProjectDoc } from '../board/ProjectDocContext'
import { CycleHeader, CycleStatusTag, StoppedBanner } from './CycleHeader'
import { CyclePage } from './CyclePage'
import { DecisionLog } from './DecisionLog'
import { cycleDates } from './format'
import { useCycles } from './useCycles'

function cycleNumber(cycle: string | undefined): number | null {
  return cycle !== undefined && /^[1-9]\d*$/.test(cycle) ? Number(cycle) : null
}

/** The page title (set by the project page, which owns the title of every project view). */
export function cyclesTitle(cycle: string | undefined, projectName: string): string {
  const n = cycleNumber(cycle)
  return cycle === 'decisions' ? `Decision log – ${projectName}` : n !== null ? `Cycle ${n} – ${projectName}` : `Cycles – ${projectName}`
}

/** `/projects/:id/cycles`, `/projects/:id/cycles/:n` and `/projects/:id/cycles/decisions`. */
export function CyclesSection({ cycle }: { cycle?: string | undefined }): ReactNode {
  const n = cycleNumber(cycle)
  if (cycle === undefined) return <CyclesOverview />
  if (cycle === 'decisions') return <DecisionLog />
  if (n === null) return <NotFound what="Cycle" />
  return <CyclePage key={n} number={n} />
}

function CyclesOverview(): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const { cycles, today, rules } = useCycles()
  const status = useDocValue(doc, readProjectCycleStatus)
  const current = currentCycle(cycles)
  const vArg = useMemo(() => ({ rules, today }), [rules, today])
  const report = useDocValue(doc, readVelocity, vArg)
  return (
    <>
      <StoppedBanner />
      <h2 className="govuk-heading-l">Cycles</h2>
      {status.direction && (
        <div className="govuk-inset-text">
          <span className="govuk-!-font-weight-bold">Current direction</span> (pivot at the end of cycle {status.pivotedBy?.cycle}): {status.direction}
        </div>
      )}
      {current && (
        <>
          <CycleHeader cycleNumber={current.number} linkToCycle />
          <p className="govuk-body">
            <Link className="govuk-link" href={`/projects/${projectId}/cycles/${current.number}`}>
              Plan and review cycle {current.number}
            </Link>
          </p>
        </>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href={`/projects/${projectId}/cycles/decisions`}>
          Decision log
        </Link>
      </p>
      <h2 className="govuk-heading-m">All cycles</h2>
      {cycles.length === 0 ? (
        <p className="govuk-body">No cycles yet.</p>
      ) : (
        <div className="app-table-scroll" role="region" aria-label="All cycles" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">Every cycle of this project, oldest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Cycle</th>
                <th scope="col" className="govuk-table__header">Dates</th>
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header">Goal</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Cards</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {cycles.map((c) => (
                <CycleRow key={c.number} number={c.number} today={today} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 className="govuk-heading-m">Velocity</h2>
      {report.velocity.cycles.length === 0 ? (
        <p className="govuk-body">Velocity appears once the first cycle is closed.</p>
      ) : (
        <>
          <table className="govuk-table" id="velocity-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Cards completed in each closed cycle</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Cycle</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Committed at the end</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Completed</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Completed of committed</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {report.velocity.cycles.map((v) => (
                <tr className="govuk-table__row" key={v.number}>
                  <th scope="row" className="govuk-table__header">
                    Cycle {v.number}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{v.committed}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{v.completed}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{v.completedPercent === null ? 'Nothing committed' : `${v.completedPercent}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="govuk-body" id="forecast">
            {report.forecast.expected === null
              ? 'No forecast yet.'
              : report.forecast.enoughHistory
                ? `Forecast for the next cycle: about ${report.forecast.expected} cards (between ${report.forecast.low} and ${report.forecast.high}, from the last ${report.forecast.basedOn} cycles).`
                : `Forecast for the next cycle: about ${report.forecast.expected} cards. This is based on one cycle only, so treat it as a guess.`}
          </p>
        </>
      )}
    </>
  )
}

function CycleRow({ number, today }: { number: number; today: string }): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const arg = useMemo(() => ({ cycle: number, today }), [number, today])
  const plan = useDocValue(doc, readCyclePlan, arg)
  const c = plan.cycle
  if (!c) return null
  return (
    <tr className="govuk-table__row">
      <th scope="row" className="govuk-table__header">
        <Link className="govuk-link" href={`/projects/${projectId}/cycles/${c.number}`}>
          Cycle {c.number}
        </Link>
      </th>
      <td className="govuk-table__cell">{cycleDates(c)}</td>
      <td className="govuk-table__cell">
        <CycleStatusTag cycle={c} />
      </td>
      <td className="govuk-table__cell">{c.goal || 'Not set'}</td>
      <td className="govuk-table__cell govuk-table__cell--numeric">
        {c.status === 'closed' || c.status === 'ended' ? '–' : `${plan.counts.done} of ${plan.counts.committed} done`}
      </td>
    </tr>
  )
}
