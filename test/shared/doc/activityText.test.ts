// The history screen's sentences: each kind of change in words, with today's card and column names,
// and an odd entry from a peer reads as its kind instead of throwing.
import { describe, expect, it } from 'vitest'
import { activityGroup, addCard, addTag, describeActivity, moveCard, readActivity, readCards, readColumns, renameColumn, type ActivityEntry } from '@shared/doc'
import { ctxAt, newProject, T0 } from '../support'

function sentences(): string[] {
  const p = newProject()
  const id = addCard(p.doc, ctxAt(T0 + 1), { columnId: p.todo.id, title: 'Call the depot' })
  moveCard(p.doc, ctxAt(T0 + 2), id, p.doing.id, 0)
  renameColumn(p.doc, ctxAt(T0 + 3), p.done.id, 'Shipped')
  addTag(p.doc, ctxAt(T0 + 4), 'waste')
  const cards = new Map(readCards(p.doc).map((c) => [c.id as string, c.title]))
  const columns = new Map(readColumns(p.doc).map((c) => [c.id as string, c.title]))
  const names = { card: (x: string) => cards.get(x) ?? null, column: (x: string) => columns.get(x) ?? null }
  return readActivity(p.doc).map((e) => describeActivity(e, names))
}

describe('describeActivity', () => {
  it('says what happened in plain words, with names as they are now', () => {
    expect(sentences()).toEqual([
      'created the project',
      'added the card “Call the depot”',
      'moved “Call the depot” from “To do” to “Doing”',
      'renamed a column to “Shipped”',
      'added the tag “waste”'
    ])
  })

  it('reads an entry with odd data as its kind, and groups kinds for the filter', () => {
    const odd = { id: 'a1', at: T0, by: 'p', byName: 'P', type: 'card.moved', cardId: 'gone', data: { from: 42, to: { x: 1 } } } as unknown as ActivityEntry
    expect(describeActivity(odd, { card: () => null, column: () => null })).toBe('moved a card from a column to a column')
    expect(activityGroup('decision.recorded')).toBe('cycles')
    expect(activityGroup('card.committed')).toBe('cycles')
    expect(activityGroup('card.moved')).toBe('cards')
    expect(activityGroup('mentorSession.logged')).toBe('mentors')
  })
})
