import type { ReactNode } from 'react'
import type { CardId } from '@shared/domain/ids'
import { londonTime } from '@shared/sync/status'
import { useDocSync, useSyncValue } from '../../sync/SyncContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { CommentThread } from '../comments/CommentThread'
import { useEditingCard } from './Presence'

/**
 * Comments on a card (the one thing a mentor may write): the card's threads (comments/CommentThread),
 * with, on a mentor's app, the notice that comments not accepted by the team are being sent again.
 */
export function CardComments({ cardId }: { cardId: CardId }): ReactNode {
  const { projectId } = useProjectDoc()
  useEditingCard(projectId, cardId)
  // A mentor's app: comments the team did not accept, posted again in a fresh session.
  const notice = useSyncValue((m) => m.sync(projectId)?.commentNotice() ?? null, null)
  const docSync = useDocSync(projectId)

  return (
    <div className="govuk-!-margin-bottom-6">
      <CommentThread subject={{ kind: 'card', id: cardId }} heading="Comments" headingLevel={3} />
      {notice && (
        <div className="govuk-notification-banner" role="status" aria-labelledby="comment-notice-title" data-testid="comment-notice">
          <div className="govuk-notification-banner__header">
            <h4 className="govuk-notification-banner__title" id="comment-notice-title">
              Important
            </h4>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              {notice.count === 1 ? 'Your comment was' : `${notice.count} of your comments were`} not accepted by the team, so{' '}
              {notice.count === 1 ? 'it is' : 'they are'} being sent again in a fresh session (at {londonTime(notice.at)}).
            </p>
            <p className="govuk-body">
              This usually means an earlier change from your app was refused. You do not need to do anything.{' '}
              <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => docSync?.dismissCommentNotice()}>
                Dismiss<span className="govuk-visually-hidden"> this message</span>
              </button>
            </p>
          </div>
        </div>
      )}
    </div>
  )
}
