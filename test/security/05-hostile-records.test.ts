// Attack 5 (issue 8): a peer stores a record no Fortnight would write (a comment with `at: NaN`
// took the card screen down with "Invalid time value"). Every reader of a doc now passes each
// record through its kind's stored-data schema (src/shared/doc/records): a malformed record is
// skipped and reported (src/shared/doc/readProblems.ts), never thrown, and the good ones still show.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addCard,
  closeCycle,
  commentsOf,
  createDoc,
  ensureCycles,
  initProgrammeDoc,
  readActivity,
  readBoard,
  readCard,
  readCardCycles,
  readCycleRules,
  readCycles,
  readDecisions,
  readFeedback,
  readPeople,
  readProgramme,
  readProject,
  readProjectIndex,
  stateMarker,
  summariseSince,
  upsertPerson,
  upsertProjectSummary
} from '@shared/doc'
import { readProblemsMessage, readProblemsOf, subscribeReadProblems, type RecordKind } from '@shared/doc/readProblems'
import { storedCommentSchema } from '@shared/doc/records'
import { parseStored } from '@shared/doc/readProblems'
import type { CardId, ProgrammeId } from '@shared/domain/ids'
import { ALICE, ctxAt, newProject, T0 } from '../shared/support'

const HUGE = 'x'.repeat(2_000_000)

/** What a changed app sends: its own doc, synced from ours, with `write` done behind every check. */
function fromHostilePeer(team: Y.Doc, write: (evil: Y.Doc) => void): void {
  const evil = new Y.Doc()
  Y.applyUpdate(evil, Y.encodeStateAsUpdate(team))
  const before = Y.encodeStateVector(evil)
  write(evil)
  Y.applyUpdate(team, Y.encodeStateAsUpdate(evil, before))
}

function ymap(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) m.set(k, v)
  return m
}

function kinds(doc: Y.Doc): RecordKind[] {
  return readProblemsOf(doc).map((p) => p.kind)
}

describe('attack 5: hostile stored records are skipped and reported, never thrown', () => {
  it('cards: NaN dates, wrong types, huge strings, missing ids, arrays for sets, prototype keys', () => {
    const { doc, todo } = newProject()
    const good = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Good card' })
    const hostile: Record<string, Record<string, unknown>> = {
      nanDate: { columnId: todo.id, title: 'NaN', updatedAt: NaN },
      infinite: { columnId: todo.id, title: 'Infinity', createdAt: Infinity },
      hugeDate: { columnId: todo.id, title: 'Far future', updatedAt: 1e300 },
      wrongTitle: { columnId: todo.id, title: 42 },
      hugeTitle: { columnId: todo.id, title: HUGE },
      arrayLabels: { columnId: todo.id, title: 'Labels as an array', labels: ['a', 'b'] },
      objectAssignees: { columnId: todo.id, title: 'Assignees as an object', assignees: { p: true } },
      badDue: { columnId: todo.id, title: 'Bad due', dueDate: '2026-02-31' },
      wrongId: { id: 'someone-else', columnId: todo.id, title: 'Id differs from key' },
      numberColumn: { columnId: 7, title: 'Column is a number' }
    }
    fromHostilePeer(doc, (evil) => {
      const cards = evil.getMap('cards')
      for (const [key, fields] of Object.entries(hostile)) cards.set(key, ymap({ id: key, ...fields }))
      cards.set('__proto__', ymap({ id: '__proto__', columnId: todo.id, title: 'Prototype key' }))
      cards.set('plainValue', { id: 'plainValue', title: 'not a map' })
      cards.set('aString', 'just a string')
      cards.set('anArray', ['x'])
      cards.set('nullish', null)
      cards.set('k'.repeat(10_000), ymap({ columnId: todo.id, title: 'Huge key' }))
    })
    let board: ReturnType<typeof readBoard> | undefined
    expect(() => (board = readBoard(doc))).not.toThrow()
    expect(board!.columns.flatMap((c) => c.cards.map((x) => x.id))).toEqual([good])
    const problems = readProblemsOf(doc)
    expect(problems.filter((p) => p.kind === 'card')).toHaveLength(Object.keys(hostile).length + 6)
    // A huge key is shortened in the report.
    expect(Math.max(...problems.map((p) => p.key.length))).toBeLessThan(200)
    expect(readCard(doc, 'nanDate' as CardId)).toBeNull()
    expect(readCard(doc, good)?.title).toBe('Good card')
    expect(() => readCardCycles(doc, '2026-06-01')).not.toThrow()
  })

  it('a card whose field is only missing (a sync part-way) still shows, with its default', () => {
    const { doc, todo } = newProject()
    fromHostilePeer(doc, (evil) => evil.getMap('cards').set('c1', ymap({ id: 'c1', title: 'No column yet' })))
    const shown = readBoard(doc).columns[0]!.cards
    expect(shown.map((c) => c.title)).toEqual(['No column yet'])
    expect(readBoard(doc).columns[0]!.id).toBe(todo.id)
    expect(readProblemsOf(doc)).toEqual([])
  })

  it('columns: wrong types and non-maps are skipped; the board still has its good columns', () => {
    const { doc } = newProject()
    fromHostilePeer(doc, (evil) => {
      const cols = evil.getMap('columns')
      cols.set('c-nan', ymap({ id: 'c-nan', title: 'WIP NaN', rank: 'a9', wipLimit: NaN }))
      cols.set('c-title', ymap({ id: 'c-title', title: { evil: true }, rank: 'a9' }))
      cols.set('c-plain', { id: 'c-plain', title: 'plain' })
      cols.set('constructor', ymap({ id: 'constructor', title: 'Prototype', rank: 'a9' }))
    })
    expect(readBoard(doc).columns.map((c) => c.title)).toEqual(['To do', 'Doing', 'Done'])
    expect(kinds(doc).filter((k) => k === 'column')).toHaveLength(4)
  })

  it('decisions, cycles, feedback and activity entries', () => {
    const { doc, todo } = newProject()
    const rules = readCycleRules(createDoc())
    ensureCycles(doc, ctxAt(), rules)
    addCard(doc, ctxAt(), { columnId: todo.id, title: 'Card' })
    const marker = stateMarker(doc)
    fromHostilePeer(doc, (evil) => {
      const decisions = evil.getMap('decisions')
      decisions.set('d-nan', { id: 'd-nan', cycle: 1, kind: 'stop', reason: 'x', decidedAt: NaN })
      decisions.set('d-kind', { id: 'd-kind', cycle: 1, kind: 'explode', decidedAt: T0 })
      decisions.set('d-evidence', { id: 'd-evidence', cycle: 1, kind: 'persevere', evidence: 'not an array', decidedAt: T0 })
      decisions.set('d-null', null)
      // A prototype key inside a plain value: read as an ordinary decision, and nothing is polluted.
      decisions.set('d-proto', JSON.parse('{"id":"d-proto","cycle":9,"kind":"persevere","decidedAt":1,"__proto__":{"polluted":true}}'))
      evil.getMap('cycles').set('999999999', true)
      evil.getMap('cycles').set('7', true)
      evil.getMap('cycle:7').set('window', { start: 'not a date', end: '2026-01-01' })
      evil.getMap('cycle:1').set('goal', HUGE)
      const feedback = evil.getMap('feedback')
      feedback.set('f-1', ymap({ id: 'f-1', cycle: 'one', who: 'x', text: 'y' }))
      feedback.set('f-2', ymap({ id: 'f-2', cycle: 1, who: 'x', text: 'y', cards: ['array', 'not', 'map'] }))
      feedback.set('f-3', 'not a map')
      const activity = evil.getArray('activity')
      activity.push([{ id: 'a1', at: NaN, by: 'p', byName: 'x', type: 'card.created' }])
      activity.push([null, 'string', ['array']])
      activity.push([{ id: 'a2', at: T0, by: 'p', byName: 'x', type: 'card.created', data: [1, 2] }])
      activity.push([{ id: 'a3', at: T0, by: 'p', byName: 'x', type: 'card.created', data: { big: HUGE } }])
    })
    expect(() => readDecisions(doc)).not.toThrow()
    // The stop decisions were malformed, so the project has not stopped.
    expect(readDecisions(doc).map((d) => d.id)).toEqual(['d-proto'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(() => readCycles(doc, '2026-06-01')).not.toThrow()
    expect(readCycles(doc, '2026-06-01').map((c) => c.number)).not.toContain(7)
    expect(readFeedback(doc)).toEqual([])
    const activity = readActivity(doc)
    expect(activity.every((e) => Number.isFinite(e.at))).toBe(true)
    expect(activity.some((e) => e.id === 'a1' || e.id === 'a2' || e.id === 'a3')).toBe(false)
    // "While you were offline" walks the log itself: the hostile entries are skipped there too.
    expect(summariseSince(doc, marker, ALICE.id)).toEqual({ people: [], total: 0 })
    const found = new Set(kinds(doc))
    for (const k of ['decision', 'cycle', 'feedback', 'activity entry'] as const) expect(found).toContain(k)
    // Closing a cycle reads all of the above: it works, on the good records only.
    expect(() => closeCycle(doc, ctxAt(Date.UTC(2026, 5, 12, 12)), { cycle: 1, rules, decision: { kind: 'persevere' } })).not.toThrow()
  })

  it('the project, the programme, people and the project index', () => {
    const { doc } = newProject()
    const programme = createDoc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'Programme' })
    upsertPerson(programme, ctxAt(), ALICE.id, { name: ALICE.name, colour: '#1d70b8', role: 'team' })
    fromHostilePeer(doc, (evil) => {
      evil.getMap('project').set('name', HUGE)
      evil.getMap('project').set('createdAt', NaN)
      evil.getMap('project').set('startDate', 12)
    })
    fromHostilePeer(programme, (evil) => {
      evil.getMap('programme').set('cycleLengthDays', NaN)
      evil.getMap('programme').set('name', ['array'])
      const people = evil.getMap('people')
      people.set('p-huge', ymap({ id: 'p-huge', name: HUGE }))
      people.set('p-css', ymap({ id: 'p-css', name: 'Style', colour: 'red; background: url(https://evil.example)' }))
      people.set('p-plain', { id: 'p-plain', name: 'plain' })
      people.set(ALICE.id, 'overwritten with a string')
      const index = evil.getMap('projects')
      index.set('i-1', ymap({ id: 'i-1', name: 'Index', createdAt: NaN }))
      index.set('i-2', ymap({ id: 'i-2', name: 'Tags', tags: { not: 'an array' } }))
    })
    const project = readProject(doc)
    expect(project?.name).toBe('') // the bad field reads as its default; the project still opens
    expect(project?.createdAt).toBe(0)
    expect(project?.startDate).toBeNull()
    const p = readProgramme(programme)
    expect(p?.cycleLengthDays).toBe(10)
    expect(p?.name).toBe('')
    expect(readPeople(programme).map((x) => x.name)).toEqual(['Style'])
    expect(readPeople(programme)[0]!.colour).toBe('#505a5f')
    expect(readProjectIndex(programme)).toEqual([])
    expect(new Set(kinds(programme))).toEqual(new Set(['programme', 'person', 'project summary']))
    expect(kinds(doc)).toContain('project')
    // This computer's own person record, overwritten by a peer, is simply written again.
    expect(() => upsertPerson(programme, ctxAt(), ALICE.id, { name: ALICE.name, colour: '#1d70b8', role: 'team' })).not.toThrow()
    expect(readPeople(programme).map((x) => x.name)).toContain(ALICE.name)
    expect(() => upsertProjectSummary(programme, ctxAt(), { id: 'i-1' as never, name: 'Fixed', phase: 'Discovery', tags: [], archived: false })).not.toThrow()
  })

  it('comments: the schema comments.ts can use refuses at: NaN and the like', () => {
    const skipped: string[] = []
    const skip = (key: string): void => void skipped.push(key)
    const base = { id: 'c1', cardId: null, text: 'Hello', by: 'p1', byName: 'Mo', at: T0 }
    expect(parseStored(storedCommentSchema, base, 'c1', skip)).toMatchObject({ text: 'Hello' })
    for (const bad of [{ at: NaN }, { at: Infinity }, { at: '2026' }, { text: HUGE }, { text: 5 }, { id: '__proto__' }, { by: undefined }]) {
      expect(parseStored(storedCommentSchema, { ...base, ...bad }, 'c', skip)).toBeNull()
    }
    expect(parseStored(storedCommentSchema, ['an', 'array'], 'c', skip)).toBeNull()
    expect(skipped).toHaveLength(8)
    // And through a doc (whatever comments.ts does with it, reading the raw map never throws).
    const { doc } = newProject()
    fromHostilePeer(doc, (evil) => evil.getMap('comments').set('c-nan', { ...base, id: 'c-nan', at: NaN }))
    expect(commentsOf(doc).get('c-nan')).toBeDefined()
  })

  it('reports once per record, clears when the record is gone, and tells listeners a microtask later', async () => {
    const { doc, todo } = newProject()
    let told = 0
    subscribeReadProblems(doc, () => told++)
    fromHostilePeer(doc, (evil) => evil.getMap('cards').set('bad', ymap({ id: 'bad', columnId: todo.id, title: 1 })))
    readBoard(doc)
    readBoard(doc)
    expect(readProblemsOf(doc)).toHaveLength(1)
    expect(told).toBe(0) // never during the render that read it
    await Promise.resolve()
    expect(told).toBe(1)
    expect(readProblemsMessage(readProblemsOf(doc).length)).toBe("1 record from a colleague's computer could not be read and is not shown")
    expect(readProblemsMessage(2)).toBe("2 records from a colleague's computer could not be read and are not shown")
    doc.getMap('cards').delete('bad')
    readBoard(doc)
    expect(readProblemsOf(doc)).toEqual([])
  })
})
