/**
 * Bundled by bench/scenarios/growth.ts (esbuild) into <web root>/__bench__/idb-growth.js and run
 * in Chromium at the app's origin: open a seeded project doc through the app's own persistence
 * (openLocalDoc: y-indexeddb with the save tracker), make N real edits through the domain
 * operations, each its own transaction as a person's edits are, wait until every one is saved,
 * then compare what IndexedDB holds with the encoded document.
 */
import * as Y from 'yjs'
import { cardNoteOf, LOCAL_ORIGIN, moveCard, opContext, readBoard, setCardArchived, updateCard } from '../../src/shared/doc'
import { openLocalDoc } from '../../src/shared/doc/persistence'
import type { PersonId } from '../../src/shared/domain/ids'

async function storedBytes(name: string): Promise<{ bytes: number; rows: number }> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const r = indexedDB.open(name)
    r.onsuccess = () => res(r.result)
    r.onerror = () => rej(r.error)
  })
  const all = await new Promise<Uint8Array[]>((res, rej) => {
    const r = db.transaction('updates').objectStore('updates').getAll()
    r.onsuccess = () => res(r.result as Uint8Array[])
    r.onerror = () => rej(r.error)
  })
  db.close()
  return { bytes: all.reduce((s, u) => s + u.byteLength, 0), rows: all.length }
}

async function run(input: { docName: string; edits: number }): Promise<unknown> {
  const local = await openLocalDoc(input.docName, { timeoutMs: 60_000 })
  const doc = local.doc
  const before = await storedBytes(input.docName)
  const ctx = opContext({ id: 'bench-person-0001' as PersonId, name: 'Bench Officer' })
  const board = readBoard(doc)
  const columns = board.columns.map((c) => c.id)
  const cards = board.columns.flatMap((c) => c.cards.map((k) => k.id))
  const started = performance.now()
  const kinds: Record<string, number> = {}
  let peak = { ratio: 0, bytes: 0, rows: 0, afterEdits: 0 }
  for (let i = 0; i < input.edits; i++) {
    const card = cards[(i * 7919) % cards.length]!
    const k = i % 10
    if (k < 4) {
      updateCard(doc, ctx, card, { title: `Edited title ${i}` })
      kinds.title = (kinds.title ?? 0) + 1
    } else if (k < 7) {
      moveCard(doc, ctx, card, columns[i % columns.length]!, (i * 31) % 20)
      kinds.move = (kinds.move ?? 0) + 1
    } else if (k < 9) {
      // A word typed into the card's note, as the editor writes it.
      const note = cardNoteOf(doc, card)
      if (note) {
        doc.transact(() => {
          let p = note.get(0)
          if (!(p instanceof Y.XmlElement)) {
            p = new Y.XmlElement('paragraph')
            note.insert(0, [p])
          }
          let t = (p as Y.XmlElement).get(0)
          if (!(t instanceof Y.XmlText)) {
            t = new Y.XmlText()
            ;(p as Y.XmlElement).insert(0, [t])
          }
          ;(t as Y.XmlText).insert((t as Y.XmlText).length, ` word${i}`)
        }, LOCAL_ORIGIN)
      }
      kinds.note = (kinds.note ?? 0) + 1
    } else {
      setCardArchived(doc, ctx, card, i % 20 === 9)
      kinds.archive = (kinds.archive ?? 0) + 1
    }
    // Let y-indexeddb's writes go out as they would between a person's edits.
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 0))
    // y-indexeddb compacts its stored updates into one after every 500: just before that is the
    // most it holds. Sample there (every 2,000 edits, to keep the run short).
    if (i % 2000 === 1998) {
      await local.whenSaved()
      const now = await storedBytes(input.docName)
      const ratio = now.bytes / Y.encodeStateAsUpdate(doc).byteLength
      if (ratio > peak.ratio) peak = { ratio, bytes: now.bytes, rows: now.rows, afterEdits: i + 1 }
    }
  }
  await local.whenSaved()
  const editMs = performance.now() - started
  // y-indexeddb compacts (storeState) from its own timers: give it a moment, then read.
  await new Promise((r) => setTimeout(r, 1500))
  const after = await storedBytes(input.docName)
  const encoded = Y.encodeStateAsUpdate(doc).byteLength
  await local.close()
  return { before, after, encoded, editMs, kinds, peak }
}

;(globalThis as unknown as { __benchGrowth: typeof run }).__benchGrowth = run
