import { useState, type FormEvent, type ReactNode } from 'react'
import { Link } from 'wouter'
import { addFeedback, FEEDBACK_SOURCE_LABELS, FEEDBACK_SOURCES, readBoard, readFeedback, type CyclePlan, type FeedbackSource } from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { fieldErrors } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { formatTimestamp } from './format'

/** What the team heard this cycle: who said it, where, what, and the cards it is about. */
export function FeedbackInbox({ number, plan, open }: { number: number; plan: CyclePlan; open: boolean }): ReactNode {
  const { doc, readOnly, projectId } = useProjectDoc()
  const items = useDocValue(doc, readFeedback, number)
  const board = useDocValue(doc, readBoard)
  const titleOf = (id: CardId): string => board.columns.flatMap((c) => c.cards).find((c) => c.id === id)?.title ?? board.archived.find((c) => c.id === id)?.title ?? 'A removed card'
  return (
    <>
      <h3 className="govuk-heading-m" id="feedback-title">
        Feedback inbox
      </h3>
      {items.length === 0 ? (
        <p className="govuk-body">No feedback recorded for this cycle yet.</p>
      ) : (
        <ul className="govuk-list app-feedback-list" aria-labelledby="feedback-title">
          {items.map((f) => (
            <li key={f.id} className="app-feedback">
              <p className="govuk-body govuk-!-margin-bottom-1">
                <span className="govuk-!-font-weight-bold">{f.who}</span> <strong className="govuk-tag govuk-tag--purple">{FEEDBACK_SOURCE_LABELS[f.source]}</strong>
              </p>
              <blockquote className="app-feedback__quote">{f.text}</blockquote>
              {f.cards.length > 0 && (
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  About:{' '}
                  {f.cards.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <Link className="govuk-link" href={`/projects/${projectId}/cards/${id}`}>
                        {titleOf(id)}
                      </Link>
                    </span>
                  ))}
                </p>
              )}
              <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-0">
                Recorded by {f.createdByName} on {formatTimestamp(f.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {open && !readOnly && <FeedbackForm number={number} plan={plan} />}
    </>
  )
}

function FeedbackForm({ number, plan }: { number: number; plan: CyclePlan }): ReactNode {
  const { doc } = useProjectDoc()
  const ws = useWorkspace()
  const empty = { who: '', source: '' as FeedbackSource | '', text: '', cards: new Set<CardId>() }
  const [form, setForm] = useState(empty)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [added, setAdded] = useState(false)
  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    setAdded(false)
    try {
      addFeedback(doc, ws.ctx, { cycle: number, who: form.who, source: form.source as FeedbackSource, text: form.text, cards: [...form.cards] })
      setErrors({})
      setForm(empty)
      setAdded(true)
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(Object.keys(fe).length ? fe : { who: err instanceof Error ? err.message : String(err) })
    }
  }
  const summary = Object.entries(errors).map(([k, text]) => ({ href: k === 'source' ? '#feedback-source-research' : `#feedback-${k}`, text }))
  return (
    <form noValidate onSubmit={submit} className="app-feedback-form">
      <ErrorSummary errors={summary} />
      <h4 className="govuk-heading-s">Add feedback</h4>
      {added && (
        <p className="govuk-body" role="status">
          Feedback added.
        </p>
      )}
      <TextField id="feedback-who" label="Who said it" hint="For example, “Resident in her 70s at Anytown library” or “Priya (mentor)”" value={form.who} error={errors.who} onChange={(e) => setForm({ ...form, who: e.target.value })} />
      <div className={`govuk-form-group${errors.source ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={errors.source ? 'feedback-source-error' : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Where it came from</legend>
          {errors.source && (
            <p className="govuk-error-message" id="feedback-source-error">
              <span className="govuk-visually-hidden">Error:</span> {errors.source}
            </p>
          )}
          <div className="govuk-radios govuk-radios--small">
            {FEEDBACK_SOURCES.map((s) => (
              <div className="govuk-radios__item" key={s}>
                <input className="govuk-radios__input" id={`feedback-source-${s}`} name="feedback-source" type="radio" value={s} checked={form.source === s} onChange={() => setForm({ ...form, source: s })} />
                <label className="govuk-label govuk-radios__label" htmlFor={`feedback-source-${s}`}>
                  {FEEDBACK_SOURCE_LABELS[s]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className={`govuk-form-group${errors.text ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor="feedback-text">
          What they said
        </label>
        {errors.text && (
          <p className="govuk-error-message" id="feedback-text-error">
            <span className="govuk-visually-hidden">Error:</span> {errors.text}
          </p>
        )}
        <textarea
          id="feedback-text"
          className={`govuk-textarea${errors.text ? ' govuk-textarea--error' : ''}`}
          rows={3}
          value={form.text}
          aria-describedby={errors.text ? 'feedback-text-error' : undefined}
          onChange={(e) => setForm({ ...form, text: e.target.value })}
        />
      </div>
      {plan.committed.length > 0 && (
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Cards it is about (optional)</legend>
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {plan.committed.map(({ card }) => (
                <div className="govuk-checkboxes__item" key={card.id}>
                  <input
                    className="govuk-checkboxes__input"
                    id={`feedback-card-${card.id}`}
                    type="checkbox"
                    checked={form.cards.has(card.id)}
                    onChange={(e) => {
                      const cards = new Set(form.cards)
                      if (e.target.checked) cards.add(card.id)
                      else cards.delete(card.id)
                      setForm({ ...form, cards })
                    }}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`feedback-card-${card.id}`}>
                    {card.title}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
      )}
      <button type="submit" className="govuk-button govuk-button--secondary">
        Add feedback
      </button>
    </form>
  )
}
