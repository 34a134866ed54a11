/**
 * The board's column index (board.ts) is updated from the cards that changed rather than rebuilt.
 * Whatever happens to a doc (local edits, a colleague's merged changes, columns removed, archived
 * cards, notes typed), the board it shows must equal the board read from scratch from the same
 * state, and columns nothing touched must stay the same objects (so their screens skip a render).
 */
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addCard,
  addColumn,
  addLabel,
  cardNoteOf,
  createDoc,
  moveCard,
  readBoard,
  readColumns,
  removeColumn,
  setCardArchived,
  updateCard,
  type Board
} from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { REMOTE } from '../../helpers/peers'
import { BOB, ctxAt, newProject } from '../support'

/** The board a newly opened copy of the same state shows: no index carried over. */
function fromScratch(doc: Y.Doc): Board {
  const copy = createDoc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return readBoard(copy)
}

const plain = (b: Board): unknown => JSON.parse(JSON.stringify(b))

describe('the board column index', () => {
  it('matches a from-scratch read after 400 random local and remote edits', () => {
    const gen = prng.create(11)
    const { doc } = newProject()
    const peer = createDoc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
    const ids: CardId[] = []
    const peerIds: CardId[] = []
    for (let step = 0; step < 400; step++) {
      const cols = readColumns(doc)
      const pick = <T,>(xs: readonly T[]): T => xs[prng.uint32(gen, 0, xs.length - 1)] as T
      const op = prng.uint32(gen, 0, 9)
      if (op <= 2 || ids.length < 3) ids.push(addCard(doc, ctxAt(), { columnId: pick(cols).id, title: `Card ${step}`, index: prng.uint32(gen, 0, 5) }))
      else if (op <= 4) moveCard(doc, ctxAt(), pick(ids), pick(cols).id, prng.uint32(gen, 0, 8))
      else if (op === 5) setCardArchived(doc, ctxAt(), pick(ids), prng.bool(gen))
      else if (op === 6) updateCard(doc, ctxAt(), pick(ids), { title: `Renamed ${step}` })
      else if (op === 7) addLabel(doc, ctxAt(), pick(ids), `label ${step}`)
      else if (op === 8) {
        // A colleague's edits made offline, then merged.
        const pcols = readColumns(peer)
        peerIds.push(addCard(peer, ctxAt(undefined, BOB), { columnId: pick(pcols).id, title: `Bob ${step}` }))
        if (peerIds.length > 1) moveCard(peer, ctxAt(undefined, BOB), pick(peerIds), pick(pcols).id, 0)
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), REMOTE)
        Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)), REMOTE)
      } else if (step % 50 === 9 && cols.length > 1) {
        addColumn(doc, ctxAt(), `Column ${step}`, null)
        const [gone, to] = [pick(readColumns(doc)), readColumns(doc)[0]]
        if (gone && to && gone.id !== to.id) removeColumn(doc, ctxAt(), gone.id, to.id)
      }
      const board = readBoard(doc)
      expect(plain(board)).toEqual(plain(fromScratch(doc)))
      expect(board.columns.every((c, i) => i === 0 || c.cards.every((x) => x.columnId === c.id || !readColumns(doc).some((k) => k.id === x.columnId)))).toBe(true)
    }
  })

  it('gives back the same board when nothing on it changed, and keeps untouched columns', () => {
    const { doc, todo, doing, done } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    addCard(doc, ctxAt(), { columnId: done.id, title: 'B' })
    const first = readBoard(doc)
    expect(readBoard(doc)).toBe(first)

    // Typing in a card's note changes the doc but not the board.
    const note = cardNoteOf(doc, a)
    doc.transact(() => note?.insert(0, [new Y.XmlText('Some words')]))
    expect(readBoard(doc)).toBe(first)

    moveCard(doc, ctxAt(), a, doing.id, 0)
    const moved = readBoard(doc)
    expect(moved).not.toBe(first)
    expect(moved.columns[2]).toBe(first.columns[2]) // Done: untouched
    expect(moved.columns[0]?.cards).toEqual([])
    expect(moved.columns[1]?.cards.map((c) => c.title)).toEqual(['A'])
    // The earlier board is not changed under whoever still holds it.
    expect(first.columns[0]?.cards.map((c) => c.title)).toEqual(['A'])
  })

  it('reads the live doc inside a transaction, before the index hears of the change', () => {
    const { doc, todo } = newProject()
    readBoard(doc)
    doc.transact(() => {
      addCard(doc, ctxAt(), { columnId: todo.id, title: 'Inside' })
      expect(readBoard(doc).columns[0]?.cards.map((c) => c.title)).toEqual(['Inside'])
    })
    expect(readBoard(doc).columns[0]?.cards.map((c) => c.title)).toEqual(['Inside'])
  })
})
