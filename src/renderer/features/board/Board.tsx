import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type UniqueIdentifier
} from '@dnd-kit/core'
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react'
import { addColumn, currentCycle, locateCard, moveCard, readBoard, readCardCycles, readPeople, readProgramme, type Board as BoardData, type Card } from '@shared/doc'
import type { CardId, ColumnId } from '@shared/domain/ids'
import { filterWords, matchesFilter, readCardFilterTexts } from '@shared/search'
import { useDocValue } from '../../hooks/useDocValue'
import { BoardColumn, columnDropId, parseColumnDropId } from './BoardColumn'
import { CardTileView, TileContextValue, type TileContext } from './CardTile'
import type { ColumnChoice } from './ColumnSettings'
import { useEditorsByCard } from '../sync/Presence'
import { useProjectDoc } from './ProjectDocContext'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { CycleHeader, StoppedBanner } from '../cycles/CycleHeader'
import { useCycles } from '../cycles/useCycles'

/** Where a drop lands: a card means "before that card", a column means "at its end". */
export function dropTarget(board: BoardData, activeId: CardId, overId: UniqueIdentifier): { columnId: ColumnId; index: number } | null {
  const col = parseColumnDropId(String(overId))
  if (col) {
    const column = board.columns.find((c) => c.id === col)
    if (!column) return null
    return { columnId: col, index: column.cards.filter((c) => c.id !== activeId).length }
  }
  return locateCard(board, String(overId) as CardId)
}

/**
 * Cards win over columns: a column's droppable area contains its cards, and without this a drop
 * onto a card in another column would land at the end of that column instead of before the card.
 * Empty space in a column (below the last card) still means "at the end".
 */
export const cardsFirst: CollisionDetection = (args) => {
  const hits = args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args)
  const card = hits.find((h) => !parseColumnDropId(String(h.id)))
  if (card) return [card]
  const col = hits.find((h) => parseColumnDropId(String(h.id)))
  if (col) return [col]
  return closestCorners(args)
}

export function Board(): ReactNode {
  const { doc, run, readOnly, projectId } = useProjectDoc()
  const ws = useWorkspace()
  const people = useDocValue(ws.programme, readPeople)
  const fullBoard = useDocValue(doc, readBoard)
  const { cycles, today } = useCycles()
  const current = currentCycle(cycles)
  const [onlyCurrent, setOnlyCurrent] = useState(false)
  const cardCycles = useDocValue(doc, readCardCycles, today)
  const [filter, setFilter] = useState('')
  const words = filterWords(useDeferredValue(filter))
  const filtering = words.length > 0
  // Cards' text (title, labels, note, checklist) is read only while something is typed.
  const cardTexts = useDocValue(doc, filtering ? readCardFilterTexts : noTexts)
  const wordsKey = words.join(' ')
  // The filters only hide cards: drops are still worked out on the whole board, so a card dropped
  // before a visible card lands before it among the hidden ones too.
  const board = useMemo(() => {
    const cycleOnly = onlyCurrent && current
    if (!cycleOnly && !wordsKey) return fullBoard
    const wanted = wordsKey ? wordsKey.split(' ') : []
    const keep = (id: CardId): boolean =>
      (!cycleOnly || cardCycles.get(id) === current.number) && (wanted.length === 0 || matchesFilter(cardTexts.get(id) ?? '', wanted))
    const columns = fullBoard.columns.map((c) => ({ ...c, cards: c.cards.filter((x) => keep(x.id)) }))
    return { ...fullBoard, columns, cardCount: columns.reduce((n, c) => n + c.cards.length, 0) }
  }, [fullBoard, onlyCurrent, current, cardCycles, cardTexts, wordsKey])
  // The card being dragged and the column it started in: only that column is told (it keeps the
  // card's tile in the page), so picking up and dropping do not re-render every column.
  const [dragging, setDragging] = useState<{ readonly id: CardId; readonly from: ColumnId | null } | null>(null)
  const activeId = dragging?.id ?? null
  // The card last dropped, and where: that column keeps its tile in the page and scrolls to it, so
  // a card dropped at the end of a long column is in view and keeps keyboard focus.
  const [dropped, setDropped] = useState<{ readonly id: CardId; readonly column: ColumnId } | null>(null)
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates })
  )
  const announcements = useMemo(() => makeAnnouncements(board), [board])
  const active = activeId ? cardById(board, activeId) : undefined
  const editors = useEditorsByCard(projectId)
  const tiles = useMemo<TileContext>(
    () => ({ projectId, names: new Map(people.map((p) => [p.id, p.name])), today, readOnly }),
    [projectId, people, today, readOnly]
  )
  // The columns' ids and titles, the same array until one is added, renamed or moved: a card
  // moving elsewhere must not re-render every column's settings.
  const choicesKey = board.columns.map((c) => `${c.id}\u0000${c.title}`).join('\u0001')
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the ids and titles only, on purpose
  const choices = useMemo<readonly ColumnChoice[]>(() => board.columns.map((c) => ({ id: c.id, title: c.title })), [choicesKey])

  const onDragStart = (e: DragStartEvent): void => {
    const id = String(e.active.id) as CardId
    setDragging({ id, from: locateCard(board, id)?.columnId ?? null })
    setDropped(null)
  }
  const onDragEnd = (e: DragEndEvent): void => {
    setDragging(null)
    if (!e.over) return
    const id = String(e.active.id) as CardId
    const to = dropTarget(fullBoard, id, e.over.id)
    const from = locateCard(fullBoard, id)
    if (!to || (from && from.columnId === to.columnId && from.index === to.index)) return
    if (run(() => moveCard(doc, ws.ctx, id, to.columnId, to.index))) setDropped({ id, column: to.columnId })
  }

  return (
    <>
      <StoppedBanner />
      <CycleHeader linkToCycle />
      {/* One compact row above the board, so the board itself starts high on the page. */}
      <div className="app-board-toolbar">
        <div className="app-board-filter">
          <TextField
            id="board-filter"
            label="Filter cards"
            labelClassName="govuk-label--s"
            hint="Words in a card's title, labels, note or checklist"
            type="search"
            autoComplete="off"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            width="20"
          />
          {current && (
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="board-current-cycle" type="checkbox" checked={onlyCurrent} onChange={(e) => setOnlyCurrent(e.target.checked)} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="board-current-cycle">
                  Current cycle only (cycle {current.number})
                </label>
              </div>
            </div>
          )}
        </div>
        {/* Outside the board's own scrolling, so it is never clipped however many columns there are. */}
        {!readOnly && <AddColumnForm />}
      </div>
      <p className="govuk-body-s app-board-filter__status" role="status">
        {filtering ? filterStatus(board.cardCount, fullBoard.cardCount, filter.trim()) : ''}
      </p>
      {filtering && board.cardCount === 0 && (
        <div className="govuk-inset-text app-board-filter__empty">
          No cards match “{filter.trim()}”{onlyCurrent && current ? ` in cycle ${current.number}` : ''}. Check the spelling, try fewer words, or{' '}
          <button
            type="button"
            className="app-link-button"
            onClick={() => {
              setFilter('')
              // This message goes away: focus goes back to the box rather than being lost.
              document.getElementById('board-filter')?.focus()
            }}
          >
            clear the filter
          </button>
          .
        </div>
      )}
      <p className="govuk-body-s govuk-!-margin-bottom-2" id="board-help">
        {board.cardCount} {board.cardCount === 1 ? 'card' : 'cards'}{onlyCurrent && current ? ` in cycle ${current.number}` : ''}. To move a card with the keyboard, focus its move
        handle, press space, use the arrow keys, then press space again to drop it or escape to cancel.
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={cardsFirst}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              'To pick up this card, press space or enter. Use the arrow keys to move it within and between columns. Press space or enter again to drop it, or escape to cancel.'
          }
        }}
      >
        <TileContextValue.Provider value={tiles}>
          <div className="app-board" role="region" aria-label="Board" aria-describedby="board-help" data-card-count={board.cardCount}>
            {board.columns.map((column, i) => (
              <BoardColumn
                key={column.id}
                column={column}
                index={i}
                columns={choices}
                activeId={dragging?.from === column.id ? dragging.id : dropped?.column === column.id ? dropped.id : null}
                reveal={!dragging && dropped?.column === column.id ? dropped.id : null}
                editors={editors}
              />
            ))}
          </div>
          <DragOverlay dropAnimation={prefersReducedMotion() ? null : undefined}>{active ? <CardTileView card={active} overlay /> : null}</DragOverlay>
        </TileContextValue.Provider>
      </DndContext>
    </>
  )
}

const noTexts = (): ReadonlyMap<CardId, string> => EMPTY_TEXTS
const EMPTY_TEXTS: ReadonlyMap<CardId, string> = new Map()

function filterStatus(shown: number, total: number, query: string): string {
  if (shown === 0) return `No cards match “${query}”.`
  return `${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${total === 1 ? 'card matches' : 'cards match'} “${query}”.`
}

/** People who ask for less motion get no drop animation. */
function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches
}

function cardById(board: BoardData, id: CardId): Card | undefined {
  for (const col of board.columns) {
    const card = col.cards.find((c) => c.id === id)
    if (card) return card
  }
  return undefined
}

function makeAnnouncements(board: BoardData): Announcements {
  const title = (id: UniqueIdentifier): string => cardById(board, String(id) as CardId)?.title ?? 'card'
  const where = (activeId: UniqueIdentifier, overId: UniqueIdentifier | undefined): string => {
    if (overId === undefined) return 'not over a column'
    const t = dropTarget(board, String(activeId) as CardId, overId)
    const col = t && board.columns.find((c) => c.id === t.columnId)
    return col && t ? `position ${t.index + 1} in ${col.title}` : 'not over a column'
  }
  return {
    onDragStart: ({ active }) => `Picked up ${title(active.id)}.`,
    onDragOver: ({ active, over }) => `${title(active.id)} is over ${where(active.id, over?.id)}.`,
    onDragEnd: ({ active, over }) =>
      over ? `${title(active.id)} was dropped at ${where(active.id, over.id)}.` : `${title(active.id)} was dropped where it started.`,
    onDragCancel: ({ active }) => `Moving ${title(active.id)} was cancelled. It is back where it started.`
  }
}

function AddColumnForm(): ReactNode {
  const { doc, write } = useProjectDoc()
  const ws = useWorkspace()
  const form = useFormErrors()
  const [title, setTitle] = useState('')
  const programme = useDocValue(ws.programme, readProgramme)
  return (
    <form
      className="app-add-column"
      aria-label="Add a column"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        if (form.attempt(() => write(() => addColumn(doc, ws.ctx, title, programme?.defaultWipLimit ?? null)), 'new-column-title')) setTitle('')
      }}
    >
      <ErrorSummary errors={form.summary} />
      <div className="app-inline-form">
        <TextField
          id="new-column-title"
          label="Add a column"
          labelClassName="govuk-label--s"
          value={title}
          error={form.errorFor('new-column-title')}
          onChange={(e) => setTitle(e.target.value)}
          width="10"
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Add column
        </button>
      </div>
    </form>
  )
}

export { columnDropId }
