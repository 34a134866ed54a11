import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { readDecisions } from '@shared/doc'
import { useDocValue } from '../../hooks/useDocValue'
import { useProjectDoc } from '../board/ProjectDocContext'
import { StoppedBanner } from './CycleHeader'
import { DecisionSummary } from './DecisionForm'

/** Every decision the project made, oldest first: the record a programme board reads. */
export function DecisionLog(): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const decisions = useDocValue(doc, readDecisions)
  return (
    <>
      <Link className="govuk-back-link" href={`/projects/${projectId}/cycles`}>
        All cycles
      </Link>
      <StoppedBanner />
      <h2 className="govuk-heading-l">Decision log</h2>
      {decisions.length === 0 ? (
        <p className="govuk-body">No decisions yet. A decision is recorded when a cycle is closed.</p>
      ) : (
        <ol className="govuk-list app-decision-log">
          {decisions.map((d) => (
            <li key={d.id}>
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link className="govuk-link" href={`/projects/${projectId}/cycles/${d.cycle}`}>
                  Cycle {d.cycle}
                </Link>
              </h3>
              <DecisionSummary decision={d} />
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
