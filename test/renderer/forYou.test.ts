// The For you page's rows (where a comment is, in words, and the link) and the read state kept on
// this computer, per person.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { addCard, addComment, addFeedback, commentsOf, editComment, forYou, type ForYouItem } from '@shared/doc'
import { excerpt, forYouRows } from '../../src/renderer/features/comments/forYouView'
import { ForYouStore, MAX_MARKS } from '../../src/renderer/features/comments/forYouStore'
import { ALICE, BOB, ctxAt, newProject, PROJECT_ID, T0 } from '../shared/support'

describe('For you rows', () => {
  it('say where each comment is and link there', () => {
    const { doc, todo } = newProject()
    const cardId = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Book a collection' })
    const feedbackId = addFeedback(doc, ctxAt(), { cycle: 2, who: 'A resident', source: 'research', text: 'Too many steps', cards: [] })
    const hi = (n: number, subject: Parameters<typeof addComment>[2]['subject']): void => {
      addComment(doc, ctxAt(T0 + n, BOB), { subject, text: `@Alice Okafor ${n}`, mentions: [ALICE.id] })
    }
    hi(1, { kind: 'card', id: cardId })
    hi(2, { kind: 'project', id: PROJECT_ID })
    hi(3, { kind: 'cycle', id: '2' })
    hi(4, { kind: 'feedback', id: feedbackId })
    hi(5, { kind: 'mentor-session', id: 'gone' })
    const rows = forYouRows(doc, { id: PROJECT_ID, name: 'Bulky waste' }, { personIds: [ALICE.id], mentorIds: [] })
    expect(rows.map((r) => [r.where, r.href])).toEqual([
      ['A mentor session', `/projects/${PROJECT_ID}/mentors`],
      ['Feedback from A resident (cycle 2)', `/projects/${PROJECT_ID}/cycles/2`],
      ['Cycle 2 review', `/projects/${PROJECT_ID}/cycles/2`],
      ['Project discussion', `/projects/${PROJECT_ID}/discussion`],
      ['Card “Book a collection”', `/projects/${PROJECT_ID}/cards/${cardId}`]
    ])
    expect(rows[0]!.projectName).toBe('Bulky waste')
  })

  it('excerpts are one line, cut at a word', () => {
    expect(excerpt('Line one\n\nline   two')).toBe('Line one line two')
    const long = `${'word '.repeat(60)}end`
    const cut = excerpt(long)
    expect(cut.length).toBeLessThanOrEqual(161)
    expect(cut.endsWith('word…')).toBe(true)
  })
})

describe('read state on this computer', () => {
  let data: Map<string, string>
  beforeEach(() => {
    data = new Map()
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k)
    })
  })
  afterEach(() => vi.unstubAllGlobals())

  const item = (id: string, version: number): { comment: { id: string }; version: number } => ({ comment: { id }, version })

  it('counts unread per project, clears on "mark all as read", and is kept per person', () => {
    const alice = new ForYouStore('alice')
    alice.setUnread('p1', 2)
    alice.setUnread('p2', 1)
    expect(alice.totalUnread()).toBe(3)
    alice.markAllRead(new Map([['p1', [item('c1', T0), item('c2', T0 + 1)]], ['p2', [item('c3', T0)]]]))
    expect(alice.totalUnread()).toBe(0)
    expect(alice.isRead('p1', item('c1', T0))).toBe(true)
    // Kept on this computer: a fresh store (a restart) reads it back; another person starts afresh.
    expect(new ForYouStore('alice').isRead('p2', item('c3', T0))).toBe(true)
    expect(new ForYouStore('bob').isRead('p2', item('c3', T0))).toBe(false)
  })

  it('a damaged entry reads as "nothing read", not as an error', () => {
    data.set('fortnight.forYou.read.alice', '{"p1": {"c1": "yesterday"}}')
    expect(new ForYouStore('alice').isRead('p1', item('c1', T0))).toBe(false)
  })

  it('a comment dated 2099, marked as read, does not mark later comments as read', () => {
    const { doc } = newProject()
    commentsOf(doc).set('from-2099', { id: 'from-2099', cardId: null, text: '@Alice Okafor', by: BOB.id, byName: BOB.name, at: Date.UTC(2099, 0, 1), mentions: [ALICE.id], via: 'mentor-room', mentorClient: 9 } as never)
    const me = { personIds: [ALICE.id], mentorIds: [] }
    const store = new ForYouStore('alice')
    const listed = (): readonly ForYouItem[] => forYou(doc, me, T0)
    store.markAllRead(new Map([[PROJECT_ID, listed()]]))
    expect(store.unreadOf(PROJECT_ID, listed())).toBe(0)
    addComment(doc, ctxAt(T0 + 60_000, BOB), { text: '@Alice Okafor new', mentions: [ALICE.id] })
    expect(store.unreadOf(PROJECT_ID, listed())).toBe(1)
  })

  it("a colleague's slow clock does not make a new comment read; an edit is new again", () => {
    const { doc } = newProject()
    const me = { personIds: [ALICE.id], mentorIds: [] }
    const first = addComment(doc, ctxAt(T0, BOB), { text: '@Alice Okafor one', mentions: [ALICE.id] })
    const store = new ForYouStore('alice')
    store.markAllRead(new Map([[PROJECT_ID, forYou(doc, me)]]))
    addComment(doc, ctxAt(T0 - 24 * 3_600_000, BOB), { text: '@Alice Okafor from a slow clock', mentions: [ALICE.id] })
    expect(forYou(doc, me).filter((i) => !store.isRead(PROJECT_ID, i)).map((i) => i.comment.text)).toEqual(['@Alice Okafor from a slow clock'])
    editComment(doc, ctxAt(T0 + 5, BOB), first, { text: '@Alice Okafor one, corrected', mentions: [ALICE.id] })
    expect(store.unreadOf(PROJECT_ID, forYou(doc, me))).toBe(2)
  })

  it('stays bounded: marks of comments no longer listed go, and there are never more than MAX_MARKS', () => {
    const store = new ForYouStore('alice')
    store.markAllRead(new Map([['p1', [item('gone', T0), item('kept', T0)]]]))
    store.markAllRead(new Map([['p1', [item('kept', T0)]]]))
    expect(store.isRead('p1', item('gone', T0))).toBe(false)
    expect(store.isRead('p1', item('kept', T0))).toBe(true)
    const many = Array.from({ length: MAX_MARKS + 500 }, (_, i) => item(crypto.randomUUID(), T0 + i))
    store.markAllRead(new Map([['p2', many]]))
    const saved = JSON.parse(data.get('fortnight.forYou.read.alice')!) as Record<string, Record<string, number>>
    expect(Object.values(saved).reduce((n, m) => n + Object.keys(m).length, 0)).toBe(MAX_MARKS)
    expect(data.get('fortnight.forYou.read.alice')!.length).toBeLessThan(200_000)
    // The newest are the ones kept.
    expect(store.isRead('p2', many[many.length - 1]!)).toBe(true)
    expect(store.isRead('p2', many[0]!)).toBe(false)
  })
})
