import { useDroppable } from '@dnd-kit/core'
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { useState, type ReactNode } from 'react'
import { addCard, type BoardColumn as ColumnData } from '@shared/doc'
import type { ColumnId } from '@shared/domain/ids'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { ColumnSettings } from './ColumnSettings'
import { SortableCardTile } from './CardTile'
import { useProjectDoc } from './ProjectDocContext'

const PREFIX = 'column:'
export const columnDropId = (id: ColumnId): string => PREFIX + id
export const parseColumnDropId = (id: string): ColumnId | null => (id.startsWith(PREFIX) ? (id.slice(PREFIX.length) as ColumnId) : null)

export function BoardColumn({ column, index, columns }: { column: ColumnData; index: number; columns: readonly ColumnData[] }): ReactNode {
  const { readOnly } = useProjectDoc()
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(column.id) })
  const headingId = `column-${column.id}-title`
  const count = column.cards.length
  const limitText = column.wipLimit !== null ? ` (WIP limit ${column.wipLimit})` : ''
  return (
    <section
      className={`app-column${column.wip === 'over' ? ' app-column--over' : ''}${isOver ? ' app-column--drop-target' : ''}`}
      aria-labelledby={headingId}
      data-column-id={column.id}
    >
      <div className="app-column__header">
        <h2 className="app-column__title" id={headingId}>
          {column.title}
        </h2>
        <span className="app-column__count">
          {column.wipLimit !== null ? `${count} of ${column.wipLimit}` : `${count}`}
          <span className="govuk-visually-hidden"> {count === 1 ? 'card' : 'cards'}{limitText}</span>
        </span>
      </div>
      {column.wip === 'over' && (
        <p className="app-column__wip-warning" role="status">
          Over the WIP limit by {count - (column.wipLimit ?? 0)}
        </p>
      )}
      <SortableContext id={column.id} items={column.cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ol className="app-column__cards" ref={setNodeRef} aria-labelledby={headingId}>
          {column.cards.map((card) => (
            <SortableCardTile key={card.id} card={card} columnId={column.id} />
          ))}
        </ol>
      </SortableContext>
      {!readOnly && <AddCardForm columnId={column.id} columnTitle={column.title} />}
      {!readOnly && <ColumnSettings column={column} index={index} columns={columns} />}
    </section>
  )
}

function AddCardForm({ columnId, columnTitle }: { columnId: ColumnId; columnTitle: string }): ReactNode {
  const { doc, write } = useProjectDoc()
  const ws = useWorkspace()
  const form = useFormErrors()
  const [title, setTitle] = useState('')
  const id = `add-card-${columnId}`
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        if (form.attempt(() => write(() => addCard(doc, ws.ctx, { columnId, title })), id)) setTitle('')
      }}
    >
      <ErrorSummary errors={form.summary} />
      <TextField
        id={id}
        label={`Add a card to ${columnTitle}`}
        labelClassName="govuk-label--s"
        value={title}
        error={form.errorFor(id)}
        onChange={(e) => setTitle(e.target.value)}
        autoComplete="off"
      />
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2">
        Add card<span className="govuk-visually-hidden"> to {columnTitle}</span>
      </button>
    </form>
  )
}
