import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { Link } from 'wouter'
import {
  addFeedback,
  FEEDBACK_SOURCE_LABELS,
  FEEDBACK_SOURCES,
  readBoard,
  readFeedback,
  removeFeedback,
  updateFeedback,
  type CyclePlan,
  type FeedbackItem,
  type FeedbackSource
} from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { fieldErrors } from '../../components/errors'
import { useFormErrors } from '../../components/useFormErrors'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { formatTimestamp } from './format'
import { CommentsDetails } from '../comments/CommentsDetails'

/** What the team heard this cycle: who said it, where, what, and the cards it is about. */
export function FeedbackInbox({ number, plan, open }: { number: number; plan: CyclePlan; open: boolean }): ReactNode {
  const { doc, readOnly } = useProjectDoc()
  const items = useDocValue(doc, readFeedback, number)
  const board = useDocValue(doc, readBoard)
  const [editing, setEditing] = useState<string | null>(null)
  const [removing, setRemoving] = useState<string | null>(null)
  const [notice, setNotice] = useState('')
  const canChange = open && !readOnly
  const titleOf = (id: CardId): string => board.columns.flatMap((c) => c.cards).find((c) => c.id === id)?.title ?? board.archived.find((c) => c.id === id)?.title ?? 'A removed card'
  return (
    <>
      <h3 className="govuk-heading-m" id="feedback-title">
        Feedback inbox
      </h3>
      {notice && (
        <p className="govuk-body" role="status">
          {notice}
        </p>
      )}
      {items.length === 0 ? (
        <p className="govuk-body">No feedback recorded for this cycle yet.</p>
      ) : (
        <ul className="govuk-list app-feedback-list" aria-labelledby="feedback-title">
          {items.map((f) => (
            <li key={f.id} className="app-feedback">
              {editing === f.id ? (
                <FeedbackEditForm
                  item={f}
                  onDone={(message) => {
                    setEditing(null)
                    if (message) setNotice(message)
                  }}
                />
              ) : removing === f.id ? (
                <RemoveFeedback
                  item={f}
                  onDone={(message) => {
                    setRemoving(null)
                    if (message) setNotice(message)
                  }}
                />
              ) : (
                <FeedbackView
                  item={f}
                  titleOf={titleOf}
                  canChange={canChange}
                  onChange={() => {
                    setNotice('')
                    setRemoving(null)
                    setEditing(f.id)
                  }}
                  onRemove={() => {
                    setNotice('')
                    setEditing(null)
                    setRemoving(f.id)
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {open && !readOnly && <FeedbackForm number={number} plan={plan} />}
    </>
  )
}

function FeedbackView(props: { item: FeedbackItem; titleOf(id: CardId): string; canChange: boolean; onChange(): void; onRemove(): void }): ReactNode {
  const { item, titleOf, canChange, onChange, onRemove } = props
  const { projectId } = useProjectDoc()
  return (
    <>
      <p className="govuk-body govuk-!-margin-bottom-1">
        <span className="govuk-!-font-weight-bold">{item.who}</span> <strong className="govuk-tag govuk-tag--purple">{FEEDBACK_SOURCE_LABELS[item.source]}</strong>
      </p>
      <blockquote className="app-feedback__quote">{item.text}</blockquote>
      {item.cards.length > 0 && (
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          About:{' '}
          {item.cards.map((id, i) => (
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
        Recorded by {item.createdByName} on {formatTimestamp(item.createdAt)}
      </p>
      <CommentsDetails subject={{ kind: 'feedback', id: item.id }} heading={`Comments on feedback from ${item.who}`} />
      {canChange && (
        <div className="govuk-button-group app-feedback__actions">
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            onClick={onChange}
          >
            Change<span className="govuk-visually-hidden"> feedback from {item.who}</span>
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
            onClick={onRemove}
          >
            Remove<span className="govuk-visually-hidden"> feedback from {item.who}</span>
          </button>
        </div>
      )}
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
    <form noValidate onSubmit={submit} className="app-feedback-form" aria-labelledby="feedback-add-title">
      <ErrorSummary errors={summary} />
      <h4 className="govuk-heading-s" id="feedback-add-title">
        Add feedback
      </h4>
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

/** Correct a feedback item: who, where and what (links to cards are kept as they are). */
function FeedbackEditForm({ item, onDone }: { item: FeedbackItem; onDone(message: string | null): void }): ReactNode {
  const { doc, write } = useProjectDoc()
  const ws = useWorkspace()
  const errors = useFormErrors()
  const [form, setForm] = useState({ who: item.who, source: item.source, text: item.text })
  const prefix = `feedback-edit-${item.id}`
  // Keyboard and screen-reader users land in the form they opened.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    const ok = errors.attempt(() => write(() => updateFeedback(doc, ws.ctx, item.id, form)), {
      who: `${prefix}-who`,
      source: `${prefix}-source-${FEEDBACK_SOURCES[0]}`,
      text: `${prefix}-text`,
      _: `${prefix}-who`
    })
    if (ok) onDone('Feedback changed.')
  }
  const textError = errors.errorFor(`${prefix}-text`)
  const sourceError = errors.errorFor(`${prefix}-source-${FEEDBACK_SOURCES[0]}`)
  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <ErrorSummary errors={errors.summary} />
      <h4 className="govuk-heading-s" id={`${prefix}-title`} tabIndex={-1} ref={heading}>
        Change feedback
      </h4>
      <TextField id={`${prefix}-who`} label="Who said it" value={form.who} error={errors.errorFor(`${prefix}-who`)} onChange={(e) => setForm({ ...form, who: e.target.value })} />
      <div className={`govuk-form-group${sourceError ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={sourceError ? `${prefix}-source-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Where it came from</legend>
          {sourceError && (
            <p className="govuk-error-message" id={`${prefix}-source-error`}>
              <span className="govuk-visually-hidden">Error:</span> {sourceError}
            </p>
          )}
          <div className="govuk-radios govuk-radios--small">
            {FEEDBACK_SOURCES.map((s) => (
              <div className="govuk-radios__item" key={s}>
                <input className="govuk-radios__input" id={`${prefix}-source-${s}`} name={`${prefix}-source`} type="radio" checked={form.source === s} onChange={() => setForm({ ...form, source: s })} />
                <label className="govuk-label govuk-radios__label" htmlFor={`${prefix}-source-${s}`}>
                  {FEEDBACK_SOURCE_LABELS[s]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className={`govuk-form-group${textError ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor={`${prefix}-text`}>
          What they said
        </label>
        {textError && (
          <p className="govuk-error-message" id={`${prefix}-text-error`}>
            <span className="govuk-visually-hidden">Error:</span> {textError}
          </p>
        )}
        <textarea
          id={`${prefix}-text`}
          className={`govuk-textarea${textError ? ' govuk-textarea--error' : ''}`}
          rows={3}
          value={form.text}
          aria-describedby={textError ? `${prefix}-text-error` : undefined}
          onChange={(e) => setForm({ ...form, text: e.target.value })}
        />
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          Save changes
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** GOV.UK confirmation before removing: says what goes, and that it cannot be undone here. */
function RemoveFeedback({ item, onDone }: { item: FeedbackItem; onDone(message: string | null): void }): ReactNode {
  const { doc, write } = useProjectDoc()
  const ws = useWorkspace()
  const errors = useFormErrors()
  const id = `feedback-remove-${item.id}`
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <form
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(ev) => {
        ev.preventDefault()
        if (errors.attempt(() => write(() => removeFeedback(doc, ws.ctx, item.id)), `${id}-confirm`)) onDone(`Feedback from ${item.who} removed.`)
      }}
    >
      <ErrorSummary errors={errors.summary} />
      <h4 className="govuk-heading-s" id={`${id}-title`} tabIndex={-1} ref={heading}>
        Are you sure you want to remove the feedback from {item.who}?
      </h4>
      <blockquote className="app-feedback__quote">{item.text}</blockquote>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          It will no longer be available as evidence for this cycle’s decision.
        </strong>
      </div>
      {errors.errorFor(`${id}-confirm`) && (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {errors.errorFor(`${id}-confirm`)}
        </p>
      )}
      <div className="govuk-button-group">
        <button type="submit" id={`${id}-confirm`} className="govuk-button govuk-button--warning">
          Yes, remove it
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
