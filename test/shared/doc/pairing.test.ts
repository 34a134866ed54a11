// Pairing rounds in the programme doc: opt-ins, one draft at a time, draw again, publish, and
// stored records from other computers validated before use.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createDoc,
  discardPairingDraft,
  drawPairingRound,
  optInToPairing,
  optOutOfPairing,
  pairingOptInsOf,
  pairingRoundsOf,
  pastPairsOf,
  publishPairingRound,
  readPairingOptIns,
  readPairingRounds,
  setPairingTeam,
  type PairingRoundId
} from '@shared/doc'
import { readProblemsOf } from '@shared/doc/readProblems'
import { drawRound, pairsOf } from '@shared/domain/pairing'
import { InputError } from '@shared/domain/inputError'
import { ALICE, BOB, ctxAt, errorMessage, steppingCtx, T0, zodMessages } from '../support'

function optInMany(doc: Y.Doc, names: readonly string[], team: (i: number) => string | null = () => null): string[] {
  const ctx = ctxAt()
  return names.map((name, i) => optInToPairing(doc, ctx, { id: `id-${name.toLowerCase()}`, name, team: team(i) }))
}

const NAMES = ['Asha', 'Ben', 'Chloe', 'Dev', 'Eve', 'Femi']

const pairIds = (groups: readonly (readonly { id: string }[])[]): string[] => pairsOf(groups.map((g) => g.map((m) => m.id))).sort()

describe('opting in', () => {
  it('lists who opted in by name, with their team and kind', () => {
    const doc = createDoc()
    optInToPairing(doc, ctxAt(), { id: 'p2', name: 'Zara Khan', team: 'project-1' })
    optInToPairing(doc, ctxAt(T0 + 5), { id: 'm1', name: 'Mo Ali', kind: 'mentor' })
    expect(readPairingOptIns(doc)).toEqual([
      { id: 'm1', name: 'Mo Ali', team: null, kind: 'mentor', at: T0 + 5 },
      { id: 'p2', name: 'Zara Khan', team: 'project-1', kind: 'person', at: T0 }
    ])
  })

  it('names someone who does not use Fortnight (a new id), but not twice', () => {
    const doc = createDoc()
    const id = optInToPairing(doc, ctxAt(), { name: 'Priya Shah' })
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    const err = (() => {
      try {
        optInToPairing(doc, ctxAt(), { name: ' priya shah ' })
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).field).toBe('name')
    expect((err as InputError).message).toBe('Priya Shah has already opted in')
    expect(zodMessages(() => optInToPairing(doc, ctxAt(), { name: '  ' }))).toEqual(['Enter a name'])
    expect(zodMessages(() => optInToPairing(doc, ctxAt(), { name: 'x'.repeat(101) }))).toEqual(['Enter a name of 100 characters or fewer'])
    expect(readPairingOptIns(doc)).toHaveLength(1)
  })

  it('changes a team, keeps when they opted in, and opts out', () => {
    const doc = createDoc()
    optInToPairing(doc, ctxAt(), { id: 'p1', name: 'Asha' })
    setPairingTeam(doc, ctxAt(T0 + 1000), 'p1', 'project-9')
    expect(readPairingOptIns(doc)).toEqual([{ id: 'p1', name: 'Asha', team: 'project-9', kind: 'person', at: T0 }])
    setPairingTeam(doc, ctxAt(), 'p1', null)
    expect(readPairingOptIns(doc)[0]!.team).toBeNull()
    optOutOfPairing(doc, ctxAt(), 'p1')
    expect(readPairingOptIns(doc)).toEqual([])
    expect(errorMessage(() => setPairingTeam(doc, ctxAt(), 'p1', null))).toBe('This person is no longer opted in. Reload the page to see who is')
  })
})

describe('rounds', () => {
  it('needs two people to draw', () => {
    const doc = createDoc()
    optInMany(doc, ['Asha'])
    expect(errorMessage(() => drawPairingRound(doc, ctxAt(), 's'))).toBe('At least 2 people need to opt in before a round can be drawn')
    expect(readPairingRounds(doc)).toEqual({ draft: null, published: [] })
  })

  it('draws round 1 as a draft, exactly as the seeded draw says, with names', () => {
    const doc = createDoc()
    optInMany(doc, NAMES.slice(0, 5))
    const id = drawPairingRound(doc, ctxAt(), 'seed-1')
    const { draft, published } = readPairingRounds(doc)
    expect(published).toEqual([])
    expect(draft).toMatchObject({ id, number: 1, status: 'draft', seed: 'seed-1', repeats: 0, sameTeam: 0, drawnAt: T0, drawnBy: ALICE.id, drawnByName: ALICE.name, publishedAt: null })
    const expected = drawRound(
      readPairingOptIns(doc).map((o) => ({ id: o.id, name: o.name, team: o.team })),
      new Set(),
      'seed-1'
    )
    expect(draft!.groups.map((g) => g.map((m) => m.id))).toEqual(expected.groups)
    expect(draft!.groups.map((g) => g.length).sort()).toEqual([2, 3])
    expect(draft!.groups.flat().find((m) => m.id === 'id-asha')!.name).toBe('Asha')
  })

  it('"draw again" keeps one draft and gives different pairs', () => {
    const doc = createDoc()
    optInMany(doc, NAMES.slice(0, 4))
    const id = drawPairingRound(doc, ctxAt(), 'same')
    const before = pairIds(readPairingRounds(doc).draft!.groups)
    // The same seed again would give the same pairs: draw again still changes them.
    const again = drawPairingRound(doc, ctxAt(T0 + 60_000, BOB), 'same')
    const { draft } = readPairingRounds(doc)
    // A new draft replaces the old one, which is kept, marked as superseded (never deleted: a
    // colleague may be publishing it at this very moment).
    expect(again).not.toBe(id)
    expect(draft!.id).toBe(again)
    expect(pairingRoundsOf(doc).size).toBe(2)
    expect((pairingRoundsOf(doc).get(id) as Y.Map<unknown>).get('status')).toBe('superseded')
    expect(pairIds(draft!.groups)).not.toEqual(before)
    expect(draft!.seed).not.toBe('same')
    expect(draft).toMatchObject({ number: 1, drawnAt: T0 + 60_000, drawnByName: BOB.name })
  })

  it('two people only: draw again has nothing else to offer and keeps the pair', () => {
    const doc = createDoc()
    optInMany(doc, ['Asha', 'Ben'])
    drawPairingRound(doc, ctxAt(), 'a')
    drawPairingRound(doc, ctxAt(), 'b')
    expect(readPairingRounds(doc).draft!.groups.map((g) => g.map((m) => m.name))).toEqual([['Asha', 'Ben']])
  })

  it('publishes a round, keeps it (with the names of people who later opted out), and the next round avoids its pairs', () => {
    const doc = createDoc()
    const ctx = steppingCtx()
    optInMany(doc, NAMES)
    const first = drawPairingRound(doc, ctx, 'r1')
    publishPairingRound(doc, ctx, first)
    const r1 = readPairingRounds(doc).published[0]!
    expect(r1).toMatchObject({ id: first, number: 1, status: 'published', publishedByName: ALICE.name })
    expect(r1.publishedAt).toBeGreaterThan(r1.drawnAt)
    expect(readPairingRounds(doc).draft).toBeNull()

    const second = drawPairingRound(doc, ctx, 'r2')
    expect(second).not.toBe(first)
    const { draft } = readPairingRounds(doc)
    expect(draft!.number).toBe(2)
    expect(draft!.repeats).toBe(0)
    const past = pastPairsOf(readPairingRounds(doc))
    for (const k of pairIds(draft!.groups)) expect(past.has(k)).toBe(false)
    expect(errorMessage(() => publishPairingRound(doc, ctx, first))).toBe('This round has already been published or replaced. Reload the page to see the latest')

    optOutOfPairing(doc, ctx, 'id-asha')
    expect(readPairingRounds(doc).published[0]!.groups.flat().map((m) => m.name)).toContain('Asha')
  })

  it('runs 12 published rounds of 31 people without a repeat pair', () => {
    const doc = createDoc()
    const ctx = steppingCtx()
    optInMany(
      doc,
      Array.from({ length: 31 }, (_, i) => `Person ${String(i).padStart(2, '0')}`),
      (i) => `project-${i % 5}`
    )
    for (let n = 1; n <= 12; n++) publishPairingRound(doc, ctx, drawPairingRound(doc, ctx, `round-${n}`))
    const { published } = readPairingRounds(doc)
    expect(published.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    const all = published.flatMap((r) => pairIds(r.groups))
    expect(new Set(all).size).toBe(all.length)
    expect(published.every((r) => r.repeats === 0 && r.sameTeam === 0)).toBe(true)
  })

  it('says how many pairs could not be new', () => {
    const doc = createDoc()
    const ctx = steppingCtx()
    optInMany(doc, ['Asha', 'Ben'])
    publishPairingRound(doc, ctx, drawPairingRound(doc, ctx, 'a'))
    drawPairingRound(doc, ctx, 'b')
    expect(readPairingRounds(doc).draft).toMatchObject({ number: 2, repeats: 1 })
  })

  it('counts same-team pairs from the teams people had when drawn', () => {
    const doc = createDoc()
    optInMany(doc, ['Asha', 'Ben'], () => 'project-1')
    drawPairingRound(doc, ctxAt(), 'a')
    expect(readPairingRounds(doc).draft!.sameTeam).toBe(1)
    setPairingTeam(doc, ctxAt(), 'id-asha', null)
    expect(readPairingRounds(doc).draft!.sameTeam).toBe(1)
  })

  it('discards the draft', () => {
    const doc = createDoc()
    optInMany(doc, ['Asha', 'Ben'])
    drawPairingRound(doc, ctxAt(), 'a')
    const id = readPairingRounds(doc).draft!.id
    discardPairingDraft(doc, ctxAt())
    expect(readPairingRounds(doc)).toEqual({ draft: null, published: [] })
    expect((pairingRoundsOf(doc).get(id) as Y.Map<unknown>).get('status')).toBe('discarded')
    expect(errorMessage(() => publishPairingRound(doc, ctxAt(), id))).toBe('This round has already been published or replaced. Reload the page to see the latest')
    expect(readPairingRounds(doc).published).toEqual([])
    drawPairingRound(doc, ctxAt(), 'b')
    expect(readPairingRounds(doc).draft).toMatchObject({ number: 1, seed: 'b' })
  })

  it('two organisers drawing at once (offline) see one draft, the newer; the next draw supersedes both', () => {
    const a = createDoc()
    const b = createDoc()
    optInMany(a, NAMES.slice(0, 4))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    drawPairingRound(a, ctxAt(T0), 'from-a')
    const fromB = drawPairingRound(b, ctxAt(T0 + 1, BOB), 'from-b')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readPairingRounds(a).draft!.id).toBe(fromB)
    expect(readPairingRounds(b)).toEqual(readPairingRounds(a))
    const again = drawPairingRound(a, ctxAt(T0 + 2), 'again')
    expect(readPairingRounds(a).draft!.id).toBe(again)
    const statuses: string[] = []
    pairingRoundsOf(a).forEach((m) => statuses.push(String((m as Y.Map<unknown>).get('status'))))
    expect(statuses.sort()).toEqual(['draft', 'superseded', 'superseded'])
  })

  it('reads rounds stored before drafts were kept: a draft drawn again in place, and a round published in place', () => {
    const doc = createDoc()
    optInMany(doc, ['Asha', 'Ben', 'Chloe', 'Dev'])
    const legacy = (id: string, status: 'draft' | 'published', groups: string[][], publishedAt: number | null): Y.Map<unknown> => {
      const m = new Y.Map<unknown>()
      const fields = {
        id,
        number: 1,
        status,
        seed: 's',
        groups,
        members: ['asha', 'ben', 'chloe', 'dev'].map((n) => ({ id: `id-${n}`, name: n, team: null })),
        drawnAt: T0,
        drawnBy: ALICE.id,
        drawnByName: ALICE.name,
        publishedAt,
        ...(publishedAt === null ? {} : { publishedBy: ALICE.id, publishedByName: ALICE.name })
      }
      for (const [k, v] of Object.entries(fields)) m.set(k, v)
      return m
    }
    doc.transact(() => {
      pairingRoundsOf(doc).set('old-published', legacy('old-published', 'published', [['id-asha', 'id-ben'], ['id-chloe', 'id-dev']], T0 + 5))
      pairingRoundsOf(doc).set('old-draft', legacy('old-draft', 'draft', [['id-asha', 'id-chloe'], ['id-ben', 'id-dev']], null))
    })
    const read = readPairingRounds(doc)
    expect(read.published.map((r) => [r.id, r.number])).toEqual([['old-published', 1]])
    expect(read.draft).toMatchObject({ id: 'old-draft', number: 2 })
    publishPairingRound(doc, ctxAt(T0 + 9), 'old-draft' as PairingRoundId)
    expect(readPairingRounds(doc).published.map((r) => [r.id, r.number])).toEqual([
      ['old-published', 1],
      ['old-draft', 2]
    ])
    expect(readPairingRounds(doc).draft).toBeNull()
  })

  it('numbers rounds published at once on two computers in one order everywhere', () => {
    const a = createDoc()
    optInMany(a, NAMES.slice(0, 4))
    const b = createDoc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    publishPairingRound(a, ctxAt(T0 + 10), drawPairingRound(a, ctxAt(T0), 'x'))
    publishPairingRound(b, ctxAt(T0 + 20, BOB), drawPairingRound(b, ctxAt(T0), 'y'))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readPairingRounds(a).published.map((r) => [r.number, r.publishedByName])).toEqual([
      [1, ALICE.name],
      [2, BOB.name]
    ])
    expect(readPairingRounds(b)).toEqual(readPairingRounds(a))
  })
})

describe('records from other computers', () => {
  it('skips and reports malformed opt-ins and rounds, and shows the rest', () => {
    const doc = createDoc()
    optInMany(doc, ['Asha', 'Ben'])
    drawPairingRound(doc, ctxAt(), 'ok')
    doc.transact(() => {
      const optIns = pairingOptInsOf(doc)
      optIns.set('bad-1', { id: 'bad-1', name: '', at: 0 })
      optIns.set('bad-2', { id: 'other', name: 'Id differs' })
      optIns.set('bad-3', 'a string')
      optIns.set('old', { id: 'old', name: 'Unknown kind', kind: 'robot' })
      const rounds = pairingRoundsOf(doc)
      const ghost = new Y.Map<unknown>()
      for (const [k, v] of Object.entries({ id: 'ghost', number: 1, status: 'published', seed: 's', groups: [['x', 'y']], members: [{ id: 'x', name: 'X' }], publishedAt: 5 }))
        ghost.set(k, v)
      rounds.set('ghost', ghost)
      const twice = new Y.Map<unknown>()
      for (const [k, v] of Object.entries({ id: 'twice', number: 1, status: 'published', seed: 's', groups: [['x', 'x']], members: [{ id: 'x', name: 'X' }], publishedAt: 5 }))
        twice.set(k, v)
      rounds.set('twice', twice)
      rounds.set('plain', { id: 'plain' })
    })
    const optIns = readPairingOptIns(doc)
    expect(optIns.map((o) => o.name)).toEqual(['Asha', 'Ben', 'Unknown kind'])
    expect(optIns.find((o) => o.id === 'old')!.kind).toBe('person')
    const rounds = readPairingRounds(doc)
    expect(rounds.published).toEqual([])
    expect(rounds.draft!.seed).toBe('ok')
    const problems = readProblemsOf(doc).map((p) => `${p.kind} ${p.key}`).sort()
    expect(problems).toEqual([
      'pairing opt-in bad-1',
      'pairing opt-in bad-2',
      'pairing opt-in bad-3',
      'pairing round ghost',
      'pairing round plain',
      'pairing round twice'
    ])
  })
})
