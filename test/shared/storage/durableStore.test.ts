// The durable local store: a value counts as saved only once IndexedDB has it, a reopened store
// (a restart, or a crash) reads back every saved value, and the first open copies localStorage in.
import 'fake-indexeddb/auto'
import { expect, it } from 'vitest'
import { openDurableStore } from '@shared/storage/durableStore'
import { memoryStore } from '@shared/sync/store'
import { registerSaveSource, saveState, unsavedDocCount } from '@shared/doc/saveTracker'

let n = 0
const uniqueName = (): string => `fortnight-local-test-${process.pid}-${++n}`

function legacyOf(data: Record<string, string>): { length: number; key(i: number): string | null; getItem(k: string): string | null } {
  const keys = Object.keys(data)
  return { length: keys.length, key: (i) => keys[i] ?? null, getItem: (k) => data[k] ?? null }
}

it('says "saving" until the transaction commits, and a reopened store reads every saved value', async () => {
  const name = uniqueName()
  const store = await openDurableStore({ idb: indexedDB, name })
  const changes: number[] = []
  store.onChange(() => changes.push(store.pending()))
  store.setItem('fortnight.profile', '{"name":"Asha"}')
  store.setItem('fortnight.programmeId', 'p1')
  store.setItem('fortnight.programmeId', 'p2')
  store.setItem('fortnight.gone', 'x')
  store.removeItem('fortnight.gone')
  expect(store.getItem('fortnight.programmeId')).toBe('p2')
  expect(store.pending()).toBeGreaterThan(0)
  await store.whenSaved()
  expect(store.pending()).toBe(0)
  expect(changes.at(-1)).toBe(0)
  store.close()

  const again = await openDurableStore({ idb: indexedDB, name })
  expect(again.getItem('fortnight.profile')).toBe('{"name":"Asha"}')
  expect(again.getItem('fortnight.programmeId')).toBe('p2')
  expect(again.getItem('fortnight.gone')).toBeNull()
  again.close()
})

it('copies Fortnight’s localStorage keys in on the first open only, and mirrors later writes', async () => {
  const name = uniqueName()
  const mirror = memoryStore()
  const legacy = legacyOf({ 'fortnight.profile': 'me', 'fortnight.sync.keyring': '{"a":1}', 'fortnight:searchShortcut': 'off', 'other.app': 'no' })
  const store = await openDurableStore({ idb: indexedDB, name, legacy, mirror })
  expect(store.getItem('fortnight.profile')).toBe('me')
  expect(store.getItem('fortnight.sync.keyring')).toBe('{"a":1}')
  expect(store.getItem('fortnight:searchShortcut')).toBe('off')
  expect(store.getItem('other.app')).toBeNull()
  store.removeItem('fortnight.profile')
  store.setItem('fortnight.programmeId', 'p1')
  expect(mirror.getItem('fortnight.programmeId')).toBe('p1')
  await store.whenSaved()
  store.close()
  // Later opens trust IndexedDB: a removed key is not copied back from an old localStorage.
  const again = await openDurableStore({ idb: indexedDB, name, legacy })
  expect(again.getItem('fortnight.profile')).toBeNull()
  expect(again.getItem('fortnight.programmeId')).toBe('p1')
  again.close()
})

it('takes another tab’s change into memory and onto disk (an older tab writes only localStorage)', async () => {
  const name = uniqueName()
  const store = await openDurableStore({ idb: indexedDB, name })
  store.applyExternal('fortnight.sync.settings', '{"online":false}')
  expect(store.getItem('fortnight.sync.settings')).toBe('{"online":false}')
  // The same value again (a newer tab saved it already) writes nothing more.
  await store.whenSaved()
  store.applyExternal('fortnight.sync.settings', '{"online":false}')
  expect(store.pending()).toBe(0)
  store.close()
  const reopened = await openDurableStore({ idb: indexedDB, name })
  expect(reopened.getItem('fortnight.sync.settings')).toBe('{"online":false}')
  reopened.applyExternal('fortnight.sync.settings', null)
  expect(reopened.getItem('fortnight.sync.settings')).toBeNull()
  await reopened.whenSaved()
  reopened.close()
  const again = await openDurableStore({ idb: indexedDB, name })
  expect(again.getItem('fortnight.sync.settings')).toBeNull()
  again.close()
})

it('says "Not saved" with what to do when another window takes the database away, and keeps the value in memory', async () => {
  const name = uniqueName()
  const store = await openDurableStore({ idb: indexedDB, name, retryMs: 10 })
  // Another window deletes the database (as "clear site data" would).
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name)
    req.onsuccess = () => resolve()
    req.onblocked = () => resolve()
  })
  expect(store.problem()?.message).toMatch(/closed/)
  store.setItem('fortnight.profile', 'me')
  await store.whenSaved()
  expect(store.getItem('fortnight.profile')).toBe('me')
  expect(store.problem()?.action).toMatch(/Reload Fortnight/)
  store.close()
})

it('feeds the header: saving while a source is pending, "Not saved" while it has a failure', () => {
  expect(saveState().kind).toBe('saved')
  const source = registerSaveSource()
  source.setPending(true)
  expect(saveState().kind).toBe('saving')
  expect(unsavedDocCount()).toBe(1)
  const failure = { message: 'Your settings could not be saved', action: 'Free some space.' }
  source.setFailure(failure)
  expect(saveState()).toEqual({ kind: 'failed', failure })
  expect(saveState()).toBe(saveState())
  source.setFailure(null)
  source.setPending(false)
  expect(saveState().kind).toBe('saved')
  expect(unsavedDocCount()).toBe(0)
  source.dispose()
})
