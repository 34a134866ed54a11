// A write whose transaction aborts after a newer write of the same key was already handed to
// IndexedDB must not be retried: the older value would land over the newer one on disk (the screen
// said the newer one was saved; a restart would bring the older one back).
import 'fake-indexeddb/auto'
import { expect, it } from 'vitest'
import { openDurableStore } from '@shared/storage/durableStore'

it('never writes an older value over a newer one when the older transaction aborts', async () => {
  const name = `review-durable-${process.pid}`
  const store = await openDurableStore({ idb: indexedDB, name, retryMs: 5 })
  const created: IDBTransaction[] = []
  const proto = IDBDatabase.prototype as unknown as { transaction: (...a: unknown[]) => IDBTransaction }
  const original = proto.transaction
  proto.transaction = function (this: IDBDatabase, ...args: unknown[]) {
    const tx = original.apply(this, args)
    if (args[1] === 'readwrite') created.push(tx)
    return tx
  }
  try {
    store.setItem('fortnight.programmeId', 'old')
    await Promise.resolve() // flush: transaction 1 holds 'old'
    store.setItem('fortnight.programmeId', 'new')
    await Promise.resolve() // flush: transaction 2 holds 'new'
    expect(created.length).toBe(2)
    created[0]!.abort() // e.g. a transient I/O error / quota on the first one
    await store.whenSaved()
    await new Promise((r) => setTimeout(r, 100)) // let the retry run
    await store.whenSaved()
  } finally {
    proto.transaction = original
  }
  expect(store.getItem('fortnight.programmeId')).toBe('new')
  store.close()
  const again = await openDurableStore({ idb: indexedDB, name })
  expect(again.getItem('fortnight.programmeId')).toBe('new')
  again.close()
})
