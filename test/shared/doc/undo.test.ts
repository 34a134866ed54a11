import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  addCard,
  cardNoteOf,
  createBoardUndo,
  moveCard,
  readActivity,
  readBoard,
  readCard,
  readCards,
  setCardArchived,
  updateCard,
  type BoardUndo
} from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { TestConnector } from '../../helpers/peers'
import { ALICE, BOB, activityDuring, ctxAt, newProject, T0 } from '../support'

/** Y.UndoManager merges edits made within its capture window (400 ms of real time) into one step. */
const CAPTURE_GAP_MS = 450
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

const undos: BoardUndo[] = []
afterEach(() => undos.splice(0).forEach((u) => u.destroy()))
const undoFor = (doc: Y.Doc, at = T0 + 100): BoardUndo => {
  const u = createBoardUndo(doc, ctxAt(at, ALICE))
  undos.push(u)
  return u
}

const columnTitleOf = (doc: Y.Doc, id: CardId): string | undefined =>
  readBoard(doc).columns.find((c) => c.cards.some((x) => x.id === id))?.title

describe('board undo and redo', () => {
  it('undoes a move, logs it as a move “via undo”, and redoes it', () => {
    const { doc, todo, doing } = newProject()
    const card = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Letter' })
    const undo = undoFor(doc)
    expect(undo.canUndo()).toBe(false)
    moveCard(doc, ctxAt(T0 + 50), card, doing.id, 0)
    expect(columnTitleOf(doc, card)).toBe('Doing')

    const undone = activityDuring(doc, () => expect(undo.undo()).toBe(true))
    expect(columnTitleOf(doc, card)).toBe('To do')
    expect(undone).toEqual([
      expect.objectContaining({ type: 'card.moved', cardId: card, by: ALICE.id, at: T0 + 100, data: { from: doing.id, to: todo.id, via: 'undo' } })
    ])
    // The log is append-only: the original move is still there.
    expect(readActivity(doc).filter((e) => e.type === 'card.moved')).toHaveLength(2)
    expect(undo.canRedo()).toBe(true)

    const redone = activityDuring(doc, () => expect(undo.redo()).toBe(true))
    expect(columnTitleOf(doc, card)).toBe('Doing')
    expect(redone).toEqual([expect.objectContaining({ type: 'card.moved', cardId: card, data: { from: todo.id, to: doing.id, via: 'redo' } })])
    expect(undo.canRedo()).toBe(false)
  })

  it('logging an undo does not itself become something to undo', () => {
    const { doc, todo, doing } = newProject()
    const card = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Letter' })
    const undo = undoFor(doc)
    moveCard(doc, ctxAt(), card, doing.id, 0)
    undo.undo()
    expect(undo.canUndo()).toBe(false)
    expect(undo.undo()).toBe(false)
  })

  it('never undoes a colleague’s change that arrived over sync', () => {
    const net = new TestConnector(2, 3).seed((d) => {
      const { todo } = newProject(d)
      addCard(d, ctxAt(), { columnId: todo.id, title: 'Mine' })
      addCard(d, ctxAt(), { columnId: todo.id, title: 'Theirs' })
    })
    const [alice, bob] = net.docs as [Y.Doc, Y.Doc]
    const [, doing, done] = readBoard(alice).columns
    const mine = readCards(alice).find((c) => c.title === 'Mine')!.id
    const theirs = readCards(alice).find((c) => c.title === 'Theirs')!.id
    const undo = undoFor(alice)

    moveCard(alice, ctxAt(), mine, doing!.id, 0)
    net.flushAll()
    moveCard(bob, ctxAt(T0, BOB), theirs, done!.id, 0)
    updateCard(bob, ctxAt(T0, BOB), mine, { title: 'Mine, retitled by Bob' })
    net.flushAll()

    expect(undo.undo()).toBe(true)
    net.flushAll()
    for (const doc of [alice, bob]) {
      expect(columnTitleOf(doc, mine)).toBe('To do')
      expect(columnTitleOf(doc, theirs)).toBe('Done')
      expect(readCard(doc, mine)?.title).toBe('Mine, retitled by Bob')
    }
    // Nothing of Bob's is left to undo on Alice's computer.
    expect(undo.canUndo()).toBe(false)
  })

  it('has nothing to undo when only colleagues made changes', () => {
    const net = new TestConnector(2, 4).seed((d) => newProject(d))
    const [alice, bob] = net.docs as [Y.Doc, Y.Doc]
    const undo = undoFor(alice)
    addCard(bob, ctxAt(T0, BOB), { columnId: readBoard(bob).columns[0]!.id, title: 'Bob’s card' })
    net.flushAll()
    expect(readBoard(alice).cardCount).toBe(1)
    expect(undo.canUndo()).toBe(false)
    expect(undo.undo()).toBe(false)
    expect(readBoard(alice).cardCount).toBe(1)
  })

  it('undoes an archive as a restore, logged “via undo”', () => {
    const { doc, todo } = newProject()
    const card = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Letter' })
    const undo = undoFor(doc)
    setCardArchived(doc, ctxAt(), card, true)
    expect(activityDuring(doc, () => undo.undo()).map((e) => [e.type, e.cardId, e.data?.via])).toEqual([['card.restored', card, 'undo']])
    expect(readBoard(doc).columns[0]?.cards.map((c) => c.id)).toEqual([card])
    expect(activityDuring(doc, () => undo.redo()).map((e) => [e.type, e.data?.via])).toEqual([['card.archived', 'redo']])
    expect(readBoard(doc).archived.map((c) => c.id)).toEqual([card])
  })

  it('undoes adding a card and redoes it, title and note intact', () => {
    const { doc, todo } = newProject()
    const undo = undoFor(doc)
    const card = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Temporary' })
    expect(readBoard(doc).cardCount).toBe(1)
    const log = activityDuring(doc, () => undo.undo())
    expect(readCard(doc, card)).toBeNull()
    expect(readBoard(doc).cardCount).toBe(0)
    expect(log.map((e) => [e.cardId, e.data?.via])).toEqual([[card, 'undo']])
    undo.redo()
    expect(readCard(doc, card)?.title).toBe('Temporary')
    expect(readBoard(doc).columns[0]?.cards.map((c) => c.id)).toEqual([card])
    expect(cardNoteOf(doc, card)).toBeInstanceOf(Y.XmlFragment)
  })

  it('undoes separate steps one at a time, quick successive edits together, and logs all it changed', async () => {
    const { doc, todo, doing, done } = newProject()
    const card = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Letter' })
    const undo = undoFor(doc)
    let notified = 0
    const off = undo.subscribe(() => notified++)
    moveCard(doc, ctxAt(), card, doing.id, 0)
    await pause(CAPTURE_GAP_MS)
    setCardArchived(doc, ctxAt(), card, true)
    moveCard(doc, ctxAt(), card, done.id, 0) // within the capture window: the same step as the archive

    const log = activityDuring(doc, () => undo.undo())
    expect(readCard(doc, card)).toMatchObject({ archived: false, columnId: doing.id })
    // Same timestamp, so the log orders these two by id: compare them as a set.
    expect(log.map((e) => `${e.type} via ${String(e.data?.via)}`).sort()).toEqual(['card.moved via undo', 'card.restored via undo'])
    undo.undo()
    expect(columnTitleOf(doc, card)).toBe('To do')
    expect(undo.canUndo()).toBe(false)
    expect(notified).toBeGreaterThanOrEqual(4)
    off()
    const seen = notified
    undo.redo()
    expect(notified).toBe(seen)
  })

  it('stops tracking once destroyed', () => {
    const { doc, todo, doing } = newProject()
    const card = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Letter' })
    const undo = createBoardUndo(doc, ctxAt())
    undo.destroy()
    moveCard(doc, ctxAt(), card, doing.id, 0)
    expect(undo.canUndo()).toBe(false)
  })
})
