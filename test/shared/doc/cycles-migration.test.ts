import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addCard,
  closeCycle,
  columnsOf,
  commitCard,
  setFirstCycleStart,
  metaOf,
  migrateDoc,
  moveCard,
  opContext,
  programmeMapOf,
  readBoard,
  readCycleRules,
  readCycles,
  readProgramme,
  readVelocity,
  schemaVersionOf,
  SCHEMA_VERSION,
  setColumnRole
} from '@shared/doc'
import { DEFAULT_CYCLE_RULES } from '@shared/domain/cycles'
import type { ColumnId } from '@shared/domain/ids'
import { REMOTE } from '../../helpers/peers'
import { ALICE } from '../support'

const fixture = (name: string): Uint8Array =>
  new Uint8Array(Buffer.from(readFileSync(new URL(`../../fixtures/${name}.base64`, import.meta.url), 'utf8'), 'base64'))

function load(name: 'project-v1' | 'programme-v1', version?: number): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, fixture(name), REMOTE)
  // A version-2 doc has exactly the version-1 shape plus optional keys nobody had to write.
  if (version !== undefined) metaOf(doc).set('schemaVersion', version)
  return doc
}

/** Every map key written by `fn` in any shared type (top-level or nested). */
function writtenKeys(doc: Y.Doc, fn: () => void): string[] {
  const keys: string[] = []
  const handler = (tr: Y.Transaction): void => {
    for (const changed of tr.changed.values()) for (const k of changed) if (k !== null) keys.push(k)
  }
  doc.on('afterTransaction', handler)
  fn()
  doc.off('afterTransaction', handler)
  return keys.sort()
}

const at = (ms: number) => opContext(ALICE, () => ms)

describe('migrating to version 3 (ship cycles)', () => {
  for (const from of [1, 2]) {
    it(`a version-${from} project only gains its version number; column roles are inferred`, () => {
      const doc = load('project-v1', from === 1 ? undefined : 2)
      expect(schemaVersionOf(doc)).toBe(from)
      expect(writtenKeys(doc, () => expect(migrateDoc(doc)).toMatchObject({ status: 'migrated', from, to: SCHEMA_VERSION }))).toEqual(['schemaVersion'])
      expect([...columnsOf(doc).values()].some((m) => m.has('role'))).toBe(false)
      expect(readBoard(doc).columns.map((c) => [c.title, c.role])).toEqual([
        ['To do', 'todo'],
        ['Doing', 'doing'],
        ['Review', 'doing'],
        ['Done', 'done']
      ])
    })

    it(`a version-${from} programme reads the default cycle rules and keeps its cycle length`, () => {
      const doc = load('programme-v1', from === 1 ? undefined : 2)
      expect(writtenKeys(doc, () => migrateDoc(doc))).toEqual(['schemaVersion'])
      expect(readCycleRules(doc)).toEqual(DEFAULT_CYCLE_RULES)
      programmeMapOf(doc).set('cycleLengthDays', 5)
      expect(readCycleRules(doc).lengthDays).toBe(readProgramme(doc)?.cycleLengthDays)
    })
  }

  it('a migrated old board runs cycles: roles drive the graph, a changed role counts from then on', () => {
    const doc = load('project-v1')
    migrateDoc(doc)
    const rules = DEFAULT_CYCLE_RULES
    const fri = Date.UTC(2026, 4, 29, 9)
    expect(setFirstCycleStart(doc, at(fri), rules, '2026-06-01').created).toEqual([1, 2, 3])
    const card = addCard(doc, at(fri), { columnId: 'col-todo' as ColumnId, title: 'Send the first e-bill' })
    commitCard(doc, at(fri), card, 1)
    moveCard(doc, at(Date.UTC(2026, 5, 2, 9)), card, 'col-review' as ColumnId, 0)
    // The team decides "Review" means the work is shipped.
    setColumnRole(doc, at(Date.UTC(2026, 5, 2, 10)), 'col-review' as ColumnId, 'done')
    closeCycle(doc, at(Date.UTC(2026, 5, 15, 9)), { cycle: 1, rules, decision: { kind: 'persevere' } })
    expect(readCycles(doc, '2026-06-15')[0]?.status).toBe('closed')
    expect(readVelocity(doc, { rules, today: '2026-06-15' }).velocity.cycles).toEqual([{ number: 1, completed: 1, committed: 1, completedPercent: 100 }])
  })
})
