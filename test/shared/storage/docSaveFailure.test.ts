// The header says "Not saved" when a doc's saved copy is taken away under it (another window, or
// "clear site data"): from then on its edits go nowhere, until the page is reloaded.
import 'fake-indexeddb/auto'
import { expect, it, vi } from 'vitest'
import { openLocalDoc } from '@shared/doc'
import { DOC_GONE_FAILURE, saveState } from '@shared/doc/saveTracker'

it('turns "Saved on this computer" into "Not saved" with what to do when the database is deleted', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  const name = `fortnight:project:gone-${process.pid}`
  const local = await openLocalDoc(name)
  local.doc.getText('t').insert(0, 'hello')
  await local.whenSaved()
  expect(saveState().kind).toBe('saved')
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name)
    req.onsuccess = () => resolve()
    req.onblocked = () => resolve()
  })
  expect(saveState()).toEqual({ kind: 'failed', failure: DOC_GONE_FAILURE })
  local.doc.getText('t').insert(5, ' again')
  expect(saveState().kind).toBe('failed')
})
