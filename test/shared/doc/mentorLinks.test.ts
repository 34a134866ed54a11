import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  actionToCard,
  activeLinkCounts,
  addMentor,
  addSessionAction,
  cardSessionOrigin,
  changeMentorLink,
  createDoc,
  createProject,
  editProject,
  initProgrammeDoc,
  lastSession,
  linkMentor,
  logMentorSession,
  mentorLinksOf,
  mentorSessionsOf,
  newNotesDraft,
  projectsWithoutActiveMentor,
  readActivity,
  readBoard,
  readCard,
  readMentorLink,
  readMentorLinks,
  readMentorSession,
  readMentorSessions,
  readProjectIndex,
  sessionNotesOf,
  setMentorRetired,
  type ActivityEntry,
  type MentorInput
} from '@shared/doc'
import { readProblemsOf } from '@shared/doc/readProblems'
import type { MentorId, ProgrammeId, ProjectId } from '@shared/domain/ids'
import { InputError } from '@shared/domain/inputError'
import {
  allowedTransitions,
  assertTransition,
  MENTOR_LINK_STATES,
  MentorOverCapacityError,
  transitionLabel,
  type MentorLinkState
} from '@shared/domain/mentorLinkStates'
import { BOB, ctxAt, T0 } from '../support'

function newProgramme(): Y.Doc {
  const doc = createDoc()
  initProgrammeDoc(doc, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'Digital accelerator' })
  return doc
}

function mentorInput(name: string, capacity: number): MentorInput {
  return { name, internal: false, sector: 'nhs', capacity, expertise: ['digital-forms'] }
}

function newProjectIn(programme: Y.Doc, id: string, name: string): Y.Doc {
  const doc = createDoc()
  createProject(programme, doc, ctxAt(), { id: id as ProjectId, name })
  return doc
}

/** A programme with one mentor (capacity 1) and two projects. */
function setup(capacity = 1): { programme: Y.Doc; a: Y.Doc; b: Y.Doc; mentor: MentorId } {
  const programme = newProgramme()
  const mentor = addMentor(programme, ctxAt(), mentorInput('Priya Shah', capacity))
  return { programme, a: newProjectIn(programme, 'project-a', 'Blue badges'), b: newProjectIn(programme, 'project-b', 'Bulky waste'), mentor }
}

function makeActive(programme: Y.Doc, project: Y.Doc, mentor: MentorId, confirmed = false): void {
  linkMentor(programme, project, ctxAt(), mentor, 'requested')
  changeMentorLink(programme, project, ctxAt(), mentor, 'active', { overCapacityConfirmed: confirmed })
}

/** Entries of the log of one kind, as every reader sees them (they pass the stored schema). */
function logged(doc: Y.Doc, type: ActivityEntry['type']): ActivityEntry[] {
  return readActivity(doc).filter((e) => e.type === type)
}

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('Expected the operation to throw')
}

describe('the link state machine', () => {
  const allowed: Record<MentorLinkState, MentorLinkState[]> = {
    suggested: ['requested', 'ended'],
    requested: ['active', 'ended'],
    active: ['ended'],
    ended: ['requested']
  }

  it('allows exactly suggested→requested→active→ended, declining, withdrawing and starting again', () => {
    for (const from of MENTOR_LINK_STATES) {
      expect(allowedTransitions(from)).toEqual(allowed[from])
      for (const to of MENTOR_LINK_STATES) {
        if (allowed[from].includes(to)) expect(() => assertTransition(from, to)).not.toThrow()
        else expect(thrown(() => assertTransition(from, to))).toBeInstanceOf(InputError)
      }
    }
  })

  it('refuses in plain words that say what to do instead', () => {
    const message = (from: MentorLinkState, to: MentorLinkState): string => (thrown(() => assertTransition(from, to)) as Error).message
    expect(message('suggested', 'active')).toBe('Ask the mentor first: mark them as requested, then as active when they agree')
    expect(message('ended', 'active')).toBe('Start again first: ask the mentor again, then mark them as active when they agree')
    expect(message('active', 'requested')).toBe('This mentor is already mentoring the team; end the mentoring first')
    expect(message('requested', 'suggested')).toBe('A mentor cannot go back to being suggested once they have been asked or ended')
    expect(message('ended', 'ended')).toBe('This mentoring has already ended')
    expect(message('active', 'active')).toBe('This mentor is already active')
  })

  it('labels each button with what it does', () => {
    expect(transitionLabel('suggested', 'requested')).toBe('Mark as requested')
    expect(transitionLabel('suggested', 'ended')).toBe('Decline suggestion')
    expect(transitionLabel('requested', 'active')).toBe('Mark as active')
    expect(transitionLabel('requested', 'ended')).toBe('Withdraw request')
    expect(transitionLabel('active', 'ended')).toBe('End mentoring')
    expect(transitionLabel('ended', 'requested')).toBe('Start again')
  })
})

describe('linking a mentor to a project', () => {
  it('creates one link with its first history step and who made it, and logs it', () => {
    const { programme, a, mentor } = setup()
    linkMentor(programme, a, ctxAt(T0 + 5, BOB), mentor, 'suggested')
    const link = readMentorLink(a, mentor)
    expect(link).toMatchObject({ id: mentor, mentorId: mentor, mentorName: 'Priya Shah', state: 'suggested', createdAt: T0 + 5 })
    expect(link?.history).toEqual([{ state: 'suggested', at: T0 + 5, by: BOB.id, byName: BOB.name }])
    expect(link?.since).toEqual(link?.history[0])
    expect(logged(a, 'mentorLink.added')).toMatchObject([{ by: BOB.id, data: { mentorId: mentor, mentorName: 'Priya Shah', state: 'suggested' } }])
  })

  it('walks suggested → requested → active → ended → requested, keeping every step', () => {
    const { programme, a, mentor } = setup(3)
    linkMentor(programme, a, ctxAt(T0), mentor, 'suggested')
    changeMentorLink(programme, a, ctxAt(T0 + 1), mentor, 'requested', { overCapacityConfirmed: false })
    changeMentorLink(programme, a, ctxAt(T0 + 2, BOB), mentor, 'active', { overCapacityConfirmed: false })
    changeMentorLink(programme, a, ctxAt(T0 + 3), mentor, 'ended', { overCapacityConfirmed: false })
    changeMentorLink(programme, a, ctxAt(T0 + 4), mentor, 'requested', { overCapacityConfirmed: false })
    const link = readMentorLink(a, mentor)
    expect(link?.state).toBe('requested')
    expect(link?.history.map((s) => s.state)).toEqual(['suggested', 'requested', 'active', 'ended', 'requested'])
    expect(link?.since?.at).toBe(T0 + 4)
    expect(logged(a, 'mentorLink.changed').map((e) => [e.data?.from, e.data?.to])).toEqual([
      ['suggested', 'requested'],
      ['requested', 'active'],
      ['active', 'ended'],
      ['ended', 'requested']
    ])
    expect(readProblemsOf(a)).toEqual([])
  })

  it('refuses a second link to the same mentor, and says how to restart an ended one', () => {
    const { programme, a, mentor } = setup()
    linkMentor(programme, a, ctxAt(), mentor, 'suggested')
    expect((thrown(() => linkMentor(programme, a, ctxAt(), mentor, 'requested')) as Error).message).toBe('Priya Shah is already linked to this project')
    changeMentorLink(programme, a, ctxAt(), mentor, 'ended', { overCapacityConfirmed: false })
    expect((thrown(() => linkMentor(programme, a, ctxAt(), mentor, 'suggested')) as Error).message).toBe(
      'Priya Shah was linked to this project before. Use “Start again” on their entry under Current mentors'
    )
    expect(readMentorLinks(a)).toHaveLength(1)
  })

  it('refuses a refused move on a stored link without changing it', () => {
    const { programme, a, mentor } = setup()
    linkMentor(programme, a, ctxAt(), mentor, 'suggested')
    const err = thrown(() => changeMentorLink(programme, a, ctxAt(), mentor, 'active', { overCapacityConfirmed: true }))
    expect(err).toBeInstanceOf(InputError)
    expect(readMentorLink(a, mentor)?.state).toBe('suggested')
  })

  it('refuses a retired mentor', () => {
    const { programme, a, mentor } = setup()
    setMentorRetired(programme, ctxAt(), mentor, true)
    expect((thrown(() => linkMentor(programme, a, ctxAt(), mentor, 'suggested')) as Error).message).toBe(
      'Priya Shah has retired from the directory, so they cannot be linked'
    )
  })

  it('two people linking the same mentor at once end with one link, and concurrent moves are both in its history', () => {
    const { programme, a, mentor } = setup(5)
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(a))
    linkMentor(programme, a, ctxAt(T0 + 1), mentor, 'requested')
    linkMentor(programme, other, ctxAt(T0 + 2, BOB), mentor, 'suggested')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(other))
    Y.applyUpdate(other, Y.encodeStateAsUpdate(a))
    expect(readMentorLinks(a)).toHaveLength(1)
    expect(readMentorLinks(a)).toEqual(readMentorLinks(other))

    // Now both move the same link at the same time: one to active, one to ended.
    const state = readMentorLink(a, mentor)?.state
    const [x, y] = state === 'requested' ? (['active', 'ended'] as const) : (['requested', 'ended'] as const)
    changeMentorLink(programme, a, ctxAt(T0 + 10), mentor, x, { overCapacityConfirmed: true })
    changeMentorLink(programme, other, ctxAt(T0 + 11, BOB), mentor, y, { overCapacityConfirmed: true })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(other))
    Y.applyUpdate(other, Y.encodeStateAsUpdate(a))
    const merged = readMentorLink(a, mentor)
    expect(merged).toEqual(readMentorLink(other, mentor))
    expect(merged?.history.slice(-2).map((s) => s.state)).toEqual([x, y])
    expect([x, y]).toContain(merged?.state)
  })
})

describe('capacity', () => {
  it('counts active links across the programme from the summaries; suggestions, requests and archived projects do not count', () => {
    const { programme, a, b, mentor } = setup(2)
    linkMentor(programme, b, ctxAt(), mentor, 'requested')
    expect(activeLinkCounts(programme).get(mentor)).toBeUndefined()
    makeActive(programme, a, mentor)
    expect(activeLinkCounts(programme).get(mentor)).toBe(1)
    editProject(programme, a, ctxAt(), { archived: true })
    expect(activeLinkCounts(programme).get(mentor)).toBeUndefined()
  })

  it('making a link active over capacity needs a confirmation; confirmed, it goes ahead and is logged as over capacity', () => {
    const { programme, a, b, mentor } = setup(1)
    makeActive(programme, a, mentor)
    linkMentor(programme, b, ctxAt(), mentor, 'requested')
    const err = thrown(() => changeMentorLink(programme, b, ctxAt(), mentor, 'active', { overCapacityConfirmed: false }))
    expect(err).toBeInstanceOf(MentorOverCapacityError)
    expect(err).toMatchObject({ mentorName: 'Priya Shah', active: 1, capacity: 1 })
    expect((err as Error).message).toBe('Priya Shah already mentors 1 team, and their capacity is 1. Making this link active takes them over capacity')
    expect(readMentorLink(b, mentor)?.state).toBe('requested')

    changeMentorLink(programme, b, ctxAt(), mentor, 'active', { overCapacityConfirmed: true })
    expect(readMentorLink(b, mentor)?.state).toBe('active')
    expect(activeLinkCounts(programme).get(mentor)).toBe(2)
    expect(logged(b, 'mentorLink.changed').at(-1)?.data).toMatchObject({ to: 'active', overCapacity: true })
  })

  it('a mentor with capacity 0 (not taking teams) also needs the confirmation; one under capacity does not', () => {
    const { programme, a, b, mentor } = setup(0)
    linkMentor(programme, a, ctxAt(), mentor, 'requested')
    expect(thrown(() => changeMentorLink(programme, a, ctxAt(), mentor, 'active', { overCapacityConfirmed: false }))).toBeInstanceOf(MentorOverCapacityError)
    const roomy = addMentor(programme, ctxAt(), mentorInput('Tom Ellis', 2))
    expect(() => makeActive(programme, b, roomy)).not.toThrow()
    expect(logged(b, 'mentorLink.changed').at(-1)?.data).not.toHaveProperty('overCapacity')
  })
})

describe('sessions', () => {
  it('are logged only on an active link', () => {
    const { programme, a, mentor } = setup()
    linkMentor(programme, a, ctxAt(), mentor, 'requested')
    const err = thrown(() => logMentorSession(programme, a, ctxAt(), { linkId: mentor }))
    expect(err).toMatchObject({ field: 'link', message: 'Sessions can be logged once Priya Shah is marked as active' })
  })

  it('default to today in London, refuse future and unreal dates, and keep actions one per entry', () => {
    const { programme, a, mentor } = setup()
    makeActive(programme, a, mentor)
    // 23:30 UTC on 31 May 2026 is already 1 June in London (BST).
    const lateNight = Date.UTC(2026, 4, 31, 23, 30)
    const id = logMentorSession(programme, a, ctxAt(lateNight, BOB), { linkId: mentor, actions: ['  Call the DPO ', '', 'Draft the form'] })
    expect(readMentorSession(a, id)).toMatchObject({ linkId: mentor, date: '2026-06-01', by: BOB.id, byName: BOB.name, createdAt: lateNight })
    expect(readMentorSession(a, id)?.actions.map((x) => [x.text, x.cardId])).toEqual([
      ['Call the DPO', null],
      ['Draft the form', null]
    ])
    expect(thrown(() => logMentorSession(programme, a, ctxAt(T0), { linkId: mentor, date: '2026-06-02' }))).toMatchObject({
      field: 'date',
      message: 'The session date must be today or in the past'
    })
    expect(thrown(() => logMentorSession(programme, a, ctxAt(T0), { linkId: mentor, date: '2026-02-30' }))).toMatchObject({ field: 'date', message: 'Enter a real date for the session' })
    expect(thrown(() => logMentorSession(programme, a, ctxAt(T0), { linkId: mentor, actions: ['x'.repeat(301)] }))).toMatchObject({ field: 'actions' })
    expect(logged(a, 'mentorSession.logged')).toMatchObject([{ data: { sessionId: id, date: '2026-06-01', actions: 2, mentorName: 'Priya Shah' } }])
  })

  it('list newest first, and the last session is the latest date', () => {
    const { programme, a, mentor } = setup()
    makeActive(programme, a, mentor)
    const s1 = logMentorSession(programme, a, ctxAt(T0), { linkId: mentor, date: '2026-05-20' })
    const s2 = logMentorSession(programme, a, ctxAt(T0 + 1), { linkId: mentor, date: '2026-05-27' })
    const s3 = logMentorSession(programme, a, ctxAt(T0 + 2), { linkId: mentor, date: '2026-05-01' })
    expect(readMentorSessions(a).map((s) => s.id)).toEqual([s2, s1, s3])
    expect(readMentorSessions(a, 'someone-else')).toEqual([])
    expect(lastSession(a)?.id).toBe(s2)
  })

  it('copy the notes typed in the form into the session’s own notes', () => {
    const { programme, a, mentor } = setup()
    makeActive(programme, a, mentor)
    const draft = newNotesDraft()
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('Talked through the DPIA')])
    draft.insert(0, [p])
    const id = logMentorSession(programme, a, ctxAt(), { linkId: mentor, notes: draft })
    expect(sessionNotesOf(a, id).toString()).toBe('<paragraph>Talked through the DPIA</paragraph>')
  })

  it('become read-only when the mentoring ends', () => {
    const { programme, a, mentor } = setup()
    makeActive(programme, a, mentor)
    const id = logMentorSession(programme, a, ctxAt(), { linkId: mentor, actions: ['Book a room'] })
    changeMentorLink(programme, a, ctxAt(), mentor, 'ended', { overCapacityConfirmed: false })
    expect(thrown(() => addSessionAction(a, ctxAt(), id, 'More'))).toMatchObject({ message: 'This mentoring has ended, so its sessions can only be read' })
    const action = readMentorSession(a, id)?.actions[0]
    expect(thrown(() => actionToCard(a, ctxAt(), id, action!.id))).toMatchObject({ message: 'This mentoring has ended, so its actions cannot become cards' })
  })

  it('take actions added later', () => {
    const { programme, a, mentor } = setup()
    makeActive(programme, a, mentor)
    const id = logMentorSession(programme, a, ctxAt(), { linkId: mentor })
    addSessionAction(a, ctxAt(), id, 'Share the survey')
    expect(readMentorSession(a, id)?.actions.map((x) => x.text)).toEqual(['Share the survey'])
    expect(thrown(() => addSessionAction(a, ctxAt(), id, '   '))).toMatchObject({ field: 'action', message: 'Enter the action' })
  })
})

describe('an action becomes a card', () => {
  it('in one step, in the first not-started column, linked both ways, and only once', () => {
    const { programme, a, mentor } = setup()
    makeActive(programme, a, mentor)
    const id = logMentorSession(programme, a, ctxAt(), { linkId: mentor, date: '2026-05-28', actions: ['Ask IG about data sharing'] })
    const action = readMentorSession(a, id)!.actions[0]!
    let updates = 0
    const count = (): void => void updates++
    a.on('update', count)
    const cardId = actionToCard(a, ctxAt(T0 + 9, BOB), id, action.id)
    a.off('update', count)
    expect(updates).toBe(1)

    const board = readBoard(a)
    expect(board.columns[0]?.cards.map((c) => c.title)).toEqual(['Ask IG about data sharing'])
    expect(readCard(a, cardId)?.fromSession).toEqual({ sessionId: id, actionId: action.id })
    expect(readMentorSession(a, id)?.actions[0]?.cardId).toBe(cardId)
    expect(cardSessionOrigin(a, cardId)).toMatchObject({ session: { id, date: '2026-05-28' }, link: { mentorName: 'Priya Shah' } })
    expect(readActivity(a).filter((e) => e.type === 'card.created').at(-1)).toMatchObject({
      cardId,
      by: BOB.id,
      data: { title: 'Ask IG about data sharing', fromSession: { sessionId: id, actionId: action.id } }
    })

    expect(actionToCard(a, ctxAt(), id, action.id)).toBe(cardId)
    expect(readBoard(a).cardCount).toBe(1)
    // Still the same card after the mentoring ends.
    changeMentorLink(programme, a, ctxAt(), mentor, 'ended', { overCapacityConfirmed: false })
    expect(actionToCard(a, ctxAt(), id, action.id)).toBe(cardId)
    expect(readProblemsOf(a)).toEqual([])
  })

  it('goes to the named column when one is given', () => {
    const { programme, a, mentor } = setup()
    makeActive(programme, a, mentor)
    const id = logMentorSession(programme, a, ctxAt(), { linkId: mentor, actions: ['Run the pilot'] })
    const doing = readBoard(a).columns[1]!
    const cardId = actionToCard(a, ctxAt(), id, readMentorSession(a, id)!.actions[0]!.id, doing.id)
    expect(readCard(a, cardId)?.columnId).toBe(doing.id)
  })
})

describe('the programme’s summaries', () => {
  it('follow every link and session change, for capacity and coverage without opening project docs', () => {
    const { programme, a, mentor } = setup(2)
    const summary = (id: string) => readProjectIndex(programme).find((p) => p.id === id)
    expect(summary('project-a')).toMatchObject({ activeMentorIds: [], lastSessionDate: null })
    expect(projectsWithoutActiveMentor(programme).map((p) => p.name)).toEqual(['Blue badges', 'Bulky waste'])

    linkMentor(programme, a, ctxAt(), mentor, 'requested')
    expect(summary('project-a')?.activeMentorIds).toEqual([])
    changeMentorLink(programme, a, ctxAt(), mentor, 'active', { overCapacityConfirmed: false })
    expect(summary('project-a')?.activeMentorIds).toEqual([mentor])
    expect(projectsWithoutActiveMentor(programme).map((p) => p.name)).toEqual(['Bulky waste'])

    logMentorSession(programme, a, ctxAt(T0), { linkId: mentor, date: '2026-05-29' })
    expect(summary('project-a')?.lastSessionDate).toBe('2026-05-29')
    logMentorSession(programme, a, ctxAt(T0), { linkId: mentor, date: '2026-05-01' })
    expect(summary('project-a')?.lastSessionDate).toBe('2026-05-29')

    changeMentorLink(programme, a, ctxAt(), mentor, 'ended', { overCapacityConfirmed: false })
    expect(summary('project-a')).toMatchObject({ activeMentorIds: [], lastSessionDate: '2026-05-29' })
    expect(projectsWithoutActiveMentor(programme)).toHaveLength(2)
    expect(summary('project-b')).toMatchObject({ activeMentorIds: [], lastSessionDate: null })
  })

  it('a bad mentor field on a summary reads as no mentor and is reported, without hiding the project', () => {
    const { programme } = setup()
    const entry = programme.getMap<Y.Map<unknown>>('projects').get('project-a')!
    programme.transact(() => {
      entry.set('activeMentorIds', 'everyone')
      entry.set('lastSessionDate', 'yesterday')
    })
    expect(readProjectIndex(programme).find((p) => p.id === 'project-a')).toMatchObject({ name: 'Blue badges', activeMentorIds: [], lastSessionDate: null })
    expect(readProblemsOf(programme).map((p) => p.key)).toEqual(['project-a.activeMentorIds', 'project-a.lastSessionDate'])
  })
})

describe('records a peer wrote wrongly', () => {
  it('are skipped and reported; the good ones still show', () => {
    const { programme, a, mentor } = setup()
    makeActive(programme, a, mentor)
    const good = logMentorSession(programme, a, ctxAt(), { linkId: mentor, actions: ['Fine'] })
    a.transact(() => {
      const badLink = new Y.Map<unknown>()
      badLink.set('id', 'not-its-key')
      badLink.set('mentorId', 'm')
      badLink.set('state', 'active')
      mentorLinksOf(a).set('bad-link', badLink)
      const noState = new Y.Map<unknown>()
      noState.set('id', 'no-state')
      noState.set('mentorId', 'm2')
      noState.set('state', 'on holiday')
      noState.set('history', new Y.Array())
      mentorLinksOf(a).set('no-state', noState)
      const badSession = new Y.Map<unknown>()
      badSession.set('id', 'bad-session')
      badSession.set('linkId', mentor)
      badSession.set('date', 'sometime')
      mentorSessionsOf(a).set('bad-session', badSession)
      const hugeActions = new Y.Map<unknown>()
      hugeActions.set('id', 'huge')
      hugeActions.set('linkId', mentor)
      hugeActions.set('date', '2026-05-01')
      const list = new Y.Array<unknown>()
      list.push([{ id: 'a1', text: 'x'.repeat(5_000) }])
      hugeActions.set('actions', list)
      mentorSessionsOf(a).set('huge', hugeActions)
      mentorSessionsOf(a).set('plain', 'not a map' as never)
    })
    expect(readMentorLinks(a).map((l) => l.id)).toEqual([mentor])
    expect(readMentorSessions(a).map((s) => s.id)).toEqual([good])
    expect(
      readProblemsOf(a)
        .map((p) => `${String(p.kind)}:${p.key}`)
        .sort()
    ).toEqual(['mentor link:bad-link', 'mentor link:no-state', 'mentor session:bad-session', 'mentor session:huge', 'mentor session:plain'])
  })

  it('a first-version link (a map with its own history list) still reads, and takes new steps', () => {
    const { programme, a, mentor } = setup()
    // As the first version stored a link: a Y.Map with a state field and a nested history array.
    const firstVersion = (id: string, state: unknown, steps: unknown[]): Y.Map<unknown> => {
      const m = new Y.Map<unknown>()
      m.set('id', id)
      m.set('mentorId', id)
      m.set('mentorName', 'Priya Shah')
      m.set('state', state)
      const h = new Y.Array<unknown>()
      h.push(steps)
      m.set('history', h)
      m.set('createdAt', T0)
      return m
    }
    const step = (state: string, at: number): Record<string, unknown> => ({ state, at, by: 'person-alice', byName: 'Alice Okafor' })
    a.transact(() => {
      mentorLinksOf(a).set(mentor, firstVersion(mentor, 'requested', [step('suggested', T0), step('requested', T0 + 5)]))
      // Unknown state, good history: reads as its last step; a bad step alone is dropped.
      mentorLinksOf(a).set('paused', firstVersion('paused', 'paused', [step('suggested', T0), { state: 'asleep', at: Number.NaN }]))
    })
    expect(readMentorLink(a, 'paused')).toMatchObject({ state: 'suggested', history: [{ state: 'suggested', at: T0 }] })
    expect(readMentorLink(a, mentor)).toMatchObject({ state: 'requested', since: { state: 'requested', at: T0 + 5 } })
    changeMentorLink(programme, a, ctxAt(T0 + 10), mentor, 'active', { overCapacityConfirmed: false })
    const link = readMentorLink(a, mentor)
    expect(link?.state).toBe('active')
    expect(link?.history.map((s) => s.state)).toEqual(['suggested', 'requested', 'active'])
    expect(readProjectIndex(programme).find((p) => p.id === 'project-a')?.activeMentorIds).toEqual([mentor])
  })

  it('a card whose session link cannot be read still shows, without it', () => {
    const { programme, a, mentor } = setup()
    makeActive(programme, a, mentor)
    const id = logMentorSession(programme, a, ctxAt(), { linkId: mentor, actions: ['Fine'] })
    const cardId = actionToCard(a, ctxAt(), id, readMentorSession(a, id)!.actions[0]!.id)
    a.transact(() => a.getMap<Y.Map<unknown>>('cards').get(cardId)!.set('fromSession', { sessionId: 42 }))
    const card = readCard(a, cardId)
    expect(card?.title).toBe('Fine')
    expect(card).not.toHaveProperty('fromSession')
  })
})
