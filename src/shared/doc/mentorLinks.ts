import * as Y from 'yjs'
import { isIsoDate, todayInLondon, type IsoDate } from '../domain/dates'
import { newId, type Brand, type CardId, type ColumnId, type MentorId, type PersonId } from '../domain/ids'
import { InputError } from '../domain/inputError'
import { assertCapacity, assertTransition, type CapacityCheck, type MentorLinkState } from '../domain/mentorLinkStates'
import { appendActivity } from './activity'
import { addCard, cardTitleSchema, readCard } from './cards'
import { readColumns } from './columns'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { collect, problemReason, reportReadProblem, type RecordKind } from './readProblems'
import { MAX_LINK_STEPS, parseStoredLinkSteps, parseStoredMentorLink, parseStoredMentorSession, type StoredLinkStep } from './records/mentorLink'
import { badKey } from './records/common'
import { KEYS, mentorLinkHistoryKey, mentorSessionNotesKey, type RichText } from './schema'

/*
 * Mentor links and session logs (issue 9), in the project doc: the team's record of which mentors
 * help the project and what was agreed with them. Only the team writes these; a mentor adds their
 * own notes and comments through the comment channel (subject `mentor-session`), never here.
 *
 * Cross-doc operations (checking a mentor's capacity in the programme, refreshing the programme's
 * summary of the project) are in workspace.ts; everything here touches the project doc only.
 */

/** A link's id. It is the mentor's id: a project keeps one link per mentor (see mentorLinkStates.ts). */
export type MentorLinkId = Brand<string, 'MentorLinkId'>
export type MentorSessionId = Brand<string, 'MentorSessionId'>
export type SessionActionId = Brand<string, 'SessionActionId'>

export interface MentorLinkStep {
  readonly state: MentorLinkState
  readonly at: number
  readonly by: PersonId
  readonly byName: string
}

export interface MentorLink {
  readonly id: MentorLinkId
  readonly mentorId: MentorId
  /** A copy of the directory's name, for mentors' apps (they never receive the programme's directory). */
  readonly mentorName: string
  /** The state of the last step of `history` (see `orderSteps`). */
  readonly state: MentorLinkState
  /**
   * Every change, concurrent ones included (a top-level Y.Array keeps everyone's), in the order of
   * `orderSteps`: a step made after seeing another always comes after it, whatever the clocks say.
   */
  readonly history: readonly MentorLinkStep[]
  /** The latest step into the current state: "since when, changed by whom". */
  readonly since: MentorLinkStep | null
  readonly createdAt: number
}

export interface SessionAction {
  readonly id: SessionActionId
  readonly text: string
  /** The card the action became, once someone pressed "Make a card". */
  readonly cardId: CardId | null
}

export interface MentorSession {
  readonly id: MentorSessionId
  readonly linkId: MentorLinkId
  readonly date: IsoDate
  readonly actions: readonly SessionAction[]
  readonly by: PersonId
  readonly byName: string
  readonly createdAt: number
}

/** Limits a person meets in the session form. */
export const SESSION_ACTION_MAX_LENGTH = 300
export const SESSION_ACTIONS_MAX = 50

// Record kinds for the "could not be read" notice (readProblems.ts lists the others).
const LINK_KIND: RecordKind = 'mentor link'
const SESSION_KIND: RecordKind = 'mentor session'

/** linkId → the link's record: a plain value (a Y.Map on links made by the first version). */
export function mentorLinksOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(KEYS.mentorLinks)
}
/** A link's history: steps appended, never changed (top-level, so two peers creating it merge). */
export function mentorLinkHistoryOf(doc: Y.Doc, linkId: string): Y.Array<unknown> {
  return doc.getArray<unknown>(mentorLinkHistoryKey(linkId))
}
export function mentorSessionsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(KEYS.mentorSessions)
}

/** A session's rich-text notes (top-level, so two peers creating it merge). Edit with RichTextEditor. */
export function sessionNotesOf(doc: Y.Doc, sessionId: string): RichText {
  return doc.getXmlFragment(mentorSessionNotesKey(sessionId))
}

/**
 * A blank rich-text fragment outside any shared doc, for the "Log a session" form: what is typed
 * there reaches the project only when the session is saved (`addMentorSession` copies it).
 */
export function newNotesDraft(): RichText {
  return new Y.Doc().getXmlFragment('draft')
}

// ---- reading ------------------------------------------------------------------------------------

interface OrderedStep {
  readonly step: StoredLinkStep
  /** Where it was read: first-version steps first, then the top-level history's, in list order (the same on every peer). */
  readonly index: number
}

/**
 * The order of a link's steps, the same on every computer:
 * 1. `seq` (a Lamport clock): a step records one more than the highest `seq` its author could see,
 *    so a change made after seeing another always sorts after it, even when the later person's
 *    computer clock is behind;
 * 2. steps with the same `seq` were made without seeing each other (at the same time, or offline):
 *    by their time, then by who made them, then by where they sit in the merged list (Yjs puts
 *    concurrent appends in one order everywhere).
 * The link's state is the state of the last step. Each step was a valid move from the state its
 * author saw (domain/mentorLinkStates.ts checks every local change); of two moves made at once
 * from the same state, both are kept in the history and the later-ordered one stands.
 */
function orderSteps(firstVersion: readonly StoredLinkStep[], steps: readonly StoredLinkStep[]): OrderedStep[] {
  const all = [...firstVersion, ...steps].map((step, index) => ({ step, index }))
  return all.sort(
    (a, b) =>
      a.step.seq - b.step.seq ||
      a.step.at - b.step.at ||
      (a.step.by < b.step.by ? -1 : a.step.by > b.step.by ? 1 : 0) ||
      a.index - b.index
  )
}

interface LinkParts {
  readonly link: MentorLink
  /** The highest `seq` in the history: a new step takes one more. */
  readonly seq: number
}

function linkParts(doc: Y.Doc, key: string, value: unknown): LinkParts | { reason: string } {
  const r = parseStoredMentorLink(key, value)
  if (!r.ok) return { reason: problemReason(r.reason) }
  const v = r.value
  const steps = parseStoredLinkSteps(mentorLinkHistoryOf(doc, key).slice(0, MAX_LINK_STEPS))
  const ordered = orderSteps(v.firstVersionSteps, steps)
  // A first-version link with no newer steps keeps reading as it always did: its own state field.
  const state = steps.length === 0 ? (v.firstVersionState ?? ordered[ordered.length - 1]?.step.state) : ordered[ordered.length - 1]!.step.state
  if (state === undefined) return { reason: 'state: not a known state' }
  const history: MentorLinkStep[] = ordered.map(({ step }) => ({ state: step.state, at: step.at, by: step.by as PersonId, byName: step.byName }))
  let since: MentorLinkStep | null = null
  for (const s of history) if (s.state === state) since = s
  return {
    link: { id: v.id as MentorLinkId, mentorId: v.mentorId as MentorId, mentorName: v.mentorName, state, history, since, createdAt: v.createdAt },
    seq: ordered.reduce((m, o) => Math.max(m, o.step.seq), 0)
  }
}

function toLink(doc: Y.Doc, key: string, value: unknown): MentorLink | { reason: string } {
  const r = linkParts(doc, key, value)
  return 'reason' in r ? r : r.link
}

const STATE_ORDER: Record<MentorLinkState, number> = { active: 0, requested: 1, suggested: 2, ended: 3 }

/** Every link: active first, then requested, suggested and ended; by mentor name, ties by id. */
export function readMentorLinks(doc: Y.Doc): readonly MentorLink[] {
  const out: MentorLink[] = []
  const problems = collect(doc, LINK_KIND)
  mentorLinksOf(doc).forEach((m, key) => {
    const r = toLink(doc, key, m)
    if ('reason' in r) problems.skip(key, r.reason)
    else out.push(r)
  })
  problems.done()
  return out.sort(
    (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.mentorName.localeCompare(b.mentorName, 'en-GB') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}

export function readMentorLink(doc: Y.Doc, linkId: string): MentorLink | null {
  const m: unknown = mentorLinksOf(doc).get(linkId)
  if (m === undefined) return null
  const r = toLink(doc, linkId, m)
  if (!('reason' in r)) return r
  reportReadProblem(doc, LINK_KIND, linkId, r.reason)
  return null
}

function toSession(key: string, m: unknown): MentorSession | { reason: string } {
  const r = parseStoredMentorSession(key, m)
  if (!r.ok) return { reason: problemReason(r.reason) }
  const v = r.value
  return {
    id: v.id as MentorSessionId,
    linkId: v.linkId as MentorLinkId,
    date: v.date,
    actions: v.actions.map((a) => ({ id: a.id as SessionActionId, text: a.text, cardId: (v.actionCards[a.id] ?? null) as CardId | null })),
    by: v.by as PersonId,
    byName: v.byName,
    createdAt: v.createdAt
  }
}

/** Sessions, newest first (by date, then when they were logged, ties by id); of one link or all. */
export function readMentorSessions(doc: Y.Doc, linkId?: string): readonly MentorSession[] {
  const out: MentorSession[] = []
  const problems = collect(doc, SESSION_KIND)
  mentorSessionsOf(doc).forEach((m, key) => {
    const r = toSession(key, m)
    if ('reason' in r) problems.skip(key, r.reason)
    else if (linkId === undefined || r.linkId === linkId) out.push(r)
  })
  problems.done()
  return out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function readMentorSession(doc: Y.Doc, sessionId: string): MentorSession | null {
  const m: unknown = mentorSessionsOf(doc).get(sessionId)
  if (m === undefined) return null
  const r = toSession(sessionId, m)
  if (!('reason' in r)) return r
  reportReadProblem(doc, SESSION_KIND, sessionId, r.reason)
  return null
}

/** The project's latest session with any mentor, or null. */
export function lastSession(doc: Y.Doc): MentorSession | null {
  return readMentorSessions(doc)[0] ?? null
}

/** What the programme's summary of a project says about its mentors (see workspace.ts `refreshProjectSummary`). */
export interface ProjectMentorCoverage {
  /** Mentors with an active link, sorted. */
  readonly activeMentorIds: readonly MentorId[]
  readonly lastSessionDate: IsoDate | null
  /**
   * How much mentoring this doc has seen: every link step plus every session. Steps and sessions
   * are only ever added, so a doc that has seen less has a smaller basis (programme.ts
   * `setProjectMentorSummary` uses it to keep a stale doc from overwriting a fresher summary).
   */
  readonly basis: number
}

function mentoringBasis(doc: Y.Doc): number {
  let n = mentorSessionsOf(doc).size
  mentorLinksOf(doc).forEach((v, key) => {
    if (badKey(key)) return
    n += mentorLinkHistoryOf(doc, key).length
    const nested = v instanceof Y.Map ? (v as Y.Map<unknown>).get('history') : undefined
    if (nested instanceof Y.Array) n += nested.length
  })
  return n
}

export function projectMentorCoverage(doc: Y.Doc): ProjectMentorCoverage {
  const activeMentorIds = readMentorLinks(doc)
    .filter((l) => l.state === 'active')
    .map((l) => l.mentorId)
    .sort()
  return { activeMentorIds, lastSessionDate: lastSession(doc)?.date ?? null, basis: mentoringBasis(doc) }
}

/**
 * Calls `onChange` once after every transaction, from any origin (a colleague's change arriving
 * included), that changes the project's mentor links, their histories or its sessions. Returns
 * unsubscribe.
 */
export function observeMentoring(doc: Y.Doc, onChange: () => void): () => void {
  const links = mentorLinksOf(doc)
  const sessions = mentorSessionsOf(doc)
  const histories = new Map<string, Y.Array<unknown>>()
  let dirty = false
  const mark = (): void => {
    dirty = true
  }
  const follow = (): void => {
    links.forEach((_, key) => {
      if (histories.has(key) || badKey(key)) return
      const h = mentorLinkHistoryOf(doc, key)
      h.observe(mark)
      histories.set(key, h)
    })
  }
  const onLinks = (): void => {
    follow()
    mark()
  }
  // Observers run before 'afterTransaction': one call per transaction, however much it changed.
  const after = (): void => {
    if (!dirty) return
    dirty = false
    onChange()
  }
  follow()
  links.observeDeep(onLinks)
  sessions.observeDeep(mark)
  doc.on('afterTransaction', after)
  return () => {
    links.unobserveDeep(onLinks)
    sessions.unobserveDeep(mark)
    histories.forEach((h) => h.unobserve(mark))
    histories.clear()
    doc.off('afterTransaction', after)
  }
}

// ---- writing ------------------------------------------------------------------------------------

/** The highest `seq` in a link's history, whatever its record (0 for none): a new step takes one more. */
function highestSeq(doc: Y.Doc, linkId: string): number {
  const m: unknown = mentorLinksOf(doc).get(linkId)
  const r = m === undefined ? null : linkParts(doc, linkId, m)
  const fromTopLevel = parseStoredLinkSteps(mentorLinkHistoryOf(doc, linkId).slice(0, MAX_LINK_STEPS)).reduce((x, s) => Math.max(x, s.seq), 0)
  return Math.max(fromTopLevel, r && !('reason' in r) ? r.seq : 0)
}

function pushStep(doc: Y.Doc, ctx: OpContext, linkId: string, state: MentorLinkState, seq: number): void {
  mentorLinkHistoryOf(doc, linkId).push([{ state, at: ctx.now(), by: ctx.author.id, byName: ctx.author.name, seq }])
}

/**
 * Link a mentor to the project, as a suggestion or as already asked: the link's record (a plain
 * value keyed by the mentor's id) and its first step (appended to the link's top-level history)
 * in ONE transaction. Two people linking the same mentor at once end with one link, never two,
 * and both first steps, and every later step from either, stay in its history.
 */
export function addMentorLink(
  doc: Y.Doc,
  ctx: OpContext,
  input: { readonly mentorId: MentorId; readonly mentorName: string; readonly state: 'suggested' | 'requested' }
): MentorLinkId {
  const name = input.mentorName.trim().slice(0, 500) || 'A mentor'
  const existing = readMentorLink(doc, input.mentorId)
  if (existing) {
    throw new InputError(
      'mentor',
      existing.state === 'ended'
        ? `${existing.mentorName} was linked to this project before. Use “Start again” on their entry under Current mentors`
        : `${existing.mentorName} is already linked to this project`
    )
  }
  if (input.state !== 'suggested' && input.state !== 'requested') throw new InputError('state', 'A new mentor link starts as suggested or requested')
  const id = input.mentorId as string as MentorLinkId
  const keyProblem = badKey(id)
  if (keyProblem) throw new InputError('mentor', 'That mentor cannot be linked: their directory entry has an id Fortnight cannot use')
  const seq = highestSeq(doc, id) + 1
  doc.transact(() => {
    // A record under this key that could not be read (a broken peer's) is replaced.
    mentorLinksOf(doc).set(id, { id, mentorId: input.mentorId, mentorName: name, createdAt: ctx.now() })
    pushStep(doc, ctx, id, input.state, seq)
    appendActivity(doc, ctx, { type: 'mentorLink.added', data: { linkId: id, mentorId: input.mentorId, mentorName: name, state: input.state } })
  }, LOCAL_ORIGIN)
  return id
}

/**
 * Move a link to another state (rules in domain/mentorLinkStates.ts). Making it active checks the
 * mentor's capacity (`capacity`: their active links elsewhere, from the caller; null when the
 * directory does not know the mentor) and throws MentorOverCapacityError unless confirmed.
 * The change is a step appended to the link's history; the state is derived from the history
 * (`orderSteps`), so two changes made at once are both on the record and every peer agrees which stands.
 */
export function setMentorLinkState(
  doc: Y.Doc,
  ctx: OpContext,
  linkId: string,
  to: MentorLinkState,
  opts: { readonly overCapacityConfirmed: boolean; readonly capacity?: CapacityCheck | null }
): void {
  const link = readMentorLink(doc, linkId)
  if (!link) throw new Error('That mentor is no longer linked to this project')
  assertTransition(link.state, to)
  if (to === 'active') assertCapacity(opts.capacity ?? null, opts)
  const seq = highestSeq(doc, linkId) + 1
  const over = to === 'active' && opts.capacity != null && opts.capacity.active >= opts.capacity.capacity
  doc.transact(() => {
    pushStep(doc, ctx, linkId, to, seq)
    appendActivity(doc, ctx, {
      type: 'mentorLink.changed',
      data: { linkId, mentorId: link.mentorId, mentorName: link.mentorName, from: link.state, to, ...(over ? { overCapacity: true } : {}) }
    })
  }, LOCAL_ORIGIN)
}

function cleanActions(raw: readonly string[]): string[] {
  const actions = raw.map((a) => a.trim()).filter((a) => a !== '')
  if (actions.some((a) => a.length > SESSION_ACTION_MAX_LENGTH)) throw new InputError('actions', `Enter each action in ${SESSION_ACTION_MAX_LENGTH} characters or fewer`)
  if (actions.length > SESSION_ACTIONS_MAX) throw new InputError('actions', `Enter ${SESSION_ACTIONS_MAX} actions or fewer`)
  return actions
}

/** Sessions are written only while the link is active; an ended link's sessions are read-only. */
function assertActive(link: MentorLink | null, what: { readonly ended: string; readonly notYet: string }): MentorLink {
  if (!link) throw new Error('That mentor is no longer linked to this project')
  if (link.state === 'ended') throw new InputError('link', `This mentoring has ended, so ${what.ended}`)
  if (link.state !== 'active') throw new InputError('link', `${what.notYet} once ${link.mentorName} is marked as active`)
  return link
}

/**
 * Log a session on an active link: its date (today in London when not given; not in the future),
 * agreed actions (one per entry, blanks dropped) and notes. The session, its action list and its
 * action→card map are created in ONE transaction; the notes typed in the form's draft
 * (`newNotesDraft`) are copied into the session's own top-level fragment in the same transaction.
 */
export function addMentorSession(
  doc: Y.Doc,
  ctx: OpContext,
  input: { readonly linkId: string; readonly date?: string | null; readonly actions?: readonly string[]; readonly notes?: RichText | null }
): MentorSessionId {
  const link = assertActive(readMentorLink(doc, input.linkId), { ended: 'sessions cannot be logged', notYet: 'Sessions can be logged' })
  const today = todayInLondon(ctx.now())
  const date = input.date?.trim() || today
  if (!isIsoDate(date)) throw new InputError('date', 'Enter a real date for the session')
  if (date > today) throw new InputError('date', 'The session date must be today or in the past')
  const actions = cleanActions(input.actions ?? [])
  const id = newId<MentorSessionId>()
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    m.set('id', id)
    m.set('linkId', link.id)
    m.set('date', date)
    const list = new Y.Array<unknown>()
    list.push(actions.map((text) => ({ id: newId<SessionActionId>(), text })))
    m.set('actions', list)
    m.set('actionCards', new Y.Map<string>())
    m.set('by', ctx.author.id)
    m.set('byName', ctx.author.name)
    m.set('createdAt', ctx.now())
    mentorSessionsOf(doc).set(id, m)
    const draft = input.notes
    if (draft && draft.length > 0) {
      const copies = draft.toArray().map((n) => n.clone()) as (Y.XmlElement | Y.XmlText)[]
      sessionNotesOf(doc, id).insert(0, copies)
    }
    appendActivity(doc, ctx, {
      type: 'mentorSession.logged',
      data: { sessionId: id, linkId: link.id, mentorId: link.mentorId, mentorName: link.mentorName, date, actions: actions.length }
    })
  }, LOCAL_ORIGIN)
  return id
}

function sessionMap(doc: Y.Doc, sessionId: string): Y.Map<unknown> {
  const m: unknown = mentorSessionsOf(doc).get(sessionId)
  if (!(m instanceof Y.Map)) throw new Error('That session is no longer in the log')
  return m as Y.Map<unknown>
}

/** Add an action agreed in a session after it was logged (appended: two people adding at once keep both). */
export function addSessionAction(doc: Y.Doc, ctx: OpContext, sessionId: string, text: string): SessionActionId {
  const session = readMentorSession(doc, sessionId)
  if (!session) throw new Error('That session is no longer in the log')
  assertActive(readMentorLink(doc, session.linkId), { ended: 'its sessions can only be read', notYet: 'Actions can be added' })
  const [clean] = cleanActions([text])
  if (clean === undefined) throw new InputError('action', 'Enter the action')
  if (session.actions.length >= SESSION_ACTIONS_MAX) throw new InputError('action', `A session can have ${SESSION_ACTIONS_MAX} actions at most`)
  const m = sessionMap(doc, sessionId)
  const id = newId<SessionActionId>()
  doc.transact(() => {
    let list = m.get('actions')
    if (!(list instanceof Y.Array)) {
      list = new Y.Array<unknown>()
      m.set('actions', list)
    }
    ;(list as Y.Array<unknown>).push([{ id, text: clean }])
    appendActivity(doc, ctx, { type: 'mentorSession.updated', data: { sessionId, linkId: session.linkId, addedAction: clean } })
  }, LOCAL_ORIGIN)
  return id
}

/**
 * Turn an agreed action into a card, in ONE transaction: the card (titled with the action, in the
 * first "not started" column unless `columnId` names another) is added with `fromSession` pointing
 * back at the session, and the session records the card against the action. Idempotent: an action
 * that already has a card returns that card. (Two people pressing at the same moment on two
 * computers make two cards, both linked back; the action shows one of them, the same on every peer.)
 * The card's add is in the activity log like any other (`card.created`, with `fromSession`).
 */
export function actionToCard(doc: Y.Doc, ctx: OpContext, sessionId: string, actionId: string, columnId?: ColumnId): CardId {
  const session = readMentorSession(doc, sessionId)
  if (!session) throw new Error('That session is no longer in the log')
  const action = session.actions.find((a) => a.id === actionId)
  if (!action) throw new Error('That action is no longer in the session')
  if (action.cardId) return action.cardId
  assertActive(readMentorLink(doc, session.linkId), { ended: 'its actions cannot become cards', notYet: 'Actions can become cards' })
  const columns = readColumns(doc)
  const target = columnId ?? (columns.find((c) => c.role === 'todo') ?? columns[0])?.id
  if (target === undefined) throw new Error('The board has no columns to put the card in')
  const m = sessionMap(doc, sessionId)
  const title = cardTitleSchema.parse(action.text.slice(0, 500))
  return doc.transact((): CardId => {
    const cardId = addCard(doc, ctx, { columnId: target, title, fromSession: { sessionId, actionId } })
    let cards = m.get('actionCards')
    if (!(cards instanceof Y.Map)) {
      cards = new Y.Map<string>()
      m.set('actionCards', cards)
    }
    ;(cards as Y.Map<string>).set(actionId, cardId)
    return cardId
  }, LOCAL_ORIGIN)
}

/** The session and action a card came from, when both are still there (for the card's "From mentor session" line). */
export function cardSessionOrigin(doc: Y.Doc, cardId: CardId): { readonly session: MentorSession; readonly link: MentorLink | null } | null {
  const from = readCard(doc, cardId)?.fromSession
  if (!from) return null
  const session = readMentorSession(doc, from.sessionId)
  if (!session) return null
  return { session, link: readMentorLink(doc, session.linkId) }
}
