/**
 * Issue 9 review: a mentor's app may change its own comment, but only what a person editing their
 * own comment changes (text, mentions, when it was edited, removing it). Where the comment is (its
 * card, subject and thread) and who wrote it when stay as the team first took them; a new reply
 * takes its thread's subject and card, whatever it claims. Played with the real gate and mirrors.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addComment, commentsOf, createRoomMirror, readComments, readThreads, type CommentId } from '@shared/doc'
import { ALICE, BOB, ctxAt, T0 } from '../shared/support'
import { assertStillFlowing, refusals, world, type World } from './support/guardRoom'

const PRIYA = { id: 'person-priya' as typeof BOB.id, name: 'Priya Shah' }
const SESSION = { kind: 'mentor-session' as const, id: 'session-1' }
const FUTURE = Date.UTC(2099, 0, 1)

/** The mentor session writes a raw record under `id` (as a modified app would). */
function mentorWrites(w: World, id: string, record: Record<string, unknown>): void {
  w.mentor.transact(() => w.mentor.getMap('comments').set(id, { id, ...record }))
  w.flush()
}

/** What every team peer stores under `key` (one value when they converged). */
function copies(w: World, key: string): Set<string> {
  return new Set(w.team.map((t) => JSON.stringify(commentsOf(t).get(key))))
}

describe("a mentor's own comment: only its text may change", () => {
  it('rewriting the first comment of a session thread into a card thread, as a team member, in 2099, moves nothing', () => {
    const w = world(3)
    const cardRoot = readComments(w.team[0]!)[0]! // the team's thread on the card
    const root = addComment(w.mentor, ctxAt(T0, PRIYA), { subject: SESSION, text: 'Notes from today' })
    w.flush()
    addComment(w.team[1]!, ctxAt(T0 + 60_000, BOB), { parentId: root, text: 'Thanks, agreed' })
    w.flush()

    mentorWrites(w, root, {
      cardId: w.cardId,
      subjectKind: 'card',
      subjectId: w.cardId,
      parentId: cardRoot.id,
      text: 'Notes from today (edited)',
      by: BOB.id,
      byName: BOB.name,
      at: FUTURE,
      editedAt: T0 + 120_000
    })

    for (const t of w.team) {
      // The session thread is still there, with the team's reply under the mentor's first comment.
      const [session] = readThreads(t, SESSION)
      expect(session!.root).toMatchObject({ id: root, text: 'Notes from today (edited)', by: PRIYA.id, byName: PRIYA.name, at: T0, editedAt: T0 + 120_000, via: 'mentor-room' })
      expect(session!.root!.parentId).toBeNull()
      expect(session!.replies.map((r) => r.text)).toEqual(['Thanks, agreed'])
      // Nothing moved into the card's thread.
      const card = readThreads(t, { kind: 'card', id: w.cardId })
      expect(card.map((x) => [x.root?.text, x.replies.map((r) => r.text)])).toEqual([['Budget is £40k', []]])
      expect(readComments(t, w.cardId).map((c) => c.text)).toEqual(['Budget is £40k'])
    }
    expect(copies(w, root).size).toBe(1)
    expect(refusals(w)).toBe(0)
    assertStillFlowing(w)
  })

  it('a removal keeps the comment where it was (its replies stay together)', () => {
    const w = world(2)
    const root = addComment(w.mentor, ctxAt(T0, PRIYA), { subject: SESSION, text: 'To be removed' })
    w.flush()
    addComment(w.team[0]!, ctxAt(T0 + 1), { parentId: root, text: 'A reply' })
    w.flush()
    mentorWrites(w, root, { cardId: w.cardId, subjectKind: 'card', subjectId: w.cardId, text: '', by: BOB.id, byName: 'B', at: T0, deleted: true })
    for (const t of w.team) {
      const [session] = readThreads(t, SESSION)
      expect(session!.root).toBeNull()
      expect(session!.replies.map((r) => r.text)).toEqual(['A reply'])
      expect(commentsOf(t).get(root)).toMatchObject({ subjectKind: 'mentor-session', subjectId: 'session-1', by: PRIYA.id, deleted: true })
    }
  })
})

describe("a mentor's new reply: its thread decides where it is", () => {
  it('a reply claiming another card and subject is stored with its thread’s, and is not listed on the other card', () => {
    const w = world(2)
    const root = addComment(w.team[0]!, ctxAt(T0), { subject: SESSION, text: 'Team notes' })
    w.flush()
    mentorWrites(w, 'm-reply', { cardId: w.cardId, subjectKind: 'card', subjectId: w.cardId, parentId: root, text: 'Mentor reply', by: PRIYA.id, byName: PRIYA.name, at: T0 + 1 })
    for (const t of w.team) {
      expect(readThreads(t, SESSION)[0]!.replies.map((r) => r.text)).toEqual(['Mentor reply'])
      expect(readComments(t, w.cardId).map((c) => c.text)).toEqual(['Budget is £40k'])
      expect(commentsOf(t).get('m-reply')).toMatchObject({ cardId: null, subjectKind: 'mentor-session', subjectId: 'session-1', parentId: root })
    }
    expect(copies(w, 'm-reply').size).toBe(1)
  })

  it('a reply to a reply joins the thread’s first comment', () => {
    const w = world(2)
    const root = addComment(w.team[0]!, ctxAt(T0), { subject: SESSION, text: 'Team notes' })
    const reply = addComment(w.team[0]!, ctxAt(T0 + 1, BOB), { parentId: root, text: 'Bob agrees' })
    w.flush()
    mentorWrites(w, 'm-reply', { cardId: null, parentId: reply, text: 'So do I', by: PRIYA.id, byName: PRIYA.name, at: T0 + 2 })
    for (const t of w.team) expect(commentsOf(t).get('m-reply')).toMatchObject({ parentId: root, subjectKind: 'mentor-session' })
  })

  it('a new thread and a reply to it, arriving together, are both taken', () => {
    const w = world(2)
    w.mentor.transact(() => {
      const root = addComment(w.mentor, ctxAt(T0, PRIYA), { subject: SESSION, text: 'New thread' })
      addComment(w.mentor, ctxAt(T0 + 1, PRIYA), { parentId: root, text: 'And a follow-up' })
    })
    w.flush()
    for (const t of w.team) {
      const [thread] = readThreads(t, SESSION)
      expect([thread!.root?.text, thread!.replies.map((r) => r.text)]).toEqual(['New thread', ['And a follow-up']])
    }
    expect(refusals(w)).toBe(0)
  })

  it('a reply whose thread the team doc does not have is not taken (not as a thread of its own), and is taken once the thread arrives', () => {
    const { team: [team] } = world(1)
    const mirror = createRoomMirror(team!, 'comments', { reauthorDelayMs: 0 })
    const mentor = new Y.Doc()
    Y.applyUpdate(mentor, Y.encodeStateAsUpdate(mirror.doc))
    const before = Y.encodeStateVector(mentor)
    mentor.getMap('comments').set('m-reply', { id: 'm-reply', cardId: null, parentId: 'later', text: 'Replying early', by: PRIYA.id, byName: PRIYA.name, at: T0 })
    mirror.receive(Y.encodeStateAsUpdate(mentor, before), 'room')
    mirror.flush()
    expect(readComments(team!).map((c) => c.text)).toEqual(['Budget is £40k'])
    expect(mirror.stats().refused).toBe(0)
    // The thread's first comment reaches the team doc (a colleague's, through the team room).
    commentsOf(team!).set('later', { id: 'later', cardId: null, subjectKind: 'cycle', subjectId: '2', text: 'Cycle 2 went well', by: ALICE.id, byName: ALICE.name, at: T0 } as never)
    mirror.flush()
    const [thread] = readThreads(team!, { kind: 'cycle', id: '2' })
    expect(thread!.replies.map((r) => [r.text, r.via])).toEqual([['Replying early', 'mentor-room']])
    expect(commentsOf(team!).get('m-reply')).toMatchObject({ subjectKind: 'cycle', subjectId: '2', parentId: 'later' as CommentId })
    mirror.destroy()
  })
})
