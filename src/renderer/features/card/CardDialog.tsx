import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useLocation } from 'wouter'
import { cardNoteOf, locateCard, moveCard, readBoard, readCard, readPeople, setCardArchived, updateCard } from '@shared/doc'
import { formatTimestamp } from '@shared/domain/dates'
import type { CardId, ColumnId } from '@shared/domain/ids'
import { ErrorSummary } from '../../components/ErrorSummary'
import { ErrorPageTitle } from '../../components/ErrorPageTitle'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { CARD_DIALOG_TOP, CardFormCtx, useCardForm } from './cardForm'
import { useTitle } from '../../hooks/useTitle'
import { RichTextEditor } from '../../editor/RichTextEditor'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { ProjectDocCtx, useProjectDoc, type ProjectDocValue } from '../board/ProjectDocContext'
import { CardChecklist } from './CardChecklist'
import { CardLabels } from './CardLabels'
import { CardPeople } from './CardPeople'
import { CardComments } from '../sync/CardComments'
import { CardCycleField } from '../cycles/CardCycleField'
import { CardSessionOrigin } from '../mentoring/CardSessionOrigin'

/**
 * Card detail in a native modal <dialog>: the browser traps focus, Escape closes it and focus
 * returns to the board. The URL names the card, so a reload reopens it.
 */
export function CardDialog({ cardId }: { cardId: CardId }): ReactNode {
  const outer = useProjectDoc()
  const { doc, projectId } = outer
  const form = useFormErrors()
  // Inside the dialog, every write's error lands in the dialog's own summary (see useCardForm).
  const inner = useMemo<ProjectDocValue>(() => ({ ...outer, run: (fn) => form.attempt(() => outer.write(fn), CARD_DIALOG_TOP) }), [outer, form])
  const [, navigate] = useLocation()
  const card = useDocValue(doc, readCard, cardId)
  const ref = useRef<HTMLDialogElement>(null)
  const close = (): void => navigate(`/projects/${projectId}`)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    const returnTo = document.querySelector<HTMLElement>(`[data-card-id="${cardId}"] a`)
    return () => {
      dialog?.close()
      ;(document.querySelector<HTMLElement>(`[data-card-id="${cardId}"] a`) ?? returnTo)?.focus()
    }
  }, [cardId])

  return (
    <dialog
      ref={ref}
      className="app-dialog"
      aria-labelledby="card-dialog-title"
      onCancel={(e) => {
        e.preventDefault()
        close()
      }}
      // Escape must close the card from anywhere inside it, including the note editor, which
      // would otherwise keep the key; the browser's own close (no cancel event) also routes back.
      onKeyDownCapture={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault()
          close()
        }
      }}
      onClose={() => {
        if (window.location.hash.includes(`/cards/${cardId}`)) close()
      }}
    >
      <div className="app-dialog__inner">
        {card ? (
          <ProjectDocCtx.Provider value={inner}>
            <CardFormCtx.Provider value={form}>
              <CardDetail cardId={cardId} onClose={close} />
            </CardFormCtx.Provider>
          </ProjectDocCtx.Provider>
        ) : (
          <>
            <ErrorPageTitle title="Card not found" priority={1} />
            <h2 className="govuk-heading-l" id="card-dialog-title">
              Card not found
            </h2>
            <p className="govuk-body">It may have been removed, or it has not reached this computer yet.</p>
            <button type="button" className="govuk-button" onClick={close}>
              Back to the board
            </button>
          </>
        )}
      </div>
    </dialog>
  )
}

function CardDetail({ cardId, onClose }: { cardId: CardId; onClose(): void }): ReactNode {
  const { doc, run, write, readOnly } = useProjectDoc()
  const form = useCardForm()
  const ws = useWorkspace()
  const card = useDocValue(doc, readCard, cardId)
  const board = useDocValue(doc, readBoard)
  const people = useDocValue(ws.programme, readPeople)
  const [title, setTitle] = useState(card?.title ?? '')
  const [due, setDue] = useState(card?.dueDate ?? '')
  useTitle(card ? `${card.title} – card` : 'Card', { priority: 1 })
  const where = locateCard(board, cardId)
  const [moveTo, setMoveTo] = useState<ColumnId | ''>(where?.columnId ?? '')
  const [position, setPosition] = useState<'top' | 'bottom'>('bottom')
  const note = cardNoteOf(doc, cardId)
  if (!card) return null
  const column = board.columns.find((c) => c.id === where?.columnId)
  const byName = (id: string): string => people.find((p) => p.id === id)?.name ?? 'someone'

  const doMove = (columnId: ColumnId, index: number): void => {
    run(() => moveCard(doc, ws.ctx, cardId, columnId, index))
  }

  return (
    <>
      <ErrorSummary errors={form.summary} />
      <div className="app-dialog__header">
        <div>
          <span className="govuk-caption-m">{card.archived ? 'Archived card' : `Card in ${column?.title ?? 'the board'}`}</span>
          <h2 className="govuk-heading-l" id={CARD_DIALOG_TOP} tabIndex={-1}>
            {card.title}
          </h2>
        </div>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onClose}>
          Close<span className="govuk-visually-hidden"> card details</span>
        </button>
      </div>
      <p className="govuk-body-s">
        Created by {byName(card.createdBy)} on {formatTimestamp(card.createdAt)}. Last changed by {byName(card.updatedBy)} on{' '}
        {formatTimestamp(card.updatedAt)}.
      </p>
      <CardSessionOrigin cardId={cardId} />

      {!readOnly && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            form.attempt(() => write(() => updateCard(doc, ws.ctx, cardId, { title })), { _: 'card-title', title: 'card-title' })
          }}
        >
          <div className="app-inline-form govuk-!-margin-bottom-4">
            <TextField id="card-title" label="Title" value={title} error={form.errorFor('card-title')} onChange={(e) => setTitle(e.target.value)} width="20" />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Save title
            </button>
          </div>
        </form>
      )}

      <h3 className="govuk-heading-s" id="card-note-label">
        Notes
      </h3>
      {note && <RichTextEditor fragment={note} labelId="card-note-label" readOnly={readOnly} />}

      <CardLabels card={card} />
      <CardPeople card={card} people={people} />

      {!readOnly && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            form.attempt(() => write(() => updateCard(doc, ws.ctx, cardId, { dueDate: due || null })), { _: 'card-due', dueDate: 'card-due' })
          }}
        >
          <div className="app-inline-form govuk-!-margin-bottom-6">
            <div className={`govuk-form-group${form.errorFor('card-due') ? ' govuk-form-group--error' : ''}`}>
              <label className="govuk-label govuk-label--s" htmlFor="card-due">
                Due date
              </label>
              <div className="govuk-hint" id="card-due-hint">
                Leave empty for no due date
              </div>
              {form.errorFor('card-due') && (
                <p id="card-due-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {form.errorFor('card-due')}
                </p>
              )}
              <input
                id="card-due"
                type="date"
                className={`govuk-input govuk-input--width-10${form.errorFor('card-due') ? ' govuk-input--error' : ''}`}
                aria-describedby={`card-due-hint${form.errorFor('card-due') ? ' card-due-error' : ''}`}
                value={due}
                onChange={(e) => setDue(e.target.value)}
              />
            </div>
            <button type="submit" className="govuk-button govuk-button--secondary">
              Save due date
            </button>
          </div>
        </form>
      )}

      <CardChecklist card={card} />
      {!card.archived && <CardCycleField key={card.id} cardId={cardId} />}
      <CardComments cardId={cardId} />

      {!readOnly && !card.archived && where && (
        <>
          <h3 className="govuk-heading-s">Move card</h3>
          <div className="app-button-group-tight govuk-!-margin-bottom-3">
            <button type="button" className="govuk-button govuk-button--secondary" disabled={where.index === 0} onClick={() => doMove(where.columnId, where.index - 1)}>
              Move up
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              disabled={where.index >= (column?.cards.length ?? 1) - 1}
              onClick={() => doMove(where.columnId, where.index + 1)}
            >
              Move down
            </button>
          </div>
          <form
            noValidate
            className="app-inline-form govuk-!-margin-bottom-6"
            onSubmit={(e) => {
              e.preventDefault()
              const target = board.columns.find((c) => c.id === moveTo)
              if (!target) return
              doMove(target.id, position === 'top' ? 0 : target.cards.filter((c) => c.id !== cardId).length)
            }}
          >
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="card-move-column">
                Column
              </label>
              <select id="card-move-column" className="govuk-select" value={moveTo} onChange={(e) => setMoveTo(e.target.value as ColumnId)}>
                {board.columns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="card-move-position">
                Position
              </label>
              <select id="card-move-position" className="govuk-select" value={position} onChange={(e) => setPosition(e.target.value as 'top' | 'bottom')}>
                <option value="top">Top</option>
                <option value="bottom">Bottom</option>
              </select>
            </div>
            <button type="submit" className="govuk-button govuk-button--secondary">
              Move card
            </button>
          </form>
        </>
      )}

      {!readOnly && (
        <button
          type="button"
          className={`govuk-button ${card.archived ? 'govuk-button--secondary' : 'govuk-button--warning'}`}
          onClick={() => {
            if (run(() => setCardArchived(doc, ws.ctx, cardId, !card.archived)) && !card.archived) onClose()
          }}
        >
          {card.archived ? 'Restore card to the board' : 'Archive card'}
        </button>
      )}
    </>
  )
}
