import * as Y from 'yjs'
import { z } from 'zod'
import { drawRound, pairKey, pairsOf } from '../domain/pairing'
import { InputError, sameName } from '../domain/inputError'
import { newId, type Brand, type PersonId } from '../domain/ids'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { collect, problemReason, type RecordKind } from './readProblems'
import { PAIRING_ROUND_FIELDS, parseStoredPairingOptIn, parseStoredPairingRound, type StoredPairingRound } from './records/pairing'
import { KEYS } from './schema'

/**
 * Random pairing rounds (LocalGov Digital's UnMentoring) in the programme doc: who opted in, and
 * the rounds drawn from them. One round at a time is a draft that can be drawn again; publishing
 * keeps it for ever (whatever colleagues do at the same moment: see "rounds" below), and its pairs
 * are avoided by every later round.
 */

export type PairingRoundId = Brand<string, 'PairingRoundId'>

export const PAIRING_KINDS = ['person', 'mentor'] as const
/** A person of the programme (or someone named by the organiser), or a mentor from the directory. */
export type PairingKind = (typeof PAIRING_KINDS)[number]

export interface PairingOptIn {
  readonly id: string
  readonly name: string
  /** A project id of the programme: people on the same project are not paired if it can be avoided. Null: no team. */
  readonly team: string | null
  readonly kind: PairingKind
  /** When they opted in. */
  readonly at: number
}

export interface PairingMember {
  readonly id: string
  readonly name: string
  readonly team: string | null
}

export interface PairingRound {
  readonly id: PairingRoundId
  /** 1 for the first published round; a draft is numbered after the last published one. */
  readonly number: number
  readonly status: 'draft' | 'published'
  readonly seed: string
  /** Pairs, and one trio when the count was odd, with names as they were when drawn. */
  readonly groups: readonly (readonly PairingMember[])[]
  /** Pairs in this round that met in an earlier published round (could not be avoided). */
  readonly repeats: number
  /** Pairs in this round from the same team (could not be avoided). */
  readonly sameTeam: number
  readonly drawnAt: number
  readonly drawnBy: PersonId
  readonly drawnByName: string
  readonly publishedAt: number | null
  readonly publishedByName: string
}

export interface PairingRounds {
  /** The round being drawn, if any: one at a time. */
  readonly draft: PairingRound | null
  /** Published rounds, oldest first (round 1 first). */
  readonly published: readonly PairingRound[]
}

const OPT_IN_KIND: RecordKind = 'pairing opt-in'
const ROUND_KIND: RecordKind = 'pairing round'

export function pairingOptInsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(KEYS.pairingOptIns)
}
export function pairingRoundsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(KEYS.pairingRounds)
}

// ---- opt-ins --------------------------------------------------------------------------------

/** Everyone who opted in, by name (ties by id, so every computer lists them the same way). */
export function readPairingOptIns(doc: Y.Doc): readonly PairingOptIn[] {
  const out: PairingOptIn[] = []
  const problems = collect(doc, OPT_IN_KIND)
  pairingOptInsOf(doc).forEach((v, key) => {
    const r = parseStoredPairingOptIn(key, v)
    if (r.ok) out.push(r.optIn)
    else problems.skip(key, problemReason(r.reason))
  })
  problems.done()
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export const pairingOptInSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100, 'Enter a name of 100 characters or fewer'),
  team: z.string().min(1).max(100).nullable().default(null),
  kind: z.enum(PAIRING_KINDS).default('person')
})
export type PairingOptInInput = z.input<typeof pairingOptInSchema> & {
  /** A person's or a mentor's own id; left out for someone named by the organiser (a new id). */
  readonly id?: string
}

/**
 * Opt someone in (or update their name, team or kind when they already are). Someone named by the
 * organiser, without an id, gets a new id, and may not share a name with someone already in:
 * the round table would show two people nobody could tell apart. Returns the participant's id.
 */
export function optInToPairing(doc: Y.Doc, ctx: OpContext, input: PairingOptInInput): string {
  const parsed = pairingOptInSchema.parse(input)
  const existing = readPairingOptIns(doc)
  const id = input.id ?? newId<string>()
  const clash = existing.find((o) => o.id !== id && sameName(o.name, parsed.name))
  if (clash && input.id === undefined) throw new InputError('name', `${clash.name} has already opted in`)
  const before = existing.find((o) => o.id === id)
  const value = { id, name: parsed.name, team: parsed.team, kind: parsed.kind, at: before?.at ?? ctx.now() }
  if (before && before.name === value.name && before.team === value.team && before.kind === value.kind) return id
  doc.transact(() => pairingOptInsOf(doc).set(id, value), LOCAL_ORIGIN)
  return id
}

/** Set or clear a participant's team (a project id, or null for "No team"). */
export function setPairingTeam(doc: Y.Doc, ctx: OpContext, id: string, team: string | null): void {
  const found = readPairingOptIns(doc).find((o) => o.id === id)
  if (!found) throw new InputError('team', 'This person is no longer opted in. Reload the page to see who is')
  optInToPairing(doc, ctx, { id, name: found.name, team, kind: found.kind })
}

export function optOutOfPairing(doc: Y.Doc, _ctx: OpContext, id: string): void {
  const m = pairingOptInsOf(doc)
  if (!m.has(id)) return
  doc.transact(() => m.delete(id), LOCAL_ORIGIN)
}

// ---- rounds ---------------------------------------------------------------------------------
//
// Why rounds are stored this way (each rule closes a way two organisers at once lost a round):
// - every draw writes a new draft record; a draft's pairs never change after it is written;
// - publishing writes a COPY of the draft under a fresh key that nothing else ever writes, with
//   `draftId` naming the draft; the draft itself is only marked 'superseded';
// - "Draw again" and "Discard" only mark the drafts they saw ('superseded', 'discarded');
// - no round key is ever deleted.
// So a published round cannot be removed or changed by anything a colleague does at the same
// time. Readers derive the rest deterministically: published copies of the same draft (two people
// pressing "Publish" at once) are one round, the earliest publishing on record; the current draft
// is the newest open draft (by when it was drawn, ties by id) that has not been published.

/** A round's identity from its draw to its publishing: the draft's id (older records: their own). */
const identityOf = (r: StoredPairingRound): string => r.draftId ?? r.id

const byPublished = (a: StoredPairingRound, b: StoredPairingRound): number =>
  (a.publishedAt ?? 0) - (b.publishedAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
/** The newest draft wins when two people drew at once (each offline); the next draw or publish supersedes the others. */
const newerDraft = (a: StoredPairingRound, b: StoredPairingRound): boolean => a.drawnAt > b.drawnAt || (a.drawnAt === b.drawnAt && a.id > b.id)

function readStoredRounds(doc: Y.Doc): { drafts: StoredPairingRound[]; published: StoredPairingRound[] } {
  const openDrafts: StoredPairingRound[] = []
  const copies: StoredPairingRound[] = []
  const problems = collect(doc, ROUND_KIND)
  pairingRoundsOf(doc).forEach((v, key) => {
    const r = parseStoredPairingRound(key, v)
    if (!r.ok) problems.skip(key, problemReason(r.reason))
    else if (r.round.status === 'published') copies.push(r.round)
    else if (r.round.status === 'draft') openDrafts.push(r.round)
  })
  problems.done()
  // One round per identity: the earliest publishing of it (the same on every computer).
  copies.sort(byPublished)
  const published: StoredPairingRound[] = []
  const seen = new Set<string>()
  for (const c of copies) {
    if (seen.has(identityOf(c))) continue
    seen.add(identityOf(c))
    published.push(c)
  }
  // A draft already published (its status was overwritten at the same moment, or by an older peer) is not a draft.
  const drafts = openDrafts.filter((d) => !seen.has(d.id))
  drafts.sort((a, b) => (newerDraft(a, b) ? -1 : newerDraft(b, a) ? 1 : 0))
  return { drafts, published }
}

function toRound(r: StoredPairingRound, number: number, earlier: ReadonlySet<string>): PairingRound {
  const members = new Map(r.members.map((m) => [m.id, m]))
  let repeats = 0
  let sameTeam = 0
  for (const g of r.groups)
    for (let a = 0; a < g.length; a++)
      for (let b = a + 1; b < g.length; b++) {
        if (earlier.has(pairKey(g[a]!, g[b]!))) repeats++
        const ta = members.get(g[a]!)?.team ?? null
        if (ta !== null && ta === members.get(g[b]!)?.team) sameTeam++
      }
  return {
    id: identityOf(r) as PairingRoundId,
    // Numbered by publishing order, so two rounds published at once on two computers never both read "Round 3".
    number,
    status: r.status === 'published' ? 'published' : 'draft',
    seed: r.seed,
    groups: r.groups.map((g) => g.map((id) => members.get(id)!)),
    repeats,
    sameTeam,
    drawnAt: r.drawnAt,
    drawnBy: r.drawnBy as PersonId,
    drawnByName: r.drawnByName,
    publishedAt: r.publishedAt,
    publishedByName: r.publishedByName
  }
}

/** The draft (if any) and every published round, numbered in publishing order. */
export function readPairingRounds(doc: Y.Doc): PairingRounds {
  const { drafts, published } = readStoredRounds(doc)
  const past = new Set<string>()
  const rounds: PairingRound[] = []
  published.forEach((r, i) => {
    rounds.push(toRound(r, i + 1, past))
    for (const k of pairsOf(r.groups)) past.add(k)
  })
  const draft = drafts[0] ? toRound(drafts[0], published.length + 1, past) : null
  return { draft, published: rounds }
}

/** Every pair that met in a published round (`pairKey`s). */
export function pastPairsOf(rounds: PairingRounds): Set<string> {
  return new Set(rounds.published.flatMap((r) => pairsOf(r.groups.map((g) => g.map((m) => m.id)))))
}

/** A fresh seed for a draw (random; tests pass their own). */
export function newPairingSeed(): string {
  return newId<string>()
}

/** How many other seeds "Draw again" tries before it settles for the same pairs. */
const REDRAW_TRIES = 25

/**
 * Draw the next round from everyone opted in now, avoiding the pairs of every published round and
 * people from the same team. With a draft already there, this is "Draw again": a new draft with a
 * new seed replaces it, the first seed that gives different pairs, no worse (repeats, then
 * same-team pairs); a round with only one possible arrangement keeps its pairs. Returns the new
 * draft's id.
 */
export function drawPairingRound(doc: Y.Doc, ctx: OpContext, seed: string = newPairingSeed()): PairingRoundId {
  const optIns = readPairingOptIns(doc)
  if (optIns.length < 2) throw new InputError('participants', 'At least 2 people need to opt in before a round can be drawn')
  const { drafts, published } = readStoredRounds(doc)
  const past = new Set(published.flatMap((r) => pairsOf(r.groups)))
  const current = drafts[0]
  const participants = optIns.map((o) => ({ id: o.id, name: o.name, team: o.team }))
  let chosen = { seed, round: drawRound(participants, past, seed) }
  if (current) {
    const before = new Set(pairsOf(current.groups))
    const sameAsBefore = (groups: readonly (readonly string[])[]): boolean => {
      const now = pairsOf(groups)
      return now.length === before.size && now.every((k) => before.has(k))
    }
    const first = chosen
    for (let k = 1; k <= REDRAW_TRIES && sameAsBefore(chosen.round.groups); k++) {
      const s = `${seed}:${k}`
      const r = drawRound(participants, past, s)
      if (!sameAsBefore(r.groups) && r.repeats <= first.round.repeats && r.sameTeam <= first.round.sameTeam) chosen = { seed: s, round: r }
    }
  }
  const rounds = pairingRoundsOf(doc)
  const id = newId<PairingRoundId>()
  doc.transact(() => {
    // A new record for every draw (its pairs never change once written); the drafts this person
    // saw are superseded, never deleted: one of them may be being published somewhere right now.
    for (const d of drafts) markDraft(rounds, d.id, 'superseded')
    rounds.set(
      id,
      roundMap({
        id,
        number: published.length + 1,
        status: 'draft',
        draftId: null,
        seed: chosen.seed,
        groups: chosen.round.groups.map((g) => [...g]),
        members: participants.map((p) => ({ id: p.id, name: p.name, team: p.team })),
        drawnAt: ctx.now(),
        drawnBy: ctx.author.id,
        drawnByName: ctx.author.name,
        publishedAt: null,
        publishedBy: '',
        publishedByName: ''
      })
    )
  }, LOCAL_ORIGIN)
  return id
}

/** A round record as one Y.Map, every field written in the transaction that creates it. */
function roundMap(fields: StoredPairingRound): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  for (const k of PAIRING_ROUND_FIELDS) m.set(k, fields[k])
  return m
}

/** Close a draft ('discarded' or 'superseded'): the only change ever made to an existing round record. */
function markDraft(rounds: Y.Map<unknown>, id: string, status: 'discarded' | 'superseded'): void {
  const m: unknown = rounds.get(id)
  if (m instanceof Y.Map && m.get('status') === 'draft') m.set('status', status)
}

/**
 * Publish the draft: a copy of it is kept for ever under a new key, and later rounds avoid its
 * pairs. Returns the round's id (the draft's, which the published round keeps).
 */
export function publishPairingRound(doc: Y.Doc, ctx: OpContext, id: PairingRoundId): PairingRoundId {
  const { drafts } = readStoredRounds(doc)
  const draft = drafts.find((d) => d.id === id)
  if (!draft) throw new InputError('round', 'This round has already been published or replaced. Reload the page to see the latest')
  const rounds = pairingRoundsOf(doc)
  const copyId = newId<string>()
  doc.transact(() => {
    rounds.set(
      copyId,
      roundMap({
        ...draft,
        id: copyId,
        status: 'published',
        draftId: draft.id,
        publishedAt: ctx.now(),
        publishedBy: ctx.author.id,
        publishedByName: ctx.author.name
      })
    )
    for (const d of drafts) markDraft(rounds, d.id, 'superseded')
  }, LOCAL_ORIGIN)
  return id
}

/** Throw the draft away (nobody is told about it). Marked, not deleted: see the note above `identityOf`. */
export function discardPairingDraft(doc: Y.Doc, _ctx: OpContext): void {
  const { drafts } = readStoredRounds(doc)
  if (drafts.length === 0) return
  const rounds = pairingRoundsOf(doc)
  doc.transact(() => drafts.forEach((d) => markDraft(rounds, d.id, 'discarded')), LOCAL_ORIGIN)
}
