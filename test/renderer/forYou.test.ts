// The For you page's rows (where a comment is, in words, and the link) and the read state kept on
// this computer, per person.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { addCard, addComment, addFeedback } from '@shared/doc'
import { excerpt, forYouRows } from '../../src/renderer/features/comments/forYouView'
import { ForYouStore } from '../../src/renderer/features/comments/forYouStore'
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

  it('counts unread per project, clears on "mark as read", and is kept per person', () => {
    const alice = new ForYouStore('alice')
    alice.setUnread('p1', 2)
    alice.setUnread('p2', 1)
    expect(alice.totalUnread()).toBe(3)
    alice.markRead(['p1', 'p2'], T0)
    expect(alice.totalUnread()).toBe(0)
    expect(alice.lastSeen('p1')).toBe(T0)
    // Kept on this computer: a fresh store (a restart) reads it back; another person starts afresh.
    expect(new ForYouStore('alice').lastSeen('p2')).toBe(T0)
    expect(new ForYouStore('bob').lastSeen('p2')).toBe(0)
  })

  it('a damaged entry reads as "never looked", not as an error', () => {
    data.set('fortnight.forYou.seen.alice', '{"p1": "yesterday"}')
    expect(new ForYouStore('alice').lastSeen('p1')).toBe(0)
  })
})
