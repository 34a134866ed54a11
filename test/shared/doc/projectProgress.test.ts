// The manager's portfolio is drawn from the programme doc alone: each project's progress is
// written there by a team member's app, and read back with stale and stopped projects flagged.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addCard,
  closeCycle,
  commitCard,
  createDoc,
  createProject,
  initProgrammeDoc,
  moveCard,
  opContext,
  portfolioCharts,
  projectProgressOf,
  readBoard,
  readCycleRules,
  readPortfolio,
  refreshProjectProgress,
  setFirstCycleStart,
  type OpContext
} from '@shared/doc'
import { PHASES } from '@shared/domain/phases'
import type { ProgrammeId, ProjectId } from '@shared/domain/ids'
import { readProblemsOf } from '@shared/doc/readProblems'
import { ALICE } from '../support'

const dec = (day: number, hour = 10): number => Date.UTC(2026, 11, day, hour)
const at = (ms: number): OpContext => opContext(ALICE, () => ms)

function programmeWith(names: string[]): { programme: Y.Doc; projects: Y.Doc[] } {
  const programme = createDoc()
  initProgrammeDoc(programme, at(dec(1, 9)), { id: 'prog' as ProgrammeId, name: 'Accelerator' })
  const projects = names.map((name, i) => {
    const doc = createDoc()
    createProject(programme, doc, at(dec(1, 9)), { id: `p${i}` as ProjectId, name })
    setFirstCycleStart(doc, at(dec(1, 9)), readCycleRules(programme), '2026-12-01')
    return doc
  })
  return { programme, projects }
}

describe('project progress in the programme doc', () => {
  it('shows the running cycle, what is done, the last decision, stale and stopped projects', () => {
    const { programme, projects } = programmeWith(['Garden waste', 'Library bookings', 'Parking permits'])
    const [garden, library, parking] = projects as [Y.Doc, Y.Doc, Y.Doc]
    const cols = readBoard(garden).columns
    const a = addCard(garden, at(dec(1, 10)), { columnId: cols[0]!.id, title: 'Call the depot' })
    const b = addCard(garden, at(dec(1, 10)), { columnId: cols[0]!.id, title: 'Draft the letter' })
    commitCard(garden, at(dec(1, 10)), a, 1)
    commitCard(garden, at(dec(1, 10)), b, 1)
    moveCard(garden, at(dec(2, 10)), a, cols[2]!.id, 0)
    // Parking stops at the end of cycle 1 (closed on 15 December).
    closeCycle(parking, at(dec(15, 10)), { cycle: 1, rules: readCycleRules(programme), decision: { kind: 'stop', reason: 'Done by the county' } })
    for (const p of projects) refreshProjectProgress(programme, p, at(dec(15, 11)))
    // Nothing changes when nothing changed.
    expect(refreshProjectProgress(programme, garden, at(dec(15, 12)))).toBe(false)

    const rows = readPortfolio(programme, dec(15, 12))
    const byName = new Map(rows.map((r) => [r.name, r]))
    expect(byName.get('Parking permits')).toMatchObject({ stale: false, progress: { stopped: true, lastDecision: { kind: 'stop', cycle: 1 } } })
    // Garden waste: last change 2 December; 3–15 December holds 9 working days, so not yet stale.
    expect(byName.get('Garden waste')).toMatchObject({ idleWorkingDays: 9, stale: false, progress: { currentCycle: 2, stopped: false } })
    // Library bookings: nothing since 1 December: 10 working days later it is stale.
    expect(byName.get('Library bookings')).toMatchObject({ idleWorkingDays: 10, stale: true })
    void library

    const charts = portfolioCharts(rows, PHASES)
    expect(charts.byPhase).toEqual([{ phase: 'Discovery', projects: 3 }])
    expect(charts.decisionsByMonth).toEqual([{ month: '2026-12', persevere: 0, pivot: 0, stop: 1 }])
  })

  it("counts the running cycle's committed and done cards", () => {
    const { programme, projects } = programmeWith(['Garden waste'])
    const garden = projects[0]!
    const cols = readBoard(garden).columns
    const a = addCard(garden, at(dec(1, 10)), { columnId: cols[0]!.id, title: 'Call the depot' })
    const b = addCard(garden, at(dec(1, 10)), { columnId: cols[0]!.id, title: 'Draft the letter' })
    commitCard(garden, at(dec(1, 10)), a, 1)
    commitCard(garden, at(dec(1, 10)), b, 1)
    moveCard(garden, at(dec(2, 10)), a, cols[2]!.id, 0)
    refreshProjectProgress(programme, garden, at(dec(3, 10)))
    expect(readPortfolio(programme, dec(3, 10))[0]!.progress).toMatchObject({ currentCycle: 1, committed: 2, done: 1, lastChangeOn: '2026-12-02' })
  })

  it('a malformed progress record from a peer is skipped and reported, and its project still listed', async () => {
    const { programme } = programmeWith(['Garden waste'])
    programme.transact(() => projectProgressOf(programme).set('p0', { currentCycle: 'lots', decisions: 'x'.repeat(10) }))
    const [row] = readPortfolio(programme, dec(3, 10))
    expect(row!.name).toBe('Garden waste')
    expect(row!.progress).toMatchObject({ currentCycle: null, decisions: [] })
    programme.transact(() => projectProgressOf(programme).set('p0', 'not a record'))
    expect(readPortfolio(programme, dec(3, 10))[0]!.progress).toBeNull()
    await Promise.resolve()
    expect(readProblemsOf(programme).map((p) => p.key)).toContain('p0')
  })

  it('a copy that is behind never overwrites a fresher summary', () => {
    const { programme, projects } = programmeWith(['Garden waste'])
    const garden = projects[0]!
    const stale = createDoc()
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(garden))
    const cols = readBoard(garden).columns
    addCard(garden, at(dec(2, 10)), { columnId: cols[0]!.id, title: 'Call the depot' })
    expect(refreshProjectProgress(programme, garden, at(dec(2, 11)))).toBe(true)
    // Someone opens last week's copy offline: their app must not write the older picture.
    expect(refreshProjectProgress(programme, stale, at(dec(2, 12)))).toBe(false)
    expect(readPortfolio(programme, dec(2, 12))[0]!.progress?.lastChangeOn).toBe('2026-12-02')
  })
})
