import { useMemo, type ReactNode } from 'react'
import { Link } from 'wouter'
import { CYCLE_STATUS_LABELS, readCycleGraph, readCyclePlan, readProjectCycleStatus, type Cycle } from '@shared/doc'
import { daysLeft } from '@shared/domain/cycles'
import { useDocValue } from '../../hooks/useDocValue'
import { useProjectDoc } from '../board/ProjectDocContext'
import { cycleDates, formatTimestamp, plural } from './format'
import { useCycles } from './useCycles'

const STATUS_TAG: Record<Cycle['status'], string> = {
  planned: 'govuk-tag--grey',
  active: 'govuk-tag--green',
  review: 'govuk-tag--yellow',
  closed: 'govuk-tag--blue',
  ended: 'govuk-tag--red'
}

export function CycleStatusTag({ cycle }: { cycle: Cycle }): ReactNode {
  return <strong className={`govuk-tag ${STATUS_TAG[cycle.status]}`}>{CYCLE_STATUS_LABELS[cycle.status]}</strong>
}

/** A stopped project says so wherever its work is shown; its board stays readable and editable. */
export function StoppedBanner(): ReactNode {
  const { doc } = useProjectDoc()
  const status = useDocValue(doc, readProjectCycleStatus)
  if (status.status !== 'stopped' || !status.stoppedBy) return null
  const d = status.stoppedBy
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="stopped-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="stopped-banner-title">
          Project stopped
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          This project was stopped at the end of cycle {d.cycle} on {formatTimestamp(d.decidedAt)} by {d.decidedByName}.
        </p>
        <p className="govuk-body">Reason: {d.reason}</p>
        <p className="govuk-body">No more cycles will be planned. The board is kept as a record.</p>
      </div>
    </div>
  )
}

/**
 * The current cycle at a glance: number, dates, days left, goal and how the committed cards are
 * doing. Shown above the board and on the cycle pages.
 */
export function CycleHeader({ cycleNumber, headingLevel = 2, linkToCycle = false }: { cycleNumber?: number; headingLevel?: 2 | 3; linkToCycle?: boolean }): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const { today, rules } = useCycles()
  const arg = useMemo(() => ({ cycle: cycleNumber ?? ('current' as const), today }), [cycleNumber, today])
  const plan = useDocValue(doc, readCyclePlan, arg)
  const c = plan.cycle
  const closedNumber = c?.status === 'closed' ? c.number : 0
  const graphArg = useMemo(() => ({ cycle: closedNumber, rules, today }), [closedNumber, rules, today])
  // A closed cycle's unfinished cards have moved on: its counts are as they stood at the close,
  // from the same log the graph is drawn from.
  const atClose = [...(useDocValue(doc, readCycleGraph, graphArg)?.series ?? [])].reverse().find((p) => p.scope !== null)
  if (!c) return null
  const counts =
    c.status === 'closed' && atClose ? { committed: atClose.scope ?? 0, started: atClose.started ?? 0, done: atClose.completed ?? 0 } : plan.counts
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const left = daysLeft(c, today, rules)
  return (
    <section className="app-cycle-header" aria-labelledby="cycle-header-title">
      <div className="app-cycle-header__top">
        <Heading className="govuk-heading-m govuk-!-margin-bottom-1" id="cycle-header-title">
          {linkToCycle ? (
            <Link className="govuk-link" href={`/projects/${projectId}/cycles/${c.number}`}>
              Cycle {c.number}
            </Link>
          ) : (
            <>Cycle {c.number}</>
          )}
        </Heading>
        <CycleStatusTag cycle={c} />
      </div>
      <p className="govuk-body govuk-!-margin-bottom-2">
        {cycleDates(c)}
        {c.status === 'active' && <> · {plural(left, 'working day')} left</>}
        {c.status === 'planned' && <> · starts in the future</>}
        {c.status === 'review' && <> · finished, waiting for its review</>}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-2">
        <span className="govuk-!-font-weight-bold">Goal: </span>
        {c.goal ? c.goal : <span className="app-secondary-text">No goal set yet</span>}
      </p>
      <dl className="app-cycle-counts">
        <div>
          <dt>Committed</dt>
          <dd data-count="committed">{counts.committed}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd data-count="started">{counts.started}</dd>
        </div>
        <div>
          <dt>Done</dt>
          <dd data-count="done">{counts.done}</dd>
        </div>
      </dl>
    </section>
  )
}
