import type * as Y from 'yjs'
import type { CardId, ColumnId } from '../domain/ids'
import { rankAtIndex, sortRanked } from '../domain/ordering'
import { wipState, type WipState } from '../domain/wip'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { cardsOf, readCards, type Card } from './cards'
import { markColumnRemoved, readColumns, type Column } from './columns'

export interface BoardColumn extends Column {
  readonly cards: readonly Card[]
  readonly wip: WipState
}

export interface Board {
  readonly columns: readonly BoardColumn[]
  readonly archived: readonly Card[]
  readonly cardCount: number
}

/**
 * The board as a person sees it. A card whose column was removed by a colleague while this
 * peer was offline is shown in the first column rather than disappearing.
 */
export function readBoard(doc: Y.Doc): Board {
  const columns = readColumns(doc)
  const live = new Set<string>(columns.map((c) => c.id))
  const first = columns[0]?.id
  const byColumn = new Map<string, Card[]>(columns.map((c) => [c.id, []]))
  const archived: Card[] = []
  for (const card of readCards(doc)) {
    if (card.archived) {
      archived.push(card)
      continue
    }
    const col = live.has(card.columnId) ? card.columnId : first
    if (col !== undefined) byColumn.get(col)?.push(card)
  }
  let cardCount = 0
  const boardColumns = columns.map((c) => {
    const cards = sortRanked(byColumn.get(c.id) ?? [])
    cardCount += cards.length
    return { ...c, cards, wip: wipState(cards.length, c.wipLimit) }
  })
  // Ties by id: map iteration order differs between peers, and every peer must show the same list.
  const newestFirst = (a: Card, b: Card): number => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  return { columns: boardColumns, archived: archived.sort(newestFirst), cardCount }
}

/** Where a card is: column and index as shown on the board. */
export function locateCard(board: Board, id: CardId): { columnId: ColumnId; index: number } | null {
  for (const col of board.columns) {
    const index = col.cards.findIndex((c) => c.id === id)
    if (index >= 0) return { columnId: col.id, index }
  }
  return null
}

/**
 * Remove a column, moving its cards (in order) to the end of `moveTo` in the same
 * transaction. The last column cannot be removed: a board needs somewhere to put cards.
 */
export function removeColumn(doc: Y.Doc, ctx: OpContext, id: ColumnId, moveTo: ColumnId): void {
  if (id === moveTo) throw new Error('Choose a different column to move the cards to')
  const board = readBoard(doc)
  const source = board.columns.find((c) => c.id === id)
  const target = board.columns.find((c) => c.id === moveTo)
  if (!source) throw new Error('That column no longer exists')
  if (!target) throw new Error('Choose a column to move the cards to')
  doc.transact(() => {
    const placed = [...target.cards]
    for (const card of source.cards) {
      const rank = rankAtIndex(placed, placed.length)
      const m = cardsOf(doc).get(card.id)
      m?.set('columnId', moveTo)
      m?.set('rank', rank)
      placed.push({ ...card, rank })
    }
    // Archived cards of the removed column follow too, so restoring them lands somewhere real.
    for (const card of board.archived) if (card.columnId === id) cardsOf(doc).get(card.id)?.set('columnId', moveTo)
    markColumnRemoved(doc, ctx, id, moveTo, source.cards.length)
  }, LOCAL_ORIGIN)
}
