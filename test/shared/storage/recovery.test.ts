// Finding a programme again after its id was lost: which of the programmes on this computer to open.
import { expect, it } from 'vitest'
import { chooseProgramme, programmeIdFromDbName, type ProgrammeCandidate } from '@shared/storage/recovery'

const c = (id: string, patch: Partial<ProgrammeCandidate> = {}): ProgrammeCandidate => ({
  id,
  hasProgramme: true,
  joined: false,
  projectCount: 0,
  lastWrittenAt: 0,
  lastOpenedAt: null,
  ...patch
})

it('reads programme ids from y-indexeddb database names, and nothing else', () => {
  expect(programmeIdFromDbName('fortnight:programme:abc123')).toBe('abc123')
  expect(programmeIdFromDbName('fortnight:project:abc123')).toBeNull()
  expect(programmeIdFromDbName('fortnight-local')).toBeNull()
  expect(programmeIdFromDbName('fortnight:programme:')).toBeNull()
})

it('opens the only programme there is', () => {
  expect(chooseProgramme([c('a', { projectCount: 3 })])).toBe('a')
})

it('finds nothing when no doc holds any work (an empty first-start doc)', () => {
  expect(chooseProgramme([])).toBeNull()
  expect(chooseProgramme([c('empty', { hasProgramme: false })])).toBeNull()
})

it('prefers the one last opened, when the list of programmes survived', () => {
  const found = [c('a', { lastOpenedAt: 100, projectCount: 1 }), c('b', { lastOpenedAt: 200 }), c('c', { projectCount: 50, lastWrittenAt: 999 })]
  expect(chooseProgramme(found)).toBe('b')
})

it('otherwise the one most recently written, then the one with most projects, ties by id whatever the order found', () => {
  expect(chooseProgramme([c('a', { lastWrittenAt: 10, projectCount: 9 }), c('b', { lastWrittenAt: 20, projectCount: 1 })])).toBe('b')
  expect(chooseProgramme([c('a', { projectCount: 2 }), c('b', { projectCount: 5 })])).toBe('b')
  expect(chooseProgramme([c('b'), c('a')])).toBe('a')
  expect(chooseProgramme([c('a'), c('b')])).toBe('a')
})

it('counts a joined programme that has not synced yet as work, above an empty doc', () => {
  expect(chooseProgramme([c('empty', { hasProgramme: false }), c('joined', { hasProgramme: false, joined: true })])).toBe('joined')
})
