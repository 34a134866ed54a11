// Issue 9 review: what happens when colleagues change mentoring records at the same moment on
// different computers (offline, or simply before the other's change arrives). Each test drives
// several docs through the seeded TestConnector (random delivery, duplicates, reconnects) and
// asserts what a person would notice: a published round never disappears, a link keeps everyone's
// steps, a mentor's entry never becomes unreadable, and the programme shows every active mentor.
import * as prng from 'lib0/prng'
import type * as Y from 'yjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  addMentor,
  addMentorLink,
  changeMentorLink,
  createDoc,
  createProject,
  discardPairingDraft,
  drawPairingRound,
  initProgrammeDoc,
  linkMentor,
  logMentorSession,
  mentorLinkHistoryOf,
  mentorSessionsOf,
  optInToPairing,
  publishPairingRound,
  readMentor,
  readMentorLink,
  readMentorLinks,
  readMentorSessions,
  readPairingRounds,
  readProjectIndex,
  setMentorLinkState,
  updateMentor,
  watchProjectSummary,
  type MentorInput
} from '@shared/doc'
import type { MentorId, ProgrammeId, ProjectId } from '@shared/domain/ids'
import { InputError } from '@shared/domain/inputError'
import { seededUuid, TestConnector } from '../../helpers/peers'
import { ALICE, BOB, ctxAt, steppingCtx, T0 } from '../support'

const CHEN = { id: 'person-chen' as typeof ALICE.id, name: 'Chen Li' }
const PEOPLE = [ALICE, BOB, CHEN] as const

afterEach(() => vi.restoreAllMocks())

/** Make newId() reproducible for a seed, so a failing seed can be replayed exactly. */
function seedIds(gen: prng.PRNG): void {
  vi.spyOn(globalThis.crypto, 'randomUUID').mockImplementation(() => seededUuid(gen))
}

function settle(...nets: TestConnector[]): void {
  for (const n of nets) n.reconnectAll()
  // Interleave the nets' deliveries, so a programme update can arrive before or after a project's.
  for (let more = true; more; ) {
    more = false
    for (const n of nets) if (n.flushRandom()) more = true
  }
  for (const n of nets) n.assertConverged()
}

const groupIds = (groups: readonly (readonly { id: string }[])[]): string => JSON.stringify(groups.map((g) => g.map((m) => m.id)))

// ---- 1. pairing rounds -----------------------------------------------------------------------------

describe('pairing rounds changed on several computers at once', () => {
  const NAMES = ['Asha', 'Ben', 'Chloe', 'Dev', 'Eve', 'Femi', 'Gita']
  const optIn = (d: Y.Doc): void => NAMES.forEach((name) => optInToPairing(d, ctxAt(), { id: `id-${name.toLowerCase()}`, name }))

  it('keep a round published on one computer while another discards the same draft', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const net = new TestConnector(2, seed).seed((d) => {
        optIn(d)
        drawPairingRound(d, ctxAt(), 'first')
      })
      const [alice, bob] = net.docs as [Y.Doc, Y.Doc]
      const draft = readPairingRounds(alice).draft!
      net.disconnectAll()
      publishPairingRound(alice, ctxAt(T0 + 10), draft.id)
      discardPairingDraft(bob, ctxAt(T0 + 20, BOB))
      settle(net)
      for (const d of net.docs) {
        const { published, draft: left } = readPairingRounds(d)
        expect(published.map((r) => groupIds(r.groups)), `seed ${seed}`).toEqual([groupIds(draft.groups)])
        expect(published[0]).toMatchObject({ number: 1, publishedByName: ALICE.name })
        expect(left, `seed ${seed}`).toBeNull()
      }
      net.destroy()
    }
  })

  it('keep a round published on one computer exactly as published while another draws it again', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const net = new TestConnector(2, seed).seed((d) => {
        optIn(d)
        drawPairingRound(d, ctxAt(), 'first')
      })
      const [alice, bob] = net.docs as [Y.Doc, Y.Doc]
      const draft = readPairingRounds(alice).draft!
      net.disconnectAll()
      publishPairingRound(alice, ctxAt(T0 + 10), draft.id)
      drawPairingRound(bob, ctxAt(T0 + 20, BOB), 'again')
      const redrawn = readPairingRounds(bob).draft!
      settle(net)
      const [a, b] = [readPairingRounds(alice), readPairingRounds(bob)]
      expect(a).toEqual(b)
      expect(a.published.map((r) => groupIds(r.groups)), `seed ${seed}`).toEqual([groupIds(draft.groups)])
      // Bob's new draw is still there to publish (as the next round), with the same pairs he saw.
      expect(a.draft && groupIds(a.draft.groups), `seed ${seed}`).toBe(groupIds(redrawn.groups))
      expect(a.draft?.number).toBe(2)
      net.destroy()
    }
  })

  it('show a draft published on two computers at once as one round', () => {
    const net = new TestConnector(2, 3).seed((d) => {
      optIn(d)
      drawPairingRound(d, ctxAt(), 'first')
    })
    const [alice, bob] = net.docs as [Y.Doc, Y.Doc]
    const draft = readPairingRounds(alice).draft!
    net.disconnectAll()
    publishPairingRound(alice, ctxAt(T0 + 10), draft.id)
    publishPairingRound(bob, ctxAt(T0 + 20, BOB), draft.id)
    settle(net)
    for (const d of net.docs) {
      const { published } = readPairingRounds(d)
      expect(published).toHaveLength(1)
      // The earlier publishing is the one on record, on every computer.
      expect(published[0]).toMatchObject({ id: draft.id, number: 1, publishedAt: T0 + 10, publishedByName: ALICE.name })
    }
  })

  const SEEDS = 80
  it(`never lose or change a published round, whatever the others do meanwhile (${SEEDS} seeds)`, () => {
    const seen = { publishes: 0, samePublishedTwice: 0, discards: 0, draws: 0 }
    for (let seed = 1; seed <= SEEDS; seed++) {
      const gen = prng.create(seed * 104_729)
      seedIds(gen)
      const net = new TestConnector(3, seed, { duplicateRate: 0.25 }).seed((d) => optIn(d))
      const clocks = net.docs.map((_, i) => steppingCtx(PEOPLE[i], T0 + i * 7))
      /** Every round someone published: the draft's id → its pairs as they saw them. */
      const published = new Map<string, string>()
      let publishes = 0

      const randomOp = (i: number): void => {
        const doc = net.doc(i)
        const ctx = clocks[i]!
        const roll = prng.real53(gen)
        const { draft } = readPairingRounds(doc)
        if (roll < 0.45) {
          drawPairingRound(doc, ctx, `s${seed}-${prng.uint32(gen, 0, 1e9)}`)
          seen.draws++
        } else if (roll < 0.85 && draft) {
          publishPairingRound(doc, ctx, draft.id)
          const before = published.get(draft.id)
          if (before !== undefined) expect(before, `seed ${seed}: one draft id published with two sets of pairs`).toBe(groupIds(draft.groups))
          published.set(draft.id, groupIds(draft.groups))
          publishes++
        } else if (draft) {
          discardPairingDraft(doc, ctx)
          seen.discards++
        }
      }

      net.disconnectAll()
      for (let step = 0; step < 10; step++) randomOp(prng.int32(gen, 0, 2))
      for (let round = 0; round < 5; round++) {
        const i = prng.int32(gen, 0, 2)
        if (net.isOnline(i)) net.disconnect(i)
        else net.reconnect(i)
        net.flushSome(5)
        for (let step = 0; step < 3; step++) randomOp(prng.int32(gen, 0, 2))
      }
      settle(net)

      const reads = net.docs.map((d) => readPairingRounds(d))
      reads.forEach((r, i) => expect(JSON.stringify(r), `seed ${seed}: doc ${i} shows other rounds`).toBe(JSON.stringify(reads[0])))
      const shown = new Map(reads[0]!.published.map((r) => [r.id as string, groupIds(r.groups)]))
      expect(shown.size, `seed ${seed}: a round shows twice`).toBe(reads[0]!.published.length)
      expect(shown, `seed ${seed}: a published round was lost, changed or invented`).toEqual(published)
      expect(reads[0]!.published.map((r) => r.number)).toEqual(reads[0]!.published.map((_, k) => k + 1))
      if (reads[0]!.draft) expect(shown.has(reads[0]!.draft.id), `seed ${seed}: a published round is still a draft`).toBe(false)
      seen.publishes += publishes
      // The same draft published on two computers before either heard of the other.
      seen.samePublishedTwice += publishes - published.size
      net.destroy()
      vi.restoreAllMocks()
    }
    // The seeds reached the hard cases: concurrent publishing, discarding and drawing.
    expect(seen.publishes).toBeGreaterThan(100)
    expect(seen.discards).toBeGreaterThan(50)
    expect(seen.samePublishedTwice).toBeGreaterThan(0)
  })
})

// ---- 2. mentor links ------------------------------------------------------------------------------

function newProgramme(doc: Y.Doc = createDoc()): Y.Doc {
  initProgrammeDoc(doc, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'Digital accelerator' })
  return doc
}

function mentorInput(name: string, capacity = 5, expertise: readonly string[] = ['digital-forms']): MentorInput {
  return { name, internal: false, sector: 'nhs', capacity, expertise }
}

const PROJECT = 'project-a' as ProjectId

/** Programme docs and project docs of N team members, each pair on its own connector. */
function team(n: number, seed: number, mentors: readonly string[]): { programmes: TestConnector; projects: TestConnector; ids: MentorId[] } {
  const ids: MentorId[] = []
  const programmes = new TestConnector(n, seed).seed((d) => {
    newProgramme(d)
    for (const name of mentors) ids.push(addMentor(d, ctxAt(), mentorInput(name)))
  })
  const projects = new TestConnector(n, seed + 1_000).seed((d) => createProject(programmes.doc(0), d, ctxAt(), { id: PROJECT, name: 'Blue badges' }))
  // The summary entry the first programme doc got when the project was created reaches the others.
  programmes.flushAll()
  return { programmes, projects, ids }
}

describe('a mentor linked on two computers at once', () => {
  it('keeps one link with both people’s steps, and the later move to active stands', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { programmes, projects, ids } = team(2, seed, ['Priya Shah'])
      const mentor = ids[0]!
      projects.disconnectAll()
      programmes.disconnectAll()
      const [pa, pb] = programmes.docs as [Y.Doc, Y.Doc]
      const [a, b] = projects.docs as [Y.Doc, Y.Doc]
      // Alice links Priya as requested and then marks her active; Bob suggests her at the same time.
      linkMentor(pa, a, ctxAt(T0 + 1), mentor, 'requested')
      changeMentorLink(pa, a, ctxAt(T0 + 2), mentor, 'active', { overCapacityConfirmed: false })
      logMentorSession(pa, a, ctxAt(T0 + 3), { linkId: mentor, date: '2026-05-29' })
      linkMentor(pb, b, ctxAt(T0 + 5, BOB), mentor, 'suggested')
      settle(projects, programmes)
      for (const d of projects.docs) {
        const links = readMentorLinks(d)
        expect(links, `seed ${seed}`).toHaveLength(1)
        expect(links[0]!.state, `seed ${seed}: Alice's move to active was lost`).toBe('active')
        expect(links[0]!.history.map((s) => [s.state, s.byName]).sort(), `seed ${seed}`).toEqual(
          [
            ['active', ALICE.name],
            ['requested', ALICE.name],
            ['suggested', BOB.name]
          ].sort()
        )
        expect(links[0]!.since).toMatchObject({ state: 'active', at: T0 + 2 })
        // Her session stays logged on the link.
        expect(readMentorSessions(d, mentor).map((s) => s.date)).toEqual(['2026-05-29'])
      }
      expect(readMentorLinks(a)).toEqual(readMentorLinks(b))
      projects.destroy()
      programmes.destroy()
    }
  })

  it('orders steps by what each person had seen, not by computer clocks', () => {
    const { programmes, projects, ids } = team(2, 7, ['Priya Shah'])
    const mentor = ids[0]!
    const [pa, pb] = programmes.docs as [Y.Doc, Y.Doc]
    const [a, b] = projects.docs as [Y.Doc, Y.Doc]
    // Alice's clock is an hour fast. She marks the link active; Bob sees it, and ends it.
    linkMentor(pa, a, ctxAt(T0 + 3_600_000), mentor, 'requested')
    changeMentorLink(pa, a, ctxAt(T0 + 3_600_001), mentor, 'active', { overCapacityConfirmed: false })
    settle(projects, programmes)
    changeMentorLink(pb, b, ctxAt(T0 + 60_000, BOB), mentor, 'ended', { overCapacityConfirmed: false })
    settle(projects, programmes)
    for (const d of projects.docs) {
      expect(readMentorLink(d, mentor)?.state).toBe('ended')
      expect(readMentorLink(d, mentor)?.history.map((s) => s.state)).toEqual(['requested', 'active', 'ended'])
    }
  })

  it('two moves made at once both stay in the history, and every computer agrees which stands', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { programmes, projects, ids } = team(3, seed, ['Priya Shah'])
      const mentor = ids[0]!
      linkMentor(programmes.doc(0), projects.doc(0), ctxAt(T0), mentor, 'requested')
      settle(projects, programmes)
      projects.disconnectAll()
      changeMentorLink(programmes.doc(1), projects.doc(1), ctxAt(T0 + 10, BOB), mentor, 'active', { overCapacityConfirmed: true })
      changeMentorLink(programmes.doc(2), projects.doc(2), ctxAt(T0 + 10, CHEN), mentor, 'ended', { overCapacityConfirmed: true })
      settle(projects, programmes)
      const links = projects.docs.map((d) => readMentorLink(d, mentor))
      links.forEach((l) => expect(l).toEqual(links[0]))
      expect(links[0]!.history.map((s) => s.state).sort()).toEqual(['active', 'ended', 'requested'])
      expect(['active', 'ended']).toContain(links[0]!.state)
      projects.destroy()
      programmes.destroy()
    }
  })
})

// ---- 3. mentor entries ----------------------------------------------------------------------------

describe('expertise added on several computers at once', () => {
  const tags = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`)

  it('never makes the entry unreadable; it can still be edited, and tags removed but not added past the limit', () => {
    const net = new TestConnector(2, 9).seed((d) => void addMentor(d, ctxAt(), mentorInput('Priya Shah', 2, tags('base', 20))))
    const [a, b] = net.docs as [Y.Doc, Y.Doc]
    const id = readMentorLinksIdOf(a)
    net.disconnectAll()
    updateMentor(a, ctxAt(T0 + 1), id, { expertise: [...readMentor(a, id)!.expertise, ...tags('alice', 10)] })
    updateMentor(b, ctxAt(T0 + 2, BOB), id, { expertise: [...readMentor(b, id)!.expertise, ...tags('bob', 10)] })
    settle(net)
    for (const d of net.docs) {
      const m = readMentor(d, id)
      expect(m?.name).toBe('Priya Shah')
      expect(m?.expertise).toHaveLength(40)
    }
    // Editing another field still works; adding one more tag is refused in words; removing is fine.
    updateMentor(a, ctxAt(T0 + 3), id, { capacity: 4 })
    expect(readMentor(a, id)).toMatchObject({ capacity: 4 })
    const add = (() => {
      try {
        updateMentor(a, ctxAt(T0 + 4), id, { expertise: [...readMentor(a, id)!.expertise, 'one-more'] })
      } catch (err) {
        return err
      }
      return null
    })()
    expect(add).toBeInstanceOf(InputError)
    expect((add as InputError).message).toBe('Enter 30 expertise tags or fewer')
    updateMentor(a, ctxAt(T0 + 5), id, { expertise: readMentor(a, id)!.expertise.slice(0, 35) })
    expect(readMentor(a, id)?.expertise).toHaveLength(35)
  })
})

describe('lists that grow by merging, past what one person may add', () => {
  it('a session with more actions than the form allows still reads (its first 500), and a long link history too', () => {
    const { programmes, projects, ids } = team(1, 8, ['Priya Shah'])
    const [programme, project] = [programmes.doc(0), projects.doc(0)]
    const mentor = ids[0]!
    linkMentor(programme, project, ctxAt(), mentor, 'requested')
    changeMentorLink(programme, project, ctxAt(), mentor, 'active', { overCapacityConfirmed: false })
    const id = logMentorSession(programme, project, ctxAt(), { linkId: mentor, actions: ['First'] })
    // Many colleagues each adding actions at once (each within the limit of 50 they saw).
    const actions = (mentorSessionsOf(project).get(id) as Y.Map<unknown>).get('actions') as Y.Array<unknown>
    project.transact(() => actions.push(Array.from({ length: 520 }, (_, i) => ({ id: `merged-${i}`, text: `Action ${i}` }))))
    const session = readMentorSessions(project)[0]
    expect(session?.id).toBe(id)
    expect(session?.actions).toHaveLength(500)
    expect(session?.actions[0]?.text).toBe('First')
    project.transact(() =>
      mentorLinkHistoryOf(project, mentor).push(
        Array.from({ length: 10_050 }, (_, i) => ({ state: i % 2 ? 'active' : 'ended', at: T0 + i, by: ALICE.id, byName: ALICE.name, seq: 3 }))
      )
    )
    expect(readMentorLinks(project).map((l) => l.mentorId)).toEqual([mentor])
  })
})

function readMentorLinksIdOf(programme: Y.Doc): MentorId {
  return [...programme.getMap('mentors').keys()][0] as MentorId
}

// ---- 4. the programme's summary of a project ----------------------------------------------------

describe('the programme’s mentor summary of a project', () => {
  it('shows both mentors when two colleagues make different mentors active at once', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { programmes, projects, ids } = team(2, seed, ['Priya Shah', 'Tom Reid'])
      const [priya, tom] = ids as [MentorId, MentorId]
      const [pa, pb] = programmes.docs as [Y.Doc, Y.Doc]
      const [a, b] = projects.docs as [Y.Doc, Y.Doc]
      const stop = [watchProjectSummary(pa, a, ctxAt(T0, ALICE)), watchProjectSummary(pb, b, ctxAt(T0, BOB))]
      projects.disconnectAll()
      programmes.disconnectAll()
      linkMentor(pa, a, ctxAt(T0 + 1), priya, 'requested')
      changeMentorLink(pa, a, ctxAt(T0 + 2), priya, 'active', { overCapacityConfirmed: false })
      linkMentor(pb, b, ctxAt(T0 + 1, BOB), tom, 'requested')
      changeMentorLink(pb, b, ctxAt(T0 + 2, BOB), tom, 'active', { overCapacityConfirmed: false })
      logMentorSession(pb, b, ctxAt(T0 + 3, BOB), { linkId: tom, date: '2026-05-29' })
      settle(projects, programmes)
      for (const p of programmes.docs) {
        expect(readProjectIndex(p).find((s) => s.id === PROJECT), `seed ${seed}`).toMatchObject({
          activeMentorIds: [priya, tom].sort(),
          lastSessionDate: '2026-05-29'
        })
      }
      stop.forEach((f) => f())
      projects.destroy()
      programmes.destroy()
    }
  })

  it('stays right when only one of the two has the project open, whatever order the changes arrive in', () => {
    let rewrites = 0
    for (let seed = 1; seed <= 30; seed++) {
      const { programmes, projects, ids } = team(2, seed, ['Priya Shah', 'Tom Reid'])
      const [priya, tom] = ids as [MentorId, MentorId]
      const [pa, pb] = programmes.docs as [Y.Doc, Y.Doc]
      const [a, b] = projects.docs as [Y.Doc, Y.Doc]
      projects.disconnectAll()
      programmes.disconnectAll()
      linkMentor(pb, b, ctxAt(T0 + 1, BOB), tom, 'requested')
      changeMentorLink(pb, b, ctxAt(T0 + 2, BOB), tom, 'active', { overCapacityConfirmed: false })
      // Bob closes the project; Alice opens it (her copy does not have Bob's change yet) and makes Priya active.
      const stop = watchProjectSummary(pa, a, ctxAt(T0, ALICE))
      linkMentor(pa, a, ctxAt(T0 + 1), priya, 'requested')
      changeMentorLink(pa, a, ctxAt(T0 + 2), priya, 'active', { overCapacityConfirmed: false })
      let written = 0
      pa.on('update', (_u: Uint8Array, origin: unknown) => void (origin !== 'remote' && written++))
      // Bob's project change reaches Alice first, his stale summary of it afterwards.
      projects.reconnectAll()
      projects.flushAll()
      settle(programmes)
      for (const p of programmes.docs) expect(readProjectIndex(p)[0]?.activeMentorIds, `seed ${seed}`).toEqual([priya, tom].sort())
      rewrites += written > 1 ? 1 : 0
      stop()
      projects.destroy()
      programmes.destroy()
    }
    // Some seeds put Bob's stale summary last: Alice's app noticed and wrote the summary again.
    expect(rewrites).toBeGreaterThan(0)
  })

  it('is not overwritten by a computer whose copy of the project is behind when it opens the project', () => {
    const { programmes, projects, ids } = team(2, 4, ['Priya Shah'])
    const [pa, pb] = programmes.docs as [Y.Doc, Y.Doc]
    const [a, b] = projects.docs as [Y.Doc, Y.Doc]
    projects.disconnect(0)
    linkMentor(pb, b, ctxAt(T0 + 1, BOB), ids[0]!, 'requested')
    changeMentorLink(pb, b, ctxAt(T0 + 2, BOB), ids[0]!, 'active', { overCapacityConfirmed: false })
    programmes.flushAll()
    expect(readProjectIndex(pa)[0]?.activeMentorIds).toEqual([ids[0]])
    // Alice opens the project from her own (older) copy: nothing is written over Bob's summary.
    const stop = watchProjectSummary(pa, a, ctxAt())
    expect(readProjectIndex(pa)[0]?.activeMentorIds).toEqual([ids[0]])
    settle(projects, programmes)
    for (const p of programmes.docs) expect(readProjectIndex(p)[0]?.activeMentorIds).toEqual([ids[0]])
    stop()
  })

  it('writes only when the summary changes, never adds a project the programme does not list, and stops when asked', () => {
    const { programmes, projects, ids } = team(1, 5, ['Priya Shah'])
    const [programme, project] = [programmes.doc(0), projects.doc(0)]
    let writes = 0
    programme.on('update', () => writes++)
    const stop = watchProjectSummary(programme, project, ctxAt())
    expect(writes).toBe(0)
    linkMentor(programme, project, ctxAt(), ids[0]!, 'suggested')
    const afterLink = writes
    // A change elsewhere in the project doc (or one that leaves the summary as it is) writes nothing.
    project.getMap('project').set('serviceArea', 'Parking')
    expect(writes).toBe(afterLink)
    stop()

    // A project from another programme (a mentor's, or a council's shared one) is never added.
    const elsewhere = newProgramme()
    const off = watchProjectSummary(elsewhere, project, ctxAt())
    changeMentorLink(programme, project, ctxAt(), ids[0]!, 'requested', { overCapacityConfirmed: false })
    expect(readProjectIndex(elsewhere)).toEqual([])
    off()
  })

  it('corrects a summary left stale while the project was closed, when the project is opened', () => {
    const { programmes, projects, ids } = team(1, 6, ['Priya Shah'])
    const [programme, project] = [programmes.doc(0), projects.doc(0)]
    // The link was made active where this programme doc did not see it (as when a colleague's change arrives later).
    addMentorLink(project, ctxAt(), { mentorId: ids[0]!, mentorName: 'Priya Shah', state: 'requested' })
    setMentorLinkState(project, ctxAt(), ids[0]!, 'active', { overCapacityConfirmed: true })
    expect(readProjectIndex(programme)[0]?.activeMentorIds).toEqual([])
    const stop = watchProjectSummary(programme, project, ctxAt())
    expect(readProjectIndex(programme)[0]?.activeMentorIds).toEqual([ids[0]])
    stop()
  })
})
