// "Saved on this computer" must mean the change is in IndexedDB: a second connection that opens
// the database as soon as whenSaved() resolves reads every update, and the header count goes
// back to 0 only then.
import 'fake-indexeddb/auto'
import * as Y from 'yjs'
import { afterEach, expect, it } from 'vitest'
import { IndexeddbPersistence } from 'y-indexeddb'
import { onSaveStateChange, openLocalDoc, unsavedDocCount, type LocalDoc } from '@shared/doc'

const opened: LocalDoc[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close().catch(() => {})))
})

let n = 0
const uniqueName = (): string => `fortnight:project:save-${process.pid}-${++n}-${Date.now()}`

async function readBack(name: string): Promise<string> {
  const doc = new Y.Doc()
  const p = new IndexeddbPersistence(name, doc)
  await p.whenSynced
  const text = doc.getText('t').toString()
  await p.destroy()
  return text
}

it('whenSaved resolves only once every keystroke so far is stored, and the unsaved count returns to 0', async () => {
  const name = uniqueName()
  const local = await openLocalDoc(name)
  opened.push(local)
  const seen: number[] = []
  const off = onSaveStateChange((count) => seen.push(count))
  const text = local.doc.getText('t')
  for (const ch of 'No signal between stations.') text.insert(text.length, ch)
  expect(unsavedDocCount()).toBe(1)
  await local.whenSaved()
  expect(unsavedDocCount()).toBe(0)
  expect(await readBack(name)).toBe('No signal between stations.')
  // Later typing makes it pending again, and one probe covers a burst of writes.
  text.insert(text.length, ' More.')
  expect(unsavedDocCount()).toBe(1)
  await local.whenSaved()
  expect(await readBack(name)).toBe('No signal between stations. More.')
  off()
  expect(seen).toEqual([1, 0, 1, 0])
})

it('closing waits for queued writes, and a closed doc is never left counted as saving', async () => {
  const name = uniqueName()
  const local = await openLocalDoc(name)
  local.doc.getText('t').insert(0, 'last words')
  await local.close()
  expect(unsavedDocCount()).toBe(0)
  expect(await readBack(name)).toBe('last words')
})
