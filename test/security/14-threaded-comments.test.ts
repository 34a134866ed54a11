/**
 * Issue 9 widened what the mentor room may send: a comment's subject, its thread (`parentId`),
 * mentions, `editedAt` (and a `resolved` that older apps send). These stay flat fields of the one
 * plain record, bounded, and the ownership rule is unchanged: a mentor session may write new
 * comments and change only its own. So a mentor may reply to anyone, but not edit anyone else's
 * comment; threads are resolved by the team only (kept apart, under `commentResolutions`, where
 * the mentor room cannot write). What a mentor's own comment may change: 14-comment-rewrite.test.ts.
 */
import { describe, expect, it } from 'vitest'
import {
  addComment,
  commentRecordSchema,
  editComment,
  readComments,
  readThreads,
  reauthorMentorComment,
  setThreadResolved
} from '@shared/doc'
import { ALICE, BOB, ctxAt, T0 } from '../shared/support'
import { assertStillFlowing, diff, hostileCopy, refusals, teamView, world } from './support/guardRoom'

const PRIYA = { id: 'person-priya' as typeof BOB.id, name: 'Priya Shah' }

describe('threaded comments through the mentor room', () => {
  it('a reply with a subject, mentions and an edit passes the gate; every team peer stores the same copy', () => {
    const w = world(3)
    const teamRoot = readComments(w.team[0]!)[0]!
    const reply = addComment(w.mentor, ctxAt(T0, PRIYA), { parentId: teamRoot.id, text: 'Ask @Alice Okafor', mentions: [ALICE.id] })
    w.flush()
    editComment(w.mentor, ctxAt(T0 + 60_000, PRIYA), reply, { text: 'Ask @Alice Okafor first', mentions: [ALICE.id] })
    const cycle = addComment(w.mentor, ctxAt(T0, PRIYA), { subject: { kind: 'cycle', id: '2' }, text: 'Strong review' })
    w.flush()
    for (const t of w.team) {
      const [thread] = readThreads(t, { kind: 'card', id: w.cardId })
      expect(thread!.replies.map((r) => [r.text, r.via, r.mentions, r.editedAt])).toEqual([['Ask @Alice Okafor first', 'mentor-room', [ALICE.id], T0 + 60_000]])
      expect(readThreads(t, { kind: 'cycle', id: '2' }).map((x) => x.root?.text)).toEqual(['Strong review'])
    }
    const copies = (key: string): Set<string> => new Set(w.team.map((t) => JSON.stringify(t.getMap('comments').get(key))))
    expect(copies(reply).size).toBe(1)
    expect(copies(cycle).size).toBe(1)
    expect(refusals(w)).toBe(0)
  })

  it('re-authoring is pure: two peers make equal copies of the same record', () => {
    const record = commentRecordSchema.parse({
      id: 'c-1',
      cardId: null,
      subjectKind: 'feedback',
      subjectId: 'fb-1',
      text: 'Worth a card',
      by: 'person-priya',
      byName: 'Priya',
      at: T0,
      mentions: ['person-alice', 'person-alice', 'mentor-x'],
      editedAt: T0 + 1,
      resolved: { by: 'person-priya', byName: 'Priya', at: T0 + 2 },
      via: 'team',
      mentorClient: 1
    })
    const a = reauthorMentorComment(record, 77, { existing: null, root: null })
    const b = reauthorMentorComment(structuredClone(record), 77, { existing: null, root: null })
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(a).toMatchObject({ via: 'mentor-room', mentorClient: 77, mentions: ['person-alice', 'mentor-x'] })
    // A claimed resolution is not taken: the team resolves threads.
    expect(a).not.toHaveProperty('resolved')
  })

  it("a mentor resolving a colleague's thread is refused, as a resolution (outside-comments) or on the comment (not-your-comment)", () => {
    const w = world(2)
    const before = teamView(w)
    const teamRoot = readComments(w.team[0]!)[0]!
    w.room.send(diff(hostileCopy(w), (d) => setThreadResolved(d, ctxAt(T0, PRIYA), teamRoot.id, true)))
    w.flush()
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('outside-comments')
    const onRecord = { id: teamRoot.id, cardId: w.cardId, text: teamRoot.text, by: ALICE.id, byName: ALICE.name, at: T0, resolved: { by: PRIYA.id, byName: PRIYA.name, at: T0 } }
    w.room.send(diff(hostileCopy(w), (d) => d.getMap('comments').set(teamRoot.id, onRecord)))
    w.flush()
    expect(teamView(w)).toEqual(before)
    for (const t of w.team) expect(readThreads(t)[0]!.resolved).toBeNull()
    expect(refusals(w)).toBe(4)
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('not-your-comment')
    assertStillFlowing(w)
  })

  it("a mentor editing a colleague's comment, even claiming to be them, is refused", () => {
    const w = world(2)
    const teamRoot = readComments(w.team[0]!)[0]!
    const hostile = hostileCopy(w)
    w.room.send(diff(hostile, (d) => editComment(d, ctxAt(T0, ALICE), teamRoot.id, { text: 'Budget is £400k' })))
    w.flush()
    for (const t of w.team) expect(readComments(t).map((c) => c.text)).toEqual(['Budget is £40k'])
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('not-your-comment')
    assertStillFlowing(w)
  })

  it("the team resolves a mentor's thread; the mentor's claim to resolve, and its edit of the first comment, change nothing about it", () => {
    const w = world(2)
    const root = addComment(w.mentor, ctxAt(T0, PRIYA), { text: 'Have you tried the short form?' })
    addComment(w.team[0]!, ctxAt(T0 + 1), { parentId: root, text: 'Yes, it works' })
    w.flush()
    // An older mentor app resolves on its own comment record: it passes the gate, and is not taken.
    const own = w.mentor.getMap('comments').get(root) as Record<string, unknown>
    w.mentor.getMap('comments').set(root, { ...own, via: undefined, mentorClient: undefined, resolved: { by: PRIYA.id, byName: PRIYA.name, at: T0 + 2 } })
    w.flush()
    for (const t of w.team) expect(readThreads(t).find((x) => x.id === root)!.resolved).toBeNull()
    setThreadResolved(w.team[1]!, ctxAt(T0 + 4, BOB), root, true)
    w.flush()
    for (const t of w.team) expect(readThreads(t).find((x) => x.id === root)!.resolved).toEqual({ by: BOB.id, byName: BOB.name, at: T0 + 4, via: 'team' })
    // The mentor edits its first comment: the text changes, the thread stays resolved.
    editComment(w.mentor, ctxAt(T0 + 5, PRIYA), root, { text: 'Have you tried the short form yet?' })
    w.flush()
    for (const t of w.team) {
      expect(readComments(t).find((c) => c.id === root)?.text).toBe('Have you tried the short form yet?')
      expect(readThreads(t).find((x) => x.id === root)!.resolved).toMatchObject({ by: BOB.id, via: 'team' })
    }
    // The mentor sees the team's resolution (it reaches the room with the rest of the board).
    expect(readThreads(w.mentor).find((x) => x.id === root)!.resolved).toMatchObject({ by: BOB.id })
    expect(refusals(w)).toBe(0)
  })

  it('after a fresh session (a new client id) the mentor cannot change its earlier comment', () => {
    const w = world(2)
    const root = addComment(w.mentor, ctxAt(T0, PRIYA), { text: 'Earlier session' })
    w.flush()
    const later = hostileCopy(w)
    w.room.send(diff(later, (d) => d.getMap('comments').set(root, { id: root, cardId: null, text: 'Rewritten later', by: PRIYA.id, byName: PRIYA.name, at: T0 })))
    w.flush()
    for (const t of w.team) expect(readComments(t).find((x) => x.id === root)!.text).toBe('Earlier session')
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('not-your-comment')
  })

  const good = { id: 'c-9', cardId: null, text: 'Fine', by: 'person-priya', byName: 'Priya', at: T0 }
  const bad: [string, Record<string, unknown>][] = [
    ['21 mentions', { ...good, mentions: Array.from({ length: 21 }, (_, i) => `person-${i}`) }],
    ['a mention that is not an id', { ...good, mentions: ['<script>'] }],
    ['a huge mention', { ...good, mentions: ['x'.repeat(65)] }],
    ['a subject kind without an id', { ...good, subjectKind: 'cycle' }],
    ['an unknown subject kind', { ...good, subjectKind: 'board', subjectId: 'b' }],
    ['a card subject naming another card', { ...good, cardId: 'card-1', subjectKind: 'card', subjectId: 'card-2' }],
    ['a cycle subject with a card', { ...good, cardId: 'card-1', subjectKind: 'cycle', subjectId: '2' }],
    ['a resolved reply', { ...good, parentId: 'c-1', resolved: { by: 'p', byName: 'P', at: T0 } }],
    ['editedAt: NaN', { ...good, editedAt: NaN }],
    ['resolved at the year 3000', { ...good, resolved: { by: 'p', byName: 'P', at: Date.UTC(3000, 0, 1) } }],
    ['resolved by a 10,000-character name', { ...good, resolved: { by: 'p', byName: 'x'.repeat(10_000), at: T0 } }]
  ]
  it.each(bad)('%s is refused at the gate (bad-comment) and counted', (_what, value) => {
    const w = world(2)
    const before = teamView(w)
    w.room.send(diff(hostileCopy(w), (d) => d.getMap('comments').set('c-9', value)))
    w.flush()
    expect(teamView(w)).toEqual(before)
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('bad-comment')
    assertStillFlowing(w)
  })

  it('the same record with 20 mentions and a cycle subject passes (the test can fail)', () => {
    const w = world(2)
    const ok = { ...good, subjectKind: 'cycle', subjectId: '2', mentions: Array.from({ length: 20 }, (_, i) => `person-${i}`) }
    w.room.send(diff(hostileCopy(w), (d) => d.getMap('comments').set('c-9', ok)))
    w.flush()
    for (const t of w.team) expect(readThreads(t, { kind: 'cycle', id: '2' })[0]!.root?.mentions).toHaveLength(20)
    expect(refusals(w)).toBe(0)
  })
})
