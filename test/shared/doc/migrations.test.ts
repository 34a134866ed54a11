import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { describe, expect, it, vi } from 'vitest'
import {
  addCard,
  cardNoteOf,
  columnsOf,
  createDoc,
  metaOf,
  migrateDoc,
  MIGRATION_ORIGIN,
  MigrationError,
  MIGRATIONS,
  problemOf,
  readActivity,
  readBoard,
  readCards,
  readPeople,
  readProgramme,
  readProject,
  readProjectIndex,
  removeColumn,
  SCHEMA_VERSION,
  schemaVersionOf,
  setCardArchived,
  setWipLimit
} from '@shared/doc'
import type { CardId, ColumnId } from '@shared/domain/ids'
import { REMOTE, TestConnector } from '../../helpers/peers'
import { BOB, ctxAt } from '../support'

// Count every migrator's runs across this file; the last test checks each one ran.
const spies = MIGRATIONS.map((m) => vi.spyOn(m, 'migrate'))

const fixture = (name: string): Uint8Array =>
  new Uint8Array(Buffer.from(readFileSync(new URL(`../../fixtures/${name}.base64`, import.meta.url), 'utf8'), 'base64'))

function load(name: 'project-v1' | 'programme-v1', clientID?: number): Y.Doc {
  const doc = new Y.Doc()
  if (clientID !== undefined) doc.clientID = clientID
  Y.applyUpdate(doc, fixture(name), REMOTE)
  return doc
}

const columnTitles = (doc: Y.Doc): string[] => readBoard(doc).columns.map((c) => c.title)

describe('the migration list', () => {
  it('rises by exactly 1 from 1 to SCHEMA_VERSION', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1))
    for (const m of MIGRATIONS) expect(m.name.trim()).not.toBe('')
  })
})

describe('migrating', () => {
  it('leaves an empty doc alone', () => {
    const doc = createDoc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    expect(migrateDoc(doc)).toEqual({ status: 'empty' })
    expect(updates).toEqual([])
  })

  it('brings a version-1 project up to date, in one change, and the board reads as it did', () => {
    const doc = load('project-v1')
    // It really is version-1 shaped.
    expect(schemaVersionOf(doc)).toBe(1)
    expect(columnsOf(doc).get('col-todo')?.has('wipLimit')).toBe(false)
    expect(doc.getMap<Y.Map<unknown>>('cards').get('card-1')?.has('archived')).toBe(false)

    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    expect(migrateDoc(doc)).toEqual({ status: 'migrated', from: 1, to: SCHEMA_VERSION })
    expect(origins).toEqual([MIGRATION_ORIGIN])
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION)

    const board = readBoard(doc)
    expect(board.columns.map((c) => [c.id, c.title, c.wipLimit, c.wip, c.cards.map((x) => x.id)])).toEqual([
      ['col-todo', 'To do', null, 'none', ['card-1', 'card-2']],
      ['col-doing', 'Doing', null, 'none', ['card-3']],
      ['col-review', 'Review', null, 'none', []],
      ['col-done', 'Done', null, 'none', ['card-4']]
    ])
    expect(board.archived).toEqual([])
    expect(board.cardCount).toBe(4)
    expect(board.columns[0]?.cards[0]).toMatchObject({
      title: 'Map the billing data',
      labels: ['data'],
      assignees: ['person-dana'],
      dueDate: '2025-02-14',
      archived: false,
      checklist: [
        { id: 'item-1', text: 'Get read access', done: true, rank: 'a0' },
        { id: 'item-2', text: 'List the fields', done: false, rank: 'a1' }
      ]
    })
    expect(cardNoteOf(doc, 'card-1' as CardId)?.toString()).toBe('<paragraph>Start with the 2024 extract.</paragraph>')
    expect(readProject(doc)).toMatchObject({ name: 'Council tax e-billing', phase: 'Alpha', tags: ['council-tax', 'paperless'], startDate: '2025-01-06' })
    expect(problemOf(doc).toString()).toBe('<paragraph>Residents want their bills by email.</paragraph>')
    expect(readActivity(doc).map((e) => e.type)).toEqual(['project.created'])
  })

  it('lets a migrated version-1 board use the newer features', () => {
    const doc = load('project-v1')
    migrateDoc(doc)
    setWipLimit(doc, ctxAt(), 'col-doing' as ColumnId, 1)
    addCard(doc, ctxAt(), { columnId: 'col-doing' as ColumnId, title: 'Second thing in progress' })
    setCardArchived(doc, ctxAt(), 'card-4' as CardId, true)
    removeColumn(doc, ctxAt(), 'col-review' as ColumnId, 'col-done' as ColumnId)
    const board = readBoard(doc)
    expect(board.columns.map((c) => [c.title, c.wip])).toEqual([
      ['To do', 'none'],
      ['Doing', 'over'],
      ['Done', 'none']
    ])
    expect(board.archived.map((c) => c.id)).toEqual(['card-4'])
  })

  it('brings a version-1 programme up to date', () => {
    const doc = load('programme-v1')
    expect(doc.getMap('programme').has('defaultWipLimit')).toBe(false)
    expect(migrateDoc(doc)).toEqual({ status: 'migrated', from: 1, to: SCHEMA_VERSION })
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION)
    expect(readProgramme(doc)).toEqual({
      id: 'prog-v1',
      name: 'Digital accelerator',
      council: 'Borsetshire County Council',
      cycleLengthDays: 10,
      defaultWipLimit: null
    })
    expect(readProjectIndex(doc)).toMatchObject([{ id: 'project-v1', name: 'Council tax e-billing', phase: 'Alpha', tags: ['council-tax', 'paperless'] }])
    expect(readPeople(doc)).toEqual([{ id: 'person-dana', name: 'Dana Whitfield', role: 'team', colour: '#1d70b8' }])
  })

  it('does nothing the second time', () => {
    for (const name of ['project-v1', 'programme-v1'] as const) {
      const doc = load(name)
      migrateDoc(doc)
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      expect(migrateDoc(doc)).toEqual({ status: 'current', version: SCHEMA_VERSION })
      expect(updates).toEqual([])
    }
  })

  it('runs every migration on a doc saved before versions were recorded', () => {
    const doc = load('project-v1')
    metaOf(doc).delete('schemaVersion')
    expect(migrateDoc(doc)).toEqual({ status: 'migrated', from: 0, to: SCHEMA_VERSION })
    expect(columnTitles(doc)).toEqual(['To do', 'Doing', 'Review', 'Done'])
  })

  it('leaves a doc from a newer Fortnight untouched', () => {
    const doc = load('project-v1')
    metaOf(doc).set('schemaVersion', SCHEMA_VERSION + 1)
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    expect(migrateDoc(doc)).toEqual({ status: 'newer', version: SCHEMA_VERSION + 1 })
    expect(updates).toEqual([])
  })

  it('reports a failing step as a MigrationError and does not claim the new version', () => {
    const doc = load('project-v1')
    const last = MIGRATIONS[MIGRATIONS.length - 1]!
    vi.spyOn(last, 'migrate').mockImplementationOnce(() => {
      throw new TypeError('boom')
    })
    let caught: unknown
    try {
      migrateDoc(doc)
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(MigrationError)
    expect(caught).toMatchObject({ version: last.version, message: `Could not upgrade this project to version ${last.version} (${last.name})` })
    expect((caught as MigrationError).cause).toBeInstanceOf(TypeError)
    expect(schemaVersionOf(doc)).toBe(1)
    // The next attempt can still succeed.
    expect(migrateDoc(doc)).toMatchObject({ status: 'migrated', to: SCHEMA_VERSION })
  })
})

describe('two computers migrating the same version-1 doc', () => {
  it('converge with no column or card duplicated or lost (200 seeds)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const net = new TestConnector(3, seed)
      const update = fixture('project-v1')
      net.docs.forEach((d) => Y.applyUpdate(d, update, REMOTE))
      net.disconnectAll()
      net.docs.forEach((d) => expect(migrateDoc(d)).toMatchObject({ status: 'migrated' }))
      net.reconnectAll()
      net.flushAll()
      net.assertConverged()
      const boards = net.docs.map((d) => JSON.stringify(readBoard(d)))
      expect(new Set(boards).size).toBe(1)
      const doc = net.doc(0)
      expect([...columnsOf(doc).keys()].sort()).toEqual(['col-doing', 'col-done', 'col-review', 'col-todo'])
      expect(columnTitles(doc)).toEqual(['To do', 'Doing', 'Review', 'Done'])
      expect(readCards(doc).map((c) => c.id).sort()).toEqual(['card-1', 'card-2', 'card-3', 'card-4'])
      expect(readBoard(doc).cardCount).toBe(4)
      net.docs.forEach((d) => expect(schemaVersionOf(d)).toBe(SCHEMA_VERSION))
      net.destroy()
    }
  })

  it('never undoes work done on an already-migrated copy when a stale copy migrates later', () => {
    // Alice upgraded first and used the new features; Bob, offline since version 1, upgrades and
    // opens his stale copy (migrations run before the network connects). Yjs settles concurrent
    // writes to one key by client id, so try both orders.
    // (The fixture itself was written by client 1, so stay clear of that id.)
    for (const [aliceId, bobId] of [
      [100, 200],
      [200, 100]
    ] as const) {
      const alice = load('project-v1', aliceId)
      const bob = load('project-v1', bobId)
      migrateDoc(alice)
      setWipLimit(alice, ctxAt(), 'col-doing' as ColumnId, 2)
      setCardArchived(alice, ctxAt(), 'card-4' as CardId, true)
      removeColumn(alice, ctxAt(), 'col-review' as ColumnId, 'col-done' as ColumnId)
      migrateDoc(bob)
      setCardArchived(bob, ctxAt(0, BOB), 'card-2' as CardId, true)

      Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob), REMOTE)
      Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice), REMOTE)
      for (const doc of [alice, bob]) {
        const board = readBoard(doc)
        expect(board.columns.map((c) => [c.title, c.wipLimit]), `client ids ${aliceId}/${bobId}`).toEqual([
          ['To do', null],
          ['Doing', 2],
          ['Done', null]
        ])
        expect(board.archived.map((c) => c.id).sort()).toEqual(['card-2', 'card-4'])
      }
      expect(JSON.stringify(readBoard(alice))).toBe(JSON.stringify(readBoard(bob)))
    }
  })
})

describe('coverage of the migration list', () => {
  it('ran every migrator at least once across the fixture tests above', () => {
    spies.forEach((spy, i) => expect(spy.mock.calls.length, `migration ${MIGRATIONS[i]?.version}`).toBeGreaterThan(0))
  })
})
