import type * as Y from 'yjs'
import { z } from 'zod'
import { isIsoDate, todayInLondon, type IsoDate } from '../domain/dates'
import { workingDaysBetween, type CycleRules } from '../domain/cycles'
import type { ProjectId } from '../domain/ids'
import { activityOf, activityEntryOf, archivedEntryCount, compactActivity } from './activity'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { currentCycle, readCycles, readCyclePlan } from './cycles'
import { readDecisions, readProjectCycleStatus, DECISION_KINDS, type DecisionKind } from './decisions'
import { readProject } from './project'
import { readProjectIndex, readCycleRules, type ProjectSummaryWithMentors } from './programme'
import { collect, problemReason } from './readProblems'
import { KEYS } from './schema'
import { subscribeDocLater } from './observe'

/**
 * What the manager's portfolio shows about each project, kept in the programme doc as teams work
 * so the portfolio of 100 projects is drawn from 100 small plain values instead of opening 100
 * project docs. One plain value per project under the top-level `projectProgress` map, written by
 * a team member's app whenever their copy of the project changes (debounced; only when a value
 * differs). The last change is kept as a London date, so typing does not rewrite it all day long.
 */
export interface ProjectProgress {
  readonly currentCycle: number | null
  readonly committed: number
  readonly done: number
  readonly lastDecision: { readonly kind: DecisionKind; readonly cycle: number; readonly at: number; readonly byName: string } | null
  readonly stopped: boolean
  /** London date of the latest activity entry. */
  readonly lastChangeOn: IsoDate | null
  /** Every decision, for the chart of decisions over time: [cycle, kind, London date decided]. */
  readonly decisions: readonly (readonly [number, DecisionKind, IsoDate])[]
  /**
   * How much of the project its writer had seen: the length of the activity log, which only grows.
   * A copy that is behind (opened offline from last week's storage) never overwrites a fresher one.
   * Counted as live entries + the archive chunks' counts (activity.ts), which compaction leaves
   * unchanged: it moves n entries into chunks counting n in the same transaction.
   */
  readonly basis: number
}

const storedProgressSchema = z.object({
  currentCycle: z.number().int().min(1).max(10_000).nullable().catch(null),
  committed: z.number().int().min(0).max(1_000_000).catch(0),
  done: z.number().int().min(0).max(1_000_000).catch(0),
  lastDecision: z
    .object({ kind: z.enum(DECISION_KINDS), cycle: z.number().int().min(1).max(10_000), at: z.number().min(0).max(8.64e15), byName: z.string().max(500) })
    .nullable()
    .catch(null),
  stopped: z.boolean().catch(false),
  lastChangeOn: z.string().refine(isIsoDate).nullable().catch(null),
  decisions: z
    .array(z.tuple([z.number().int().min(1).max(10_000), z.enum(DECISION_KINDS), z.string().refine(isIsoDate)]))
    .max(2_000)
    .catch([]),
  basis: z.number().int().min(0).max(1e9).catch(0)
})

export function projectProgressOf(programme: Y.Doc): Y.Map<unknown> {
  return programme.getMap(KEYS.projectProgress)
}

/** From the project's own doc (cycles, decisions, activity), as of `now`. */
export function computeProjectProgress(project: Y.Doc, now: number): ProjectProgress {
  const today = todayInLondon(now)
  const cycles = readCycles(project, today)
  const running = currentCycle(cycles)
  const plan = running ? readCyclePlan(project, { cycle: running.number, today }) : null
  const decisions = readDecisions(project).filter((d) => !d.superseded)
  const last = decisions[decisions.length - 1]
  // The newest entry is the last pushed in practice; scan the tail so a peer's odd entry is skipped.
  // The live log always holds the newest entries (compaction moves only the oldest).
  let lastAt = 0
  const log = activityOf(project)
  for (let i = log.length - 1, seen = 0; i >= 0 && seen < 50; i--, seen++) {
    const r = activityEntryOf(log.get(i))
    if ('entry' in r && r.entry.at > lastAt) lastAt = r.entry.at
  }
  return {
    currentCycle: running?.number ?? null,
    committed: plan?.counts.committed ?? 0,
    done: plan?.counts.done ?? 0,
    lastDecision: last ? { kind: last.kind, cycle: last.cycle, at: last.decidedAt, byName: last.decidedByName } : null,
    stopped: readProjectCycleStatus(project).status === 'stopped',
    lastChangeOn: lastAt > 0 ? todayInLondon(lastAt) : null,
    decisions: decisions.map((d) => [d.cycle, d.kind, todayInLondon(d.decidedAt)] as const),
    // Still grow-only with the archive: an entry leaves the live log only in the transaction that
    // writes it into a chunk. Two peers compacting overlapping ranges at once each write a chunk,
    // and a shared entry is then counted twice. Harmless: the count only ever grows by it (a chunk
    // is never removed), and basis is only compared to decide which copy has seen more; a peer
    // holding both chunks has indeed seen at least as much as one holding either. (A malformed live
    // entry a peer wrote is not archived, so it stops counting: at worst one refresh waits for the
    // next entry.)
    basis: log.length + archivedEntryCount(project).entries
  }
}

export function readProjectProgress(programme: Y.Doc): ReadonlyMap<string, ProjectProgress> {
  const out = new Map<string, ProjectProgress>()
  const problems = collect(programme, 'project progress')
  projectProgressOf(programme).forEach((v, key) => {
    const r = storedProgressSchema.safeParse(v)
    if (r.success) out.set(key, r.data)
    else problems.skip(key, problemReason(r.error))
  })
  problems.done()
  return out
}

/** Writes the project's progress into the programme doc when it differs from what is there. */
export function refreshProjectProgress(programme: Y.Doc, project: Y.Doc, ctx: OpContext): boolean {
  const p = readProject(project)
  // Only the programme's own projects (a project joined as a mentor belongs to another council's).
  if (!p || !readProjectIndex(programme).some((x) => x.id === p.id)) return false
  const next = computeProjectProgress(project, ctx.now())
  const map = projectProgressOf(programme)
  const stored = map.get(p.id)
  if (JSON.stringify(stored) === JSON.stringify(next)) return false
  const storedBasis = storedProgressSchema.safeParse(stored)
  if (storedBasis.success && storedBasis.data.basis > next.basis) return false
  programme.transact(() => map.set(p.id, next), LOCAL_ORIGIN)
  return true
}

export const PROGRESS_DEBOUNCE_MS = 1_000
/** The one-off compaction of an old big log waits this long after opening (see compactOnOpen). */
export const COMPACT_ON_OPEN_DELAY_MS = 2_000

/**
 * The one-off compaction of a big activity log kept before issue 11 (activity.ts
 * `compactActivity`), when a team member opens the project to work in it. Here because this is
 * where the app already knows the copy is the team's own: the project is in this person's
 * programme (a mentor's copy never is: it belongs to another council's programme) and the caller
 * writes to both docs only when neither is read-only (ProjectSummaryWatcher). Compaction does not
 * change `basis` (n entries leave the live log into chunks counting n).
 */
function compactOnOpen(programme: Y.Doc, project: Y.Doc): void {
  try {
    const p = readProject(project)
    if (p && readProjectIndex(programme).some((x) => x.id === p.id)) compactActivity(project)
  } catch (err) {
    console.error('Could not tidy the history of this project', err)
  }
}

/**
 * Keeps the programme's copy of one project's progress up to date while a team member has the
 * project open: once now, then a second after changes stop. Returns stop.
 */
export function watchProjectProgress(programme: Y.Doc, project: Y.Doc, ctx: OpContext): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  // A little after opening, so a first open after the upgrade does not delay the board.
  const compactTimer = setTimeout(() => compactOnOpen(programme, project), COMPACT_ON_OPEN_DELAY_MS)
  const run = (): void => {
    try {
      refreshProjectProgress(programme, project, ctx)
    } catch (err) {
      console.error('Could not update the portfolio summary of this project', err)
    }
  }
  run()
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(run, PROGRESS_DEBOUNCE_MS)
  }
  const off = subscribeDocLater(project, later)
  // A colleague's summary arriving from a copy that was behind: put this fresher one back.
  const id = readProject(project)?.id
  const progress = projectProgressOf(programme)
  const onProgramme = (e: Y.YMapEvent<unknown>): void => {
    if (id && e.keysChanged.has(id) && !e.transaction.local) later()
  }
  progress.observe(onProgramme)
  return () => {
    clearTimeout(timer)
    clearTimeout(compactTimer)
    off()
    progress.unobserve(onProgramme)
  }
}

/** One row of the manager's portfolio. */
export interface PortfolioRow {
  readonly id: ProjectId
  readonly name: string
  readonly phase: string
  readonly tags: readonly string[]
  readonly archived: boolean
  readonly activeMentors: number
  readonly progress: ProjectProgress | null
  /** Working days since the last change (null: not known yet). */
  readonly idleWorkingDays: number | null
  /** No change for STALE_WORKING_DAYS working days, and not stopped. */
  readonly stale: boolean
}

export const STALE_WORKING_DAYS = 10

/** The portfolio from the programme doc alone (project index + progress); archived projects left out. */
export function readPortfolio(programme: Y.Doc, now: number): readonly PortfolioRow[] {
  const progress = readProjectProgress(programme)
  const rules: CycleRules = readCycleRules(programme)
  const today = todayInLondon(now)
  return readProjectIndex(programme)
    .filter((p: ProjectSummaryWithMentors) => !p.archived)
    .map((p) => {
      const pr = progress.get(p.id) ?? null
      // Working days strictly after the last change, up to and including today.
      const idle = pr?.lastChangeOn ? Math.max(0, workingDaysBetween(pr.lastChangeOn, today, rules) - 1) : null
      return {
        id: p.id,
        name: p.name,
        phase: p.phase,
        tags: p.tags,
        archived: p.archived,
        activeMentors: p.activeMentorIds.length,
        progress: pr,
        idleWorkingDays: idle,
        stale: idle !== null && idle >= STALE_WORKING_DAYS && !(pr?.stopped ?? false)
      }
    })
}

export interface PortfolioCharts {
  /** Projects per phase, in the Pipeline's phase order, phases with none left out. */
  readonly byPhase: readonly { readonly phase: string; readonly projects: number }[]
  /**
   * Decisions across projects by the month they were taken (projects' cycle numbers do not line
   * up in time: cycle 3 of a project started in June is not cycle 3 of one started in October).
   */
  readonly decisionsByMonth: readonly { readonly month: string; readonly persevere: number; readonly pivot: number; readonly stop: number }[]
}

export function portfolioCharts(rows: readonly PortfolioRow[], phaseOrder: readonly string[]): PortfolioCharts {
  const phases = new Map<string, number>()
  for (const r of rows) phases.set(r.phase, (phases.get(r.phase) ?? 0) + 1)
  const byPhase = [...phaseOrder, ...[...phases.keys()].filter((p) => !phaseOrder.includes(p))]
    .filter((p) => (phases.get(p) ?? 0) > 0)
    .map((phase) => ({ phase, projects: phases.get(phase) ?? 0 }))
  const months = new Map<string, { persevere: number; pivot: number; stop: number }>()
  for (const r of rows) {
    for (const [, kind, on] of r.progress?.decisions ?? []) {
      const month = on.slice(0, 7)
      const c = months.get(month) ?? { persevere: 0, pivot: 0, stop: 0 }
      c[kind]++
      months.set(month, c)
    }
  }
  const decisionsByMonth = [...months].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, c]) => ({ month, ...c }))
  return { byPhase, decisionsByMonth }
}
