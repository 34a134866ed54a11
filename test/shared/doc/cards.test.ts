import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addCard,
  addChecklistItem,
  addLabel,
  cardNoteOf,
  cardsInColumn,
  cardsOf,
  moveCard,
  readBoard,
  readCard,
  removeChecklistItem,
  removeLabel,
  setAssigned,
  setCardArchived,
  setChecklistItemDone,
  subscribeDoc,
  updateCard
} from '@shared/doc'
import type { CardId, ChecklistItemId, ColumnId, PersonId } from '@shared/domain/ids'
import { REMOTE } from '../../helpers/peers'
import { ALICE, BOB, activityDuring, ctxAt, errorMessage, newProject, T0, zodMessages } from '../support'

const titlesIn = (doc: Y.Doc, columnId: ColumnId): string[] =>
  readBoard(doc).columns.find((c) => c.id === columnId)?.cards.map((c) => c.title) ?? []

describe('adding cards', () => {
  it('adds to the end of a column by default, or at the given position', () => {
    const { doc, todo } = newProject()
    addCard(doc, ctxAt(), { columnId: todo.id, title: 'B' })
    addCard(doc, ctxAt(), { columnId: todo.id, title: 'D' })
    addCard(doc, ctxAt(), { columnId: todo.id, title: 'A', index: 0 })
    addCard(doc, ctxAt(), { columnId: todo.id, title: 'C', index: 2 })
    addCard(doc, ctxAt(), { columnId: todo.id, title: 'E', index: 50 })
    expect(titlesIn(doc, todo.id)).toEqual(['A', 'B', 'C', 'D', 'E'])
  })

  it('records who made it and when, and starts with empty details', () => {
    const { doc, todo } = newProject()
    const id = addCard(doc, ctxAt(T0 + 1, BOB), { columnId: todo.id, title: '  Call the print supplier ' })
    expect(readCard(doc, id)).toEqual({
      id,
      columnId: todo.id,
      rank: expect.any(String),
      title: 'Call the print supplier',
      labels: [],
      assignees: [],
      dueDate: null,
      checklist: [],
      archived: false,
      createdBy: BOB.id,
      createdAt: T0 + 1,
      updatedBy: BOB.id,
      updatedAt: T0 + 1
    })
  })

  it('creates the card’s note together with the card, in one change', () => {
    const { doc, todo } = newProject()
    let commits = 0
    const off = subscribeDoc(doc, () => commits++)
    const id = addCard(doc, ctxAt(), { columnId: todo.id, title: 'With a note' })
    off()
    expect(commits).toBe(1)
    expect(cardNoteOf(doc, id)).toBeInstanceOf(Y.XmlFragment)
    expect(cardNoteOf(doc, 'missing' as CardId)).toBeNull()
  })

  it('explains a bad title and adds nothing', () => {
    const { doc, todo } = newProject()
    expect(zodMessages(() => addCard(doc, ctxAt(), { columnId: todo.id, title: ' ' }))).toEqual(['Enter a card title'])
    expect(zodMessages(() => addCard(doc, ctxAt(), { columnId: todo.id, title: 'x'.repeat(501) }))).toEqual([
      'Enter a card title of 500 characters or fewer'
    ])
    expect(errorMessage(() => addCard(doc, ctxAt(), { columnId: 'nope' as ColumnId, title: 'x' }))).toBe('That column no longer exists')
    expect(readBoard(doc).cardCount).toBe(0)
  })
})

describe('editing cards', () => {
  it('changes the title and due date, and can clear the due date', () => {
    const { doc, todo } = newProject()
    const id = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Draft letter' })
    updateCard(doc, ctxAt(T0 + 7, BOB), id, { title: 'Draft renewal letter', dueDate: '2026-06-30' })
    expect(readCard(doc, id)).toMatchObject({ title: 'Draft renewal letter', dueDate: '2026-06-30', updatedBy: BOB.id, updatedAt: T0 + 7 })
    updateCard(doc, ctxAt(), id, { dueDate: null })
    expect(readCard(doc, id)?.dueDate).toBeNull()
  })

  it('refuses due dates that do not exist', () => {
    const { doc, todo } = newProject()
    const id = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Draft letter' })
    for (const bad of ['2026-02-30', '30/06/2026', '2026-6-1', 'tomorrow']) {
      expect(zodMessages(() => updateCard(doc, ctxAt(), id, { dueDate: bad }))).toEqual(['Enter a real due date'])
    }
    expect(zodMessages(() => updateCard(doc, ctxAt(), id, { title: '' }))).toEqual(['Enter a card title'])
    expect(readCard(doc, id)).toMatchObject({ title: 'Draft letter', dueDate: null })
  })

  it('logs nothing when nothing changed', () => {
    const { doc, todo } = newProject()
    const id = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Draft letter' })
    expect(activityDuring(doc, () => updateCard(doc, ctxAt(), id, { title: 'Draft letter ', dueDate: null }))).toEqual([])
  })

  it('says so when the card is gone', () => {
    const { doc } = newProject()
    expect(errorMessage(() => updateCard(doc, ctxAt(), 'gone' as CardId, { title: 'x' }))).toBe('That card no longer exists')
    expect(errorMessage(() => setCardArchived(doc, ctxAt(), 'gone' as CardId, true))).toBe('That card no longer exists')
  })
})

describe('moving cards', () => {
  it('reorders within a column', () => {
    const { doc, todo } = newProject()
    const [a, , c] = ['A', 'B', 'C'].map((t) => addCard(doc, ctxAt(), { columnId: todo.id, title: t })) as [CardId, CardId, CardId]
    moveCard(doc, ctxAt(), c, todo.id, 0)
    expect(titlesIn(doc, todo.id)).toEqual(['C', 'A', 'B'])
    moveCard(doc, ctxAt(), c, todo.id, 2)
    expect(titlesIn(doc, todo.id)).toEqual(['A', 'B', 'C'])
    moveCard(doc, ctxAt(), a, todo.id, 1)
    expect(titlesIn(doc, todo.id)).toEqual(['B', 'A', 'C'])
  })

  it('moves between columns to the given position and logs where from and to', () => {
    const { doc, todo, doing } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    for (const t of ['X', 'Y']) addCard(doc, ctxAt(), { columnId: doing.id, title: t })
    const added = activityDuring(doc, () => moveCard(doc, ctxAt(T0 + 3, BOB), a, doing.id, 1))
    expect(titlesIn(doc, todo.id)).toEqual([])
    expect(titlesIn(doc, doing.id)).toEqual(['X', 'A', 'Y'])
    expect(readCard(doc, a)).toMatchObject({ columnId: doing.id, updatedBy: BOB.id, updatedAt: T0 + 3 })
    expect(added).toEqual([
      expect.objectContaining({ type: 'card.moved', cardId: a, by: BOB.id, at: T0 + 3, data: { from: todo.id, to: doing.id, index: 1 } })
    ])
  })

  it('never duplicates the card', () => {
    const { doc, todo, doing, done } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    for (const col of [doing, done, todo, done]) moveCard(doc, ctxAt(), a, col.id, 0)
    expect(readBoard(doc).columns.flatMap((c) => c.cards.map((x) => x.id))).toEqual([a])
  })

  it('still works while another card’s position is missing (a colleague’s change half-delivered)', () => {
    const { doc, todo, doing } = newProject()
    const [a, b] = ['A', 'B', 'C'].map((t) => addCard(doc, ctxAt(), { columnId: todo.id, title: t })) as [CardId, CardId, CardId]
    // Out-of-order delivery can apply a colleague's deletion of the old rank before their new rank arrives.
    cardsOf(doc).get(a)?.delete('rank')
    cardsOf(doc).get(b)?.delete('rank')
    expect(() => moveCard(doc, ctxAt(), a, todo.id, 1)).not.toThrow()
    expect(() => addCard(doc, ctxAt(), { columnId: todo.id, title: 'D', index: 1 })).not.toThrow()
    expect(() => moveCard(doc, ctxAt(), b, doing.id, 0)).not.toThrow()
    expect(readBoard(doc).cardCount).toBe(4)
  })

  it('refuses a column that no longer exists', () => {
    const { doc, todo } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    expect(errorMessage(() => moveCard(doc, ctxAt(), a, 'nope' as ColumnId, 0))).toBe('That column no longer exists')
    expect(readCard(doc, a)?.columnId).toBe(todo.id)
  })
})

describe('archiving', () => {
  it('takes the card off the board into the archive, and restores it to its place', () => {
    const { doc, todo } = newProject()
    const [, b] = ['A', 'B', 'C'].map((t) => addCard(doc, ctxAt(), { columnId: todo.id, title: t })) as [CardId, CardId, CardId]
    setCardArchived(doc, ctxAt(), b, true)
    let board = readBoard(doc)
    expect(titlesIn(doc, todo.id)).toEqual(['A', 'C'])
    expect(board.archived.map((c) => c.title)).toEqual(['B'])
    expect(board.cardCount).toBe(2)
    expect(cardsInColumn(doc, todo.id).map((c) => c.title)).toEqual(['A', 'C'])
    setCardArchived(doc, ctxAt(), b, false)
    board = readBoard(doc)
    expect(titlesIn(doc, todo.id)).toEqual(['A', 'B', 'C'])
    expect(board.archived).toEqual([])
  })

  it('logs once, and not at all when already in that state', () => {
    const { doc, todo } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    expect(activityDuring(doc, () => setCardArchived(doc, ctxAt(), a, true)).map((e) => e.type)).toEqual(['card.archived'])
    expect(activityDuring(doc, () => setCardArchived(doc, ctxAt(), a, true))).toEqual([])
    expect(activityDuring(doc, () => setCardArchived(doc, ctxAt(), a, false)).map((e) => e.type)).toEqual(['card.restored'])
  })

  it('lists the most recently archived first', () => {
    const { doc, todo } = newProject()
    const [a, b, c] = ['A', 'B', 'C'].map((t) => addCard(doc, ctxAt(), { columnId: todo.id, title: t })) as [CardId, CardId, CardId]
    setCardArchived(doc, ctxAt(T0 + 30), b, true)
    setCardArchived(doc, ctxAt(T0 + 10), c, true)
    setCardArchived(doc, ctxAt(T0 + 20), a, true)
    expect(readBoard(doc).archived.map((x) => x.title)).toEqual(['B', 'A', 'C'])
  })
})

describe('labels, people and checklists', () => {
  it('adds labels once each, trimmed, sorted; removes them', () => {
    const { doc, todo } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    addLabel(doc, ctxAt(), a, ' urgent ')
    addLabel(doc, ctxAt(), a, 'accessibility')
    // Adding it again is refused, with a reason, and logs nothing.
    expect(activityDuring(doc, () => expect(() => addLabel(doc, ctxAt(), a, 'urgent')).toThrow('This card already has the label “urgent”'))).toEqual([])
    expect(readCard(doc, a)?.labels).toEqual(['accessibility', 'urgent'])
    removeLabel(doc, ctxAt(), a, 'urgent')
    expect(readCard(doc, a)?.labels).toEqual(['accessibility'])
    expect(zodMessages(() => addLabel(doc, ctxAt(), a, '  '))).toEqual(['Enter a label'])
    expect(zodMessages(() => addLabel(doc, ctxAt(), a, 'x'.repeat(51)))).toEqual(['Enter a label of 50 characters or fewer'])
  })

  it('assigns and unassigns people', () => {
    const { doc, todo } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    setAssigned(doc, ctxAt(), a, BOB.id, true)
    setAssigned(doc, ctxAt(), a, ALICE.id, true)
    expect(readCard(doc, a)?.assignees).toEqual([ALICE.id, BOB.id].sort())
    setAssigned(doc, ctxAt(), a, BOB.id, false)
    expect(readCard(doc, a)?.assignees).toEqual([ALICE.id])
    expect(activityDuring(doc, () => setAssigned(doc, ctxAt(), a, 'someone-else' as PersonId, false))).toEqual([])
  })

  it('keeps checklist items in the order added, ticks and removes them', () => {
    const { doc, todo } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    const items = ['Book room', 'Invite residents', 'Write up'].map((t) => addChecklistItem(doc, ctxAt(), a, t))
    expect(readCard(doc, a)?.checklist.map((i) => i.text)).toEqual(['Book room', 'Invite residents', 'Write up'])
    setChecklistItemDone(doc, ctxAt(), a, items[1] as ChecklistItemId, true)
    expect(readCard(doc, a)?.checklist.map((i) => i.done)).toEqual([false, true, false])
    expect(activityDuring(doc, () => setChecklistItemDone(doc, ctxAt(), a, items[1] as ChecklistItemId, true))).toEqual([])
    removeChecklistItem(doc, ctxAt(), a, items[0] as ChecklistItemId)
    expect(readCard(doc, a)?.checklist.map((i) => i.text)).toEqual(['Invite residents', 'Write up'])
    expect(zodMessages(() => addChecklistItem(doc, ctxAt(), a, ' '))).toEqual(['Enter the checklist item'])
  })
})

describe('reading after a colleague’s change', () => {
  it('never shows a stale card once a remote change arrives', () => {
    const { doc: mine, todo } = newProject()
    const a = addCard(mine, ctxAt(), { columnId: todo.id, title: 'Original' })
    const item = addChecklistItem(mine, ctxAt(), a, 'Step')
    const theirs = new Y.Doc()
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine), REMOTE)
    expect(readCard(mine, a)?.title).toBe('Original') // fills the read cache

    const sync = (): void => Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)), REMOTE)
    updateCard(theirs, ctxAt(T0 + 1, BOB), a, { title: 'Renamed by Bob' })
    sync()
    expect(readCard(mine, a)).toMatchObject({ title: 'Renamed by Bob', updatedBy: BOB.id })
    setChecklistItemDone(theirs, ctxAt(), a, item, true)
    sync()
    expect(readCard(mine, a)?.checklist[0]?.done).toBe(true)
    addLabel(theirs, ctxAt(), a, 'urgent')
    sync()
    expect(readBoard(mine).columns[0]?.cards[0]?.labels).toEqual(['urgent'])
  })
})
