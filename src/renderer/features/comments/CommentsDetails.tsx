import { useMemo, useState, type ReactNode } from 'react'
import { countComments, type CommentSubject, type CommentSubjectKind } from '@shared/doc'
import { useDocValue } from '../../hooks/useDocValue'
import { useProjectDoc } from '../board/ProjectDocContext'
import { CommentThread } from './CommentThread'

/**
 * Comments on something shown in a list (a feedback item): a GOV.UK details element, "Comments (2)",
 * that opens on the thread, so a long list stays short. While closed it shows the count only: the
 * thread (its boxes, its mention list) is mounted when the details open, so a long list costs one
 * count per item, read from the comments' one shared read (comments.ts).
 */
export function CommentsDetails(props: { subject: { kind: CommentSubjectKind; id: string }; heading: string; headingLevel?: 3 | 4 }): ReactNode {
  const { doc } = useProjectDoc()
  const { kind, id } = props.subject
  const subject = useMemo<CommentSubject>(() => ({ kind, id }), [kind, id])
  const count = useDocValue(doc, countComments, subject)
  const [open, setOpen] = useState(false)
  return (
    <details className="govuk-details govuk-!-margin-bottom-2 app-comments-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Comments ({count})<span className="govuk-visually-hidden"> – {props.heading}</span>
        </span>
      </summary>
      <div className="govuk-details__text">{open && <CommentThread subject={subject} heading={props.heading} headingLevel={props.headingLevel ?? 4} />}</div>
    </details>
  )
}
