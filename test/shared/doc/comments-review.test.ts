/**
 * Issue 9 review: whose comment is "yours" in For you, resolutions kept apart from comments,
 * times from the future, and one read of the comments per change for every reader.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  addCard,
  addComment,
  commentsOf,
  countComments,
  editComment,
  forYou,
  openQuestionsFor,
  readComments,
  readThreads,
  setThreadResolved,
  shownTime,
  type CommentId
} from '@shared/doc'
import { storedCommentSchema } from '../../../src/shared/doc/records/comment'
import { ALICE, BOB, ctxAt, newProject, T0 } from '../support'
import { world } from '../../security/support/guardRoom'

const MIN = 60_000
const ALICE_ME = { personIds: [ALICE.id], mentorIds: [] }
const PRIYA = { id: 'person-priya' as typeof BOB.id, name: 'Priya Shah' }
const PRIYA_ME = { personIds: [PRIYA.id], mentorIds: ['mentor-priya'] }

/** Two project docs that sync both ways when `sync()` is called (offline until then). */
function pair(): { a: Y.Doc; b: Y.Doc; sync(): void } {
  const { doc: a } = newProject()
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  return {
    a,
    b,
    sync() {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
    }
  }
}

describe('For you: whose comment is yours', () => {
  it('on a team app, a mentor-room comment claiming to be you is not yours: its mention of you is listed, and its thread is not one you joined', () => {
    const w = world(2)
    // A mentor's app claims to be Alice, mentions her, and starts a thread as "her".
    w.mentor.transact(() =>
      w.mentor.getMap('comments').set('m1', { id: 'm1', cardId: null, text: '@Alice Okafor look', by: ALICE.id, byName: ALICE.name, at: T0, mentions: [ALICE.id] })
    )
    w.flush()
    addComment(w.team[1]!, ctxAt(T0 + MIN, BOB), { parentId: 'm1' as CommentId, text: 'Who wrote this?' })
    w.flush()
    for (const t of w.team) {
      expect(readComments(t).find((c) => c.id === 'm1')).toMatchObject({ by: ALICE.id, via: 'mentor-room' })
      expect(forYou(t, ALICE_ME).map((i) => [i.comment.text, i.reason])).toEqual([['@Alice Okafor look', 'mention']])
      expect(openQuestionsFor(t, ALICE_ME).map((q) => q.latest.comment.text)).toEqual(['@Alice Okafor look'])
    }
  })

  // Which value the mentor's doc shows for its own key is Yjs's pick between its own write and the
  // team's copy (the higher client id wins): both are played.
  it.each([
    ['the team’s copy (via the mentor room)', 1, 'mentor-room'],
    ['its own write', 0xfffffff0, 'team']
  ] as const)("on a mentor's own app, its comments stay its own when its doc shows %s", (_what, client, via) => {
    const w = world(2)
    w.mentor.clientID = client
    const root = addComment(w.mentor, ctxAt(T0, PRIYA), { text: 'What is the budget, @Priya Shah?', mentions: ['mentor-priya'] })
    w.flush()
    expect(readComments(w.mentor).find((c) => c.id === root)).toMatchObject({ via, by: PRIYA.id })
    addComment(w.team[0]!, ctxAt(T0 + MIN), { parentId: root, text: '£40k' })
    w.flush()
    expect(forYou(w.mentor, PRIYA_ME).map((i) => [i.comment.text, i.reason])).toEqual([['£40k', 'reply']])
    expect(openQuestionsFor(w.mentor, PRIYA_ME).map((q) => q.thread.id)).toEqual([root])
  })
})

describe('resolutions, kept apart from comments', () => {
  it('resolving writes only the resolution: the first comment stays as it was', () => {
    const { doc } = newProject()
    const root = addComment(doc, ctxAt(T0), { text: 'Which form?' })
    const before = JSON.stringify(commentsOf(doc).get(root))
    setThreadResolved(doc, ctxAt(T0 + MIN, BOB), root, true)
    expect(JSON.stringify(commentsOf(doc).get(root))).toBe(before)
    expect(readThreads(doc)[0]!.resolved).toEqual({ by: BOB.id, byName: BOB.name, at: T0 + MIN, via: 'team' })
  })

  it('an edit and a resolution made at the same time, on two computers, are both kept', () => {
    const { a, b, sync } = pair()
    const root = addComment(a, ctxAt(T0), { text: 'Which form?' })
    sync()
    editComment(a, ctxAt(T0 + MIN), root, { text: 'Which form, short or long?' })
    setThreadResolved(b, ctxAt(T0 + MIN, BOB), root, true)
    sync()
    for (const d of [a, b]) {
      const [thread] = readThreads(d)
      expect(thread!.root!.text).toBe('Which form, short or long?')
      expect(thread!.resolved).toMatchObject({ by: BOB.id })
    }
  })

  it('a resolution stored on the first comment (older docs) still reads; the team reopening it wins', () => {
    const { doc } = newProject()
    commentsOf(doc).set('old', { id: 'old', cardId: null, text: 'Old thread', by: BOB.id, byName: BOB.name, at: T0, resolved: { by: BOB.id, byName: BOB.name, at: T0 + 1 } } as never)
    expect(readThreads(doc)[0]!.resolved).toMatchObject({ by: BOB.id, via: 'team' })
    setThreadResolved(doc, ctxAt(T0 + 2), 'old' as CommentId, false)
    expect(readThreads(doc)[0]!.resolved).toBeNull()
    expect(readComments(doc)[0]!.resolved).toBeNull()
  })

  it('a malformed resolution is skipped (the thread reads as open), not thrown', () => {
    const { doc } = newProject()
    const root = addComment(doc, ctxAt(T0), { text: 'Q' })
    doc.getMap('commentResolutions').set(root, { resolved: 'yes', at: NaN })
    expect(readThreads(doc)[0]!.resolved).toBeNull()
  })
})

describe('times from the future', () => {
  it('show and sort as now; the version read against stays what was written', () => {
    const { doc } = newProject()
    const future = Date.UTC(2099, 0, 1)
    commentsOf(doc).set('f', { id: 'f', cardId: null, text: '@Alice Okafor hi', by: BOB.id, byName: BOB.name, at: future, mentions: [ALICE.id] } as never)
    addComment(doc, ctxAt(T0, BOB), { text: '@Alice Okafor later', mentions: [ALICE.id] })
    const now = T0 + MIN
    const items = forYou(doc, ALICE_ME, now)
    expect(items.map((i) => [i.comment.id === 'f' ? 'future' : 'now', i.changedAt])).toEqual([
      ['future', now],
      ['now', T0]
    ])
    expect(items[0]!.version).toBe(future)
    expect(shownTime(future, now)).toBe(now)
    expect(shownTime(T0, now)).toBe(T0)
  })
})

describe('one read of the comments per change, for every reader', () => {
  afterEach(() => vi.restoreAllMocks())

  it('many boxes read the comments once; a change elsewhere in the doc reads nothing again', () => {
    const { doc, todo } = newProject()
    const cards = Array.from({ length: 30 }, (_, i) => addCard(doc, ctxAt(), { columnId: todo.id, title: `Card ${i}` }))
    cards.forEach((id, i) => addComment(doc, ctxAt(T0 + i), { subject: { kind: 'card', id }, text: `On card ${i}` }))
    const parse = vi.spyOn(storedCommentSchema, 'safeParse')
    const first = cards.map((id) => readThreads(doc, { kind: 'card', id }))
    cards.forEach((id) => countComments(doc, { kind: 'card', id }))
    expect(parse.mock.calls.length).toBe(30) // one per comment, not one per comment per box
    expect(cards.map((id) => readThreads(doc, { kind: 'card', id }))).toEqual(first)
    expect(readThreads(doc, { kind: 'card', id: cards[3]! })).toBe(first[3]) // the same array: nothing re-read
    addCard(doc, ctxAt(), { columnId: todo.id, title: 'Not a comment' })
    expect(readThreads(doc, { kind: 'card', id: cards[3]! })).toBe(first[3])
    expect(parse.mock.calls.length).toBe(30)
    // A comment changes: read again, once.
    addComment(doc, ctxAt(T0 + MIN), { subject: { kind: 'card', id: cards[3]! }, text: 'Another' })
    expect(readThreads(doc, { kind: 'card', id: cards[3]! }).map((t) => t.root?.text)).toEqual(['On card 3', 'Another'])
    expect(countComments(doc, { kind: 'card', id: cards[4]! })).toBe(1)
    expect(parse.mock.calls.length).toBe(30 + 31)
  })

  it('a resolution, or a change inside a transaction, is seen at once', () => {
    const { doc } = newProject()
    const root = addComment(doc, ctxAt(T0), { text: 'Q' })
    expect(readThreads(doc)[0]!.resolved).toBeNull()
    setThreadResolved(doc, ctxAt(T0 + 1), root, true)
    expect(readThreads(doc)[0]!.resolved).not.toBeNull()
    doc.transact(() => {
      addComment(doc, ctxAt(T0 + 2), { text: 'Inside' })
      expect(readComments(doc).map((c) => c.text)).toEqual(['Q', 'Inside'])
    })
    expect(readComments(doc).map((c) => c.text)).toEqual(['Q', 'Inside'])
  })
})
