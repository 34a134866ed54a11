import { readFileSync } from 'node:fs'
import { forceCloseDatabase } from 'fake-indexeddb'
import * as Y from 'yjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  addCard,
  cardNoteOf,
  deleteLocalDoc,
  DocRegistry,
  metaOf,
  openLocalDoc,
  readBoard,
  readProject,
  SCHEMA_VERSION,
  schemaVersionOf,
  StorageError,
  type LocalDoc
} from '@shared/doc'
import { ctxAt, newProject } from '../support'

const opened: LocalDoc[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(opened.splice(0).map((d) => d.close().catch(() => {})))
})

let n = 0
const uniqueName = (): string => `fortnight:project:test-${process.pid}-${++n}-${Date.now()}`
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function open(name: string, opts?: { timeoutMs?: number }): Promise<LocalDoc> {
  const d = await openLocalDoc(name, opts)
  opened.push(d)
  return d
}

async function reopen(d: LocalDoc): Promise<LocalDoc> {
  await d.close()
  return open(d.name)
}

/** A raw connection of our own to the same database, like another window would hold. */
function rawOpen(name: string, version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version)
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/** How many times y-indexeddb opened a database with this name. */
function countOpens(): (name: string) => number {
  const spy = vi.spyOn(indexedDB, 'open')
  return (name) => spy.mock.calls.filter(([n]) => n === name).length
}

describe('openLocalDoc', () => {
  it('gives back exactly what was saved after closing and reopening', async () => {
    const first = await open(uniqueName())
    expect(first).toMatchObject({ migration: { status: 'empty' }, readOnly: false })
    const { doc, todo } = newProject(first.doc)
    const card = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Survive a restart' })
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('Saved note text')])
    cardNoteOf(doc, card)!.insert(0, [p])
    const board = JSON.stringify(readBoard(doc))
    const project = readProject(doc)

    const second = await reopen(first)
    expect(second.migration).toEqual({ status: 'current', version: SCHEMA_VERSION })
    expect(second.readOnly).toBe(false)
    expect(JSON.stringify(readBoard(second.doc))).toBe(board)
    expect(readProject(second.doc)).toEqual(project)
    expect(cardNoteOf(second.doc, card)?.toString()).toBe('<paragraph>Saved note text</paragraph>')
  })

  it('saves the migration of an old doc, so it runs only once', async () => {
    const first = await open(uniqueName())
    const v1 = readFileSync(new URL('../../fixtures/project-v1.base64', import.meta.url), 'utf8')
    Y.applyUpdate(first.doc, new Uint8Array(Buffer.from(v1, 'base64')))
    const second = await reopen(first)
    expect(second.migration).toEqual({ status: 'migrated', from: 1, to: SCHEMA_VERSION })
    expect(readBoard(second.doc).cardCount).toBe(4)
    const third = await reopen(second)
    expect(third.migration).toEqual({ status: 'current', version: SCHEMA_VERSION })
  })

  it('opens a doc written by a newer Fortnight read-only, without touching it', async () => {
    const first = await open(uniqueName())
    newProject(first.doc)
    metaOf(first.doc).set('schemaVersion', SCHEMA_VERSION + 1)
    metaOf(first.doc).set('somethingNew', 'kept')
    const second = await reopen(first)
    expect(second.readOnly).toBe(true)
    expect(second.migration).toEqual({ status: 'newer', version: SCHEMA_VERSION + 1 })
    expect(schemaVersionOf(second.doc)).toBe(SCHEMA_VERSION + 1)
    expect(metaOf(second.doc).get('somethingNew')).toBe('kept')
    expect(readProject(second.doc)?.name).toBe('Blue badge renewals')
  })

  it('gives up with a clear StorageError when the database is stuck, instead of hanging', async () => {
    const name = uniqueName()
    await (await open(name)).close()
    opened.length = 0
    // Another window holds the database open and ignores version changes; a third asks to upgrade
    // it, so every later open (ours) queues behind that upgrade.
    const holder = await rawOpen(name)
    const upgrade = indexedDB.open(name, 99)
    const blocked = new Promise<void>((r) => (upgrade.onblocked = () => r()))
    await blocked

    const started = Date.now()
    const error = await openLocalDoc(name, { timeoutMs: 150 }).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(StorageError)
    expect(error).toMatchObject({ docName: name, message: 'Your saved work did not load within 1 second' })
    expect(Date.now() - started).toBeLessThan(1000)

    holder.close()
    await new Promise<void>((r) => (upgrade.onsuccess = () => (upgrade.result.close(), r())))
  }, 5000)

  it('reports storage that the browser closes under it', async () => {
    const spy = vi.spyOn(indexedDB, 'open')
    const local = await open(uniqueName())
    const request = spy.mock.results.find((r, i) => spy.mock.calls[i]?.[0] === local.name)?.value as IDBOpenDBRequest
    const errors: string[] = []
    local.onStorageError((e) => errors.push(e.message))
    // fake-indexeddb declares the parameter as `typeof FDBDatabase` (the class), but takes the connection.
    forceCloseDatabase(request.result as unknown as Parameters<typeof forceCloseDatabase>[0])
    await vi.waitFor(() => expect(errors).toEqual(['Storage on this computer was closed unexpectedly']))
  })

  it('reports a save that fails after opening through onStorageError', async () => {
    const local = await open(uniqueName())
    const { doc, todo } = newProject(local.doc)
    const errors: StorageError[] = []
    local.onStorageError((e) => errors.push(e))

    // Another connection stores an update under the largest key IndexedDB allows, which exhausts
    // the updates store's key generator: y-indexeddb's next save then fails with ConstraintError.
    const other = await rawOpen(local.name)
    await new Promise<void>((resolve, reject) => {
      const tx = other.transaction('updates', 'readwrite')
      tx.objectStore('updates').put(Y.encodeStateAsUpdate(new Y.Doc()), 2 ** 53)
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    other.close()

    // y-indexeddb does not handle its failed request's promise; keep that expected rejection from
    // failing the run, and check it is the one we caused.
    const vitestHandlers = process.listeners('unhandledRejection')
    process.removeAllListeners('unhandledRejection')
    const unhandled: unknown[] = []
    process.on('unhandledRejection', (reason) => unhandled.push(reason))
    try {
      addCard(doc, ctxAt(), { columnId: todo.id, title: 'This one will not save' })
      await pause(50)
    } finally {
      process.removeAllListeners('unhandledRejection')
      vitestHandlers.forEach((h) => process.on('unhandledRejection', h))
    }

    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(StorageError)
    expect(errors[0]).toMatchObject({ message: 'A change could not be saved on this computer', docName: local.name })
    expect((errors[0]?.cause as DOMException).name).toBe('ConstraintError')
    expect(unhandled.every((u) => String(u).includes('ConstraintError'))).toBe(true)
  })

  it('keeps working and says so when another window deletes the saved copy', async () => {
    const local = await open(uniqueName())
    const { doc, todo } = newProject(local.doc)
    const errors: StorageError[] = []
    local.onStorageError((e) => errors.push(e))
    await deleteLocalDoc(local.name)
    expect(errors.map((e) => e.message)).toEqual([
      'Your saved copy is being removed or changed by another window, so new changes here may not be saved'
    ])
    // The person's edits still apply in memory rather than throwing from deep inside storage.
    expect(() => addCard(doc, ctxAt(), { columnId: todo.id, title: 'Still editable' })).not.toThrow()
    expect(readBoard(doc).cardCount).toBe(1)
  })

  it('starts empty after the saved copy was deleted', async () => {
    const first = await open(uniqueName())
    newProject(first.doc)
    await first.close()
    await deleteLocalDoc(first.name)
    const again = await open(first.name)
    expect(again.migration).toEqual({ status: 'empty' })
    expect(readProject(again.doc)).toBeNull()
  })
})

describe('DocRegistry', () => {
  it('shares one open doc (one persistence) per name and closes it a little after the last release', async () => {
    const opens = countOpens()
    const reg = new DocRegistry({ closeDelayMs: 30 })
    const name = uniqueName()
    const [a, b] = await Promise.all([reg.acquire(name), reg.acquire(name)])
    expect(a).toBe(b)
    expect(opens(name)).toBe(1)
    newProject(a.doc)

    reg.release(name)
    await pause(60)
    expect(reg.isOpen(name)).toBe(true)
    expect(a.doc.isDestroyed).toBe(false)

    reg.release(name)
    expect(reg.isOpen(name)).toBe(true)
    await pause(80)
    expect(reg.isOpen(name)).toBe(false)
    expect(a.doc.isDestroyed).toBe(true)

    // Reopening reads what was saved.
    const c = await reg.acquire(name)
    expect(c).not.toBe(a)
    expect(readProject(c.doc)?.name).toBe('Blue badge renewals')
    await reg.closeAll()
  })

  it('keeps a doc open if it is acquired again during the close delay', async () => {
    const reg = new DocRegistry({ closeDelayMs: 30 })
    const name = uniqueName()
    const a = await reg.acquire(name)
    reg.release(name)
    const b = await reg.acquire(name)
    await pause(80)
    expect(b).toBe(a)
    expect(reg.isOpen(name)).toBe(true)
    expect(a.doc.isDestroyed).toBe(false)
    await reg.closeAll()
    expect(a.doc.isDestroyed).toBe(true)
  })

  it('is not confused by a close that was pending when everything was closed', async () => {
    const opens = countOpens()
    const reg = new DocRegistry({ closeDelayMs: 30 })
    const name = uniqueName()
    await reg.acquire(name)
    reg.release(name) // a close is now pending…
    await reg.closeAll() // …and everything closes (e.g. the workspace remounts)
    const fresh = await reg.acquire(name)
    await pause(80) // the old pending close must not close or forget the fresh doc
    expect(reg.isOpen(name)).toBe(true)
    expect(fresh.doc.isDestroyed).toBe(false)
    expect(await reg.acquire(name)).toBe(fresh)
    expect(opens(name)).toBe(2)
    await reg.closeAll()
  })

  it('a doc opened only to read locally is not announced to the network until someone works in it', async () => {
    const reg = new DocRegistry({ closeDelayMs: 30 })
    const announced: string[] = []
    reg.onOpen((local) => announced.push(local.name))
    const name = uniqueName()
    const quiet = await reg.acquire(name, { network: false })
    expect(announced).toEqual([])
    // A screen opens it to work in: announced once, before that screen gets it.
    const worked = await reg.acquire(name)
    expect(worked).toBe(quiet)
    expect(announced).toEqual([name])
    await reg.acquire(name)
    expect(announced).toEqual([name])
    // A hook added later hears only announced docs.
    const late: string[] = []
    const other = uniqueName()
    await reg.acquire(other, { network: false })
    reg.onOpen((local) => late.push(local.name))
    await pause(10)
    expect(late).toEqual([name])
    await reg.closeAll()
  })

  it('does not keep a failed open, so the next attempt tries again', async () => {
    const name = uniqueName()
    const reg = new DocRegistry({ timeoutMs: 100 })
    await (await reg.acquire(name)).close()
    await reg.closeAll()
    const holder = await rawOpen(name)
    const upgrade = indexedDB.open(name, 50)
    await new Promise<void>((r) => (upgrade.onblocked = () => r()))

    await expect(reg.acquire(name)).rejects.toBeInstanceOf(StorageError)
    expect(reg.isOpen(name)).toBe(false)

    holder.close()
    await new Promise<void>((r) => (upgrade.onsuccess = () => (upgrade.result.close(), r())))
    const ok = await reg.acquire(name)
    expect(ok.doc.isDestroyed).toBe(false)
    await reg.closeAll()
  }, 5000)
})
