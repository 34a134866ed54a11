/**
 * Issue 9: threaded comments. Threads on every subject, replies joining their thread, mentions,
 * resolve / reopen, edit your own, "For you" with unread counts, and comments stored before
 * threads existed still read as they did.
 */
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import {
  addCard,
  addComment,
  commentsOf,
  editComment,
  forYou,
  openQuestionsFor,
  readComments,
  readThreads,
  removeComment,
  setThreadResolved,
  unreadCount,
  writtenThisSession,
  type CommentId
} from '@shared/doc'
import { parseMentions, type MentionCandidate } from '@shared/domain/mentions'
import { ALICE, BOB, ctxAt, errorMessage, newProject, T0, zodMessages } from '../support'

const MIN = 60_000
const CANDIDATES: MentionCandidate[] = [
  { id: ALICE.id, name: ALICE.name, kind: 'person' },
  { id: BOB.id, name: BOB.name, kind: 'person' },
  { id: 'mentor-priya', name: 'Priya Shah', kind: 'mentor' }
]
const ALICE_ME = { personIds: [ALICE.id], mentorIds: [] }
const BOB_ME = { personIds: [BOB.id], mentorIds: [] }

function setup(): { doc: Y.Doc; cardId: ReturnType<typeof addCard> } {
  const { doc, todo } = newProject()
  const cardId = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Map the renewal journey' })
  return { doc, cardId }
}

describe('threads', () => {
  it('each subject has its own threads; a reply joins its thread and takes its subject', () => {
    const { doc, cardId } = setup()
    const onCard = addComment(doc, ctxAt(T0), { subject: { kind: 'card', id: cardId }, text: 'Who owns this?' })
    addComment(doc, ctxAt(T0 + MIN), { subject: { kind: 'project', id: 'project-1' }, text: 'Kick-off on Monday' })
    addComment(doc, ctxAt(T0 + 2 * MIN), { subject: { kind: 'cycle', id: '3' }, text: 'Good review' })
    addComment(doc, ctxAt(T0 + 3 * MIN), { subject: { kind: 'feedback', id: 'fb-1' }, text: 'Worth a card?' })
    addComment(doc, ctxAt(T0 + 4 * MIN), { subject: { kind: 'mentor-session', id: 'session-1' }, text: 'Notes look right' })
    const reply = addComment(doc, ctxAt(T0 + 5 * MIN, BOB), { parentId: onCard, text: 'I do' })

    const cardThreads = readThreads(doc, { kind: 'card', id: cardId })
    expect(cardThreads.map((t) => [t.root?.text, t.replies.map((r) => r.text)])).toEqual([['Who owns this?', ['I do']]])
    expect(readThreads(doc, { kind: 'cycle', id: '3' }).map((t) => t.root?.text)).toEqual(['Good review'])
    expect(readThreads(doc, { kind: 'cycle', id: '4' })).toEqual([])
    expect(readThreads(doc, { kind: 'feedback', id: 'fb-1' }).map((t) => t.root?.text)).toEqual(['Worth a card?'])
    expect(readThreads(doc, { kind: 'mentor-session', id: 'session-1' }).map((t) => t.root?.text)).toEqual(['Notes look right'])
    // Any project subject is the project: there is one per doc.
    expect(readThreads(doc, { kind: 'project', id: 'whatever' }).map((t) => t.root?.text)).toEqual(['Kick-off on Monday'])
    // The reply carries the card, so an older app lists it (flat) on the card.
    expect(readComments(doc, cardId).map((c) => c.text)).toEqual(['Who owns this?', 'I do'])
    expect(readComments(doc).find((c) => c.id === reply)).toMatchObject({ parentId: onCard, subject: { kind: 'card', id: cardId } })
  })

  it('a reply to a reply joins the first comment of the thread (one level, as in GitHub and Slack)', () => {
    const { doc } = setup()
    const root = addComment(doc, ctxAt(T0), { text: 'Shall we test with residents?' })
    const first = addComment(doc, ctxAt(T0 + MIN, BOB), { parentId: root, text: 'Yes' })
    const second = addComment(doc, ctxAt(T0 + 2 * MIN), { parentId: first, text: 'Next week then' })
    expect(readComments(doc).find((c) => c.id === second)?.parentId).toBe(root)
    const [thread] = readThreads(doc)
    expect(thread!.replies.map((r) => r.text)).toEqual(['Yes', 'Next week then'])
    // A reply to a reply written by another app anyway (parentId = a reply) still lands in the thread.
    commentsOf(doc).set('odd', { id: 'odd', cardId: null, parentId: first, text: 'From an older app', by: BOB.id, byName: BOB.name, at: T0 + 3 * MIN } as never)
    expect(readThreads(doc)).toHaveLength(1)
    expect(readThreads(doc)[0]!.replies.map((r) => r.text)).toEqual(['Yes', 'Next week then', 'From an older app'])
  })

  it('replies stay together when the first comment is removed; a thread with nothing left goes', () => {
    const { doc } = setup()
    const root = addComment(doc, ctxAt(T0), { text: 'Draft' })
    addComment(doc, ctxAt(T0 + MIN, BOB), { parentId: root, text: 'Looks fine' })
    removeComment(doc, ctxAt(), root)
    const [thread] = readThreads(doc)
    expect(thread!.root).toBeNull()
    expect(thread!.replies.map((r) => r.text)).toEqual(['Looks fine'])
    const lonely = addComment(doc, ctxAt(T0 + 2 * MIN), { text: 'Alone' })
    removeComment(doc, ctxAt(), lonely)
    expect(readThreads(doc)).toHaveLength(1)
  })

  it('a reply to a comment that is not here is refused in words', () => {
    const { doc } = setup()
    expect(errorMessage(() => addComment(doc, ctxAt(), { parentId: 'missing' as CommentId, text: 'Hello' }))).toBe('The comment you are replying to is no longer here')
  })

  it('comments stored before threads (cardId only) read as card or project comments', () => {
    const { doc, cardId } = setup()
    commentsOf(doc).set('old-card', { id: 'old-card', cardId, text: 'Old card comment', by: BOB.id, byName: BOB.name, at: T0 } as never)
    commentsOf(doc).set('old-project', { id: 'old-project', cardId: null, text: 'Old project comment', by: BOB.id, byName: BOB.name, at: T0 + 1 } as never)
    expect(readThreads(doc, { kind: 'card', id: cardId }).map((t) => t.root?.text)).toEqual(['Old card comment'])
    expect(readThreads(doc, { kind: 'project', id: 'p' }).map((t) => t.root?.text)).toEqual(['Old project comment'])
    expect(readComments(doc)[0]).toMatchObject({ parentId: null, mentions: [], resolved: null, editedAt: null, via: 'team' })
    // And a reply to an old comment works.
    addComment(doc, ctxAt(T0 + 2), { parentId: 'old-card' as CommentId, text: 'Replying to history' })
    expect(readThreads(doc, { kind: 'card', id: cardId })[0]!.replies.map((r) => r.text)).toEqual(['Replying to history'])
  })

  it('a subject kind from a newer app is left out, not shown somewhere wrong', () => {
    const { doc } = setup()
    commentsOf(doc).set('new', { id: 'new', cardId: null, subjectKind: 'whiteboard', subjectId: 'w1', text: 'Future', by: BOB.id, byName: BOB.name, at: T0 } as never)
    expect(readThreads(doc)).toEqual([])
    expect(readComments(doc)).toEqual([])
  })
})

describe('mentions', () => {
  it('stores the ids the text mentions (names with spaces; unknown names stay text)', () => {
    const { doc } = setup()
    const text = 'Could @Bob Pryce and @Priya Shah look? Not @Nobody.'
    const id = addComment(doc, ctxAt(), { text, mentions: parseMentions(text, CANDIDATES) })
    expect(readComments(doc).find((c) => c.id === id)!.mentions).toEqual([BOB.id, 'mentor-priya'])
    expect(readComments(doc)[0]!.text).toBe(text)
  })

  it('more than 20 mentions are refused in words', () => {
    const { doc } = setup()
    const mentions = Array.from({ length: 21 }, (_, i) => `person-${i}`)
    expect(errorMessage(() => addComment(doc, ctxAt(), { text: 'Everyone!', mentions }))).toBe('You can mention up to 20 people in one comment')
    expect(readComments(doc)).toEqual([])
  })
})

describe('resolve and reopen', () => {
  it('anyone in the team resolves a thread and reopens it; a reply cannot be resolved on its own', () => {
    const { doc } = setup()
    const root = addComment(doc, ctxAt(T0), { text: 'Which form?' })
    const reply = addComment(doc, ctxAt(T0 + MIN, BOB), { parentId: root, text: 'The short one' })
    setThreadResolved(doc, ctxAt(T0 + 2 * MIN, BOB), root, true)
    expect(readThreads(doc)[0]!.resolved).toEqual({ by: BOB.id, byName: BOB.name, at: T0 + 2 * MIN, via: 'team' })
    // Resolving keeps the comment as it was.
    expect(readComments(doc).find((c) => c.id === root)).toMatchObject({ text: 'Which form?', at: T0, by: ALICE.id, editedAt: null })
    setThreadResolved(doc, ctxAt(T0 + 3 * MIN), root, false)
    expect(readThreads(doc)[0]!.resolved).toBeNull()
    expect(errorMessage(() => setThreadResolved(doc, ctxAt(), reply, true))).toBe('Only a whole thread can be resolved')
  })
})

describe('edit your own', () => {
  it('the author changes the text and mentions; the comment keeps its time and place', () => {
    const { doc } = setup()
    const first = addComment(doc, ctxAt(T0), { text: 'Budget is £40k' })
    addComment(doc, ctxAt(T0 + MIN, BOB), { text: 'Noted' })
    editComment(doc, ctxAt(T0 + 5 * MIN), first, { text: 'Budget is £45k, @Bob Pryce', mentions: [BOB.id] })
    const c = readComments(doc)[0]!
    expect(c).toMatchObject({ id: first, text: 'Budget is £45k, @Bob Pryce', at: T0, editedAt: T0 + 5 * MIN, mentions: [BOB.id] })
    expect(readComments(doc).map((x) => x.text)).toEqual(['Budget is £45k, @Bob Pryce', 'Noted'])
  })

  it("someone else's comment cannot be edited; an empty edit is refused", () => {
    const { doc } = setup()
    const first = addComment(doc, ctxAt(T0), { text: 'Mine' })
    expect(errorMessage(() => editComment(doc, ctxAt(T0, BOB), first, { text: 'Bob was here' }))).toBe('You can only edit your own comments')
    expect(zodMessages(() => editComment(doc, ctxAt(), first, { text: '   ' }))).toEqual(['Enter a comment'])
    expect(readComments(doc)[0]!.text).toBe('Mine')
  })

  it('editing keeps a resolved thread resolved', () => {
    const { doc } = setup()
    const root = addComment(doc, ctxAt(T0), { text: 'Question' })
    setThreadResolved(doc, ctxAt(T0 + MIN, BOB), root, true)
    editComment(doc, ctxAt(T0 + 2 * MIN), root, { text: 'Question, clearer' })
    expect(readThreads(doc)[0]!.resolved?.by).toBe(BOB.id)
  })

  it('what this app wrote in its current session is known (a mentor app changes only that)', () => {
    const { doc } = setup()
    const id = addComment(doc, ctxAt(), { text: 'This session' })
    const c = readComments(doc)[0]!
    expect(writtenThisSession(doc, c)).toBe(true)
    doc.clientID = doc.clientID + 1 // a fresh session (receipts start one) or a restart
    expect(writtenThisSession(doc, c)).toBe(false)
    // After the team's re-authored copy names this session, it is this session's again.
    expect(writtenThisSession(doc, { id, mentorClient: doc.clientID })).toBe(true)
  })
})

describe('for you', () => {
  it('mentions of me and replies in threads I joined, newest first; never my own', () => {
    const { doc, cardId } = setup()
    const mine = addComment(doc, ctxAt(T0), { subject: { kind: 'card', id: cardId }, text: 'Who can check prices?' })
    addComment(doc, ctxAt(T0 + MIN, BOB), { parentId: mine, text: 'I will' })
    addComment(doc, ctxAt(T0 + 2 * MIN, BOB), { subject: { kind: 'cycle', id: '2' }, text: '@Alice Okafor see this', mentions: [ALICE.id] })
    const bobs = addComment(doc, ctxAt(T0 + 3 * MIN, BOB), { text: 'Unrelated thread' })
    addComment(doc, ctxAt(T0 + 4 * MIN, BOB), { parentId: bobs, text: 'Still unrelated' })
    // A thread Alice joined by replying: later replies are for her, earlier ones are not.
    addComment(doc, ctxAt(T0 + 5 * MIN), { parentId: bobs, text: 'Me too' })
    addComment(doc, ctxAt(T0 + 6 * MIN, BOB), { parentId: bobs, text: 'Thanks Alice' })

    const items = forYou(doc, ALICE_ME)
    expect(items.map((i) => [i.comment.text, i.reason])).toEqual([
      ['Thanks Alice', 'reply'],
      ['@Alice Okafor see this', 'mention'],
      ['I will', 'reply']
    ])
    expect(items[1]!.subject).toEqual({ kind: 'cycle', id: '2' })
    expect(forYou(doc, BOB_ME).map((i) => i.comment.text)).toEqual(['Me too'])
  })

  it('mentions of me as a mentor count too', () => {
    const { doc } = setup()
    addComment(doc, ctxAt(T0), { text: '@Priya Shah any advice?', mentions: ['mentor-priya'] })
    expect(forYou(doc, { personIds: ['someone-else'], mentorIds: ['mentor-priya'] }).map((i) => i.reason)).toEqual(['mention'])
  })

  it('unread: what I have not marked as read at its current version; an edit makes it new again', () => {
    const { doc } = setup()
    const a = addComment(doc, ctxAt(T0, BOB), { text: '@Alice Okafor one', mentions: [ALICE.id] })
    addComment(doc, ctxAt(T0 + 10 * MIN, BOB), { text: '@Alice Okafor two', mentions: [ALICE.id] })
    const read = new Map<string, number>()
    const isRead = (i: { comment: { id: string }; version: number }): boolean => read.get(i.comment.id) === i.version
    expect(unreadCount(forYou(doc, ALICE_ME), isRead)).toBe(2)
    for (const i of forYou(doc, ALICE_ME)) read.set(i.comment.id, i.version)
    expect(unreadCount(forYou(doc, ALICE_ME), isRead)).toBe(0)
    editComment(doc, ctxAt(T0 + 20 * MIN, BOB), a, { text: '@Alice Okafor one, corrected', mentions: [ALICE.id] })
    expect(forYou(doc, ALICE_ME).find((i) => i.comment.id === a)!.version).toBe(T0 + 20 * MIN)
    expect(unreadCount(forYou(doc, ALICE_ME), isRead)).toBe(1)
  })

  it('open questions: unresolved threads that mention me or reply to me', () => {
    const { doc } = setup()
    const q1 = addComment(doc, ctxAt(T0, BOB), { text: '@Priya Shah is this the right scope?', mentions: ['mentor-priya'] })
    addComment(doc, ctxAt(T0 + MIN, BOB), { text: '@Priya Shah and this?', mentions: ['mentor-priya'] })
    addComment(doc, ctxAt(T0 + 2 * MIN, BOB), { text: 'Not for Priya' })
    const priya = { personIds: ['person-priya'], mentorIds: ['mentor-priya'] }
    expect(openQuestionsFor(doc, priya).map((q) => q.thread.root?.text)).toEqual(['@Priya Shah and this?', '@Priya Shah is this the right scope?'])
    setThreadResolved(doc, ctxAt(T0 + 3 * MIN), q1, true)
    expect(openQuestionsFor(doc, priya).map((q) => q.thread.root?.text)).toEqual(['@Priya Shah and this?'])
  })
})
