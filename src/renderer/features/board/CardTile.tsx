import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { readPeople, type Card } from '@shared/doc'
import { formatLongDate, todayInLondon } from '@shared/domain/dates'
import type { ColumnId } from '@shared/domain/ids'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from './ProjectDocContext'
import { EditingMarker } from '../sync/Presence'

export function SortableCardTile({ card, columnId }: { card: Card; columnId: ColumnId }): ReactNode {
  const { readOnly } = useProjectDoc()
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { columnId },
    disabled: readOnly
  })
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition }} data-card-id={card.id}>
      <CardTileView
        card={card}
        dragging={isDragging}
        handle={
          readOnly ? null : (
            <button
              type="button"
              ref={setActivatorNodeRef}
              className="app-card__handle"
              {...attributes}
              {...listeners}
              aria-label={`Move card: ${card.title}`}
            >
              <span aria-hidden="true">⠿</span>
            </button>
          )
        }
      />
    </li>
  )
}

export function CardTileView({ card, handle, dragging = false, overlay = false }: { card: Card; handle?: ReactNode; dragging?: boolean; overlay?: boolean }): ReactNode {
  const { projectId } = useProjectDoc()
  const ws = useWorkspace()
  const people = useDocValue(ws.programme, readPeople)
  const done = card.checklist.filter((i) => i.done).length
  const overdue = card.dueDate !== null && card.dueDate < todayInLondon()
  const assignees = card.assignees.map((id) => people.find((p) => p.id === id)?.name).filter(Boolean)
  return (
    <div className={`app-card${dragging ? ' app-card--dragging' : ''}${overlay ? ' app-card--overlay' : ''}`}>
      {handle}
      <div className="app-card__body">
        {overlay ? (
          <span className="app-card__title">{card.title}</span>
        ) : (
          <Link href={`/projects/${projectId}/cards/${card.id}`} className="govuk-link govuk-link--no-visited-state app-card__title">
            {card.title}
          </Link>
        )}
        <EditingMarker docId={projectId} cardId={card.id} />
        {(card.labels.length > 0 || card.dueDate || card.checklist.length > 0 || assignees.length > 0) && (
          <div className="app-card__meta">
            {card.labels.map((l) => (
              <span key={l} className="app-label">
                {l}
              </span>
            ))}
            {card.dueDate && <span>{overdue ? <strong>Overdue: {formatLongDate(card.dueDate)}</strong> : `Due ${formatLongDate(card.dueDate)}`}</span>}
            {card.checklist.length > 0 && (
              <span>
                {done} of {card.checklist.length} done
              </span>
            )}
            {assignees.length > 0 && <span>{assignees.join(', ')}</span>}
          </div>
        )}
      </div>
    </div>
  )
}
