import { useState, type ReactNode } from 'react'
import { addComment, readComments, removeComment, type Comment } from '@shared/doc'
import { formatTimestamp } from '@shared/domain/dates'
import type { CardId } from '@shared/domain/ids'
import { capabilitiesOf } from '@shared/sync/roles'
import { errorMessage } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { londonTime } from '@shared/sync/status'
import { useDocSync, useRole, useSyncValue } from '../../sync/SyncContext'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { useEditingCard } from './Presence'

const readAll = (doc: Parameters<typeof readComments>[0]): readonly Comment[] => readComments(doc)

/**
 * Comments on a card: the one thing a mentor may write. Minimal on purpose (the full comments
 * feature is a later issue); here it proves the path mentor → mentor room → team.
 */
export function CardComments({ cardId }: { cardId: CardId }): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const ws = useWorkspace()
  const role = useRole(projectId)
  const all = useDocValue(doc, readAll)
  const comments = all.filter((c) => c.cardId === cardId)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  useEditingCard(projectId, cardId)
  const canComment = role === null || capabilitiesOf(role).comment
  // A mentor's app: comments the team did not accept, posted again in a fresh session.
  const notice = useSyncValue((m) => m.sync(projectId)?.commentNotice() ?? null, null)
  const docSync = useDocSync(projectId)

  return (
    <section aria-labelledby="card-comments-title" className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s" id="card-comments-title">
        Comments
      </h3>
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
      {comments.length === 0 ? (
        <p className="govuk-body-s">No comments yet.</p>
      ) : (
        <ul className="govuk-list app-comments" data-testid="comments">
          {comments.map((c) => (
            <li key={c.id} className="app-comments__item">
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                <strong>{c.byName}</strong>
                {c.via === 'mentor-room' && (
                  <span className="govuk-body-s" data-testid="via-mentor-room">
                    {' '}
                    (via mentor room)
                  </span>
                )}{' '}
                · {formatTimestamp(c.at)}
              </p>
              <p className="govuk-body govuk-!-margin-bottom-1">{c.text}</p>
              {c.by === ws.profile.id && canComment && (
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" onClick={() => removeComment(doc, ws.ctx, c.id)}>
                  Remove<span className="govuk-visually-hidden"> your comment</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canComment && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            try {
              addComment(doc, ws.ctx, { cardId, text })
              setText('')
              setError(null)
            } catch (err) {
              setError(errorMessage(err))
            }
          }}
        >
          <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label" htmlFor="card-comment">
              Add a comment
            </label>
            {error && (
              <p id="card-comment-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {error}
              </p>
            )}
            <textarea
              id="card-comment"
              className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
              rows={2}
              value={text}
              aria-describedby={error ? 'card-comment-error' : undefined}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary">
            Post comment
          </button>
        </form>
      )}
    </section>
  )
}
