import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createDoc,
  DEFAULT_CYCLE_LENGTH_DAYS,
  initProgrammeDoc,
  metaOf,
  readPeople,
  readProgramme,
  readProjectIndex,
  SCHEMA_VERSION,
  updateProgramme,
  upsertPerson,
  upsertProjectSummary
} from '@shared/doc'
import type { PersonId, ProgrammeId, ProjectId } from '@shared/domain/ids'
import { TestConnector } from '../../helpers/peers'
import { ctxAt, T0, zodMessages } from '../support'

const PROG = 'prog-1' as ProgrammeId

function newProgramme(doc: Y.Doc = createDoc()): Y.Doc {
  initProgrammeDoc(doc, ctxAt(), { id: PROG, name: 'Digital accelerator', council: 'Borsetshire County Council' })
  return doc
}

describe('the programme', () => {
  it('starts with two-week cycles and no default WIP limit', () => {
    const doc = newProgramme()
    expect(readProgramme(doc)).toEqual({
      id: PROG,
      name: 'Digital accelerator',
      council: 'Borsetshire County Council',
      cycleLengthDays: DEFAULT_CYCLE_LENGTH_DAYS,
      defaultWipLimit: null
    })
    expect(DEFAULT_CYCLE_LENGTH_DAYS).toBe(10)
    expect(metaOf(doc).toJSON()).toEqual({ schemaVersion: SCHEMA_VERSION, kind: 'programme', id: PROG })
  })

  it('is not reset when set-up runs again on an existing programme', () => {
    const doc = newProgramme()
    updateProgramme(doc, ctxAt(), { cycleLengthDays: 5 })
    initProgrammeDoc(doc, ctxAt(), { id: 'other' as ProgrammeId, name: 'Something else' })
    expect(readProgramme(doc)).toMatchObject({ id: PROG, name: 'Digital accelerator', cycleLengthDays: 5 })
  })

  it('reads nothing from an empty doc', () => {
    expect(readProgramme(createDoc())).toBeNull()
  })

  it('changes its rules, explaining bad values', () => {
    const doc = newProgramme()
    updateProgramme(doc, ctxAt(), { name: ' Accelerator 2 ', cycleLengthDays: 15, defaultWipLimit: 4 })
    expect(readProgramme(doc)).toMatchObject({ name: 'Accelerator 2', cycleLengthDays: 15, defaultWipLimit: 4 })
    expect(zodMessages(() => updateProgramme(doc, ctxAt(), { cycleLengthDays: 0 }))).toEqual(['Cycle length must be at least 1 working day'])
    expect(zodMessages(() => updateProgramme(doc, ctxAt(), { cycleLengthDays: 61 }))).toEqual(['Cycle length must be 60 working days or fewer'])
    expect(zodMessages(() => updateProgramme(doc, ctxAt(), { cycleLengthDays: 7.5 }))).toEqual([
      'Cycle length must be a whole number of working days'
    ])
    expect(zodMessages(() => updateProgramme(doc, ctxAt(), { name: '' }))).toEqual(['Enter a programme name'])
    expect(zodMessages(() => updateProgramme(doc, ctxAt(), { defaultWipLimit: 0 }))).toEqual(['Enter a WIP limit of 1 or more, or leave it empty for no limit'])
    updateProgramme(doc, ctxAt(), { defaultWipLimit: null })
    expect(readProgramme(doc)).toMatchObject({ cycleLengthDays: 15, defaultWipLimit: null })
  })
})

describe('the project index', () => {
  it('lists projects by name and only bumps “updated” when something changed', () => {
    const doc = newProgramme()
    const p1 = 'p1' as ProjectId
    const p2 = 'p2' as ProjectId
    upsertProjectSummary(doc, ctxAt(T0), { id: p1, name: 'Waste', phase: 'Alpha', tags: ['bins'], archived: false })
    upsertProjectSummary(doc, ctxAt(T0), { id: p2, name: 'adult care', phase: 'Beta', tags: [], archived: false })
    expect(readProjectIndex(doc).map((p) => p.name)).toEqual(['adult care', 'Waste'])
    upsertProjectSummary(doc, ctxAt(T0 + 50), { id: p1, name: 'Waste', phase: 'Alpha', tags: ['bins'], archived: false })
    expect(readProjectIndex(doc).find((p) => p.id === p1)).toMatchObject({ createdAt: T0, updatedAt: T0 })
    upsertProjectSummary(doc, ctxAt(T0 + 60), { id: p1, name: 'Waste', phase: 'Beta', tags: ['bins'], archived: true })
    expect(readProjectIndex(doc).find((p) => p.id === p1)).toMatchObject({ phase: 'Beta', archived: true, createdAt: T0, updatedAt: T0 + 60 })
  })
})

describe('people', () => {
  it('adds and edits people, sorted by name', () => {
    const doc = newProgramme()
    upsertPerson(doc, ctxAt(), 'p-z' as PersonId, { name: 'Zara Khan', role: 'mentor', colour: '#1d70b8' })
    upsertPerson(doc, ctxAt(), 'p-a' as PersonId, { name: 'Ade Bello', role: 'team', colour: '#00703c' })
    upsertPerson(doc, ctxAt(), 'p-z' as PersonId, { name: 'Zara Khan', role: 'manager', colour: '#1d70b8' })
    expect(readPeople(doc)).toEqual([
      { id: 'p-a', name: 'Ade Bello', role: 'team', colour: '#00703c' },
      { id: 'p-z', name: 'Zara Khan', role: 'manager', colour: '#1d70b8' }
    ])
  })

  it('explains a bad name or colour', () => {
    const doc = newProgramme()
    expect(zodMessages(() => upsertPerson(doc, ctxAt(), 'x' as PersonId, { name: ' ', role: 'team', colour: '#000000' }))).toEqual(['Enter a name'])
    expect(zodMessages(() => upsertPerson(doc, ctxAt(), 'x' as PersonId, { name: 'Jo', role: 'team', colour: 'blue' }))).toEqual([
      'Colour must be a hex colour like #1d70b8'
    ])
    expect(readPeople(doc)).toEqual([])
  })

  it('lists two people with the same name in the same order on every computer', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const net = new TestConnector(2, seed).seed((d) => newProgramme(d))
      const [a, b] = net.docs as [Y.Doc, Y.Doc]
      net.disconnectAll()
      upsertPerson(a, ctxAt(), `sam-${seed}-a` as PersonId, { name: 'Sam Jones', role: 'team', colour: '#1d70b8' })
      upsertPerson(b, ctxAt(), `sam-${seed}-b` as PersonId, { name: 'Sam Jones', role: 'mentor', colour: '#00703c' })
      net.reconnectAll()
      net.flushAll()
      expect(readPeople(a)).toEqual(readPeople(b))
    }
  })
})
