import { describe, expect, it } from 'vitest'
import {
  addCard,
  addColumn,
  columnsOf,
  moveColumn,
  readBoard,
  readColumns,
  removeColumn,
  renameColumn,
  setCardArchived,
  setWipLimit,
  type BoardColumn
} from '@shared/doc'
import type { ColumnId } from '@shared/domain/ids'
import { ALICE, activityDuring, ctxAt, errorMessage, newProject, T0, zodMessages } from '../support'

const titles = (doc: Parameters<typeof readColumns>[0]): string[] => readColumns(doc).map((c) => c.title)

describe('adding columns', () => {
  it('adds a column at the right-hand end, with its WIP limit', () => {
    const { doc } = newProject()
    const id = addColumn(doc, ctxAt(), '  Blocked ', 3)
    expect(titles(doc)).toEqual(['To do', 'Doing', 'Done', 'Blocked'])
    expect(readColumns(doc)[3]).toMatchObject({ id, title: 'Blocked', wipLimit: 3 })
  })

  it('explains a bad name or WIP limit and adds nothing', () => {
    const { doc } = newProject()
    expect(zodMessages(() => addColumn(doc, ctxAt(), '  '))).toEqual(['Enter a column name'])
    expect(zodMessages(() => addColumn(doc, ctxAt(), 'x'.repeat(81)))).toEqual(['Enter a column name of 80 characters or fewer'])
    expect(zodMessages(() => addColumn(doc, ctxAt(), 'Review', 0))).toEqual(['Enter a WIP limit of 1 or more, or leave it empty for no limit'])
    expect(zodMessages(() => addColumn(doc, ctxAt(), 'Review', 2.5))).toEqual(['Enter the WIP limit as a whole number, like 3, or leave it empty'])
    expect(zodMessages(() => addColumn(doc, ctxAt(), 'Review', 1000))).toEqual(['Enter a WIP limit of 999 or fewer'])
    expect(titles(doc)).toEqual(['To do', 'Doing', 'Done'])
  })
})

describe('renaming and WIP limits', () => {
  it('renames a column', () => {
    const { doc, doing } = newProject()
    renameColumn(doc, ctxAt(), doing.id, ' In progress ')
    expect(titles(doc)).toEqual(['To do', 'In progress', 'Done'])
    expect(zodMessages(() => renameColumn(doc, ctxAt(), doing.id, ''))).toEqual(['Enter a column name'])
  })

  it('logs nothing when the name did not change', () => {
    const { doc, doing } = newProject()
    expect(activityDuring(doc, () => renameColumn(doc, ctxAt(), doing.id, 'Doing '))).toEqual([])
  })

  it('sets and clears a WIP limit, and the board flags a column only once it holds more than the limit', () => {
    const { doc, doing } = newProject()
    setWipLimit(doc, ctxAt(), doing.id, 2)
    const col = (): BoardColumn | undefined => readBoard(doc).columns.find((c) => c.id === doing.id)
    expect(col()).toMatchObject({ wipLimit: 2, wip: 'under' })
    addCard(doc, ctxAt(), { columnId: doing.id, title: 'One' })
    addCard(doc, ctxAt(), { columnId: doing.id, title: 'Two' })
    expect(col()?.wip).toBe('at')
    const third = addCard(doc, ctxAt(), { columnId: doing.id, title: 'Three' })
    expect(col()?.wip).toBe('over')
    setCardArchived(doc, ctxAt(), third, true)
    expect(col()?.wip).toBe('at')
    setWipLimit(doc, ctxAt(), doing.id, null)
    expect(col()).toMatchObject({ wipLimit: null, wip: 'none' })
    expect(zodMessages(() => setWipLimit(doc, ctxAt(), doing.id, -1))).toEqual(['Enter a WIP limit of 1 or more, or leave it empty for no limit'])
  })
})

describe('reordering columns', () => {
  it('moves a column to the given position', () => {
    const { doc, todo, done } = newProject()
    moveColumn(doc, ctxAt(), done.id, 0)
    expect(titles(doc)).toEqual(['Done', 'To do', 'Doing'])
    moveColumn(doc, ctxAt(), done.id, 2)
    expect(titles(doc)).toEqual(['To do', 'Doing', 'Done'])
    moveColumn(doc, ctxAt(), todo.id, 1)
    expect(titles(doc)).toEqual(['Doing', 'To do', 'Done'])
    moveColumn(doc, ctxAt(), todo.id, 99)
    expect(titles(doc)).toEqual(['Doing', 'Done', 'To do'])
  })
})

describe('removing a column', () => {
  it('moves its cards, in order, to the end of the chosen column and hides the column', () => {
    const { doc, todo, doing, done } = newProject()
    addCard(doc, ctxAt(), { columnId: done.id, title: 'Shipped' })
    for (const t of ['A', 'B', 'C']) addCard(doc, ctxAt(), { columnId: doing.id, title: t })
    const added = activityDuring(doc, () => removeColumn(doc, ctxAt(T0 + 9), doing.id, done.id))
    expect(titles(doc)).toEqual(['To do', 'Done'])
    const board = readBoard(doc)
    expect(board.columns.find((c) => c.id === done.id)?.cards.map((c) => c.title)).toEqual(['Shipped', 'A', 'B', 'C'])
    expect(board.columns.find((c) => c.id === todo.id)?.cards).toEqual([])
    expect(board.cardCount).toBe(4)
    expect(added).toEqual([
      expect.objectContaining({ type: 'column.removed', columnId: doing.id, by: ALICE.id, at: T0 + 9, data: { movedTo: done.id, cards: 3 } })
    ])
    // The column is kept as a tombstone, so a colleague's offline move into it can still be found.
    expect(columnsOf(doc).get(doing.id)?.get('removed')).toBe(true)
  })

  it('takes its archived cards along, so restoring one puts it somewhere real', () => {
    const { doc, doing, done } = newProject()
    const card = addCard(doc, ctxAt(), { columnId: doing.id, title: 'Old idea' })
    setCardArchived(doc, ctxAt(), card, true)
    removeColumn(doc, ctxAt(), doing.id, done.id)
    setCardArchived(doc, ctxAt(), card, false)
    expect(readBoard(doc).columns.find((c) => c.id === done.id)?.cards.map((c) => c.title)).toEqual(['Old idea'])
  })

  it('cannot move the cards into the column being removed', () => {
    const { doc, doing } = newProject()
    addCard(doc, ctxAt(), { columnId: doing.id, title: 'Keep me' })
    expect(errorMessage(() => removeColumn(doc, ctxAt(), doing.id, doing.id))).toBe('Choose a different column to move the cards to')
    expect(titles(doc)).toEqual(['To do', 'Doing', 'Done'])
    expect(readBoard(doc).cardCount).toBe(1)
  })

  it('refuses a target or source that no longer exists', () => {
    const { doc, todo, doing, done } = newProject()
    removeColumn(doc, ctxAt(), doing.id, done.id)
    expect(errorMessage(() => removeColumn(doc, ctxAt(), todo.id, doing.id))).toBe('Choose a column to move the cards to')
    expect(errorMessage(() => removeColumn(doc, ctxAt(), doing.id, todo.id))).toBe('That column no longer exists')
    expect(errorMessage(() => removeColumn(doc, ctxAt(), 'nope' as ColumnId, todo.id))).toBe('That column no longer exists')
    expect(errorMessage(() => renameColumn(doc, ctxAt(), doing.id, 'Back'))).toBe('That column no longer exists')
    expect(errorMessage(() => setWipLimit(doc, ctxAt(), doing.id, 3))).toBe('That column no longer exists')
    expect(errorMessage(() => moveColumn(doc, ctxAt(), doing.id, 0))).toBe('That column no longer exists')
    expect(errorMessage(() => addCard(doc, ctxAt(), { columnId: doing.id, title: 'x' }))).toBe('That column no longer exists')
  })

  it('can never remove the last column', () => {
    const { doc, todo, doing, done } = newProject()
    removeColumn(doc, ctxAt(), doing.id, todo.id)
    removeColumn(doc, ctxAt(), done.id, todo.id)
    expect(() => removeColumn(doc, ctxAt(), todo.id, done.id)).toThrow()
    expect(titles(doc)).toEqual(['To do'])
  })
})
