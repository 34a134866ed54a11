import { useState, type ReactNode } from 'react'
import { addComment, readComments, removeComment, type Comment } from '@shared/doc'
import { formatTimestamp } from '@shared/domain/dates'
import type { CardId } from '@shared/domain/ids'
import { capabilitiesOf } from '@shared/sync/roles'
import { errorMessage } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useRole } from '../../sync/SyncContext'
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

  return (
    <section aria-labelledby="card-comments-title" className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s" id="card-comments-title">
        Comments
      </h3>
      {comments.length === 0 ? (
        <p className="govuk-body-s">No comments yet.</p>
      ) : (
        <ul className="govuk-list app-comments" data-testid="comments">
          {comments.map((c) => (
            <li key={c.id} className="app-comments__item">
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                <strong>{c.byName}</strong> · {formatTimestamp(c.at)}
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
