// Issue 7, "Day one for a council team": a project works in a cycle on the day it is created,
// cycles re-plan when the rules or days off change, bank holidays are on by default, and
// feedback can be corrected or removed.
import * as prng from 'lib0/prng'
import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addCard,
  addFeedback,
  addNonWorkingDays,
  closeCycle,
  commitCard,
  createDoc,
  cycleMapOf,
  ensureCycles,
  initProgrammeDoc,
  moveCard,
  opContext,
  programmeMapOf,
  readActivity,
  readBankHolidayRegion,
  readCycleGraph,
  readCycleRules,
  readCycles,
  readFeedback,
  readFirstCycleStart,
  removeFeedback,
  setBankHolidayRegion,
  setFirstCycleStart,
  updateCycleRules,
  updateFeedback,
  type OpContext
} from '@shared/doc'
import { ENGLAND_WALES_BANK_HOLIDAYS } from '@shared/domain/cycles'
import { InputError } from '@shared/domain/inputError'
import type { ProgrammeId } from '@shared/domain/ids'
import { TestConnector } from '../../helpers/peers'
import { ALICE, BOB, errorMessage, newProject, zodMessages } from '../support'

/** A London wall-clock time in December 2026 (GMT, so UTC) as epoch ms. */
const dec = (day: number, hour = 10, minute = 0): number => Date.UTC(2026, 11, day, hour, minute)
const at = (ms: number, author = ALICE): OpContext => opContext(author, () => ms)

function programme(): Y.Doc {
  const doc = createDoc()
  initProgrammeDoc(doc, at(dec(1, 9)), { id: 'prog' as ProgrammeId, name: 'Digital accelerator' })
  return doc
}

const windows = (doc: Y.Doc, today: string): [number, string, string, string][] => readCycles(doc, today).map((c) => [c.number, c.start, c.end, c.status])

describe('a project created today works in a cycle today', () => {
  it('starts cycle 1 on the day the project is created, counts a same-day plan as the plan and draws a target', () => {
    const prog = programme()
    const rules = readCycleRules(prog)
    const { doc, doing, done } = newProject(createDoc(), at(dec(1, 9)))
    setFirstCycleStart(doc, at(dec(1, 9)), rules, '2026-12-01')
    expect(windows(doc, '2026-12-01')).toEqual([
      [1, '2026-12-01', '2026-12-14', 'active'],
      [2, '2026-12-15', '2026-12-30', 'planned'],
      [3, '2026-12-31', '2027-01-14', 'planned']
    ])
    // Tuesday morning: plan, then start work the same day.
    const a = addCard(doc, at(dec(1, 10)), { columnId: doing.id, title: 'Map the journey' })
    const b = addCard(doc, at(dec(1, 10)), { columnId: doing.id, title: 'Interview residents' })
    commitCard(doc, at(dec(1, 10, 5)), a, 1)
    commitCard(doc, at(dec(1, 10, 6)), b, 1)
    moveCard(doc, at(dec(1, 15)), a, done.id, 0)
    const commits = readActivity(doc).filter((e) => e.type === 'card.committed')
    expect(commits.map((e) => e.data?.scopeAdded)).toEqual([false, false])
    const graph = readCycleGraph(doc, { cycle: 1, rules, today: '2026-12-01' })
    expect(graph?.scope).toEqual({ initial: [a, b], added: [], removed: [] })
    expect(graph?.series[0]).toMatchObject({ date: '2026-12-01', scope: 2, completed: 1, ideal: 0.2 })
    expect(graph?.series.at(-1)?.ideal).toBe(2)
    // The next day, a commit is scope added.
    const c = addCard(doc, at(dec(2)), { columnId: doing.id, title: 'Fix the payment page' })
    commitCard(doc, at(dec(2)), c, 1)
    expect(readCycleGraph(doc, { cycle: 1, rules, today: '2026-12-02' })?.scope.added).toEqual([c])
  })

  it('starts on the next working day when the chosen day is not one', () => {
    const rules = readCycleRules(programme())
    const { doc } = newProject(createDoc(), at(dec(1)))
    expect(setFirstCycleStart(doc, at(dec(1)), rules, '2026-12-25').start).toBe('2026-12-29')
    expect(readFirstCycleStart(doc)).toBe('2026-12-25')
    expect(readCycles(doc, '2026-12-01')[0]).toMatchObject({ number: 1, start: '2026-12-29', status: 'planned' })
  })

  it('lets the team move cycle 1 while it has not started, or on its first day, and says why not after', () => {
    const rules = readCycleRules(programme())
    const { doc } = newProject(createDoc(), at(dec(1)))
    setFirstCycleStart(doc, at(dec(1)), rules, '2026-12-01')
    // On its first day the team decides to start on Monday: the later cycles move with it.
    const moved = setFirstCycleStart(doc, at(dec(1, 14)), rules, '2026-12-07')
    expect(moved.replanned.map((r) => [r.number, r.after.start, r.after.end])).toEqual([
      [1, '2026-12-07', '2026-12-18'],
      [2, '2026-12-21', '2027-01-06'],
      [3, '2027-01-07', '2027-01-20']
    ])
    expect(readCycles(doc, '2026-12-01')[0]?.status).toBe('planned')
    // Once it has started, the date stays.
    expect(errorMessage(() => setFirstCycleStart(doc, at(dec(8)), rules, '2026-12-14'))).toBe('Cycle 1 has already started, so its start date can no longer change')
  })

  it('explains a date it cannot use, on the date field', () => {
    const rules = readCycleRules(programme())
    const { doc } = newProject(createDoc(), at(dec(1)))
    const problem = (date: string): [string, string] => {
      try {
        setFirstCycleStart(doc, at(dec(1)), rules, date)
      } catch (err) {
        if (err instanceof InputError) return [err.field, err.message]
        throw err
      }
      throw new Error('accepted')
    }
    expect(problem('')).toEqual(['firstStart', 'Enter the date cycle 1 starts'])
    expect(problem('2026-02-30')).toEqual(['firstStart', 'The date cycle 1 starts must be a real date'])
    expect(problem('2026-11-30')).toEqual(['firstStart', 'The date cycle 1 starts must be today or in the future'])
    expect(problem('2028-01-10')).toEqual(['firstStart', 'The date cycle 1 starts must be within a year from today'])
    expect(readCycles(doc, '2026-12-01')).toEqual([])
  })

  it(`two people choosing the first start at once end with one date and the same cycles (60 seeds)`, () => {
    const rules = readCycleRules(programme())
    for (let seed = 1; seed <= 60; seed++) {
      const net = new TestConnector(2, seed).seed((d) => {
        newProject(d, at(dec(1, 9)))
        setFirstCycleStart(d, at(dec(1, 9)), rules, '2026-12-01')
      })
      const gen = prng.create(seed)
      net.disconnectAll()
      setFirstCycleStart(net.doc(0), at(dec(1, 10)), rules, '2026-12-07')
      setFirstCycleStart(net.doc(1), at(dec(1, 10), BOB), rules, '2026-12-03')
      net.reconnectAll()
      net.flushSome(prng.int32(gen, 0, 4))
      // Every open copy re-plans when the stored cycles change (as the Cycles screens do).
      ensureCycles(net.doc(0), at(dec(1, 11)), rules)
      ensureCycles(net.doc(1), at(dec(1, 11), BOB), rules)
      net.flushAll()
      for (const d of net.docs) ensureCycles(d, at(dec(1, 12)), rules)
      net.flushAll()
      net.assertConverged()
      const chosen = readFirstCycleStart(net.doc(0))
      expect(['2026-12-07', '2026-12-03']).toContain(chosen)
      const a = readCycles(net.doc(0), '2026-12-01')
      expect(readCycles(net.doc(1), '2026-12-01')).toEqual(a)
      expect(a[0]?.start).toBe(chosen)
      // The chain follows the chosen start without gaps.
      expect(a.map((c) => c.number)).toEqual([1, 2, 3])
      for (const d of net.docs) expect(ensureCycles(d, at(dec(1, 13)), rules)).toEqual({ created: [], replanned: [] })
      net.destroy()
    }
  })
})

describe('re-planning when the programme’s rules or days off change', () => {
  it('re-plans cycles that have not started, extends the running one around a new day off, and leaves closed ones alone', () => {
    const prog = programme()
    const { doc } = newProject(createDoc(), at(dec(1)))
    setFirstCycleStart(doc, at(dec(1)), readCycleRules(prog), '2026-12-01')
    // Wednesday 2 December: cycle 1 is running, so only cycles 2 and 3 take the new length.
    updateCycleRules(prog, at(dec(2)), { lengthDays: 5 })
    const r = ensureCycles(doc, at(dec(2)), readCycleRules(prog))
    expect(r.replanned.map((x) => [x.number, x.after.start, x.after.end])).toEqual([
      [2, '2026-12-15', '2026-12-21'],
      [3, '2026-12-22', '2026-12-30']
    ])
    expect(windows(doc, '2026-12-02')[0]).toEqual([1, '2026-12-01', '2026-12-14', 'active'])
    // A council closure day inside the running cycle: it ends a day later, so it keeps 10 working days.
    addNonWorkingDays(prog, at(dec(2)), ['2026-12-09'])
    ensureCycles(doc, at(dec(2)), readCycleRules(prog))
    expect(windows(doc, '2026-12-02')).toEqual([
      [1, '2026-12-01', '2026-12-15', 'active'],
      [2, '2026-12-16', '2026-12-22', 'planned'],
      [3, '2026-12-23', '2026-12-31', 'planned']
    ])
    // Closed cycles never change, whatever the rules say later.
    closeCycle(doc, at(dec(16)), { cycle: 1, rules: readCycleRules(prog), decision: { kind: 'persevere' } })
    updateCycleRules(prog, at(dec(16)), { lengthDays: 10 })
    addNonWorkingDays(prog, at(dec(16)), ['2026-12-10'])
    ensureCycles(doc, at(dec(16)), readCycleRules(prog))
    const after = windows(doc, '2026-12-16')
    expect(after[0]).toEqual([1, '2026-12-01', '2026-12-15', 'closed'])
    // Cycle 2 started on the 16th, so it keeps its 5 working days.
    expect(after[1]).toEqual([2, '2026-12-16', '2026-12-22', 'active'])
    expect(after[2]).toEqual([3, '2026-12-23', '2027-01-08', 'planned'])
  })

  it(`two peers re-planning at once after a rule change write the same values (60 seeds)`, () => {
    const prog = programme()
    const before = readCycleRules(prog)
    updateCycleRules(prog, at(dec(2)), { lengthDays: 15, cooldownDays: 1 })
    const after = readCycleRules(prog)
    for (let seed = 1; seed <= 60; seed++) {
      const net = new TestConnector(2, seed).seed((d) => {
        newProject(d, at(dec(1)))
        setFirstCycleStart(d, at(dec(1)), before, '2026-12-01')
      })
      const gen = prng.create(seed)
      ensureCycles(net.doc(0), at(dec(2, 10)), after)
      net.flushSome(prng.int32(gen, 0, 2))
      ensureCycles(net.doc(1), at(dec(2, 11), BOB), after)
      net.flushAll()
      net.assertConverged()
      expect(windows(net.doc(0), '2026-12-02')).toEqual([
        [1, '2026-12-01', '2026-12-14', 'active'],
        // 15 working days after a one-day cool-down (15 December), Christmas skipped.
        [2, '2026-12-16', '2027-01-08', 'planned'],
        [3, '2027-01-12', '2027-02-01', 'planned']
      ])
      expect(windows(net.doc(1), '2026-12-02')).toEqual(windows(net.doc(0), '2026-12-02'))
      net.destroy()
    }
  })
})

describe('bank holidays', () => {
  it('are on for a new programme (England and Wales), off for one created before the setting, and can be changed', () => {
    const prog = programme()
    expect(readBankHolidayRegion(prog)).toBe('england-and-wales')
    expect(readCycleRules(prog).nonWorkingDays).toEqual(ENGLAND_WALES_BANK_HOLIDAYS)
    // An older programme has no key: it keeps behaving as before.
    programmeMapOf(prog).delete('bankHolidayRegion')
    expect(readBankHolidayRegion(prog)).toBe('none')
    expect(readCycleRules(prog).nonWorkingDays).toEqual([])
    setBankHolidayRegion(prog, at(dec(1)), 'scotland')
    expect(readCycleRules(prog).nonWorkingDays).toContain('2026-11-30')
    expect(zodMessages(() => setBankHolidayRegion(prog, at(dec(1)), 'wales' as never))).toEqual(['Choose which bank holidays your programme takes off'])
  })

  it('keeps cycle 2 of a project started on 7 December 2026 off Christmas, the substitute Boxing Day and New Year', () => {
    const prog = programme()
    const { doc } = newProject(createDoc(), at(dec(1)))
    setFirstCycleStart(doc, at(dec(1)), readCycleRules(prog), '2026-12-07')
    expect(windows(doc, '2026-12-01')[1]).toEqual([2, '2026-12-21', '2027-01-06', 'planned'])
  })
})

describe('correcting feedback', () => {
  function withFeedback() {
    const rules = readCycleRules(programme())
    const { doc } = newProject(createDoc(), at(dec(1)))
    setFirstCycleStart(doc, at(dec(1)), rules, '2026-12-01')
    const id = addFeedback(doc, at(dec(3)), { cycle: 1, who: 'Resdent at the library', source: 'demo', text: 'I could not find it' })
    return { doc, id, rules }
  }

  it('changes who, where and what, logged, with messages a person can act on', () => {
    const { doc, id } = withFeedback()
    updateFeedback(doc, at(dec(4)), id, { who: 'Resident at the library', source: 'research', text: 'I could not find it' })
    expect(readFeedback(doc, 1)[0]).toMatchObject({ who: 'Resident at the library', source: 'research', text: 'I could not find it' })
    expect(readActivity(doc).at(-1)).toMatchObject({ type: 'feedback.updated', data: { feedbackId: id, changed: ['who', 'source'] } })
    expect(zodMessages(() => updateFeedback(doc, at(dec(4)), id, { who: ' ', source: 'research', text: '' }))).toEqual(['Enter who said it', 'Enter what they said'])
  })

  it('removes feedback, but not the evidence of a recorded decision, nor feedback of a closed cycle', () => {
    const { doc, id, rules } = withFeedback()
    const other = addFeedback(doc, at(dec(3)), { cycle: 1, who: 'Mentor', source: 'mentor', text: 'Show the letter first' })
    removeFeedback(doc, at(dec(4)), other)
    expect(readFeedback(doc, 1).map((f) => f.id)).toEqual([id])
    expect(readActivity(doc).at(-1)).toMatchObject({ type: 'feedback.updated', data: { feedbackId: other, removed: true } })
    closeCycle(doc, at(dec(15)), { cycle: 1, rules, decision: { kind: 'persevere', evidence: [id] } })
    expect(errorMessage(() => removeFeedback(doc, at(dec(15)), id))).toBe('Cycle 1 is closed, so its feedback is part of the record and can no longer change')
    // Evidence of a decision stays even if its cycle were open again (a superseded close, say).
    cycleMapOf(doc, 1).delete('closed')
    expect(errorMessage(() => removeFeedback(doc, at(dec(15)), id))).toBe('This feedback is evidence for a recorded decision, so it cannot be removed')
  })
})
