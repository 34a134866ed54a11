import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addCard,
  cardsInColumn,
  cardsOf,
  locateCard,
  moveCard,
  readBoard,
  readCards,
  removeColumn,
  setCardArchived,
  setWipLimit
} from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { TestConnector } from '../../helpers/peers'
import { ALICE, BOB, ctxAt, newProject, T0 } from '../support'

describe('readBoard', () => {
  it('shows live columns in order with their cards in order and counts only cards on the board', () => {
    const { doc, todo, doing, done } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    addCard(doc, ctxAt(), { columnId: doing.id, title: 'B' })
    addCard(doc, ctxAt(), { columnId: doing.id, title: 'C', index: 0 })
    const gone = addCard(doc, ctxAt(), { columnId: done.id, title: 'D' })
    setCardArchived(doc, ctxAt(), gone, true)
    const board = readBoard(doc)
    expect(board.columns.map((c) => [c.title, c.cards.map((x) => x.title)])).toEqual([
      ['To do', ['A']],
      ['Doing', ['C', 'B']],
      ['Done', []]
    ])
    expect(board.cardCount).toBe(3)
    expect(board.archived.map((c) => c.title)).toEqual(['D'])
    expect(locateCard(board, a)).toEqual({ columnId: todo.id, index: 0 })
    expect(locateCard(board, gone)).toBeNull()
  })

  it('flags a column as over its WIP limit only when it holds more cards than the limit', () => {
    const { doc, doing } = newProject()
    setWipLimit(doc, ctxAt(), doing.id, 1)
    addCard(doc, ctxAt(), { columnId: doing.id, title: 'One' })
    expect(readBoard(doc).columns[1]?.wip).toBe('at')
    addCard(doc, ctxAt(), { columnId: doing.id, title: 'Two' })
    expect(readBoard(doc).columns.map((c) => c.wip)).toEqual(['none', 'over', 'none'])
  })

  it('orders cards that share a rank by id, the same way on every computer', () => {
    const { doc, todo } = newProject()
    const ids = ['A', 'B', 'C'].map((t) => addCard(doc, ctxAt(), { columnId: todo.id, title: t }))
    // What two peers inserting at one spot offline leave behind: equal ranks.
    doc.transact(() => ids.forEach((id) => cardsOf(doc).get(id)?.set('rank', 'a5')))
    const shown = readBoard(doc).columns[0]?.cards.map((c) => c.id)
    expect(shown).toEqual([...ids].sort())
    // And a card can still be dropped among them without an error.
    const d = addCard(doc, ctxAt(), { columnId: todo.id, title: 'D', index: 1 })
    expect(readBoard(doc).columns[0]?.cards.map((c) => c.id)).toContain(d)
    moveCard(doc, ctxAt(), ids[0] as CardId, todo.id, 2)
    expect(readBoard(doc).columns[0]?.cards).toHaveLength(4)
  })
})

describe('a card moved into a column a colleague removed at the same time', () => {
  it('shows in the first column on both computers and is not lost', () => {
    const net = new TestConnector(2, 7).seed((d) => {
      const { todo, doing, done } = newProject(d)
      addCard(d, ctxAt(), { columnId: todo.id, title: 'Existing' })
      addCard(d, ctxAt(), { columnId: done.id, title: 'Moving' })
      addCard(d, ctxAt(), { columnId: doing.id, title: 'Already in Doing' })
    })
    const [alice, bob] = net.docs as [Y.Doc, Y.Doc]
    const [todo, doing, done] = readBoard(alice).columns
    const moving = readCards(bob).find((c) => c.title === 'Moving')!.id
    net.disconnectAll()

    // Alice removes "Doing", moving its cards to "Done"; Bob, offline, moves a card into "Doing" and adds one there.
    removeColumn(alice, ctxAt(T0, ALICE), doing!.id, done!.id)
    moveCard(bob, ctxAt(T0, BOB), moving, doing!.id, 0)
    const added = addCard(bob, ctxAt(T0, BOB), { columnId: doing!.id, title: 'New in Doing' })

    net.reconnectAll()
    net.flushAll()
    net.assertConverged()
    const board = readBoard(alice)
    expect(JSON.stringify(readBoard(bob))).toBe(JSON.stringify(board))
    expect(board.columns.map((c) => c.title)).toEqual(['To do', 'Done'])
    expect(board.columns[0]?.id).toBe(todo!.id)
    expect(board.columns[0]?.cards.map((c) => c.title).sort()).toEqual(['Existing', 'Moving', 'New in Doing'])
    expect(board.columns[1]?.cards.map((c) => c.title)).toEqual(['Already in Doing'])
    expect(board.cardCount).toBe(4)
    expect(locateCard(board, added)?.columnId).toBe(todo!.id)
    // cardsInColumn (used for drop positions) agrees with what is shown.
    expect(cardsInColumn(bob, todo!.id).map((c) => c.id)).toEqual(board.columns[0]?.cards.map((c) => c.id))

    // Bob can carry on working with the rescued card.
    moveCard(bob, ctxAt(T0, BOB), added, done!.id, 0)
    net.flushAll()
    expect(readBoard(alice).columns[1]?.cards.map((c) => c.title)).toEqual(['New in Doing', 'Already in Doing'])
  })
})

describe('the archive list', () => {
  it('is in the same order on every computer, even when two cards were archived in the same millisecond', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const net = new TestConnector(2, seed).seed((d) => newProject(d))
      const [alice, bob] = net.docs as [Y.Doc, Y.Doc]
      const todo = readBoard(alice).columns[0]!.id
      net.disconnectAll()
      for (const [doc, who] of [
        [alice, ALICE],
        [bob, BOB]
      ] as const) {
        for (const title of ['One', 'Two']) {
          const id = addCard(doc, ctxAt(T0, who), { columnId: todo, title: `${who.name}: ${title}` })
          setCardArchived(doc, ctxAt(T0 + 1000, who), id, true)
        }
      }
      net.reconnectAll()
      net.flushAll()
      expect(readBoard(alice).archived.map((c) => c.title)).toEqual(readBoard(bob).archived.map((c) => c.title))
    }
  })
})

describe('two colleagues removing each other’s columns at once', () => {
  it('never leaves an empty board: the removed columns come back with every card', async () => {
    const Yjs = await import('yjs')
    const { createDoc, initProjectDoc, opContext, readColumns, addCard, removeColumn, readBoard, addColumn } = await import('@shared/doc')
    const a = createDoc()
    const ctx = opContext({ id: 'p1' as never, name: 'Asha' }, () => 1)
    initProjectDoc(a, ctx, { id: 'proj' as never, name: 'Two columns' })
    const [todo, doing, done] = readColumns(a)
    removeColumn(a, ctx, done!.id, doing!.id)
    addCard(a, ctx, { columnId: todo!.id, title: 'In To do' })
    addCard(a, ctx, { columnId: doing!.id, title: 'In Doing' })
    const b = createDoc()
    Yjs.applyUpdate(b, Yjs.encodeStateAsUpdate(a))
    removeColumn(a, ctx, todo!.id, doing!.id)
    removeColumn(b, ctx, doing!.id, todo!.id)
    Yjs.applyUpdate(a, Yjs.encodeStateAsUpdate(b))
    Yjs.applyUpdate(b, Yjs.encodeStateAsUpdate(a))
    for (const doc of [a, b]) {
      const board = readBoard(doc)
      expect(board.columns.length).toBeGreaterThan(0)
      expect(board.columns.flatMap((c) => c.cards.map((card) => card.title)).sort()).toEqual(['In Doing', 'In To do'])
    }
    // Adding a new column makes it the board again; the cards fall into it rather than vanish.
    addColumn(a, ctx, 'Fresh start')
    expect(readBoard(a).columns.map((c) => c.title)).toEqual(['Fresh start'])
    expect(readBoard(a).cardCount).toBe(2)
  })
})
