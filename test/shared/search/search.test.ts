import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addCard,
  addChecklistItem,
  addComment,
  addFeedback,
  addLabel,
  addTag,
  cardNoteOf,
  createDoc,
  decisionsOf,
  initProjectDoc,
  problemOf,
  readColumns,
  readCardNoteText,
  setCardArchived,
  updateCard,
  updateProject,
  type Column
} from '@shared/doc'
import type { CardId, ProjectId } from '@shared/domain/ids'
import {
  SearchIndex,
  filterWords,
  highlightRanges,
  matchesFilter,
  readCardFilterTexts,
  readProjectEntries,
  segments,
  snippet,
  type SearchResults
} from '@shared/search'
import { ctxAt, steppingCtx } from '../support'

function project(id: string, name: string): { doc: Y.Doc; todo: Column; id: ProjectId } {
  const doc = createDoc()
  initProjectDoc(doc, ctxAt(), { id: id as ProjectId, name })
  return { doc, todo: readColumns(doc)[0] as Column, id: id as ProjectId }
}

/** Type a paragraph into a card's note, as TipTap would store it (bold run included). */
function writeNote(doc: Y.Doc, cardId: CardId, ...paragraphs: string[]): void {
  const note = cardNoteOf(doc, cardId)
  if (!note) throw new Error('no note')
  doc.transact(() => {
    for (const text of paragraphs) {
      const p = new Y.XmlElement('paragraph')
      const t = new Y.XmlText()
      t.insert(0, text)
      if (text.length > 4) t.format(0, 4, { bold: true })
      p.insert(0, [t])
      note.insert(note.length, [p])
    }
  })
}

function index(...docs: Y.Doc[]): SearchIndex {
  const ix = new SearchIndex()
  for (const d of docs) {
    const entries = readProjectEntries(d)
    ix.setProject(entries[0]!.projectId, entries)
  }
  return ix
}

const flat = (r: SearchResults): string[] => r.groups.flatMap((g) => g.hits.map((h) => `${h.entry.kind}:${h.entry.heading}`))

describe('reading a project for search', () => {
  it('reads a note as plain text: marks dropped, paragraphs kept apart', () => {
    const { doc, todo } = project('p1', 'Garden waste')
    const card = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Map the journey' })
    writeNote(doc, card, 'Recruit through the library', 'then the contact centre')
    expect(readCardNoteText(doc, card)).toBe('Recruit through the library\nthen the contact centre')
  })

  it('gives nothing for a doc that has no project yet (a joined project still arriving)', () => {
    expect(readProjectEntries(createDoc())).toEqual([])
  })
})

describe('finding things', () => {
  const build = (): { ix: SearchIndex; a: ReturnType<typeof project>; card: CardId } => {
    const a = project('p-a', 'Garden waste renewals')
    const ctx = steppingCtx()
    const card = addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Interview five residents' })
    writeNote(a.doc, card, 'Recruit through the library and the contact centre.')
    addLabel(a.doc, ctx, card, 'accessibility')
    addChecklistItem(a.doc, ctx, card, 'Book the community hall')
    addFeedback(a.doc, ctx, { cycle: 1, who: 'Resident, 70s', source: 'research', text: 'The renewal letter was confusing about dates' })
    decisionsOf(a.doc).set('d1', {
      id: 'd1', cycle: 1, kind: 'pivot', direction: 'Focus on paperless reminders', reason: null, note: 'Agreed with the service manager',
      evidence: [], decidedBy: 'x', decidedByName: 'Alice', decidedAt: 5
    })
    addComment(a.doc, ctx, { cardId: card, text: 'Could we include the mobile library van?' })
    updateProject(a.doc, ctx, { serviceArea: 'Waste and recycling' })
    addTag(a.doc, ctx, 'environment')
    const problem = problemOf(a.doc)
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('Residents miss collections after moving house')])
    problem.insert(0, [p])
    return { ix: index(a.doc), a, card }
  }

  it('finds a card by a word in its note, and links it to the card', () => {
    const { ix, card } = build()
    const r = ix.search('contact')
    expect(flat(r)).toEqual(['card:Interview five residents'])
    expect(r.groups[0]!.hits[0]!.entry.cardId).toBe(card)
    expect(r.groups[0]!.projectName).toBe('Garden waste renewals')
  })

  it('finds a card by label and by checklist text', () => {
    const { ix } = build()
    expect(flat(ix.search('accessibility'))).toEqual(['card:Interview five residents'])
    expect(flat(ix.search('community hall'))).toEqual(['card:Interview five residents'])
  })

  it('finds feedback, decisions (direction and note) and comments, saying which is which', () => {
    const { ix, card } = build()
    expect(flat(ix.search('confusing'))).toEqual(['feedback:Resident, 70s (User research, cycle 1)'])
    expect(ix.search('confusing').groups[0]!.hits[0]!.entry.cycle).toBe(1)
    expect(flat(ix.search('paperless'))).toEqual(['decision:Cycle 1: Pivot'])
    expect(flat(ix.search('service manager'))).toEqual(['decision:Cycle 1: Pivot'])
    const comment = ix.search('mobile van').groups[0]!.hits[0]!
    expect(comment.entry.kind).toBe('comment')
    expect(comment.entry.cardId).toBe(card)
    expect(comment.entry.heading).toBe('Alice Okafor on “Interview five residents”')
  })

  it('finds the project by its problem statement, tag and service area', () => {
    const { ix } = build()
    expect(flat(ix.search('moving house'))).toEqual(['project:Garden waste renewals'])
    expect(flat(ix.search('environment'))).toEqual(['project:Garden waste renewals'])
    expect(flat(ix.search('recycling'))).toEqual(['project:Garden waste renewals'])
  })

  it('matches prefixes as you type, and forgives a typo in a longer word', () => {
    const { ix } = build()
    expect(flat(ix.search('confus'))).toEqual(['feedback:Resident, 70s (User research, cycle 1)'])
    expect(flat(ix.search('paperles remindrs'))).toEqual(['decision:Cycle 1: Pivot'])
    // Every word must match: a word found nowhere means no results.
    expect(flat(ix.search('contact zebra'))).toEqual([])
    expect(ix.search('   ').total).toBe(0)
  })

  it('reports the whole words that matched, for highlighting', () => {
    const { ix } = build()
    const hit = ix.search('libr').groups[0]!.hits
    expect(hit.map((h) => h.entry.kind).sort()).toEqual(['card', 'comment'])
    expect(hit[0]!.terms).toEqual(['library'])
  })
})

describe('grouping and order', () => {
  it('groups results by project, best project first, and orders ties the same way every time', () => {
    const a = project('p-a', 'Blue badges')
    const b = project('p-b', 'Parking permits')
    const ctx = ctxAt()
    addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Draft eligibility questions' })
    addCard(b.doc, ctx, { columnId: b.todo.id, title: 'Eligibility' })
    addCard(b.doc, ctx, { columnId: b.todo.id, title: 'Check eligibility rules' })
    addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Check eligibility rules' })
    const one = index(a.doc, b.doc).search('eligibility')
    expect(one.groups.map((g) => g.projectName)).toEqual(['Parking permits', 'Blue badges'])
    expect(one.groups[0]!.hits[0]!.entry.title).toBe('Eligibility')
    const scores = one.groups.flatMap((g) => g.hits.map((h) => h.score))
    expect(Math.max(...scores)).toBe(scores[0])
    // Indexed in the other order: the same results in the same order.
    const two = index(b.doc, a.doc).search('eligibility')
    expect(flat(two)).toEqual(flat(one))
    expect(two.groups.flatMap((g) => g.hits.map((h) => h.entry.id))).toEqual(one.groups.flatMap((g) => g.hits.map((h) => h.entry.id)))
  })

  it('caps the results shown but counts them all', () => {
    const a = project('p-a', 'Blue badges')
    for (let i = 0; i < 30; i++) addCard(a.doc, ctxAt(), { columnId: a.todo.id, title: `Letter ${i}` })
    const ix = index(a.doc)
    const r = ix.search('letter', { limit: 10 })
    expect(r.total).toBe(30)
    expect(r.shown).toBe(10)
    expect(r.groups[0]!.hits).toHaveLength(10)
    // All 30 tie on score: the 10 shown are the first 10 by id, the same as in the full list.
    const all = ix.search('letter', { limit: 100 }).groups[0]!.hits.map((h) => h.entry.id)
    expect(r.groups[0]!.hits.map((h) => h.entry.id)).toEqual(all.slice(0, 10))
    expect([...all].sort()).toEqual(all)
  })
})

describe('what a query means', () => {
  it('ignores words too common to search for, and only tries typo matching when nothing matches as typed', () => {
    const a = project('p-a', 'Blue badges')
    const ctx = ctxAt()
    addCard(a.doc, ctx, { columnId: a.todo.id, title: 'The renewal form' })
    addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Renewals backlog' })
    addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Rental checks' })
    const ix = index(a.doc)
    expect(ix.search('the').total).toBe(0)
    expect(flat(ix.search('the renewal'))).toEqual(['card:The renewal form', 'card:Renewals backlog'])
    // "renewal" is found as typed (and as a prefix of "renewals"), so "rental" (one letter off) is not brought in…
    expect(flat(ix.search('renewal')).sort()).toEqual(['card:Renewals backlog', 'card:The renewal form'])
    // …but a typo with no exact match falls back to near words.
    expect(flat(ix.search('renewl')).length).toBeGreaterThan(0)
    expect(flat(ix.search('renewl'))).not.toContain('card:Rental checks')
    expect(flat(ix.search('rentl'))).toEqual(['card:Rental checks'])
  })
})

describe('archived cards and projects', () => {
  it('leaves them out unless asked, then marks them archived', () => {
    const a = project('p-a', 'Blue badges')
    const b = project('p-b', 'Old permits work')
    const ctx = ctxAt()
    const gone = addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Old renewal form' })
    addCard(a.doc, ctx, { columnId: a.todo.id, title: 'New renewal form' })
    addComment(a.doc, ctx, { cardId: gone, text: 'Renewal copy agreed' })
    setCardArchived(a.doc, ctx, gone, true)
    addCard(b.doc, ctx, { columnId: b.todo.id, title: 'Renewal reminders' })
    updateProject(b.doc, ctx, { archived: true })
    const ix = index(a.doc, b.doc)
    expect(flat(ix.search('renewal'))).toEqual(['card:New renewal form'])
    const all = ix.search('renewal', { includeArchived: true })
    expect(all.total).toBe(4)
    const archived = all.groups.flatMap((g) => g.hits).filter((h) => h.entry.archived).map((h) => `${h.entry.kind}:${h.entry.projectName}`)
    expect(archived.sort()).toEqual(['card:Blue badges', 'card:Old permits work', 'comment:Blue badges'])
  })
})

describe('keeping the index current', () => {
  it('re-indexes only what changed in a project, and sees edits, new and removed entries', () => {
    const a = project('p-a', 'Blue badges')
    const ctx = ctxAt()
    const card = addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Draft questions' })
    addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Test with residents' })
    const ix = index(a.doc)
    expect(ix.search('hedgehog').total).toBe(0)

    writeNote(a.doc, card, 'Ask about the hedgehog survey')
    const first = ix.setProject(a.id, readProjectEntries(a.doc))
    expect(first).toEqual({ indexed: 1, removed: 0 })
    expect(flat(ix.search('hedgehog'))).toEqual(['card:Draft questions'])

    updateCard(a.doc, ctx, card, { title: 'Draft eligibility questions' })
    ix.setProject(a.id, readProjectEntries(a.doc))
    expect(flat(ix.search('eligibility'))).toEqual(['card:Draft eligibility questions'])
    expect(ix.setProject(a.id, readProjectEntries(a.doc))).toEqual({ indexed: 0, removed: 0 })

    // Archiving changes no text, but the card drops out of default results.
    setCardArchived(a.doc, ctx, card, true)
    ix.setProject(a.id, readProjectEntries(a.doc))
    expect(ix.search('hedgehog').total).toBe(0)

    ix.removeProject(a.id)
    expect(ix.size).toBe(0)
    expect(ix.search('residents').total).toBe(0)
  })
})

describe('highlighting', () => {
  it('marks every occurrence of the matched words, whole words only, any case', () => {
    const text = 'Library hours: the library, libraries and a LIBRARY van.'
    const r = highlightRanges(text, ['library'])
    expect(r.map((x) => text.slice(x.start, x.end))).toEqual(['Library', 'library', 'LIBRARY'])
    expect(segments(text, r).map((s) => s.text).join('')).toBe(text)
    expect(segments(text, r).filter((s) => s.mark)).toHaveLength(3)
  })

  it('keeps markup-looking text as text', () => {
    const text = '<img src=x onerror=alert(1)> library'
    const parts = segments(text, highlightRanges(text, ['library']))
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> ', mark: false },
      { text: 'library', mark: true }
    ])
  })

  it('cuts a long note to an excerpt around the first match', () => {
    const long = `${'word '.repeat(60)}the hedgehog survey starts ${'more '.repeat(60)}`
    const s = snippet(long, ['hedgehog'], 30)
    expect(s.text.startsWith('…')).toBe(true)
    expect(s.text.endsWith('…')).toBe(true)
    expect(s.text.length).toBeLessThan(90)
    expect(s.ranges.map((x) => s.text.slice(x.start, x.end))).toEqual(['hedgehog'])
  })
})

describe('the board filter', () => {
  it('matches title, labels, note and checklist, every word, any case', () => {
    const a = project('p-a', 'Blue badges')
    const ctx = ctxAt()
    const one = addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Draft questions' })
    const two = addCard(a.doc, ctx, { columnId: a.todo.id, title: 'Test with residents' })
    addLabel(a.doc, ctx, two, 'research')
    writeNote(a.doc, one, 'Ask the Occupational therapists')
    const texts = readCardFilterTexts(a.doc)
    const find = (q: string): string[] => [...texts].filter(([, t]) => matchesFilter(t, filterWords(q))).map(([id]) => id)
    expect(find('occup')).toEqual([one])
    expect(find('RESEARCH')).toEqual([two])
    expect(find('draft therapists')).toEqual([one])
    expect(find('draft research')).toEqual([])
    // A note edited later is seen on the next read.
    writeNote(a.doc, two, 'Occupational health too')
    const again = readCardFilterTexts(a.doc)
    expect([...again].filter(([, t]) => matchesFilter(t, filterWords('occup'))).map(([id]) => id).sort()).toEqual([one, two].sort())
  })
})
