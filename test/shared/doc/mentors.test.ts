// The mentor directory (issue 9): entries in the programme doc, validated with messages a person
// can act on (keyed by the form's field ids), retired rather than deleted, merged between peers.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addMentor,
  checkMentorInput,
  createDoc,
  KEYS,
  linkMentorToPerson,
  MENTOR_SECTORS,
  mentorSectorLabel,
  MentorInputError,
  mentorsOf,
  readMentor,
  readMentorForPerson,
  readMentors,
  setMentorRetired,
  updateMentor,
  type MentorInput
} from '@shared/doc'
import { readProblemsOf } from '@shared/doc/readProblems'
import { storeAsAPeerMight } from '@shared/doc/records/rawWrite'
import { InputError } from '@shared/domain/inputError'
import type { MentorId, PersonId } from '@shared/domain/ids'
import { asMentorInput, FIXTURE_MENTORS, fixtureMentor } from '../../fixtures/mentorFixture'
import { BOB, ctxAt, T0 } from '../support'

const priya = (): MentorInput => asMentorInput(fixtureMentor('m01-priya'))

/** The form-field messages a failed add reports (fails the test if the add succeeds). */
function formErrors(input: unknown): Record<string, string> {
  try {
    addMentor(createDoc(), ctxAt(), input as MentorInput)
  } catch (err) {
    if (err instanceof MentorInputError) return { ...err.fields }
    throw err
  }
  throw new Error('Expected the mentor to be refused')
}

describe('adding a mentor', () => {
  it('stores every field in one transaction and reads it back as entered, tags normalised', () => {
    const doc = createDoc()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    const id = addMentor(doc, ctxAt(), {
      ...priya(),
      name: '  Priya Shah ',
      expertise: ['Garden Waste', 'garden waste', ' payments ', ''],
      pastProjects: [{ title: 'Garden waste subscriptions online', summary: 'Card payments.', tags: ['Garden Waste', 'Direct Debit'], pipelineUrl: ' https://pipeline.example.org/p/1 ' }]
    })
    expect(transactions).toBe(1)
    const m = readMentor(doc, id)
    expect(m).toMatchObject({
      id,
      name: 'Priya Shah',
      organisation: 'Anytown Borough Council',
      internal: true,
      sector: 'local-government',
      sectorOther: '',
      expertise: ['garden-waste', 'payments'],
      capacity: 2,
      retired: false,
      personId: null,
      createdAt: T0,
      updatedAt: T0
    })
    expect(m?.pastProjects).toEqual([
      { id: expect.any(String), title: 'Garden waste subscriptions online', summary: 'Card payments.', tags: ['garden-waste', 'direct-debit'], pipelineUrl: 'https://pipeline.example.org/p/1' }
    ])
    // Expertise is a set (a nested map created with the entry), so colleagues' additions merge.
    expect(mentorsOf(doc).get(id)?.get('expertise')).toBeInstanceOf(Y.Map)
    expect(doc.getMap(KEYS.mentors).size).toBe(1)
  })

  it('round-trips the whole fixture directory, sorted by name then id', () => {
    const doc = createDoc()
    for (const m of FIXTURE_MENTORS) addMentor(doc, ctxAt(), asMentorInput(m))
    const read = readMentors(doc)
    expect(read).toHaveLength(FIXTURE_MENTORS.length)
    expect(read.map((m) => m.name)).toEqual(FIXTURE_MENTORS.map((m) => m.name))
    const strip = (m: (typeof read)[number]) => ({ ...m, id: '', personId: null, retired: false, createdAt: 0, updatedAt: 0, pastProjects: m.pastProjects.map((p) => ({ ...p, id: '' })) })
    expect(read.map(strip)).toEqual(FIXTURE_MENTORS.map(strip))
  })

  it('keeps a sector it does not know as "another sector", and names it', () => {
    expect(MENTOR_SECTORS.map((s) => s.label)).toEqual(['Local government', 'NHS', 'Central government', 'Charity or voluntary sector', 'Private sector', 'Academia', 'Another sector'])
    expect(mentorSectorLabel(fixtureMentor('m12-imran'))).toBe('NHS')
    expect(mentorSectorLabel(fixtureMentor('m04-gareth'))).toBe('Housing association')
    const doc = createDoc()
    const id = addMentor(doc, ctxAt(), { ...priya(), sector: 'nhs', sectorOther: 'Ignored unless another sector' })
    expect(readMentor(doc, id)?.sectorOther).toBe('')
  })
})

describe('what a person is told when the form is wrong', () => {
  it('names every problem at once, by form field id, in plain English', () => {
    const errors = formErrors({ name: ' ', internal: undefined, sector: undefined, capacity: Number.NaN })
    expect(errors).toEqual({
      'mentor-name': 'Enter the mentor’s name',
      'mentor-internal': 'Choose whether the mentor is from your council or from another organisation',
      'mentor-sector': 'Choose the mentor’s sector',
      'mentor-capacity': 'Enter how many teams they can mentor at once, as a whole number from 0 to 20'
    })
  })

  it('is an InputError naming the first field, for code that only knows InputError', () => {
    try {
      addMentor(createDoc(), ctxAt(), { ...priya(), name: '' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(InputError)
      expect((err as InputError).field).toBe('mentor-name')
      expect((err as InputError).message).toBe('Enter the mentor’s name')
    }
  })

  it('checks lengths, capacity and the sector named when it is another one', () => {
    expect(formErrors({ ...priya(), name: 'x'.repeat(201) })).toEqual({ 'mentor-name': 'Enter the mentor’s name in 200 characters or fewer' })
    expect(formErrors({ ...priya(), bio: 'x'.repeat(2001) })).toEqual({ 'mentor-bio': 'Enter a bio in 2,000 characters or fewer' })
    expect(formErrors({ ...priya(), capacity: 21 })).toEqual({ 'mentor-capacity': 'Enter 20 teams or fewer' })
    expect(formErrors({ ...priya(), capacity: 1.5 })).toEqual({ 'mentor-capacity': 'Enter how many teams they can mentor at once, as a whole number from 0 to 20' })
    expect(formErrors({ ...priya(), capacity: -1 })).toEqual({ 'mentor-capacity': 'Enter how many teams they can mentor at once, as a whole number from 0 to 20' })
    expect(formErrors({ ...priya(), sector: 'other', sectorOther: '  ' })).toEqual({ 'mentor-sectorOther': 'Enter the sector the mentor works in' })
    expect(formErrors({ ...priya(), expertise: Array.from({ length: 31 }, (_, i) => `tag ${i}`) })).toEqual({ 'mentor-expertise': 'Enter 30 expertise tags or fewer' })
    expect(formErrors({ ...priya(), expertise: ['x'.repeat(51)] })).toEqual({ 'mentor-expertise': 'Enter expertise tags of 50 characters or fewer each' })
  })

  it('points at the past project row and field that is wrong, and drops rows left blank', () => {
    const rows = [
      { title: 'Fine', summary: '' },
      { title: ' ', summary: 'A summary without a title' },
      { title: '', summary: '', tags: [], pipelineUrl: '' },
      { title: 'Bad link', pipelineUrl: 'javascript:alert(1)' }
    ]
    expect(formErrors({ ...priya(), pastProjects: rows })).toEqual({
      'mentor-past-1-title': 'Enter a title for past project 2',
      'mentor-past-3-pipelineUrl': 'Enter the Pipeline link as a full web address starting with https://'
    })
    const ok = checkMentorInput({ ...priya(), pastProjects: [rows[0], rows[2]] })
    expect(ok.ok && ok.value.pastProjects.map((p) => p.title)).toEqual(['Fine'])
    const many = Array.from({ length: 21 }, (_, i) => ({ title: `Project ${i + 1}` }))
    expect(formErrors({ ...priya(), pastProjects: many })).toEqual({ 'mentor-pastProjects': 'List 20 past projects or fewer' })
  })

  it('writes nothing when the input is refused', () => {
    const doc = createDoc()
    expect(() => addMentor(doc, ctxAt(), { ...priya(), name: '' })).toThrow(MentorInputError)
    expect(readMentors(doc)).toEqual([])
  })
})

describe('changing an entry', () => {
  it('writes only what changed, and the time it changed', () => {
    const doc = createDoc()
    const id = addMentor(doc, ctxAt(), priya())
    const before = readMentor(doc, id)!
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    updateMentor(doc, ctxAt(T0 + 1000), id, { capacity: 3, expertise: ['payments', 'Direct Debit'] })
    expect(transactions).toBe(1)
    const after = readMentor(doc, id)!
    expect(after).toEqual({ ...before, capacity: 3, expertise: ['direct-debit', 'payments'], updatedAt: T0 + 1000 })
    // Saving the same values again (as the edit form does, rows keeping their ids) changes nothing.
    updateMentor(doc, ctxAt(T0 + 2000), id, { ...asMentorInput(after), pastProjects: after.pastProjects })
    expect(transactions).toBe(1)
    expect(readMentor(doc, id)?.updatedAt).toBe(T0 + 1000)
  })

  it('replaces past projects as a whole list, keeping the ids of rows that were kept', () => {
    const doc = createDoc()
    const id = addMentor(doc, ctxAt(), priya())
    const [first] = readMentor(doc, id)!.pastProjects
    updateMentor(doc, ctxAt(), id, { pastProjects: [{ ...first!, summary: 'Shorter.' }, { title: 'A new one' }] })
    const past = readMentor(doc, id)!.pastProjects
    expect(past.map((p) => [p.id === first!.id, p.title, p.summary])).toEqual([
      [true, 'Garden waste subscriptions online', 'Shorter.'],
      [false, 'A new one', '']
    ])
  })

  it('validates the result and refuses a change to an entry that is gone', () => {
    const doc = createDoc()
    const id = addMentor(doc, ctxAt(), priya())
    expect(() => updateMentor(doc, ctxAt(), id, { name: '' })).toThrow('Enter the mentor’s name')
    expect(readMentor(doc, id)?.name).toBe('Priya Shah')
    expect(() => updateMentor(doc, ctxAt(), 'nobody' as MentorId, { name: 'X' })).toThrow('That mentor is no longer in the directory')
  })

  it('merges two colleagues adding expertise at the same time, and keeps each one’s field edits', () => {
    const a = createDoc()
    const id = addMentor(a, ctxAt(), priya())
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    updateMentor(a, ctxAt(), id, { expertise: [...readMentor(a, id)!.expertise, 'direct-debit'], bio: 'Edited by A' })
    updateMentor(b, ctxAt(T0, BOB), id, { expertise: [...readMentor(b, id)!.expertise, 'renewals'], capacity: 4 })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b]) {
      expect(readMentor(doc, id)).toMatchObject({
        expertise: ['direct-debit', 'garden-waste', 'payments', 'renewals', 'subscriptions', 'waste'],
        bio: 'Edited by A',
        capacity: 4
      })
    }
  })
})

describe('retiring and linking', () => {
  it('retires and restores without deleting the entry', () => {
    const doc = createDoc()
    const id = addMentor(doc, ctxAt(), priya())
    setMentorRetired(doc, ctxAt(T0 + 5), id, true)
    expect(readMentor(doc, id)).toMatchObject({ retired: true, updatedAt: T0 + 5 })
    expect(readMentors(doc)).toHaveLength(1)
    setMentorRetired(doc, ctxAt(T0 + 9), id, false)
    expect(readMentor(doc, id)).toMatchObject({ retired: false, updatedAt: T0 + 9 })
    expect(() => setMentorRetired(doc, ctxAt(), 'gone' as MentorId, true)).toThrow('That mentor is no longer in the directory')
  })

  it('links an entry to the person who joined with a mentor invite, one entry per person', () => {
    const doc = createDoc()
    const first = addMentor(doc, ctxAt(), priya())
    const second = addMentor(doc, ctxAt(), asMentorInput(fixtureMentor('m02-tom')))
    const person = 'person-priya' as PersonId
    linkMentorToPerson(doc, ctxAt(), first, person)
    expect(readMentorForPerson(doc, person)?.id).toBe(first)
    linkMentorToPerson(doc, ctxAt(), second, person)
    expect(readMentor(doc, first)?.personId).toBeNull()
    expect(readMentor(doc, second)?.personId).toBe(person)
    expect(readMentorForPerson(doc, 'someone-else' as PersonId)).toBeNull()
  })
})

describe('entries from another computer', () => {
  const good = (id: string) => ({
    id,
    name: 'From a peer',
    organisation: 'Somewhere',
    internal: false,
    sector: 'nhs',
    sectorOther: '',
    bio: '',
    pastProjects: [],
    capacity: 1,
    availability: '',
    contact: '',
    retired: false,
    personId: null,
    createdAt: T0,
    updatedAt: T0
  })

  it('skips and reports what fails the stored schema, and reads the rest', () => {
    const doc = createDoc()
    const id = addMentor(doc, ctxAt(), priya())
    storeAsAPeerMight(doc, KEYS.mentors, 'ok-peer', good('ok-peer'))
    storeAsAPeerMight(doc, KEYS.mentors, 'newer-sector', { ...good('newer-sector'), sector: 'space-agency' })
    storeAsAPeerMight(doc, KEYS.mentors, 'bad-link', {
      ...good('bad-link'),
      pastProjects: [{ id: 'p', title: 'Sneaky', summary: '', tags: [], pipelineUrl: 'javascript:alert(1)' }]
    })
    storeAsAPeerMight(doc, KEYS.mentors, 'huge-capacity', { ...good('huge-capacity'), capacity: 1e9 })
    storeAsAPeerMight(doc, KEYS.mentors, 'long-name', { ...good('long-name'), name: 'x'.repeat(201) })
    storeAsAPeerMight(doc, KEYS.mentors, 'wrong-id', good('another-id'))
    storeAsAPeerMight(doc, KEYS.mentors, 'not-a-map', 'hello')
    storeAsAPeerMight(doc, KEYS.mentors, 'array-expertise', { ...good('array-expertise'), expertise: ['a', 'b'] })
    storeAsAPeerMight(doc, KEYS.mentors, 'too-many-past', {
      ...good('too-many-past'),
      pastProjects: Array.from({ length: 21 }, (_, i) => ({ id: `p${i}`, title: 'T', summary: '', tags: [], pipelineUrl: null }))
    })

    const read = readMentors(doc)
    expect(read.map((m) => m.id).sort()).toEqual(['newer-sector', 'ok-peer', id].sort())
    expect(readMentor(doc, 'newer-sector')?.sector).toBe('other')
    expect(
      readProblemsOf(doc)
        .map((p) => p.key)
        .sort()
    ).toEqual(['array-expertise', 'bad-link', 'huge-capacity', 'long-name', 'not-a-map', 'too-many-past', 'wrong-id'])
    expect(readMentor(doc, 'bad-link')).toBeNull()
    expect(readMentor(doc, 'missing')).toBeNull()
  })

  it('refuses to edit an entry it cannot read, rather than overwrite it blindly', () => {
    const doc = createDoc()
    storeAsAPeerMight(doc, KEYS.mentors, 'bad', { ...good('bad'), capacity: -3 })
    expect(() => updateMentor(doc, ctxAt(), 'bad' as MentorId, { capacity: 2 })).toThrow('That mentor’s entry could not be read, so it cannot be changed here')
  })
})
