import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { Link } from 'wouter'
import { currentCycle, readCycleGraph, readCyclePlan, readProjectCycleStatus, readVelocity, setFirstCycleStart, type Cycle } from '@shared/doc'
import type { CycleRules } from '@shared/domain/cycles'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { NotFound } from '../../components/NotFound'
import { useDocValue } from '../../hooks/useDocValue'
import { useProjectDoc } from '../board/ProjectDocContext'
import { CycleHeader, CycleStatusTag, StoppedBanner } from './CycleHeader'
import { CyclePage } from './CyclePage'
import { DecisionLog } from './DecisionLog'
import { cycleDates, formatLongDate, plural } from './format'
import { replannedText } from './replanProjects'
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
      {status.status !== 'stopped' && <FirstStartControl first={cycles.find((c) => c.number === 1) ?? null} today={today} rules={rules} />}
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
                ? `Forecast for the next cycle: about ${plural(report.forecast.expected, 'card')} (between ${report.forecast.low} and ${plural(report.forecast.high ?? 0, 'card')}, from the last ${report.forecast.basedOn} cycles).`
                : `Forecast for the next cycle: about ${plural(report.forecast.expected, 'card')}. This is based on one cycle only, so treat it as a guess.`}
          </p>
        </>
      )}
    </>
  )
}

function CycleRow({ number, today }: { number: number; today: string }): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const { rules } = useCycles()
  const arg = useMemo(() => ({ cycle: number, today }), [number, today])
  const plan = useDocValue(doc, readCyclePlan, arg)
  const graphArg = useMemo(() => ({ cycle: plan.cycle?.status === 'closed' ? number : 0, rules, today }), [plan.cycle?.status, number, rules, today])
  // A closed cycle's unfinished cards have moved on: its counts are as they stood at the close,
  // read off the last day its graph reached (as the cycle header and velocity do).
  const atClose = [...(useDocValue(doc, readCycleGraph, graphArg)?.series ?? [])].reverse().find((p) => p.scope !== null)
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
        {c.status === 'ended'
          ? 'Did not run'
          : c.status === 'closed'
            ? `${atClose?.completed ?? 0} of ${atClose?.scope ?? 0} done`
            : `${plan.counts.done} of ${plan.counts.committed} done`}
      </td>
    </tr>
  )
}

/**
 * "Change when cycle 1 starts": while cycle 1 has not started (or on its first day), a team can
 * move it to another day; the later cycles are re-planned after it.
 */
function FirstStartControl({ first, today, rules }: { first: Cycle | null; today: string; rules: CycleRules }): ReactNode {
  const { doc, write, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  const errors = useFormErrors()
  const [date, setDate] = useState(first?.start ?? today)
  const [done, setDone] = useState<string[] | null>(null)
  if (readOnly || !first || first.status === 'closed' || first.start < today) return null
  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    let message: string[] = []
    const ok = errors.attempt(
      () =>
        write(() => {
          const r = setFirstCycleStart(doc, ws.ctx, rules, date)
          message = [`Cycle 1 now starts on ${formatLongDate(r.start)}.`, ...r.replanned.filter((x) => x.number !== 1).map((x) => `${replannedText(x)}.`)]
        }),
      { firstStart: 'first-cycle-start', _: 'first-cycle-start' }
    )
    setDone(ok ? message : null)
  }
  return (
    <details className="govuk-details" open={done !== null || errors.summary.length > 0 ? true : undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Change when cycle 1 starts</span>
      </summary>
      <div className="govuk-details__text">
        {done && (
          <div role="status">
            {done.map((line) => (
              <p className="govuk-body" key={line}>
                {line}
              </p>
            ))}
          </div>
        )}
        <ErrorSummary errors={errors.summary} />
        <form noValidate onSubmit={submit}>
          <TextField
            id="first-cycle-start"
            type="date"
            label="Cycle 1 starts on"
            hint="Today or a later day. On a weekend or bank holiday, cycle 1 starts on the next working day. Later cycles move with it."
            width="10"
            value={date}
            min={today}
            error={errors.errorFor('first-cycle-start')}
            onChange={(e) => {
              setDate(e.target.value)
              setDone(null)
            }}
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Change start date
          </button>
        </form>
      </div>
    </details>
  )
}
