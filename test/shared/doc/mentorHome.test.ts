// The mentor's home: for one project, their link, their last session, what the team changed since
// it and the open questions addressed to them, all from the project doc a mentor holds.
import { describe, expect, it } from 'vitest'
import {
  addCard,
  addComment,
  addMentorLink,
  addMentorSession,
  mentoredProjectSummary,
  moveCard,
  readComments,
  setMentorLinkState,
  setThreadResolved,
  NO_SESSION_WINDOW_MS
} from '@shared/doc'
import type { MentorId } from '@shared/domain/ids'
import { ALICE, ctxAt, newProject, T0 } from '../support'

const HOUR = 60 * 60 * 1000
const MO = { personIds: ['person-mo'], mentorIds: ['mentor-mo'] }

function project() {
  const p = newProject()
  const link = addMentorLink(p.doc, ctxAt(T0), { mentorId: 'mentor-mo' as MentorId, mentorName: 'Mo Mentor', state: 'requested' })
  setMentorLinkState(p.doc, ctxAt(T0), link, 'active', { overCapacityConfirmed: true })
  const other = addMentorLink(p.doc, ctxAt(T0), { mentorId: 'mentor-eve' as MentorId, mentorName: 'Eve', state: 'requested' })
  setMentorLinkState(p.doc, ctxAt(T0), other, 'active', { overCapacityConfirmed: true })
  return { ...p, link, other }
}

describe('mentoredProjectSummary', () => {
  it("counts the team's changes since the mentor's own last session, in words", () => {
    const p = project()
    // Eve's later session does not reset what Mo has missed.
    addMentorSession(p.doc, ctxAt(T0 + HOUR), { linkId: p.link, date: '2026-06-01' })
    addMentorSession(p.doc, ctxAt(T0 + 3 * HOUR), { linkId: p.other, date: '2026-06-01' })
    const a = addCard(p.doc, ctxAt(T0 + 2 * HOUR), { columnId: p.todo.id, title: 'Call the depot' })
    addCard(p.doc, ctxAt(T0 + 2 * HOUR), { columnId: p.todo.id, title: 'Draft the letter' })
    moveCard(p.doc, ctxAt(T0 + 2 * HOUR), a, p.doing.id, 0)
    const s = mentoredProjectSummary(p.doc, MO, T0 + 4 * HOUR)!
    expect(s.name).toBe('Blue badge renewals')
    expect(s.links.map((l) => [l.mentorName, l.state])).toEqual([['Mo Mentor', 'active']])
    expect(s.lastSession?.createdAt).toBe(T0 + HOUR)
    expect(s.sinceLastSession).toBe(true)
    expect(s.changes.lines).toEqual(['2 cards added', '1 card moved', '1 session logged'])
  })

  it('without a session, counts the last two weeks; without a named mentor, every link is theirs', () => {
    const p = project()
    addCard(p.doc, ctxAt(T0 + HOUR), { columnId: p.todo.id, title: 'Call the depot' })
    const s = mentoredProjectSummary(p.doc, { personIds: ['person-mo'], mentorIds: [] }, T0 + NO_SESSION_WINDOW_MS + 30 * 60 * 1000)!
    expect(s.sinceLastSession).toBe(false)
    expect(s.links).toHaveLength(2)
    // The project's creation and the links fell before the window; the card did not.
    expect(s.changes.lines).toEqual(['1 card added'])
  })

  it('lists open questions that mention the mentor, and drops them once resolved', () => {
    const p = project()
    addComment(p.doc, ctxAt(T0 + HOUR, ALICE), { text: '@Mo Mentor what did your council do about appeals?', mentions: ['mentor-mo'] })
    addComment(p.doc, ctxAt(T0 + HOUR, ALICE), { text: 'Nothing for Mo here' })
    const s = mentoredProjectSummary(p.doc, MO, T0 + 2 * HOUR)!
    expect(s.openQuestions.map((q) => q.latest.comment.text)).toEqual(['@Mo Mentor what did your council do about appeals?'])
    const root = readComments(p.doc).find((c) => c.mentions.length > 0)!
    setThreadResolved(p.doc, ctxAt(T0 + 2 * HOUR, ALICE), root.id, true)
    expect(mentoredProjectSummary(p.doc, MO, T0 + 3 * HOUR)!.openQuestions).toEqual([])
  })
})
