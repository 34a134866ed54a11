import { useMemo, type ReactNode } from 'react'
import { readThreads, type AnyDoc, type CommentSubject, type CommentSubjectKind } from '@shared/doc'
import { useDocValue } from '../../hooks/useDocValue'
import { useProjectDoc } from '../board/ProjectDocContext'
import { CommentThread } from './CommentThread'

const countFor = (doc: AnyDoc, subject: CommentSubject): number =>
  readThreads(doc, subject).reduce((n, t) => n + (t.root ? 1 : 0) + t.replies.length, 0)

/**
 * Comments on something shown in a list (a feedback item): a GOV.UK details element, "Comments (2)",
 * that opens on the thread, so a long list stays short.
 */
export function CommentsDetails(props: { subject: { kind: CommentSubjectKind; id: string }; heading: string; headingLevel?: 3 | 4 }): ReactNode {
  const { doc } = useProjectDoc()
  const { kind, id } = props.subject
  const subject = useMemo<CommentSubject>(() => ({ kind, id }), [kind, id])
  const count = useDocValue(doc, countFor, subject)
  return (
    <details className="govuk-details govuk-!-margin-bottom-2 app-comments-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Comments ({count})<span className="govuk-visually-hidden"> – {props.heading}</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        <CommentThread subject={subject} heading={props.heading} headingLevel={props.headingLevel ?? 4} />
      </div>
    </details>
  )
}
