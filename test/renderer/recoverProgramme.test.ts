// Finding the programme again from IndexedDB when this computer lost which one was open.
import 'fake-indexeddb/auto'
import { afterEach, expect, it, vi } from 'vitest'
import { initProgrammeDoc, openLocalDoc, opContext, programmeDocName, upsertProjectSummary } from '@shared/doc'
import type { PersonId, ProgrammeId, ProjectId } from '@shared/domain/ids'
import { memoryStore } from '@shared/sync/store'
import { recoverProgrammeId } from '../../src/renderer/storage/recoverProgramme'

const ctx = opContext({ id: 'p1' as PersonId, name: 'Asha' })
let n = 0

async function programmeOnDisk(projects: number, opts: { empty?: boolean } = {}): Promise<ProgrammeId> {
  const id = `prog-${process.pid}-${++n}` as ProgrammeId
  const local = await openLocalDoc(programmeDocName(id))
  if (!opts.empty) initProgrammeDoc(local.doc, ctx, { id, name: `Programme ${n}` })
  for (let i = 0; i < projects; i++)
    upsertProjectSummary(local.doc, ctx, { id: `${id}-proj-${i}` as ProjectId, name: `Project ${i}`, phase: 'Discovery', tags: [], archived: false, activeMentorIds: [], lastSessionDate: null })
  await local.close()
  return id
}

async function wipe(): Promise<void> {
  for (const d of await indexedDB.databases()) {
    if (!d.name) continue
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(d.name!)
      req.onsuccess = () => resolve()
      req.onerror = () => resolve()
    })
  }
}
afterEach(wipe)

it('opens the programme with projects again when its id was lost, and says nothing when it was not', async () => {
  vi.spyOn(console, 'info').mockImplementation(() => undefined)
  await programmeOnDisk(0, { empty: true }) // a doc from a first start that never got going
  const withWork = await programmeOnDisk(3)
  const store = memoryStore()
  expect(await recoverProgrammeId(store)).toBe(withWork)
  expect(store.getItem('fortnight.programmeId')).toBe(withWork)
  // Next start: the id is there, nothing is looked for.
  expect(await recoverProgrammeId(store)).toBeNull()
  expect(store.getItem('fortnight.programmeId')).toBe(withWork)
})

it('prefers the programme the surviving list says was open last over one with more projects', async () => {
  vi.spyOn(console, 'info').mockImplementation(() => undefined)
  const big = await programmeOnDisk(5)
  const last = await programmeOnDisk(1)
  const store = memoryStore({
    'fortnight.programmes': JSON.stringify([
      { id: big, name: 'Big', council: '', addedAt: 1, lastOpenedAt: 10 },
      { id: last, name: 'Last', council: '', addedAt: 2, lastOpenedAt: 20 }
    ])
  })
  expect(await recoverProgrammeId(store)).toBe(last)
})

it('finds nothing on a new computer, and leaves the choice to the first start', async () => {
  const store = memoryStore()
  expect(await recoverProgrammeId(store)).toBeNull()
  expect(store.getItem('fortnight.programmeId')).toBeNull()
})
