import type * as Y from 'yjs'
import { z } from 'zod'
import { applyRollover, cycleStateOn, planCycles, type CycleRules, type CycleState } from '../domain/cycles'
import { isIsoDate, todayInLondon, type IsoDate } from '../domain/dates'
import { newId, type CardId } from '../domain/ids'
import { appendActivity } from './activity'
import { readBoard, type Board } from './board'
import { cardsOf, type Card } from './cards'
import type { ColumnRole } from './columns'
import type { OpContext } from './context'
import { decisionInputSchema, decisionsOf, readProjectCycleStatus, type DecisionId, type DecisionInput } from './decisions'
import { feedbackOf } from './feedback'
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

export const cycleGoalSchema = z.string().trim().max(500, 'The goal must be 500 characters or fewer')

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

interface StoredCycle {
  readonly number: number
  readonly start: IsoDate
  readonly end: IsoDate
  readonly goal: string
  readonly closed: boolean
  readonly closedAt: number | null
  readonly closedByName: string | null
  readonly decisionId: DecisionId | null
}

function readStored(doc: Y.Doc): StoredCycle[] {
  const out: StoredCycle[] = []
  for (const key of cycleIndexOf(doc).keys()) {
    const n = Number(key)
    if (!Number.isInteger(n) || n < 1 || String(n) !== key) continue
    const m = cycleMapOf(doc, n)
    const w = m.get('window') as { start?: unknown; end?: unknown } | undefined
    if (!w || !isIsoDate(w.start) || !isIsoDate(w.end)) continue
    const closedAt = m.get('closedAt')
    out.push({
      number: n,
      start: w.start,
      end: w.end,
      goal: typeof m.get('goal') === 'string' ? (m.get('goal') as string) : '',
      closed: m.get('closed') === true,
      closedAt: typeof closedAt === 'number' ? closedAt : null,
      closedByName: typeof m.get('closedByName') === 'string' ? (m.get('closedByName') as string) : null,
      decisionId: typeof m.get('decisionId') === 'string' ? (m.get('decisionId') as DecisionId) : null
    })
  }
  return out.sort((a, b) => a.number - b.number)
}

/** Every cycle, oldest first, with its state on `today` (a London date). */
export function readCycles(doc: Y.Doc, today: IsoDate): readonly Cycle[] {
  const stopped = readProjectCycleStatus(doc).status === 'stopped'
  return readStored(doc).map(({ closed, ...c }) => ({
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

/**
 * Create the cycles the rules call for (the current one and the next two) that do not exist
 * yet; idempotent, and safe for two peers to run at once (same numbers, same values). A stopped
 * project gets no new cycles. Returns the numbers created.
 *
 * No activity entry: every open copy of the project runs this automatically (like a migration),
 * nobody chose it, and a "while you were offline" summary should not credit a colleague with
 * "planned cycle 4" because they opened the board. The cycles themselves are the record.
 */
export function ensureCycles(doc: Y.Doc, ctx: OpContext, rules: CycleRules): number[] {
  if (readProjectCycleStatus(doc).status === 'stopped') return []
  const today = todayInLondon(ctx.now())
  const existing = readStored(doc).map((c) => ({ number: c.number, start: c.start, end: c.end, state: (c.closed ? 'closed' : 'active') as CycleState }))
  const planned = planCycles(existing, today, rules, 2)
  if (planned.length === 0) return []
  doc.transact(() => {
    for (const p of planned) {
      const m = cycleMapOf(doc, p.number)
      if (!m.has('window')) m.set('window', { start: p.start, end: p.end })
      cycleIndexOf(doc).set(String(p.number), true)
    }
  }, CYCLE_ORIGIN)
  return planned.map((p) => p.number)
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
function storedCycleOf(m: Y.Map<unknown> | undefined): number | null {
  const v = m?.get('cycle')
  return typeof v === 'number' && Number.isInteger(v) ? v : null
}

/**
 * Commit a card to a cycle (moving it from another cycle if it was in one). Committing after the
 * cycle started is scope added: the entry says so, and the cycle graph counts it from the log.
 */
export function commitCard(doc: Y.Doc, ctx: OpContext, cardId: CardId, n: number): void {
  const m = cardsOf(doc).get(cardId)
  if (!m) throw new Error('That card no longer exists')
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
    appendActivity(doc, ctx, { type: 'card.committed', cardId, data: { cycle: n, title, scopeAdded: today >= c.start } })
  }, CYCLE_ORIGIN)
}

/** Take a card out of its cycle, back to the backlog. After the start this is scope removed. */
export function uncommitCard(doc: Y.Doc, ctx: OpContext, cardId: CardId): void {
  const m = cardsOf(doc).get(cardId)
  if (!m) throw new Error('That card no longer exists')
  const prev = storedCycleOf(m)
  if (prev === null) return
  const today = todayInLondon(ctx.now())
  const c = readCycles(doc, today).find((x) => x.number === prev)
  if (c) assertOpen(c)
  doc.transact(() => {
    m.set('cycle', null)
    appendActivity(doc, ctx, { type: 'card.uncommitted', cardId, data: { cycle: prev, title: String(m.get('title') ?? ''), scopeRemoved: c ? today >= c.start : false } })
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
export function cardCycles(doc: Y.Doc, board: Board, cycles: readonly Cycle[]): { byCycle: Map<number, CycleCard[]>; backlog: CycleCard[] } {
  const running = new Set(cycles.filter((c) => c.status !== 'ended').map((c) => c.number))
  const byCycle = new Map<number, CycleCard[]>()
  const backlog: CycleCard[] = []
  const cards = cardsOf(doc)
  for (const col of board.columns) {
    for (const card of col.cards) {
      const n = storedCycleOf(cards.get(card.id))
      const entry: CycleCard = { card, columnTitle: col.title, role: col.role }
      if (n !== null && running.has(n)) {
        let list = byCycle.get(n)
        if (!list) byCycle.set(n, (list = []))
        list.push(entry)
      } else if (col.role !== 'done') backlog.push(entry)
    }
  }
  return { byCycle, backlog }
}

/** The effective cycle of a card (null: backlog), for the card dialog and the board filter. */
export function readCardCycle(doc: Y.Doc, cardId: CardId, today: IsoDate): number | null {
  const n = storedCycleOf(cardsOf(doc).get(cardId))
  if (n === null) return null
  const c = readCycles(doc, today).find((x) => x.number === n)
  return c && c.status !== 'ended' ? n : null
}

/** Card id → effective cycle number, for every card in a running cycle (the board filter). */
export function readCardCycles(doc: Y.Doc, today: IsoDate): ReadonlyMap<CardId, number> {
  const running = new Set(readCycles(doc, today).filter((c) => c.status !== 'ended').map((c) => c.number))
  const out = new Map<CardId, number>()
  cardsOf(doc).forEach((m, id) => {
    const n = storedCycleOf(m)
    if (n !== null && running.has(n)) out.set(id as CardId, n)
  })
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
  return { decisionId: id, rolled: plan.carryToNext, returned: plan.returnToBacklog, next: plan.carryToNext.length > 0 ? (next?.number ?? null) : null }
}
