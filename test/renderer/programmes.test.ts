// Several programmes on one computer: the list behind "Your programmes" and the switch between them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { memoryStore } from '@shared/sync/store'
import type { ProgrammeId } from '@shared/domain/ids'
import { knownProgrammes, programmeLabel, rememberProgramme, switchProgramme } from '../../src/renderer/workspace/programmes'
import { loadProgrammeId, saveProgrammeId } from '../../src/renderer/workspace/profile'

const A = 'programme-a' as ProgrammeId
const B = 'programme-b' as ProgrammeId
let store: ReturnType<typeof memoryStore>
let clock = 1_000
const now = (): number => clock

beforeEach(() => {
  store = memoryStore()
  vi.stubGlobal('localStorage', store)
  clock = 1_000
})
afterEach(() => vi.unstubAllGlobals())

const stored = (): unknown => JSON.parse(store.getItem('fortnight.programmes') ?? 'null')

describe('knownProgrammes', () => {
  it('lists nothing on a new computer', () => {
    expect(knownProgrammes(now)).toEqual([])
  })

  it('adds the programme this computer already had (from before the list) on the first read', () => {
    saveProgrammeId(A)
    expect(knownProgrammes(now)).toEqual([{ id: A, name: '', council: '', addedAt: 1_000, lastOpenedAt: 1_000 }])
    expect(stored()).toEqual([{ id: A, name: '', council: '', addedAt: 1_000, lastOpenedAt: 1_000 }])
    clock = 5_000
    expect(knownProgrammes(now)[0]!.addedAt).toBe(1_000)
  })

  it('drops entries that are not valid, keeps the rest, and fills bad fields with defaults', () => {
    store.setItem(
      'fortnight.programmes',
      JSON.stringify([
        { id: A, name: 'Digital accelerator', council: 'Anytown', addedAt: 1, lastOpenedAt: 2 },
        { id: '', name: 'No id' },
        'a string',
        { id: B, name: 42, council: 'x'.repeat(500), addedAt: -1, lastOpenedAt: 'yesterday' },
        { id: A, name: 'Twice' }
      ])
    )
    expect(knownProgrammes(now)).toEqual([
      { id: A, name: 'Digital accelerator', council: 'Anytown', addedAt: 1, lastOpenedAt: 2 },
      { id: B, name: '', council: '', addedAt: 0, lastOpenedAt: 0 }
    ])
  })

  it('reads a damaged list as empty (plus the open programme)', () => {
    store.setItem('fortnight.programmes', '{not json')
    saveProgrammeId(B)
    expect(knownProgrammes(now).map((p) => p.id)).toEqual([B])
    store.setItem('fortnight.programmes', JSON.stringify({ id: A }))
    expect(knownProgrammes(now).map((p) => p.id)).toEqual([B])
  })
})

describe('rememberProgramme', () => {
  it('adds a programme, then updates its name and council, keeping when it was added', () => {
    rememberProgramme({ id: A, name: 'Digital accelerator', council: 'Anytown' }, { now })
    clock = 2_000
    rememberProgramme({ id: A, name: 'Digital accelerator 2026' }, { now, opened: true })
    expect(knownProgrammes(now)).toEqual([{ id: A, name: 'Digital accelerator 2026', council: 'Anytown', addedAt: 1_000, lastOpenedAt: 2_000 }])
  })

  it('keeps the name it has when the doc has none yet (a joined programme before it syncs)', () => {
    rememberProgramme({ id: B, name: 'Shared by Anytown' }, { now })
    rememberProgramme({ id: B }, { now, opened: true })
    expect(knownProgrammes(now)[0]!.name).toBe('Shared by Anytown')
  })

  it('writes nothing when nothing changed', () => {
    rememberProgramme({ id: A, name: 'X' }, { now })
    const spy = vi.spyOn(store, 'setItem')
    rememberProgramme({ id: A, name: 'X' }, { now })
    expect(spy).not.toHaveBeenCalled()
  })
})

describe('switchProgramme', () => {
  it('keeps the first programme listed when joining a second, opens the second, and restarts', () => {
    saveProgrammeId(A)
    rememberProgramme({ id: A, name: 'Anytown accelerator' }, { now })
    const restart = vi.fn()
    rememberProgramme({ id: B, name: 'Otherborough accelerator' }, { now })
    switchProgramme(B, restart)
    expect(loadProgrammeId()).toBe(B)
    expect(restart).toHaveBeenCalledOnce()
    expect(knownProgrammes(now).map((p) => [p.id, p.name])).toEqual([
      [A, 'Anytown accelerator'],
      [B, 'Otherborough accelerator']
    ])
    switchProgramme(A, restart)
    expect(loadProgrammeId()).toBe(A)
    expect(knownProgrammes(now)).toHaveLength(2)
  })
})

describe('programmeLabel', () => {
  it('names a programme with no name yet', () => {
    expect(programmeLabel({ name: '  ' })).toBe('Unnamed programme')
    expect(programmeLabel({ name: 'Digital accelerator' })).toBe('Digital accelerator')
  })
})
