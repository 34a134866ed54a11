// Issue 11: the activity log keeps its newest entries live and moves older ones into immutable
// archive chunks, so opening a project does not decode a year of history. Nothing may be lost or
// shown twice, whoever compacts and however peers' changes cross; every reader of the log answers
// the same before and after; a hostile chunk is skipped and reported, never thrown.
import * as Y from 'yjs'
import { describe, expect, it, vi } from 'vitest'
import {
  ACTIVITY_COMPACT_AT,
  ACTIVITY_LIVE_MAX,
  activityArchiveOf,
  activityOf,
  addCard,
  addFeedback,
  appendActivity,
  archivedEntryCount,
  closeCycle,
  commitCard,
  compactActivity,
  computeProjectProgress,
  COMPACT_ON_OPEN_DELAY_MS,
  createDoc,
  createProject,
  initProgrammeDoc,
  watchProjectProgress,
  ensureCycles,
  mentoredProjectSummary,
  moveCard,
  opContext,
  readActivity,
  readCycleGraph,
  readCycles,
  readVelocity,
  setFirstCycleStart,
  stateMarker,
  summariseSince,
  activitySince,
  updateCard,
  type ActivityEntry,
  type FeedbackId,
  type OpContext
} from '@shared/doc'
import { readProblemsOf } from '@shared/doc/readProblems'
import { parseStoredActivity, storedActivitySchema, wellFormedActivity } from '@shared/doc/records/activity'
import { decodeArchiveChunk, encodeChunk, type ChunkEntryIn } from '@shared/doc/records/activityArchive'
import { DEFAULT_CYCLE_RULES } from '@shared/domain/cycles'
import { todayInLondon } from '@shared/domain/dates'
import type { CardId, ProgrammeId, ProjectId } from '@shared/domain/ids'
import { readProjectExport } from '@shared/pipeline/projectExport'
import { TestConnector } from '../../helpers/peers'
import { ALICE, BOB, ctxAt, newProject, steppingCtx, T0 } from '../support'

const ORG = { id: 7, name: 'Anytown BC' }

/** `n` entries through appendActivity, each in its own transaction as the app writes them (or `per` to a transaction). */
function grow(doc: Y.Doc, ctx: OpContext, n: number, per = 1): string[] {
  const ids: string[] = []
  const log = activityOf(doc)
  for (let i = 0; i < n; i += per) {
    doc.transact(() => {
      for (let j = i; j < Math.min(n, i + per); j++) {
        appendActivity(doc, ctx, { type: 'card.updated', cardId: 'card-x' as CardId, data: { fields: ['title'], n: j } })
        ids.push((log.get(log.length - 1) as ActivityEntry).id)
      }
    })
  }
  return ids
}

/** The log as an older Fortnight leaves it: every entry a live value, no archive. */
function asOldVersion(source: Y.Doc): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
  const all = readActivity(doc)
  doc.transact(() => {
    const archive = activityArchiveOf(doc)
    for (const k of [...archive.keys()]) archive.delete(k)
    const log = activityOf(doc)
    log.delete(0, log.length)
    log.push([...all])
  })
  return doc
}

function ids(entries: readonly ActivityEntry[]): string[] {
  return entries.map((e) => e.id)
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('compaction', () => {
  it('keeps the newest 2,000 entries live and still returns every entry, in time order', () => {
    const { doc } = newProject()
    const first = ids(readActivity(doc))
    const added = grow(doc, steppingCtx(ALICE, T0 + 60_000), 6_000)
    const live = activityOf(doc).toArray() as ActivityEntry[]
    expect(live.length).toBeGreaterThanOrEqual(ACTIVITY_LIVE_MAX)
    expect(live.length).toBeLessThanOrEqual(ACTIVITY_COMPACT_AT)
    // The live values are the newest ones, the archive holds the rest.
    expect(ids(live)).toEqual(added.slice(-live.length))
    expect(archivedEntryCount(doc).entries).toBe(first.length + added.length - live.length)
    expect(ids(readActivity(doc))).toEqual([...first, ...added])
  })

  it('moves a big log kept by an older version once on open, and does nothing after that', () => {
    const { doc } = newProject()
    grow(doc, steppingCtx(ALICE, T0 + 60_000), 4_000)
    const old = asOldVersion(doc)
    const before = readActivity(old)
    expect(activityOf(old).length).toBe(before.length)
    expect(compactActivity(old)).toBe(before.length - ACTIVITY_LIVE_MAX)
    expect(activityOf(old).length).toBe(ACTIVITY_LIVE_MAX)
    expect(readActivity(old)).toEqual(before)
    const sv = Y.encodeStateVector(old)
    expect(compactActivity(old)).toBe(0)
    expect(Y.encodeStateVector(old)).toEqual(sv)
  })

  it('runs once when a team member opens the project, never on a mentor’s copy', () => {
    vi.useFakeTimers()
    try {
      const programme = createDoc()
      initProgrammeDoc(programme, ctxAt(), { id: 'prog' as ProgrammeId, name: 'Accelerator' })
      const team = createDoc()
      createProject(programme, team, ctxAt(), { id: 'p1' as ProjectId, name: 'Blue badges' })
      grow(team, steppingCtx(ALICE, T0 + 60_000), 3_000)
      const oldLog = asOldVersion(team)
      // The team member's own programme lists the project; a mentor's programme (another council's) does not.
      const mentorProgramme = createDoc()
      initProgrammeDoc(mentorProgramme, ctxAt(), { id: 'other' as ProgrammeId, name: 'Mentoring' })
      const mentorCopy = new Y.Doc()
      Y.applyUpdate(mentorCopy, Y.encodeStateAsUpdate(oldLog))
      const stopTeam = watchProjectProgress(programme, oldLog, ctxAt())
      const stopMentor = watchProjectProgress(mentorProgramme, mentorCopy, ctxAt())
      expect(activityOf(oldLog).length).toBeGreaterThan(ACTIVITY_COMPACT_AT)
      vi.advanceTimersByTime(COMPACT_ON_OPEN_DELAY_MS)
      expect(activityOf(oldLog).length).toBe(ACTIVITY_LIVE_MAX)
      expect(activityOf(mentorCopy).length).toBeGreaterThan(ACTIVITY_COMPACT_AT)
      expect(archivedEntryCount(mentorCopy).chunks).toBe(0)
      stopTeam()
      stopMentor()
    } finally {
      vi.useRealTimers()
    }
  })

  it('makes opening cheap: the stored doc holds a few chunks, not thousands of values', () => {
    const { doc } = newProject()
    grow(doc, steppingCtx(ALICE, T0 + 60_000), 10_000)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    let structs = 0
    copy.store.clients.forEach((list) => (structs += list.length))
    // 2,000-odd live entries and one struct per chunk, however many entries were written.
    expect(structs).toBeLessThan(ACTIVITY_COMPACT_AT + 100)
    expect(activityArchiveOf(copy).size).toBeLessThan(30)
    expect(readActivity(copy)).toHaveLength(readActivity(doc).length)
  })
})

describe('two team members compacting at once', () => {
  it('loses no entry and shows none twice (same range: one chunk; overlapping ranges: merged by id)', () => {
    const base = newProject().doc
    const ctx = steppingCtx(ALICE, T0 + 60_000)
    // An older version's log just over the threshold, on both computers.
    grow(base, ctx, 3_000)
    const old = asOldVersion(base)
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(a, Y.encodeStateAsUpdate(old))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(old))
    // Both open it offline: the same range, the same chunks.
    compactActivity(a)
    compactActivity(b)
    expect([...activityArchiveOf(a).keys()].sort()).toEqual([...activityArchiveOf(b).keys()].sort())
    // Then each works on: different, overlapping ranges are archived.
    const fromA = grow(a, steppingCtx(ALICE, T0 + 10_000_000_000), 700)
    const fromB = grow(b, steppingCtx(BOB, T0 + 10_000_000_000 + 30_000), 1_300)
    const chunksA = activityArchiveOf(a).size
    sync(a, b)
    const all = readActivity(a)
    expect(ids(readActivity(b))).toEqual(ids(all))
    expect(new Set(ids(all)).size).toBe(all.length)
    expect(all).toHaveLength(readActivity(old).length + fromA.length + fromB.length)
    for (const id of [...ids(readActivity(old)), ...fromA, ...fromB]) expect(ids(all)).toContain(id)
    // The same-range chunks written twice are one.
    expect(activityArchiveOf(a).size).toBeLessThan(chunksA + activityArchiveOf(b).size)
    expect(activityOf(a).toArray()).toEqual(activityOf(b).toArray())
  })

  it('converges with random delivery, disconnects and duplicates (seeded)', () => {
    for (const seed of [1, 2]) {
      const net = new TestConnector(3, seed, { duplicateRate: 0.2 })
      net.seed((doc) => newProject(doc))
      const written: string[] = [...ids(readActivity(net.doc(0)))]
      const ctxs = [steppingCtx(ALICE, T0 + 1_000), steppingCtx(BOB, T0 + 2_000), steppingCtx(ALICE, T0 + 3_000)]
      for (let round = 0; round < 9; round++) {
        for (let p = 0; p < 3; p++) {
          if ((round + p + seed) % 4 === 0) net.disconnect(p)
          else if (!net.isOnline(p)) net.reconnect(p)
          written.push(...grow(net.doc(p), ctxs[p]!, 150 + ((round * 7 + p * 13 + seed) % 90), 10))
          net.flushSome(40)
        }
      }
      net.reconnectAll()
      net.flushAll()
      net.assertConverged()
      const read = ids(readActivity(net.doc(0)))
      expect(new Set(read).size).toBe(read.length)
      expect([...read].sort()).toEqual([...written].sort())
      expect(ids(readActivity(net.doc(2)))).toEqual(read)
      expect(archivedEntryCount(net.doc(0)).chunks).toBeGreaterThan(2)
      net.destroy()
    }
  })
})

describe('a hostile chunk', () => {
  const entry = (id: string, at: number): ChunkEntryIn => ({ id, at, by: 'person-bob', byName: 'Bob', type: 'card.updated', cardId: 'c1' })
  const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value))
  const chunk = (entries: readonly ChunkEntryIn[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    v: 1,
    count: entries.length,
    firstAt: T0,
    lastAt: T0 + 10_000,
    data: encodeChunk(entries, entries.map((_, i) => [1, i])),
    ...extra
  })

  it('is skipped and reported (bad JSON, not a list, failing entries, 10 MB, a count that lies), and good ones still read', () => {
    const { doc } = newProject()
    const good = readActivity(doc)
    doc.transact(() => {
      const a = activityArchiveOf(doc)
      a.set('bad-json', { ...chunk([entry('e1', T0)]), data: new TextEncoder().encode('[{"id":') })
      a.set('not-utf8', { ...chunk([entry('e1', T0)]), data: new Uint8Array([0xff, 0xfe, 0x5b, 0x5d]) })
      a.set('not-a-list', { ...chunk([entry('e2', T0)]), data: bytes({ s: [], e: { id: 'e2' } }) })
      a.set('strings-not-text', { ...chunk([entry('e2', T0)]), data: bytes({ s: [1, 2], e: [] }) })
      a.set('huge', { ...chunk([entry('e3', T0)]), data: new Uint8Array(10 * 1024 * 1024) })
      a.set('count-lies', chunk([entry('e4', T0), entry('e5', T0)], { count: 3 }))
      a.set('count-huge', chunk([entry('e4', T0)], { count: 1e9 }))
      a.set('not-a-record', 'hello')
      a.set('bad-times', chunk([entry('e6', T0)], { firstAt: Number.NaN }))
      a.set('time-outside', chunk([entry('e7', T0 - 1)]))
      a.set('mixed', chunk([entry('ok-1', T0 + 1), { ...entry('bad-type', T0 + 2), type: 'card.exploded' }, { ...entry('bad-data', T0 + 3), data: { x: 'y'.repeat(30_000) } }, entry('ok-2', T0 + 4)]))
      // Rows that do not decode: not a row, a string index out of range, a data key that is not valid.
      const good = JSON.parse(new TextDecoder().decode(encodeChunk([entry('ok-3', T0 + 5)], [[1, 1]]))) as { s: string[]; e: unknown[][] }
      const row = [...(good.e[0] as unknown[])]
      row[1] = [T0 + 5] // an absolute time, so each row stands alone
      const bad = (i: number, v: unknown): unknown[] => row.map((x, k) => (k === i ? v : x))
      a.set('rows', { ...chunk([entry('x', T0)]), count: 5, data: bytes({ s: good.s, e: [42, bad(4, 99), bad(7, [0]), bad(7, [99, [1]]), row] }) })
    })
    let read: readonly ActivityEntry[] = []
    expect(() => (read = readActivity(doc))).not.toThrow()
    expect(ids(read)).toEqual([...ids(good), 'ok-1', 'ok-2', 'ok-3'])
    const reported = readProblemsOf(doc).filter((p) => p.kind === 'activity archive')
    const keys = reported.map((p) => p.key)
    for (const k of ['bad-json', 'not-utf8', 'not-a-list', 'huge', 'count-lies', 'count-huge', 'not-a-record', 'bad-times', 'time-outside#0', 'mixed#1', 'mixed#2', 'rows#0', 'rows#1', 'rows#2', 'rows#3', 'strings-not-text']) expect(keys).toContain(k)
    expect(keys).not.toContain('mixed#0')
    expect(keys).not.toContain('rows#4')
    // Every reader built on the log copes too.
    expect(() => computeProjectProgress(doc, T0)).not.toThrow()
    expect(() => readVelocity(doc, { rules: DEFAULT_CYCLE_RULES, today: todayInLondon(T0) })).not.toThrow()
    expect(readProjectExport(doc, ORG)?.data.createdBy).toBe(ALICE.name)
  })

  it('is not decoded by what the board reads when a project opens (portfolio progress, the cycle header)', () => {
    const { doc } = newProject()
    doc.transact(() => activityArchiveOf(doc).set('broken', { ...chunk([entry('e1', T0)]), data: new TextEncoder().encode('{{{') }))
    const progress = computeProjectProgress(doc, T0)
    expect(progress.basis).toBe(activityOf(doc).length + 1)
    // The board's cycle header asks for no graph of a running cycle (cycle 0: none).
    expect(readCycleGraph(doc, { cycle: 0, rules: DEFAULT_CYCLE_RULES, today: todayInLondon(T0) })).toBeNull()
    expect(readProblemsOf(doc).map((p) => p.key)).not.toContain('broken')
  })

  it('is not even decoded by a reader of recent changes when it ends before them', () => {
    const { doc } = newProject()
    doc.transact(() => activityArchiveOf(doc).set('old-and-broken', { ...chunk([entry('e1', T0)]), data: new TextEncoder().encode('{{{') }))
    readActivity(doc, { since: T0 + 20_000 })
    expect(readProblemsOf(doc).map((p) => p.key)).not.toContain('old-and-broken')
    readActivity(doc)
    expect(readProblemsOf(doc).map((p) => p.key)).toContain('old-and-broken')
  })
})

describe('the chunk encoding', () => {
  it('reads back exactly what was written: odd times, every kind of data value, places in runs', () => {
    const entries: ChunkEntryIn[] = [
      { id: 'a', at: T0, by: 'p1', byName: 'Ann', type: 'card.moved', cardId: 'c1', columnId: 'k1', data: { from: 'k0', to: 'k1', index: 0 } },
      { id: 'b', at: T0 - 5_000, by: 'p2', byName: 'Bo', type: 'card.committed', cardId: 'c1', data: { cycle: 3, rolledOver: true, none: null, fields: ['title', 'rank'], nested: { x: [1, 'k1'] }, title: 'p1' } },
      { id: 'c', at: T0 + 0.25, by: 'p1', byName: 'Ann', type: 'project.updated' },
      { id: 'd', at: 1e15 + 0.5, by: 'p1', byName: 'Ann', type: 'cycle.goal', data: {} }
    ]
    const places: [number, number][] = [[7, 10], [7, 11], [9, 3], [7, 12]]
    const data = encodeChunk(entries, places)
    const back = decodeArchiveChunk({ v: 1, count: 4, firstAt: 0, lastAt: 2e15, data })
    expect(back).toEqual({ ok: true, values: entries, src: places })
    // Repeated strings are written once.
    expect(new TextDecoder().decode(data).match(/"Ann"/g)).toHaveLength(1)
  })
})

describe('the fast check of an entry agrees with the stored schema', () => {
  const GOOD = { id: 'a1', at: T0, by: 'person-bob', byName: 'Bob', type: 'card.moved', cardId: 'c1', columnId: 'col1', data: { from: 'x', to: 'y' } }
  const BAD: readonly unknown[] = [undefined, null, Number.NaN, -1, 1e300, '', 'x'.repeat(101), 'x'.repeat(501), '__proto__', 42, [], { a: 1 }, new Uint8Array(2), { big: 'x'.repeat(20_001) }, 'card.exploded']
  it('never accepts what the schema refuses, nor reads an entry differently', () => {
    let answered = 0
    for (const field of Object.keys(GOOD)) {
      for (const bad of BAD) {
        const raw: Record<string, unknown> = { ...GOOD, [field]: bad }
        if (bad === undefined) delete raw[field]
        const fast = wellFormedActivity(raw)
        const slow = storedActivitySchema.safeParse(raw)
        if (fast === null) continue
        answered++
        expect(slow.success, `${field}=${String(bad).slice(0, 20)}`).toBe(true)
        const viaParse = parseStoredActivity(raw)
        expect(viaParse.ok && { ...viaParse.entry }).toEqual({ ...fast })
      }
    }
    expect(answered).toBeGreaterThan(0)
    expect(wellFormedActivity(GOOD)).not.toBeNull()
  })
})

describe('readers of the log, before and after compaction', () => {
  it('the portfolio basis never goes down across compaction (own and a colleague’s)', () => {
    const { doc } = newProject()
    const ctx = steppingCtx(ALICE, T0 + 60_000)
    let last = 0
    for (let i = 0; i < 30; i++) {
      grow(doc, ctx, 200)
      const basis = computeProjectProgress(doc, T0).basis
      expect(basis).toBeGreaterThanOrEqual(last)
      last = basis
    }
    expect(archivedEntryCount(doc).entries).toBeGreaterThan(0)
    // A colleague who was offline compacts an overlapping range; merging never lowers either basis.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    grow(other, steppingCtx(BOB, T0 + 90_000_000), 900)
    grow(doc, ctx, 400)
    const a = computeProjectProgress(doc, T0).basis
    const b = computeProjectProgress(other, T0).basis
    sync(doc, other)
    expect(computeProjectProgress(doc, T0).basis).toBeGreaterThanOrEqual(Math.max(a, b))
    expect(computeProjectProgress(other, T0).basis).toBe(computeProjectProgress(doc, T0).basis)
  })

  it('a year of cycles: graphs, velocity and the Pipeline export are the same as from the uncompacted log', () => {
    const { doc, ctx, today } = yearOfCycles()
    expect(archivedEntryCount(doc).chunks).toBeGreaterThan(3)
    const old = asOldVersion(doc)
    expect(archivedEntryCount(old).chunks).toBe(0)
    const arg = { rules: DEFAULT_CYCLE_RULES, today }
    const cycles = readCycles(doc, today).map((c) => c.number)
    expect(cycles.length).toBeGreaterThanOrEqual(26)
    const graphs = (d: Y.Doc): unknown => cycles.map((n) => readCycleGraph(d, { cycle: n, ...arg }))
    const before = { graphs: graphs(old), velocity: readVelocity(old, arg), export: readProjectExport(old, ORG) }
    // Something real to compare: 26 closed cycles with completed work, and an audit trail.
    expect(before.velocity.velocity).not.toBeNull()
    expect(before.export?.data.createdBy).toBe(ALICE.name)
    expect(before.export?.data.modifiedOn).toBeGreaterThan(before.export?.data.createdOn ?? Infinity)
    expect({ graphs: graphs(doc), velocity: readVelocity(doc, arg), export: readProjectExport(doc, ORG) }).toEqual(before)
    // And the older version's log compacted on open reads the same again.
    compactActivity(old)
    expect(archivedEntryCount(old).chunks).toBeGreaterThan(0)
    expect({ graphs: graphs(old), velocity: readVelocity(old, arg), export: readProjectExport(old, ORG) }).toEqual(before)
    void ctx
  })

  it('a mentor’s "changed since the last session" is the same with and without archived chunks', () => {
    const { doc } = newProject()
    grow(doc, steppingCtx(BOB, T0 + 60_000), 5_000)
    const old = asOldVersion(doc)
    const me = { personIds: [ALICE.id], mentorIds: [] }
    for (const now of [T0 + 5_000 * 60_000, T0 + 4_000 * 60_000, T0 + 1_000 * 60_000]) {
      const before = mentoredProjectSummary(old, me, now)
      const after = mentoredProjectSummary(doc, me, now)
      expect(after).toEqual(before)
      expect(after?.changes.total).toBeGreaterThan(0)
    }
    // Two weeks back from the end reaches into the archive: those entries are counted too.
    const end = T0 + 5_000 * 60_000
    expect(mentoredProjectSummary(doc, me, end + 14 * 86_400_000 - 3_000 * 60_000)?.changes.total).toBe(3_000)
  })

  it('"while you were offline" still lists a colleague’s entries that were archived before they arrived', () => {
    const { doc } = newProject()
    grow(doc, steppingCtx(ALICE, T0 + 60_000), 2_400)
    const bob = new Y.Doc()
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(doc))
    const marker = stateMarker(doc)
    // Bob works on alone long enough for his copy to archive part of what he wrote.
    const written = grow(bob, steppingCtx(BOB, T0 + 900_000_000), 1_200)
    expect(archivedEntryCount(bob).entries).toBeGreaterThan(0)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(bob, Y.encodeStateVector(doc)))
    const since = activitySince(doc, marker)
    expect(ids(since)).toEqual(written)
    expect(summariseSince(doc, marker, ALICE.id).total).toBe(1_200)
  })
})

/** A year of two-week cycles written through the domain operations, with a busy log. */
function yearOfCycles(): { doc: Y.Doc; ctx: OpContext; today: string } {
  let t = Date.UTC(2025, 10, 17, 9)
  const ctx = opContext(ALICE, () => (t += 1_000))
  const { doc, todo, doing, done } = newProject(createDoc(), opContext(ALICE, () => t))
  setFirstCycleStart(doc, ctx, DEFAULT_CYCLE_RULES, todayInLondon(t))
  const backlog: CardId[] = []
  for (let c = 1; c <= 26; c++) {
    ensureCycles(doc, ctx, DEFAULT_CYCLE_RULES)
    const cycle = readCycles(doc, todayInLondon(t)).find((x) => x.number === c)
    if (!cycle) throw new Error(`no cycle ${c}`)
    t = Math.max(t, Date.parse(`${cycle.start}T09:00:00Z`))
    for (let k = 0; k < 8; k++) backlog.push(addCard(doc, ctx, { columnId: todo.id, title: `Card ${c}.${k}` }))
    const committed = backlog.splice(0, 6)
    for (const id of committed) commitCard(doc, ctx, id, c)
    t += 86_400_000
    for (const [k, id] of committed.entries()) {
      moveCard(doc, ctx, id, doing.id, 0)
      for (let e = 0; e < 40; e++) updateCard(doc, ctx, id, { title: `Card ${c}.${k} v${e}` })
      t += 3_600_000
      if (k < 4) moveCard(doc, ctx, id, done.id, 0)
    }
    const fb: FeedbackId = addFeedback(doc, ctx, { cycle: c, who: 'Resident', source: 'research', text: 'Clearer letters please', cards: [committed[0] as string] })
    t = Math.max(t, Date.parse(`${cycle.end}T15:00:00Z`))
    closeCycle(doc, ctx, { cycle: c, rules: DEFAULT_CYCLE_RULES, decision: { kind: 'persevere', note: 'Going well', evidence: [fb] } })
    t += 3_600_000
  }
  ensureCycles(doc, ctx, DEFAULT_CYCLE_RULES)
  return { doc, ctx, today: todayInLondon(t) }
}
