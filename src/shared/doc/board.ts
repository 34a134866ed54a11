import type * as Y from 'yjs'
import type { CardId, ColumnId } from '../domain/ids'
import { compareRanked, rankAtIndex } from '../domain/ordering'
import { samePlainData } from '../domain/samePlainData'
import { wipState, type WipState } from '../domain/wip'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { cachedCard, cardsOf, readCards, takeChangedCardKeys, type Card } from './cardReads'
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
 *
 * Kept per doc as a column index, updated by the cards that changed (cardReads.ts) rather than
 * rebuilt from every card: a move on a 20,000-card board re-places one card (binary search)
 * and copies the two columns it touched; the other columns keep the same objects, so their
 * screens are not re-rendered. Nothing changed: the same Board object comes back.
 */
export function readBoard(doc: Y.Doc): Board {
  if (doc._transaction !== null) return buildBoard(readColumns(doc), readCards(doc))
  const columns = readColumns(doc)
  const changed = takeChangedCardKeys(doc)
  const index = indexes.get(doc)
  if (!index || changed === 'all' || !samePlainData(index.columns, columns)) {
    const fresh = buildIndex(columns, readCards(doc))
    indexes.set(doc, fresh)
    return fresh.board
  }
  if (changed.size > 0) updateIndex(doc, index, changed)
  return index.board
}

/** Where each card sits, by card key: a column id, or null for the archive. */
interface ColumnIndex {
  readonly columns: readonly Column[]
  readonly placed: Map<string, { readonly column: string | null; readonly card: Card }>
  readonly lists: Map<string, Card[]>
  archived: Card[]
  board: Board
}

const indexes = new WeakMap<Y.Doc, ColumnIndex>()

// Ties by id: map iteration order differs between peers, and every peer must show the same list.
const newestFirst = (a: Card, b: Card): number => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function columnOf(card: Card, live: ReadonlySet<string>, first: string | undefined): string | null | undefined {
  if (card.archived) return null
  return live.has(card.columnId) ? card.columnId : first
}

function buildBoard(columns: readonly Column[], cards: readonly Card[]): Board {
  return buildIndex(columns, cards).board
}

function buildIndex(columns: readonly Column[], cards: readonly Card[]): ColumnIndex {
  const live = new Set<string>(columns.map((c) => c.id))
  const first = columns[0]?.id
  const lists = new Map<string, Card[]>(columns.map((c) => [c.id, []]))
  const placed: ColumnIndex['placed'] = new Map()
  const archived: Card[] = []
  for (const card of cards) {
    const column = columnOf(card, live, first)
    if (column === undefined) continue
    placed.set(card.id, { column, card })
    if (column === null) archived.push(card)
    else lists.get(column)?.push(card)
  }
  for (const [id, list] of lists) lists.set(id, list.sort(compareRanked))
  archived.sort(newestFirst)
  const index: ColumnIndex = { columns, placed, lists, archived, board: EMPTY_BOARD }
  index.board = assemble(index, null, new Set(lists.keys()))
  return index
}

function updateIndex(doc: Y.Doc, index: ColumnIndex, changed: ReadonlySet<string>): void {
  const live = new Set<string>(index.columns.map((c) => c.id))
  const first = index.columns[0]?.id
  const touched = new Set<string>()
  let archiveTouched = false
  // Copy a column's list the first time this update changes it: the previous Board keeps its own.
  const listFor = (column: string): Card[] | undefined => {
    const list = index.lists.get(column)
    if (!list || touched.has(column)) return list
    const copy = list.slice()
    index.lists.set(column, copy)
    touched.add(column)
    return copy
  }
  for (const key of changed) {
    const before = index.placed.get(key)
    const card = cachedCard(doc, key)
    if (before && before.card === card) continue
    if (before) {
      if (before.column === null) {
        if (!archiveTouched) index.archived = index.archived.slice()
        archiveTouched = true
        const at = index.archived.indexOf(before.card)
        if (at >= 0) index.archived.splice(at, 1)
      } else {
        const list = listFor(before.column)
        if (list) removeSorted(list, before.card)
      }
      index.placed.delete(key)
    }
    if (!card) continue
    const column = columnOf(card, live, first)
    if (column === undefined) continue
    index.placed.set(key, { column, card })
    if (column === null) {
      if (!archiveTouched) index.archived = index.archived.slice()
      archiveTouched = true
      index.archived.push(card)
    } else {
      const list = listFor(column)
      if (list) list.splice(sortedIndex(list, card), 0, card)
    }
  }
  if (archiveTouched) index.archived.sort(newestFirst)
  if (touched.size > 0 || archiveTouched) index.board = assemble(index, index.board, touched)
}

function assemble(index: ColumnIndex, previous: Board | null, touched: ReadonlySet<string>): Board {
  let cardCount = 0
  const columns = index.columns.map((c, i) => {
    const cards = index.lists.get(c.id) ?? []
    cardCount += cards.length
    const before = previous?.columns[i]
    if (before && before.id === c.id && !touched.has(c.id)) return before
    return { ...c, cards, wip: wipState(cards.length, c.wipLimit) }
  })
  return { columns, archived: index.archived, cardCount }
}

/** First position in `list` (sorted by rank, then id) at which `card` may be inserted. */
function sortedIndex(list: readonly Card[], card: Card): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareRanked(list[mid] as Card, card) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

function removeSorted(list: Card[], card: Card): void {
  const at = sortedIndex(list, card)
  if (list[at] === card) list.splice(at, 1)
  else {
    const i = list.indexOf(card)
    if (i >= 0) list.splice(i, 1)
  }
}

const EMPTY_BOARD: Board = { columns: [], archived: [], cardCount: 0 }

/** Live, non-archived cards of a column in board order, optionally leaving one out. */
export function cardsInColumn(doc: Y.Doc, columnId: ColumnId, except?: CardId): readonly Card[] {
  const cards = readBoard(doc).columns.find((c) => c.id === columnId)?.cards ?? []
  return except === undefined ? cards : cards.filter((c) => c.id !== except)
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
