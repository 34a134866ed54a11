import * as Y from 'yjs'
import { z } from 'zod'
import { applyRollover, cycleStateOn, firstWorkingDayOnOrAfter, planCycles, planningClosesAt, type CycleRules, type CycleState, type Replanned } from '../domain/cycles'
import { isIsoDate, todayInLondon, type IsoDate } from '../domain/dates'
import { newId, type CardId } from '../domain/ids'
import { InputError } from '../domain/inputError'
import { appendActivity } from './activity'
import { readBoard, type Board } from './board'
import { cardsOf, type Card } from './cards'
import type { ColumnRole } from './columns'
import type { OpContext } from './context'
import { decisionInputSchema, decisionsOf, readProjectCycleStatus, type DecisionId, type DecisionInput } from './decisions'
import { feedbackOf } from './feedback'
import { collect, problemReason } from './readProblems'
import { fieldsOf } from './records/common'
import { parseStoredCycle, type StoredCycleFields } from './records/cycle'
import { cycleKey, KEYS } from './schema'

/**
 * Ship cycles in a project doc.
 *
 * Storage (all merge safely when peers write at once):
 *  - `cycles`: a top-level set of cycle numbers (String(n) → true);
 *  - `cycle:<n>`: a top-level map per cycle: `window` ({ start, end } as ONE value, so a peer
 *    generating with different rules can never leave a start from one and an end from the other),
 *    `goal`, and once closed `closed`, `closedAt`, `closedBy`, `closedByName`, `decisionId`;
 *  - `cycle:<n>:showAndTell`, `cycle:<n>:retro`: top-level rich-text fragments;
 *  - a card's `cycle` key: the number it is committed to, or null/missing for the backlog.
 * Cycles are keyed by number, and `planCycles` is deterministic, so two peers generating the
 * same cycles write the same keys with the same values: no duplicates.
 *
 * Only `closed` is stored as a state; planned / active / review follow from the dates and
 * `ended` from a stop decision (see `readProjectCycleStatus`).
 */
export type CycleStatus = CycleState | 'ended'
export type { Replanned }

/**
 * The origin of cycle writes (plan, commit, close). Deliberately not LOCAL_ORIGIN: the board's
 * Ctrl+Z must not quietly take a card out of a cycle or undo a close's rollover, because the
 * activity log (which the cycle graph is computed from) would then disagree with the cards.
 * Commitments are undone by the explicit opposite action, which is logged.
 */
export const CYCLE_ORIGIN: { readonly kind: 'cycle' } = Object.freeze({ kind: 'cycle' as const })

export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  planned: 'Planned',
  active: 'Active',
  review: 'In review',
  closed: 'Closed',
  ended: 'Ended (project stopped)'
}

export interface Cycle {
  readonly number: number
  readonly start: IsoDate
  readonly end: IsoDate
  readonly goal: string
  readonly status: CycleStatus
  readonly closedAt: number | null
  readonly closedByName: string | null
  readonly decisionId: DecisionId | null
}

export const cycleGoalSchema = z.string().trim().max(500, 'Enter a goal of 500 characters or fewer')

export function cycleIndexOf(doc: Y.Doc): Y.Map<true> {
  return doc.getMap<true>(KEYS.cycles)
}
export function cycleMapOf(doc: Y.Doc, n: number): Y.Map<unknown> {
  return doc.getMap<unknown>(cycleKey(n))
}
/** The show-and-tell note: what was shipped and shown. Top-level, so it merges by name. */
export function showAndTellOf(doc: Y.Doc, n: number): Y.XmlFragment {
  return doc.getXmlFragment(cycleKey(n, 'showAndTell'))
}
/** The retrospective note: how the team worked. */
export function retroOf(doc: Y.Doc, n: number): Y.XmlFragment {
  return doc.getXmlFragment(cycleKey(n, 'retro'))
}

/** A cycle's stored fields (records/cycle.ts) and its number. */
interface StoredCycle extends StoredCycleFields {
  readonly number: number
}

function readStored(doc: Y.Doc): StoredCycle[] {
  const out: StoredCycle[] = []
  const problems = collect(doc, 'cycle')
  for (const key of cycleIndexOf(doc).keys()) {
    const n = Number(key)
    if (!Number.isInteger(n) || n < 1 || n > 100_000 || String(n) !== key) {
      problems.skip(key, 'not a cycle number')
      continue
    }
    const m = cycleMapOf(doc, n)
    // No window yet (its map's update is still on its way, or it is being re-planned mid-sync):
    // not a bad record, just not here yet.
    if (m.get('window') === undefined) continue
    const r = parseStoredCycle(fieldsOf(m, CYCLE_FIELDS))
    if (!r.ok) {
      problems.skip(key, problemReason(r.reason))
      continue
    }
    out.push({ number: n, ...r.cycle })
    if (r.fieldProblem) problems.skip(key, `read with a default: ${problemReason(r.fieldProblem)}`)
  }
  problems.done()
  return out.sort((a, b) => a.number - b.number)
}

const CYCLE_FIELDS = ['window', 'goal', 'closed', 'closedAt', 'closedByName', 'decisionId'] as const

/** Every cycle, oldest first, with its state on `today` (a London date). */
export function readCycles(doc: Y.Doc, today: IsoDate): readonly Cycle[] {
  const stopped = readProjectCycleStatus(doc).status === 'stopped'
  return readStored(doc).map(({ closed, days: _days, ...c }) => ({
    ...c,
    status: closed ? 'closed' : stopped ? 'ended' : cycleStateOn(c, today)
  }))
}

/**
 * The cycle a team is working in: the active one; else one waiting for its review; else the next
 * planned one. Null when the project has none (or has stopped).
 */
export function currentCycle(cycles: readonly Cycle[]): Cycle | null {
  return cycles.find((c) => c.status === 'active') ?? cycles.find((c) => c.status === 'review') ?? cycles.find((c) => c.status === 'planned') ?? null
}

/** The date the team chose for cycle 1 to start (stored on `cycle:1` as `firstStart`), if any. */
export function readFirstCycleStart(doc: Y.Doc): IsoDate | null {
  const v = cycleMapOf(doc, 1).get('firstStart')
  return isIsoDate(v) ? v : null
}

export interface CyclesEnsured {
  /** Numbers of the cycles created. */
  readonly created: readonly number[]
  /** Cycles whose dates changed, before and after. */
  readonly replanned: readonly Replanned[]
}

// Writes what `planCycles` says, inside the caller's transaction. Only values that differ are
// written, and the values depend only on the stored cycles, the rules, the first start and today,
// so two peers doing this at once write identical values.
function writePlanning(doc: Y.Doc, rules: CycleRules, today: IsoDate): CyclesEnsured {
  const stored = readStored(doc)
  const existing = stored.map((c) => ({ number: c.number, start: c.start, end: c.end, days: c.days, state: (c.closed ? 'closed' : 'active') as CycleState }))
  const plan = planCycles(existing, today, rules, 2, readFirstCycleStart(doc))
  const changed = new Set([...plan.created, ...plan.replanned.map((r) => r.number)])
  for (const p of plan.cycles) {
    if (!changed.has(p.number)) continue
    cycleMapOf(doc, p.number).set('window', { start: p.start, end: p.end, days: p.days })
    if (!cycleIndexOf(doc).has(String(p.number))) cycleIndexOf(doc).set(String(p.number), true)
  }
  return { created: plan.created, replanned: plan.replanned }
}

/**
 * Create the cycles the rules call for (the current one and the next two) and re-plan the ones
 * that have not started yet (see `planCycles`: closed cycles never change, a running one keeps
 * its start and working-day length). Idempotent, and safe for two peers to run at once (same
 * inputs, same values). Every open copy runs it whenever the rules, the cycles or the date
 * change, so a peer whose rules changed through sync converges too. A stopped project gets no
 * new cycles and no re-planning.
 *
 * No activity entry: every open copy of the project runs this automatically (like a migration),
 * nobody chose it, and a "while you were offline" summary should not credit a colleague with
 * "planned cycle 4" because they opened the board. The cycles themselves are the record.
 */
export function ensureCycles(doc: Y.Doc, ctx: OpContext, rules: CycleRules): CyclesEnsured {
  if (readProjectCycleStatus(doc).status === 'stopped') return { created: [], replanned: [] }
  const today = todayInLondon(ctx.now())
  // Planned first without writing, so a copy with nothing to change opens no transaction at all.
  const stored = readStored(doc)
  const dry = planCycles(
    stored.map((c) => ({ number: c.number, start: c.start, end: c.end, days: c.days, state: (c.closed ? 'closed' : 'active') as CycleState })),
    today,
    rules,
    2,
    readFirstCycleStart(doc)
  )
  if (dry.created.length === 0 && dry.replanned.length === 0) return { created: [], replanned: [] }
  let result: CyclesEnsured = { created: [], replanned: [] }
  doc.transact(() => {
    result = writePlanning(doc, rules, today)
  }, CYCLE_ORIGIN)
  return result
}

/** How far ahead a team may put its first cycle. */
export const FIRST_START_MAX_DAYS_AHEAD = 366

/** Messages for the "First cycle starts" date, shared by the new-project form and the Cycles screen. */
export function firstCycleStartError(date: string, today: IsoDate): string | null {
  if (date.trim() === '') return 'Enter the date cycle 1 starts'
  if (!isIsoDate(date)) return 'The date cycle 1 starts must be a real date'
  if (date < today) return 'The date cycle 1 starts must be today or in the future'
  const limit = new Date(Date.parse(`${today}T00:00:00Z`) + FIRST_START_MAX_DAYS_AHEAD * 86_400_000).toISOString().slice(0, 10)
  if (date > limit) return 'The date cycle 1 starts must be within a year from today'
  return null
}

/**
 * Choose when cycle 1 starts: today or a later date (the next working day if it is not one).
 * Allowed while cycle 1 has not started, or on its first day (a team may create a project in the
 * morning and decide to start on Monday). The choice is stored as one value (`firstStart` on
 * `cycle:1`) and the cycles are re-planned from it in the same transaction; two people choosing
 * at once end with one of the two dates on every computer, and every copy re-plans from it.
 */
export function setFirstCycleStart(doc: Y.Doc, ctx: OpContext, rules: CycleRules, date: string): CyclesEnsured & { readonly start: IsoDate } {
  const today = todayInLondon(ctx.now())
  const problem = firstCycleStartError(date, today)
  if (problem) throw new InputError('firstStart', problem)
  if (readProjectCycleStatus(doc).status === 'stopped') throw new InputError('firstStart', 'This project has stopped, so its cycles can no longer change')
  const first = readStored(doc).find((c) => c.number === 1)
  if (first?.closed) throw new InputError('firstStart', 'Cycle 1 is closed, so its dates can no longer change')
  if (first && first.start < today) throw new InputError('firstStart', 'Cycle 1 has already started, so its start date can no longer change')
  let result: CyclesEnsured = { created: [], replanned: [] }
  doc.transact(() => {
    cycleMapOf(doc, 1).set('firstStart', date)
    result = writePlanning(doc, rules, today)
  }, CYCLE_ORIGIN)
  return { ...result, start: firstWorkingDayOnOrAfter(date, rules) }
}

function findCycle(doc: Y.Doc, n: number, today: IsoDate): Cycle {
  const c = readCycles(doc, today).find((x) => x.number === n)
  if (!c) throw new Error(`Cycle ${n} does not exist`)
  return c
}

function assertOpen(c: Cycle): void {
  if (c.status === 'closed') throw new Error(`Cycle ${c.number} is closed, so it can no longer change`)
  if (c.status === 'ended') throw new Error('This project has stopped, so its cycles can no longer change')
}

export function setCycleGoal(doc: Y.Doc, ctx: OpContext, n: number, goal: string): void {
  const g = cycleGoalSchema.parse(goal)
  const c = findCycle(doc, n, todayInLondon(ctx.now()))
  assertOpen(c)
  if (c.goal === g) return
  doc.transact(() => {
    cycleMapOf(doc, n).set('goal', g)
    appendActivity(doc, ctx, { type: 'cycle.goal', data: { cycle: n, goal: g } })
  }, CYCLE_ORIGIN)
}

/** The number a card is stored as committed to (ignoring whether that cycle still runs). */
function storedCycleOf(m: unknown): number | null {
  const v = m instanceof Y.Map ? m.get('cycle') : undefined
  return typeof v === 'number' && Number.isInteger(v) ? v : null
}

/**
 * Commit a card to a cycle (moving it from another cycle if it was in one). Committing after the
 * cycle's first day is scope added: the entry says so, and the cycle graph counts it from the log.
 */
export function commitCard(doc: Y.Doc, ctx: OpContext, cardId: CardId, n: number): void {
  const m: unknown = cardsOf(doc).get(cardId)
  if (!(m instanceof Y.Map)) throw new Error('That card no longer exists')
  if (m.get('archived') === true) throw new Error('Restore the card before committing it to a cycle')
  const today = todayInLondon(ctx.now())
  const c = findCycle(doc, n, today)
  assertOpen(c)
  const prev = storedCycleOf(m)
  if (prev === n) return
  const title = String(m.get('title') ?? '')
  doc.transact(() => {
    if (prev !== null) appendActivity(doc, ctx, { type: 'card.uncommitted', cardId, data: { cycle: prev, title, movedTo: n } })
    m.set('cycle', n)
    appendActivity(doc, ctx, { type: 'card.committed', cardId, data: { cycle: n, title, scopeAdded: ctx.now() >= planningClosesAt(c.start) } })
  }, CYCLE_ORIGIN)
}

/** Take a card out of its cycle, back to the backlog. After the start this is scope removed. */
export function uncommitCard(doc: Y.Doc, ctx: OpContext, cardId: CardId): void {
  const m: unknown = cardsOf(doc).get(cardId)
  if (!(m instanceof Y.Map)) throw new Error('That card no longer exists')
  const prev = storedCycleOf(m)
  if (prev === null) return
  const today = todayInLondon(ctx.now())
  const c = readCycles(doc, today).find((x) => x.number === prev)
  if (c) assertOpen(c)
  doc.transact(() => {
    m.set('cycle', null)
    appendActivity(doc, ctx, { type: 'card.uncommitted', cardId, data: { cycle: prev, title: String(m.get('title') ?? ''), scopeRemoved: c ? ctx.now() >= planningClosesAt(c.start) : false } })
  }, CYCLE_ORIGIN)
}

export interface CycleCard {
  readonly card: Card
  readonly columnTitle: string
  readonly role: ColumnRole
}

export interface CyclePlan {
  readonly cycle: Cycle | null
  /** Live (not archived) cards committed to the cycle, in board order. */
  readonly committed: readonly CycleCard[]
  /** Live cards in no running cycle and not done: what can be committed. */
  readonly backlog: readonly CycleCard[]
  readonly counts: { readonly committed: number; readonly started: number; readonly done: number }
}

/**
 * The cards of every running cycle, by number, and the backlog, from one read of the board. A
 * card committed to a cycle that no longer runs (ended by a stop) counts as in the backlog.
 */
export function cardCycles(_doc: Y.Doc, board: Board, cycles: readonly Cycle[]): { byCycle: Map<number, CycleCard[]>; backlog: CycleCard[] } {
  const running = new Set(cycles.filter((c) => c.status !== 'ended').map((c) => c.number))
  // Kept per board (the same object until a card on it changes) and set of running cycles: the
  // board header reads this after every keystroke anywhere in the project.
  const runningKey = [...running].join(',')
  const hit = cardCyclesMemo.get(board)
  if (hit && hit.runningKey === runningKey) return hit.value
  const byCycle = new Map<number, CycleCard[]>()
  const backlog: CycleCard[] = []
  for (const col of board.columns) {
    for (const card of col.cards) {
      const n = card.cycle ?? null
      const entry: CycleCard = { card, columnTitle: col.title, role: col.role }
      if (n !== null && running.has(n)) {
        let list = byCycle.get(n)
        if (!list) byCycle.set(n, (list = []))
        list.push(entry)
      } else if (col.role !== 'done') backlog.push(entry)
    }
  }
  const value = { byCycle, backlog }
  cardCyclesMemo.set(board, { runningKey, value })
  return value
}

const cardCyclesMemo = new WeakMap<Board, { readonly runningKey: string; readonly value: { byCycle: Map<number, CycleCard[]>; backlog: CycleCard[] } }>()

/** The effective cycle of a card (null: backlog), for the card dialog and the board filter. */
export function readCardCycle(doc: Y.Doc, cardId: CardId, today: IsoDate): number | null {
  const n = storedCycleOf(cardsOf(doc).get(cardId))
  if (n === null) return null
  const c = readCycles(doc, today).find((x) => x.number === n)
  return c && c.status !== 'ended' ? n : null
}

/** Card id → effective cycle number, for every card in a running cycle (the board filter). */
export function readCardCycles(doc: Y.Doc, today: IsoDate): ReadonlyMap<CardId, number> {
  const { byCycle } = cardCycles(doc, readBoard(doc), readCycles(doc, today))
  const out = new Map<CardId, number>()
  for (const [n, list] of byCycle) for (const { card } of list) out.set(card.id, n)
  return out
}

/** Everything the plan screen and the board header need for cycle `n` (or the current cycle). */
export function readCyclePlan(doc: Y.Doc, arg: { readonly cycle: number | 'current'; readonly today: IsoDate }): CyclePlan {
  const cycles = readCycles(doc, arg.today)
  const cycle = arg.cycle === 'current' ? currentCycle(cycles) : (cycles.find((c) => c.number === arg.cycle) ?? null)
  const { byCycle, backlog } = cardCycles(doc, readBoard(doc), cycles)
  const committed = cycle ? (byCycle.get(cycle.number) ?? []) : []
  return {
    cycle,
    committed,
    backlog,
    counts: {
      committed: committed.length,
      started: committed.filter((c) => c.role !== 'todo').length,
      done: committed.filter((c) => c.role === 'done').length
    }
  }
}

export interface CloseResult {
  readonly decisionId: DecisionId
  /** The decision recorded: a stop ends the project's later cycles, so nothing "moved on". */
  readonly kind: DecisionInput['kind']
  /** Unfinished cards now committed to `next` ('roll'). */
  readonly rolled: readonly CardId[]
  /** Unfinished cards sent back to the backlog ('circuit-breaker', or no next cycle). */
  readonly returned: readonly CardId[]
  readonly next: number | null
}

/**
 * Close a cycle with its decision, in one transaction: the decision (with its evidence), the
 * cycle's closed state, and the programme's rollover policy applied to the unfinished cards.
 *
 * Concurrency (two people closing at once, or one closing while another moves a card): both
 * decisions are kept and the latest is the cycle's (see `Decision.superseded`). Rollover writes
 * depend only on the policy and the board, never on the kind of decision, so two closes write the
 * same values: under 'roll' a stop still commits unfinished cards to the next cycle, which the
 * stop ends, so they read as in the backlog. A card a colleague moved at the same moment keeps
 * the colleague's column; its cycle is the one the close gave it.
 */
export function closeCycle(doc: Y.Doc, ctx: OpContext, input: { cycle: number; rules: CycleRules; decision: DecisionInput }): CloseResult {
  const decision = decisionInputSchema.parse(input.decision)
  const n = input.cycle
  const now = ctx.now()
  const today = todayInLondon(now)
  if (readProjectCycleStatus(doc).status === 'stopped') throw new Error('This project has stopped, so its cycles can no longer be closed')
  const c = findCycle(doc, n, today)
  if (c.status === 'closed') throw new Error(`Cycle ${n} was already closed${c.closedByName ? ` by ${c.closedByName}` : ''}`)
  assertOpen(c)
  if (c.status === 'planned') throw new Error(`Cycle ${n} has not started yet, so it cannot be closed`)
  const evidence = [...new Set(decision.evidence ?? [])]
  for (const id of evidence) if (!feedbackOf(doc).has(id)) throw new Error('A feedback item chosen as evidence no longer exists')

  // A next cycle must exist for 'roll' (idempotent; its own transaction, like opening the page).
  ensureCycles(doc, ctx, input.rules)
  const cycles = readCycles(doc, today)
  const next = cycles.find((x) => x.number > n && x.status !== 'closed' && x.status !== 'ended') ?? null
  const committed = cardCycles(doc, readBoard(doc), cycles).byCycle.get(n) ?? []
  const plan = applyRollover(
    next ? input.rules.rollover : 'circuit-breaker',
    committed.map((x) => ({ id: x.card.id, done: x.role === 'done' }))
  )
  const id = newId<DecisionId>()
  doc.transact(() => {
    decisionsOf(doc).set(id, {
      id,
      cycle: n,
      kind: decision.kind,
      direction: decision.kind === 'pivot' ? (decision.direction ?? '') : null,
      reason: decision.kind === 'stop' ? (decision.reason ?? '') : null,
      note: decision.note ?? '',
      evidence,
      decidedBy: ctx.author.id,
      decidedByName: ctx.author.name,
      decidedAt: now
    })
    const m = cycleMapOf(doc, n)
    m.set('closed', true)
    m.set('closedAt', now)
    m.set('closedBy', ctx.author.id)
    m.set('closedByName', ctx.author.name)
    m.set('decisionId', id)
    const cards = cardsOf(doc)
    for (const cardId of plan.carryToNext) {
      cards.get(cardId)?.set('cycle', next?.number ?? null)
      appendActivity(doc, ctx, { type: 'card.uncommitted', cardId, data: { cycle: n, rollover: 'roll', movedTo: next?.number } })
      appendActivity(doc, ctx, { type: 'card.committed', cardId, data: { cycle: next?.number, rolledOver: true } })
    }
    for (const cardId of plan.returnToBacklog) {
      cards.get(cardId)?.set('cycle', null)
      appendActivity(doc, ctx, { type: 'card.uncommitted', cardId, data: { cycle: n, rollover: 'circuit-breaker' } })
    }
    appendActivity(doc, ctx, { type: 'decision.recorded', data: { cycle: n, decisionId: id, kind: decision.kind, evidence: evidence.length } })
    appendActivity(doc, ctx, {
      type: 'cycle.closed',
      data: { cycle: n, decisionId: id, policy: input.rules.rollover, rolled: plan.carryToNext.length, returned: plan.returnToBacklog.length, next: next?.number ?? null }
    })
  }, CYCLE_ORIGIN)
  return { decisionId: id, kind: decision.kind, rolled: plan.carryToNext, returned: plan.returnToBacklog, next: plan.carryToNext.length > 0 ? (next?.number ?? null) : null }
}
