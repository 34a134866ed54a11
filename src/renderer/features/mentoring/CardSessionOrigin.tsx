import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { cardSessionOrigin } from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { useDocValue } from '../../hooks/useDocValue'
import { useProjectDoc } from '../board/ProjectDocContext'
import { formatLongDate } from './format'

/**
 * In the card dialog: where a card made from a mentor session action came from, with a link back
 * to the project's Mentors section (where the session is listed). Nothing for other cards.
 */
export function CardSessionOrigin({ cardId }: { cardId: CardId }): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const origin = useDocValue(doc, cardSessionOrigin, cardId)
  if (!origin) return null
  const mentor = origin.link?.mentorName ?? 'a mentor'
  return (
    <p className="govuk-body-s app-card-session-origin">
      <Link className="govuk-link" href={`/projects/${projectId}/mentors`}>
        From mentor session on {formatLongDate(origin.session.date)} with {mentor}
      </Link>
    </p>
  )
}
