import { useDroppable } from '@dnd-kit/core'
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { addCard, type BoardColumn as ColumnData } from '@shared/doc'
import type { CardId, ColumnId } from '@shared/domain/ids'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import type { PresencePeer } from '../sync/Presence'
import { ColumnSettings, type ColumnChoice } from './ColumnSettings'
import { SortableCardTile } from './CardTile'
import { useProjectDoc } from './ProjectDocContext'

const PREFIX = 'column:'
export const columnDropId = (id: ColumnId): string => PREFIX + id
export const parseColumnDropId = (id: string): ColumnId | null => (id.startsWith(PREFIX) ? (id.slice(PREFIX.length) as ColumnId) : null)

/**
 * Up to this many cards a column renders every tile (the page scrolls, as on any small board, and
 * the browser's find works on every card). Above it the column scrolls on its own and only the
 * tiles in view, plus a margin, are in the page: a 20,000-card board stays as quick as a small one.
 */
export const RENDER_ALL_UP_TO = 60
/** A tile's usual height with its gap, before it is measured. */
const ESTIMATED_TILE = 64
/** Tiles rendered beyond each edge of the view, so Tab and arrow-key moves find the next tile. */
const OVERSCAN = 6

interface ColumnProps {
  readonly column: ColumnData
  readonly index: number
  readonly columns: readonly ColumnChoice[]
  /** The card being dragged, kept in the page wherever it is scrolled to (dnd-kit holds its node). */
  readonly activeId: CardId | null
  /** A card just dropped here: scrolled into view once (the column may be windowed). */
  readonly reveal: CardId | null
  readonly editors: ReadonlyMap<string, readonly PresencePeer[]>
}

/** Memoised: a column re-renders when its own cards (a new array only if one of them changed) or its settings change. */
export const BoardColumn = memo(function BoardColumn({ column, index, columns, activeId, reveal, editors }: ColumnProps): ReactNode {
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
      <ColumnCards column={column} headingId={headingId} dropRef={setNodeRef} activeId={activeId} reveal={reveal} editors={editors} />
      {!readOnly && <AddCardForm columnId={column.id} columnTitle={column.title} />}
      {!readOnly && <ColumnSettings column={column} index={index} columns={columns} />}
    </section>
  )
})

/**
 * The column's list of tiles, windowed by @tanstack/react-virtual. Kept in the page whatever the
 * scroll: the tile being dragged and the tile holding keyboard focus (so a keyboard move or Tab
 * never loses its place). Tiles sit in normal flow; a gap above a tile stands in for the ones
 * not rendered, so dnd-kit's transforms and measuring work as on a plain list.
 */
function ColumnCards({
  column,
  headingId,
  dropRef,
  activeId,
  reveal,
  editors
}: {
  column: ColumnData
  headingId: string
  dropRef: (node: HTMLElement | null) => void
  activeId: CardId | null
  reveal: CardId | null
  editors: ReadonlyMap<string, readonly PresencePeer[]>
}): ReactNode {
  const cards = column.cards
  const windowed = cards.length > RENDER_ALL_UP_TO
  const scroller = useRef<HTMLOListElement | null>(null)
  const [focusedId, setFocusedId] = useState<string | null>(null)
  const keep = useMemo(() => {
    const out: number[] = []
    for (const id of [activeId, focusedId]) {
      if (!id) continue
      const i = cards.findIndex((c) => c.id === id)
      if (i >= 0) out.push(i)
    }
    return out
  }, [cards, activeId, focusedId])
  const rangeExtractor = useCallback(
    (range: Range): number[] => {
      if (!windowed) return Array.from({ length: range.count }, (_, i) => i)
      const shown = defaultRangeExtractor(range)
      for (const i of keep) if (!shown.includes(i)) shown.push(i)
      return shown.sort((a, b) => a - b)
    },
    [windowed, keep]
  )
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read during render on purpose; ColumnCards is not memoised by the compiler
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_TILE,
    getItemKey: (i) => cards[i]?.id ?? i,
    overscan: OVERSCAN,
    rangeExtractor,
    // The first paint, before the list is measured, shows a screenful rather than nothing.
    initialRect: { width: 300, height: 800 }
  })
  // Once per card dropped here: bring it into view (only what is windowed can be out of view).
  const revealed = useRef<CardId | null>(null)
  useEffect(() => {
    if (!windowed || !reveal || revealed.current === reveal) return
    revealed.current = reveal
    const i = cards.findIndex((c) => c.id === reveal)
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' })
  }, [windowed, reveal, cards, virtualizer])
  const items = virtualizer.getVirtualItems()
  // Only what is in the page takes part in sorting; the drop position comes from the whole column.
  const ids = useMemo(() => items.map((v) => cards[v.index]?.id).filter((id): id is CardId => id !== undefined), [items, cards])
  const last = items[items.length - 1]
  const below = windowed && last ? Math.max(0, virtualizer.getTotalSize() - last.end) : 0
  const setRefs = useCallback(
    (node: HTMLOListElement | null) => {
      scroller.current = node
      dropRef(node)
    },
    [dropRef]
  )
  let end = 0
  return (
    <SortableContext id={column.id} items={ids} strategy={verticalListSortingStrategy}>
      <ol
        className={`app-column__cards${windowed ? ' app-column__cards--windowed' : ''}`}
        ref={setRefs}
        aria-labelledby={headingId}
        onFocus={(e) => {
          const id = (e.target as HTMLElement).closest('li[data-card-id]')?.getAttribute('data-card-id')
          if (id) setFocusedId(id)
        }}
      >
        {items.map((v) => {
          const card = cards[v.index]
          if (!card) return null
          const gapAbove = windowed ? Math.max(0, v.start - end) : 0
          end = v.end
          return (
            <SortableCardTile
              key={card.id}
              card={card}
              columnId={column.id}
              editors={editors.get(card.id)}
              index={v.index}
              setSize={cards.length}
              gapAbove={gapAbove}
              measureRef={windowed ? virtualizer.measureElement : undefined}
            />
          )
        })}
        {/* Stands in for the tiles below the view (padding would sit outside the list's max-height). */}
        {below > 0 && <li aria-hidden="true" className="app-column__spacer" style={{ height: below }} />}
      </ol>
    </SortableContext>
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
