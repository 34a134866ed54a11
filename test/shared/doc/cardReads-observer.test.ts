// cardReads.ts keeps each card's plain copy and learns of changes before any observer runs: an
// observer that reads a card (or the board) sees the change that fired it, not the previous state.
import { expect, it } from 'vitest'
import { addCard, cardsOf, readBoard, readCard, updateCard } from '@shared/doc'
import { ctxAt, newProject } from '../support'

it('readCard inside an observer of the card sees the change that fired it', () => {
  const { doc, todo } = newProject()
  const id = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Before' })
  readBoard(doc) // the cache and index exist, as on an open board
  let seen: string | undefined
  cardsOf(doc).get(id)!.observe(() => {
    seen = readCard(doc, id)?.title
  })
  updateCard(doc, ctxAt(), id, { title: 'After' })
  expect(seen).toBe('After')
})

it('readBoard inside an observer of the card sees the change that fired it', () => {
  const { doc, todo } = newProject()
  const id = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Before' })
  readBoard(doc)
  let seen: string | undefined
  cardsOf(doc).get(id)!.observe(() => {
    seen = readBoard(doc).columns[0]?.cards[0]?.title
  })
  updateCard(doc, ctxAt(), id, { title: 'After' })
  expect(seen).toBe('After')
})
