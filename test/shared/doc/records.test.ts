// The stored-data schemas (src/shared/doc/records) and the skipped-record reports
// (src/shared/doc/readProblems.ts): what a good record reads as, which defaults fill what older
// versions never wrote, and that the board's per-card cache still serves unchanged cards.
import { describe, expect, it } from 'vitest'
import { addCard, cardsOf, createDoc, readBoard, readCards, readColumns } from '@shared/doc'
import { readProblemsOf, readRecords } from '@shared/doc/readProblems'
import { parseStoredCard, parseStoredColumn, parseStoredDecision, storedCommentSchema } from '@shared/doc/records'
import { storeAsAPeerMight } from '@shared/doc/records/rawWrite'
import { ctxAt, newProject, T0 } from '../support'

describe('stored records', () => {
  it('a card written by this version reads back exactly; one from an older version gets defaults', () => {
    const { doc, todo } = newProject()
    const id = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Ramp at the library' })
    const m = cardsOf(doc).get(id)!
    const r = parseStoredCard(id, m)
    expect(r.ok && r.card).toMatchObject({ id, columnId: todo.id, title: 'Ramp at the library', labels: [], dueDate: null, archived: false, createdAt: T0 })

    const old = createDoc()
    storeAsAPeerMight(old, 'cards', 'c-old', { id: 'c-old', columnId: 'col', title: 'Old card' })
    const read = parseStoredCard('c-old', old.getMap('cards').get('c-old'))
    expect(read.ok && read.card).toEqual({
      id: 'c-old',
      columnId: 'col',
      rank: '',
      title: 'Old card',
      labels: [],
      assignees: [],
      dueDate: null,
      checklist: [],
      archived: false,
      createdBy: '',
      createdAt: 0,
      updatedBy: '',
      updatedAt: 0
    })
  })

  it('a column with no stored role reads as having none (the board infers it), and an unknown role likewise', () => {
    const doc = createDoc()
    storeAsAPeerMight(doc, 'columns', 'k1', { id: 'k1', title: 'Review', rank: 'a0' })
    storeAsAPeerMight(doc, 'columns', 'k2', { id: 'k2', title: 'Later', rank: 'a1', role: 'someday' })
    const a = parseStoredColumn('k1', doc.getMap('columns').get('k1'))
    const b = parseStoredColumn('k2', doc.getMap('columns').get('k2'))
    expect(a.ok && a.column.storedRole).toBeNull()
    expect(b.ok && b.column.storedRole).toBeNull()
    expect(readColumns(doc).map((c) => c.role)).toEqual(['todo', 'done'])
  })

  it('a decision keeps empty direction and reason as null, as before', () => {
    const r = parseStoredDecision('d1', { id: 'd1', cycle: 2, kind: 'persevere', direction: '', reason: '', decidedAt: T0 })
    expect(r.ok && r.decision).toMatchObject({ direction: null, reason: null, note: '', evidence: [] })
    expect(parseStoredDecision('other', { id: 'd1', cycle: 2, kind: 'persevere' }).ok).toBe(false)
  })

  it('readRecords: the generic read-and-validate pass other readers (comments) can use', () => {
    const doc = createDoc()
    const good = { id: 'c1', cardId: null, text: 'Looks good', by: 'p1', byName: 'Mo', at: T0 }
    const read = readRecords(doc, 'comment', [['c1', good], ['c2', { ...good, id: 'c2', at: Number.NaN }]], storedCommentSchema)
    expect(read).toEqual([{ ...good, via: 'team' }])
    expect(readProblemsOf(doc)).toMatchObject([{ kind: 'comment', key: 'c2' }])
    expect(readProblemsOf(doc)[0]!.reason).toMatch(/^at: /)
    readRecords(doc, 'comment', [['c1', good]], storedCommentSchema)
    expect(readProblemsOf(doc)).toEqual([])
  })

  it('the board still caches each card: an unchanged card is the same object on the next read', () => {
    const { doc, todo } = newProject()
    const a = addCard(doc, ctxAt(), { columnId: todo.id, title: 'A' })
    addCard(doc, ctxAt(), { columnId: todo.id, title: 'B' })
    const first = readCards(doc)
    doc.transact(() => cardsOf(doc).get(a)!.set('title', 'A2'))
    const second = readCards(doc)
    const byTitle = (list: readonly { title: string }[], t: string): unknown => list.find((c) => c.title === t)
    expect(byTitle(second, 'B')).toBe(byTitle(first, 'B'))
    expect(byTitle(second, 'A2')).not.toBe(byTitle(first, 'A'))
    // A bad card is remembered too, until it changes: then it is read again.
    cardsOf(doc).get(a)!.set('title', 7)
    expect(readBoard(doc).cardCount).toBe(1)
    cardsOf(doc).get(a)!.set('title', 'Fixed')
    expect(readBoard(doc).cardCount).toBe(2)
    expect(readProblemsOf(doc)).toEqual([])
  })
})
