import 'fake-indexeddb/auto'
import * as Y from 'yjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { addCard, createBoardUndo, LOCAL_ORIGIN, openLocalDoc, readCards, readColumns, renameColumn, TAB_ORIGIN, type LocalDoc } from '@shared/doc'
import { connectTabs, parseTabMessage, tabChannelName, type TabChannel } from '@shared/doc/tabChannel'
import { ctxAt, newProject } from '../support'

const open: TabChannel[] = []
const locals: LocalDoc[] = []
afterEach(async () => {
  open.splice(0).forEach((c) => c.close())
  await Promise.all(locals.splice(0).map((l) => l.close().catch(() => {})))
  vi.unstubAllGlobals()
})

let n = 0
const uniqueName = (): string => `fortnight:project:tabs-${process.pid}-${++n}-${Date.now()}`

function tab(doc: Y.Doc, name: string, errors: string[] = []): TabChannel {
  const c = connectTabs(doc, name, { onError: (m) => errors.push(m) })
  open.push(c)
  return c
}

/** BroadcastChannel delivers on a later turn of the event loop. */
async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('tabs and windows of one browser profile stay in step', () => {
  it('an edit in one copy reaches the other at once, both ways', async () => {
    const name = uniqueName()
    const { doc: a, todo } = newProject()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    tab(a, name)
    tab(b, name)
    addCard(a, ctxAt(), { columnId: todo.id, title: 'From tab A' })
    await until(() => readCards(b).length === 1)
    addCard(b, ctxAt(), { columnId: todo.id, title: 'From tab B' })
    await until(() => readCards(a).length === 2)
    expect(readCards(a).map((c) => c.title).sort()).toEqual(['From tab A', 'From tab B'])
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b))
  })

  it('a tab opened later catches up through the state-vector handshake, and gives back what only it had', async () => {
    const name = uniqueName()
    const { doc: a, todo } = newProject()
    tab(a, name)
    addCard(a, ctxAt(), { columnId: todo.id, title: 'Made before the second tab opened' })
    // The late tab has something of its own too (say, written while it was offline from the others).
    const late = new Y.Doc()
    late.getMap('scratch').set('only-here', 1)
    tab(late, name)
    await until(() => readCards(late).length === 1 && a.getMap('scratch').get('only-here') === 1)
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(late))
  })

  it('does not echo what came from another tab, and keeps other docs apart', async () => {
    const name = uniqueName()
    const { doc: a, todo } = newProject()
    const b = new Y.Doc()
    const other = new Y.Doc()
    tab(a, name)
    tab(b, name)
    tab(other, uniqueName())
    const posted: unknown[] = []
    const spy = new BroadcastChannel(tabChannelName(name))
    spy.onmessage = (e: MessageEvent) => posted.push(e.data)
    await new Promise((r) => setTimeout(r, 50))
    posted.length = 0
    const origins: unknown[] = []
    b.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin))
    addCard(a, ctxAt(), { columnId: todo.id, title: 'Once' })
    await until(() => readCards(b).length === 1)
    await new Promise((r) => setTimeout(r, 50))
    spy.close()
    // One message: A's update. B applied it with the tab origin and did not post it again.
    expect(posted.map((m) => (m as { t: string }).t)).toEqual(['update'])
    expect(origins.every((o) => o === TAB_ORIGIN)).toBe(true)
    expect(readCards(other)).toEqual([])
  })

  it('undo in one tab never reverts an edit made in another', async () => {
    const name = uniqueName()
    const { doc: a, todo } = newProject()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    tab(a, name)
    tab(b, name)
    const undoA = createBoardUndo(a, ctxAt())
    renameColumn(b, ctxAt(), todo.id, 'Renamed in tab B')
    await until(() => readColumns(a).find((c) => c.id === todo.id)?.title === 'Renamed in tab B')
    expect(undoA.canUndo()).toBe(false)
    expect(undoA.undo()).toBe(false)
    expect(readColumns(a).find((c) => c.id === todo.id)?.title).toBe('Renamed in tab B')
    undoA.destroy()
  })

  it('checks messages before applying them, and reports an update that cannot be applied instead of throwing', async () => {
    const name = uniqueName()
    const a = new Y.Doc()
    const errors: string[] = []
    tab(a, name, errors)
    const evil = new BroadcastChannel(tabChannelName(name))
    const before = Y.encodeStateVector(a)
    // Wrong shapes are ignored.
    for (const m of [null, 'text', { t: 'update', from: 'x', update: 'not bytes' }, { t: 'nope', from: 'x', update: new Uint8Array(2) }, { t: 'update', from: '<script>', update: new Uint8Array(2) }, { t: 'reply', from: 'x', update: new Uint8Array(2), sv: new Uint8Array(1) }])
      evil.postMessage(m)
    // Right shape, damaged content: reported.
    evil.postMessage({ t: 'update', from: 'evil-tab', update: new Uint8Array([255, 255, 255, 1, 2, 3]) })
    await until(() => errors.length > 0)
    evil.close()
    expect(errors).toEqual(['A change from another Fortnight window could not be applied here'])
    expect(Y.encodeStateVector(a)).toEqual(before)
  })

  it('bounds message sizes', () => {
    expect(parseTabMessage({ t: 'update', from: 'a1', update: new Uint8Array(10) })).not.toBeNull()
    expect(parseTabMessage({ t: 'update', from: 'a1', update: { byteLength: 10 } })).toBeNull()
    expect(parseTabMessage({ t: 'hello', from: 'a1', sv: new Uint8Array(2 * 1024 * 1024) })).toBeNull()
  })

  it('does nothing where BroadcastChannel does not exist', () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    const doc = new Y.Doc()
    const c = connectTabs(doc, uniqueName(), { onError: () => {} })
    doc.getMap('m').set('k', 1)
    expect(() => c.close()).not.toThrow()
  })

  it('openLocalDoc connects the tabs once loaded and migrated, and reports failures on its storage error channel', async () => {
    const name = uniqueName()
    const first = await openLocalDoc(name)
    locals.push(first)
    const second = await openLocalDoc(name)
    locals.push(second)
    first.doc.transact(() => first.doc.getMap('scratch').set('k', 'from the first window'), LOCAL_ORIGIN)
    await until(() => second.doc.getMap('scratch').get('k') === 'from the first window')
    const errors: string[] = []
    first.onStorageError(() => {})
    second.onStorageError((e) => errors.push(e.message))
    const evil = new BroadcastChannel(tabChannelName(name))
    evil.postMessage({ t: 'update', from: 'evil-tab', update: new Uint8Array([255, 255, 255, 1]) })
    await until(() => errors.length > 0)
    evil.close()
    expect(errors).toContain('A change from another Fortnight window could not be applied here')
  })
})
