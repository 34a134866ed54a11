import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { createContext, memo, useCallback, useContext, type CSSProperties, type ReactNode, type Ref } from 'react'
import { Link } from 'wouter'
import type { Card } from '@shared/doc'
import { formatLongDate } from '@shared/domain/dates'
import type { ColumnId } from '@shared/domain/ids'
import { EditingMarkerView, type PresencePeer } from '../sync/Presence'

/**
 * What every tile on a board shares, read once by the board rather than by each tile (a board
 * can show thousands): people's names, today's date for "Overdue", and the project for links.
 */
export interface TileContext {
  readonly projectId: string
  readonly names: ReadonlyMap<string, string>
  readonly today: string
  readonly readOnly: boolean
}

export const TileContextValue = createContext<TileContext>({ projectId: '', names: new Map(), today: '', readOnly: true })

interface SortableTileProps {
  readonly card: Card
  readonly columnId: ColumnId
  /** Colleagues who have this card open (undefined: nobody), from the board's one presence read. */
  readonly editors: readonly PresencePeer[] | undefined
  /** For the virtual list: where this tile sits, and the ref that measures its height. */
  readonly index: number
  readonly setSize: number
  readonly gapAbove: number
  readonly measureRef?: Ref<HTMLLIElement>
}

/**
 * One tile on the board. Memoised: a tile re-renders only when its own card (the same object
 * until that card changes, see cardReads.ts), its editors or its place changes.
 */
export const SortableCardTile = memo(function SortableCardTile({ card, columnId, editors, index, setSize, gapAbove, measureRef }: SortableTileProps): ReactNode {
  const { readOnly } = useContext(TileContextValue)
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { columnId },
    disabled: readOnly
  })
  const style: CSSProperties = { transform: CSS.Transform.toString(transform), transition, marginTop: gapAbove || undefined }
  // Stable, so a re-render during a drag does not detach and re-attach the ref (which would
  // measure the tile again, forcing a layout, every time).
  const ref = useCallback(
    (node: HTMLLIElement | null) => {
      setNodeRef(node)
      if (typeof measureRef === 'function') measureRef(node)
    },
    [setNodeRef, measureRef]
  )
  return (
    <li
      ref={ref}
      style={style}
      data-card-id={card.id}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
    >
      <CardTileView
        card={card}
        editors={editors}
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
})

/**
 * A tile: its move handle (when there is one) and its body. During a drag dnd-kit re-renders every
 * sortable tile on each step; the body is memoised on the card, so only the handle and the frame
 * are redone.
 */
export function CardTileView({
  card,
  handle,
  editors,
  dragging = false,
  overlay = false
}: {
  card: Card
  handle?: ReactNode
  editors?: readonly PresencePeer[] | undefined
  dragging?: boolean
  overlay?: boolean
}): ReactNode {
  return (
    <div className={`app-card${dragging ? ' app-card--dragging' : ''}${overlay ? ' app-card--overlay' : ''}`}>
      {handle}
      <CardBody card={card} editors={editors} overlay={overlay} />
    </div>
  )
}

const CardBody = memo(function CardBody({ card, editors, overlay }: { card: Card; editors: readonly PresencePeer[] | undefined; overlay: boolean }): ReactNode {
  const { projectId, names, today } = useContext(TileContextValue)
  const done = card.checklist.filter((i) => i.done).length
  const overdue = card.dueDate !== null && card.dueDate < today
  const assignees = card.assignees.map((id) => names.get(id)).filter(Boolean)
  return (
    <div className="app-card__body">
      {overlay ? (
        <span className="app-card__title">{card.title}</span>
      ) : (
        <Link href={`/projects/${projectId}/cards/${card.id}`} className="govuk-link govuk-link--no-visited-state app-card__title">
          {card.title}
        </Link>
      )}
      {editors && <EditingMarkerView peers={editors} />}
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
  )
})
