import { useMemo, type ReactNode } from 'react'
import { Link } from 'wouter'
import { mentorSectorLabel, readMentors, type Mentor } from '@shared/doc'
import { DEFAULT_SUGGESTION_LIMIT, rankMentors, type MatchProject } from '@shared/domain/matching'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { capacityText, originText } from './mentorView'

/**
 * Mentors the directory suggests for a project, best first: the top five, plus one from another
 * sector when none of those is and one is similar enough (see rankMentors). Each says why, and has
 * a button (`chooseLabel`, with the mentor's name for screen readers) that calls `onChoose`.
 */
export function MentorSuggestions(props: {
  project: MatchProject
  activeLinks: ReadonlyMap<string, number>
  exclude?: ReadonlySet<string>
  onChoose(mentor: Mentor): void
  chooseLabel: string
  /** The level of each mentor's heading; 4 fits under the project's "Suggested mentors" (h3). */
  headingLevel?: 3 | 4
}): ReactNode {
  const ws = useWorkspace()
  const mentors = useDocValue(ws.programme, readMentors)
  const { project, activeLinks, exclude } = props
  const suggestions = useMemo(
    () => rankMentors(project, mentors, { activeLinks, ...(exclude ? { exclude } : {}), limit: DEFAULT_SUGGESTION_LIMIT }),
    [project, mentors, activeLinks, exclude]
  )
  const Heading = props.headingLevel === 3 ? 'h3' : 'h4'

  if (suggestions.length === 0)
    return (
      <p className="govuk-body">
        {mentors.some((m) => !m.retired)
          ? 'No mentor in the directory has worked on anything like this yet. Adding tags and a problem statement helps find one.'
          : 'The mentor directory is empty.'}{' '}
        <Link href="/mentors" className="govuk-link">
          Go to the mentor directory
        </Link>
      </p>
    )

  return (
    <ol className="app-mentor-suggestions" aria-label="Suggested mentors">
      {suggestions.map((s, i) => {
        const extra = i >= DEFAULT_SUGGESTION_LIMIT
        return (
          <li key={s.mentor.id} className="app-mentor-suggestions__item">
            <Heading className="govuk-heading-s govuk-!-margin-bottom-1">
              <Link href={`/mentors/${s.mentor.id}`} className="govuk-link">
                {s.mentor.name}
              </Link>
            </Heading>
            <p className="govuk-body-s app-mentor-meta">
              {[s.mentor.organisation, mentorSectorLabel(s.mentor), originText(s.mentor)].filter(Boolean).join(' · ')}
            </p>
            {(s.crossSector || s.atCapacity) && (
              <p className="govuk-body-s govuk-!-margin-bottom-2">
                {s.crossSector && (
                  <strong className="govuk-tag govuk-tag--purple">{extra ? 'Also from another sector' : 'Another sector'}</strong>
                )}{' '}
                {s.atCapacity && (
                  <strong className="govuk-tag govuk-tag--orange">At capacity: {capacityText(s.mentor, activeLinks.get(s.mentor.id) ?? 0)}</strong>
                )}
              </p>
            )}
            <p className="govuk-body govuk-!-margin-bottom-2">
              <span className="govuk-visually-hidden">Why: </span>
              {s.reason}
            </p>
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => props.onChoose(s.mentor)}>
              {props.chooseLabel}
              <span className="govuk-visually-hidden"> {s.mentor.name}</span>
            </button>
          </li>
        )
      })}
    </ol>
  )
}
