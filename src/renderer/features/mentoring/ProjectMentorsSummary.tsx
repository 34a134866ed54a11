import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { lastSession, readMentorLinks, type ProjectDoc } from '@shared/doc'
import type { IsoDate } from '@shared/domain/dates'
import { useDocValue } from '../../hooks/useDocValue'
import { useProjectDoc } from '../board/ProjectDocContext'
import { formatLongDate } from './format'

interface MentorsLine {
  readonly active: readonly string[]
  readonly asked: number
  readonly last: IsoDate | null
}

function mentorsLine(doc: ProjectDoc): MentorsLine {
  const links = readMentorLinks(doc)
  return {
    active: links.filter((l) => l.state === 'active').map((l) => l.mentorName),
    asked: links.filter((l) => l.state === 'requested').length,
    last: lastSession(doc)?.date ?? null
  }
}

function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join('')
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`
}

/**
 * One line for the project page (under the board's heading): its active mentors and its last
 * session, linking to the Mentors section. Reads the project doc only, so it works in mentors'
 * and viewers' apps too.
 */
export function ProjectMentorsSummary(): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const line = useDocValue(doc, mentorsLine)
  const href = `/projects/${projectId}/mentors`
  return (
    <p className="govuk-body-s app-mentors-summary">
      {line.active.length > 0 ? (
        <>
          {line.active.length === 1 ? 'Mentor' : 'Mentors'}: {names(line.active)}.{' '}
          {line.last ? `Last session ${formatLongDate(line.last)}.` : 'No sessions logged yet.'}{' '}
          <Link className="govuk-link" href={href}>
            Mentors and sessions
          </Link>
        </>
      ) : (
        <>
          No active mentor{line.asked > 0 ? ` (${line.asked} asked)` : ''}.{line.last ? ` Last session ${formatLongDate(line.last)}.` : ''}{' '}
          <Link className="govuk-link" href={href}>
            Find a mentor
          </Link>
        </>
      )}
    </p>
  )
}
