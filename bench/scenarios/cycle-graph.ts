import * as Y from 'yjs'
import {
  activityOf,
  archivedEntryCount,
  addCard,
  closeCycle,
  commitCard,
  createDoc,
  ensureCycles,
  initProjectDoc,
  moveCard,
  opContext,
  readColumns,
  readCycleGraph,
  readCycles,
  readVelocity,
  updateCard,
  type OpContext
} from '../../src/shared/doc'
import { addCalendarDays, DEFAULT_CYCLE_RULES, ENGLAND_WALES_BANK_HOLIDAYS, startOfLondonDay, type CycleRules } from '../../src/shared/domain/cycles'
import type { CardId, PersonId, ProjectId } from '../../src/shared/domain/ids'
import { median, time } from '../support/stats'
import type { Scenario } from '../types'

const RULES: CycleRules = { ...DEFAULT_CYCLE_RULES, nonWorkingDays: ENGLAND_WALES_BANK_HOLIDAYS }
const CYCLES = 50
const ENTRIES = 5_000

/**
 * A project two years into its life: 50 closed two-week cycles (2025–2026, bank holidays
 * included) and 5,000 activity entries, all written by the real domain operations with a
 * scripted clock. Each cycle the team adds and commits 20 cards, starts them all, finishes 18 and
 * closes with 'roll', so 2 carry over (and are finished first thing in the next cycle); card title
 * edits pad the log to exactly 5,000 entries.
 */
function buildProject(): { update: Uint8Array; today: string; entries: number } {
  const doc = createDoc()
  let now = startOfLondonDay('2025-01-03') + 10 * 3_600_000
  const ctx: OpContext = opContext({ id: 'person-bench' as PersonId, name: 'Bench' }, () => (now += 1_000))
  initProjectDoc(doc, ctx, { id: 'bench-project' as ProjectId, name: 'Cycle bench' })
  const [todo, doing, done] = readColumns(doc)
  if (!todo || !doing || !done) throw new Error('no default columns')
  ensureCycles(doc, ctx, RULES)
  const all: CardId[] = []
  let carried: CardId[] = []
  for (let n = 1; n <= CYCLES; n++) {
    const c = readCycles(doc, '2000-01-01').find((x) => x.number === n)
    if (!c) throw new Error(`cycle ${n} was not generated`)
    // Plan on the Friday before, work through the cycle, close on the next working day after it.
    now = startOfLondonDay(addCalendarDays(c.start, -3)) + 10 * 3_600_000
    const fresh: CardId[] = []
    for (let i = 0; i < 20; i++) fresh.push(addCard(doc, ctx, { columnId: todo.id, title: `Cycle ${n} card ${i}` }))
    for (const id of fresh) commitCard(doc, ctx, id, n)
    all.push(...fresh)
    for (let d = 0; d < 10; d++) {
      now = startOfLondonDay(addCalendarDays(c.start, d + Math.floor(d / 5) * 2)) + 11 * 3_600_000
      // The two cards carried over from the last cycle are finished on its first day.
      if (d === 0) for (const id of carried) moveCard(doc, ctx, id, done.id, 0)
      for (const id of fresh.slice(d * 2, d * 2 + 2)) moveCard(doc, ctx, id, doing.id, 0)
      if (d >= 1) for (const id of fresh.slice((d - 1) * 2, (d - 1) * 2 + 2)) moveCard(doc, ctx, id, done.id, 0)
    }
    carried = fresh.slice(18)
    now = startOfLondonDay(addCalendarDays(c.end, 3)) + 9 * 3_600_000
    closeCycle(doc, ctx, { cycle: n, rules: RULES, decision: { kind: 'persevere' } })
  }
  let k = 0
  // Live and archived entries: past 2,500 the live log keeps only its newest 2,000 (activity.ts).
  const entries = (): number => activityOf(doc).length + archivedEntryCount(doc).entries
  while (entries() < ENTRIES) updateCard(doc, ctx, all[k++ % all.length] as CardId, { title: `Edited ${k}` })
  const today = new Date(now).toISOString().slice(0, 10)
  return { update: Y.encodeStateAsUpdate(doc), today, entries: entries() }
}

export const scenario: Scenario = {
  name: 'cycle-graph',
  description: 'cycle graph + velocity from the activity log: 50 closed cycles, 5,000 entries',
  async run(opts) {
    opts.log('cycle-graph: building 50 closed cycles with the domain ops…')
    const built = time(buildProject)
    const { update, today, entries } = built.value
    const runs = opts.quick ? 5 : 15
    const velocityCold: number[] = []
    const graphCold: number[] = []
    const velocityWarm: number[] = []
    let closed = 0
    for (let r = 0; r < runs; r++) {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, update)
      // Cold: nothing parsed yet, as when a person opens the Cycles page of this project.
      const v = time(() => readVelocity(doc, { rules: RULES, today }))
      velocityCold.push(v.ms)
      closed = v.value.velocity.cycles.length
      velocityWarm.push(time(() => readVelocity(doc, { rules: RULES, today })).ms)
      const fresh = new Y.Doc()
      Y.applyUpdate(fresh, update)
      graphCold.push(time(() => readCycleGraph(fresh, { cycle: 25, rules: RULES, today })).ms)
      doc.destroy()
      fresh.destroy()
    }
    if (entries !== ENTRIES) throw new Error(`built ${entries} activity entries, expected ${ENTRIES}`)
    if (closed !== CYCLES) throw new Error(`expected ${CYCLES} closed cycles, velocity saw ${closed}`)
    const note = `median of ${runs}, ${entries.toLocaleString('en-GB')} entries`
    return {
      figures: [
        { name: 'build 50 closed cycles (domain ops)', value: built.ms, unit: 'ms', note: 'one run' },
        { name: 'graphs of all 50 cycles + velocity, cold', value: median(velocityCold), unit: 'ms', note: `readVelocity on a freshly loaded doc, ${note}`, target: { value: 100, better: 'lower' } },
        { name: 'one cycle graph, cold', value: median(graphCold), unit: 'ms', note: `readCycleGraph (cycle 25) on a freshly loaded doc, ${note}`, target: { value: 50, better: 'lower' } },
        { name: 'graphs of all 50 cycles + velocity, warm', value: median(velocityWarm), unit: 'ms', note: `log already parsed, ${note}` }
      ],
      details: { entries, today, velocityCold, velocityWarm, graphCold }
    }
  }
}
