import type * as Y from 'yjs'
import { cycleGraphSeries, graphTable, type GraphEvent, type GraphPoint, type GraphTable } from '../domain/cycleGraph'
import { calendarDaysBetween, scopeChanges, startOfLondonDay, type CommitEvent, type CycleRules, type ScopeChanges } from '../domain/cycles'
import { todayInLondon, type IsoDate } from '../domain/dates'
import type { CardId, ColumnId } from '../domain/ids'
import { forecastNextCycle, velocity, type CycleTally, type Forecast, type Velocity } from '../domain/velocity'
import { activityOf, archivedEntryCount, readActivity, type ActivityEntry } from './activity'
import { readColumnRoles, type ColumnRole } from './columns'
import { readCycles, type Cycle } from './cycles'

/**
 * The activity log translated into what the cycle graph counts. This is the only source: there
 * is no second store of "done per day" to drift from the log.
 *
 *  - card.committed / card.uncommitted with `data.cycle` → committed / uncommitted for that cycle
 *    (rollover commits keep `rolledOver`, so carried cards count from the cycle's start);
 *  - card.moved: out of a to-do column → started; into a done column → completed; out of a done
 *    column → reopened (roles as the columns have them now, removed columns included);
 *  - card.created straight into an in-progress or done column → started / completed.
 * Moves the log does not record one by one (removing a column moves its cards) are not counted.
 */
interface ParsedLog {
  readonly commits: ReadonlyMap<number, readonly CommitEvent<CardId>[]>
  readonly progress: ReadonlyMap<CardId, readonly GraphEvent[]>
}

function progressKinds(e: ActivityEntry, roles: ReadonlyMap<ColumnId, ColumnRole>): GraphEvent['kind'][] {
  if (e.type === 'card.created') {
    const role = e.columnId ? roles.get(e.columnId) : undefined
    return role === 'done' ? ['completed'] : role === 'doing' ? ['started'] : []
  }
  if (e.type !== 'card.moved') return []
  const from = roles.get(e.data?.from as ColumnId)
  const to = roles.get((e.data?.to ?? e.columnId) as ColumnId)
  if (!from || !to || from === to) return []
  const out: GraphEvent['kind'][] = []
  if (from === 'done') out.push('reopened')
  if (from === 'todo') out.push('started')
  if (to === 'done') out.push('completed')
  return out
}

function parseLog(entries: readonly ActivityEntry[], roles: ReadonlyMap<ColumnId, ColumnRole>): ParsedLog {
  const commits = new Map<number, CommitEvent<CardId>[]>()
  const progress = new Map<CardId, GraphEvent[]>()
  for (const e of entries) {
    if (!e.cardId) continue
    if (e.type === 'card.committed' || e.type === 'card.uncommitted') {
      const n = e.data?.cycle
      if (typeof n !== 'number') continue
      let list = commits.get(n)
      if (!list) commits.set(n, (list = []))
      const ev: CommitEvent<CardId> = { cardId: e.cardId, at: e.at, kind: e.type === 'card.committed' ? 'committed' : 'uncommitted' }
      list.push(e.data?.rolledOver === true ? { ...ev, rolledOver: true } : ev)
      continue
    }
    for (const kind of progressKinds(e, roles)) {
      let list = progress.get(e.cardId)
      if (!list) progress.set(e.cardId, (list = []))
      list.push({ cardId: e.cardId, at: e.at, kind })
    }
  }
  return { commits, progress }
}

// Parsing the log is the expensive part; it is redone only when the log or the column roles change.
// The log is the live array and the archive: compaction shortens the live array, and a colleague's
// chunk can arrive on its own, so the key holds both (chunks are never changed, only added).
const parsedCache = new WeakMap<Y.Doc, { length: string; rolesKey: string; parsed: ParsedLog }>()

/**
 * Needs the whole log, archive included: a card committed to a cycle carries its progress
 * (started, done) from whenever it happened, often long before the cycle started. Only the cycle
 * pages and velocity ask for it; the board's cycle header asks for no graph of the running cycle.
 */
function parsedLog(doc: Y.Doc): ParsedLog {
  const roles = readColumnRoles(doc)
  const rolesKey = [...roles].map(([k, v]) => `${k}=${v}`).sort().join(',')
  const archived = archivedEntryCount(doc)
  const length = `${activityOf(doc).length}:${archived.chunks}:${archived.entries}`
  const hit = parsedCache.get(doc)
  if (hit && hit.length === length && hit.rolesKey === rolesKey) return hit.parsed
  const parsed = parseLog(readActivity(doc), roles)
  parsedCache.set(doc, { length, rolesKey, parsed })
  return parsed
}

export interface CycleGraph {
  readonly cycle: Cycle
  readonly series: readonly GraphPoint[]
  readonly table: GraphTable
  /** Initial scope and the cards added / removed after the start (ids). */
  readonly scope: ScopeChanges<CardId>
}

function graphFor(parsed: ParsedLog, c: Cycle, rules: Pick<CycleRules, 'nonWorkingDays'>, today: IsoDate): { series: GraphPoint[]; scope: ScopeChanges<CardId> } {
  // A cycle closed early stops at its close: the rollover it wrote is not scope removed that day.
  const cutoff = c.closedAt ?? Number.POSITIVE_INFINITY
  const commits = (parsed.commits.get(c.number) ?? []).filter((e) => e.at < cutoff)
  const cards = new Set(commits.map((e) => e.cardId))
  const events: GraphEvent[] = [...commits]
  for (const id of cards) for (const e of parsed.progress.get(id) ?? []) if (e.at < cutoff) events.push(e)
  const closedDay = c.closedAt !== null ? todayInLondon(c.closedAt) : null
  const graphToday = closedDay !== null && closedDay < today ? closedDay : today
  const series = cycleGraphSeries({
    window: { start: c.start, end: c.end, calendarDays: calendarDaysBetween(c.start, c.end) },
    rules,
    events,
    today: graphToday
  })
  return { series, scope: scopeChanges(commits, startOfLondonDay(c.start)) }
}

/** The graph of cycle `n` from the activity log; null when there is no such cycle. */
export function readCycleGraph(doc: Y.Doc, arg: { readonly cycle: number; readonly rules: Pick<CycleRules, 'nonWorkingDays'>; readonly today: IsoDate }): CycleGraph | null {
  const c = readCycles(doc, arg.today).find((x) => x.number === arg.cycle)
  if (!c || c.status === 'ended') return null
  const { series, scope } = graphFor(parsedLog(doc), c, arg.rules, arg.today)
  return { cycle: c, series, table: graphTable(series), scope }
}

export interface VelocityReport {
  readonly velocity: Velocity
  readonly forecast: Forecast
}

/**
 * Completed cards per closed cycle, read off the last day each cycle's graph reached (so velocity
 * and graph can never disagree), with the forecast for the next cycle.
 */
export function readVelocity(doc: Y.Doc, arg: { readonly rules: Pick<CycleRules, 'nonWorkingDays'>; readonly today: IsoDate }): VelocityReport {
  const parsed = parsedLog(doc)
  const tallies: CycleTally[] = []
  for (const c of readCycles(doc, arg.today)) {
    if (c.status !== 'closed') continue
    const { series } = graphFor(parsed, c, arg.rules, arg.today)
    const last = [...series].reverse().find((p) => p.scope !== null)
    tallies.push({ number: c.number, completed: last?.completed ?? 0, committed: last?.scope ?? 0 })
  }
  return { velocity: velocity(tallies), forecast: forecastNextCycle(tallies) }
}
