/**
 * Issue 9: mentor links and session logs live in the project doc, which the mentor room mirrors.
 * A mentor adds their own session notes through the comment channel (a comment whose subject is
 * the session) and that passes; a mentor's app that writes a link, a session, an action or a card
 * is refused at the team's gate, and the team's copy never changes.
 */
import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  actionToCard,
  addCard,
  addComment,
  addMentorLink,
  addMentorSession,
  readBoard,
  readMentorLinks,
  readMentorSessions,
  readThreads,
  setMentorLinkState,
  mentorLinksOf,
  mentorSessionsOf,
  type MentorSession
} from '@shared/doc'
import type { ColumnId, MentorId } from '@shared/domain/ids'
import { ctxAt, T0, type ALICE } from '../shared/support'
import { assertStillFlowing, diff, hostileCopy, refusals, teamView, world, type World } from './support/guardRoom'

const MENTOR = { id: 'person-mo' as typeof ALICE.id, name: 'Mo Mentor' }

/** A world whose project has an active link to Mo and one logged session with an action. */
function withSession(): { w: World; session: MentorSession } {
  const w = world(2)
  const team = w.team[0]!
  const link = addMentorLink(team, ctxAt(), { mentorId: 'mentor-mo' as MentorId, mentorName: 'Mo Mentor', state: 'requested' })
  setMentorLinkState(team, ctxAt(), link, 'active', { overCapacityConfirmed: true })
  addMentorSession(team, ctxAt(), { linkId: link, date: '2026-06-01', actions: ['Call the contact centre'] })
  w.flush()
  return { w, session: readMentorSessions(team)[0]! }
}

describe('a mentor and the session log', () => {
  it("a mentor's session note (a comment on the session) reaches every team peer, marked as via the mentor room", () => {
    const { w, session } = withSession()
    expect(readMentorSessions(w.mentor).map((s) => s.id)).toEqual([session.id])
    addComment(w.mentor, ctxAt(T0, MENTOR), { subject: { kind: 'mentor-session', id: session.id }, text: 'Agreed: try the new script for a fortnight' })
    w.flush()
    for (const t of w.team) {
      const threads = readThreads(t, { kind: 'mentor-session', id: session.id })
      expect(threads.map((x) => [x.root?.text, x.root?.via])).toEqual([['Agreed: try the new script for a fortnight', 'mentor-room']])
    }
    expect(refusals(w)).toBe(0)
  })

  it("a mentor's app that writes a link, ends one, logs a session, adds an action or a card changes nothing of the team's", () => {
    const { w, session } = withSession()
    const before = teamView(w)
    const links = JSON.stringify(w.team.map((t) => readMentorLinks(t)))
    const sessions = JSON.stringify(w.team.map((t) => readMentorSessions(t)))
    const ctx = ctxAt(T0, MENTOR)
    // Each attack from a fresh copy of the room, so one does not depend on another.
    // Give itself a link, as if the team had asked it.
    w.room.send(diff(hostileCopy(w), (d) => addMentorLink(d, ctx, { mentorId: 'mentor-eve' as MentorId, mentorName: 'Eve', state: 'requested' })))
    // End the team's link to Mo.
    w.room.send(diff(hostileCopy(w), (d) => setMentorLinkState(d, ctx, 'mentor-mo', 'ended', { overCapacityConfirmed: true })))
    // Log a session of its own, and add to the team's.
    w.room.send(diff(hostileCopy(w), (d) => addMentorSession(d, ctx, { linkId: 'mentor-mo', date: '2026-06-01', actions: ['Pay me'] })))
    w.room.send(diff(hostileCopy(w), (d) => (mentorSessionsOf(d).get(session.id) as Y.Map<unknown>).set('date', '2020-01-01')))
    // Turn an action into a card (a board write).
    w.room.send(diff(hostileCopy(w), (d) => actionToCard(d, ctx, session.id, session.actions[0]!.id)))
    w.room.send(diff(hostileCopy(w), (d) => addCard(d, ctx, { columnId: w.columnId as ColumnId, title: 'Planted by a mentor' })))
    // Delete the links map's entry outright.
    w.room.send(diff(hostileCopy(w), (d) => mentorLinksOf(d).delete('mentor-mo')))
    w.flush()
    expect(teamView(w)).toEqual(before)
    expect(JSON.stringify(w.team.map((t) => readMentorLinks(t)))).toBe(links)
    expect(JSON.stringify(w.team.map((t) => readMentorSessions(t)))).toBe(sessions)
    for (const t of w.team) expect(readBoard(t).columns.flatMap((c) => c.cards.map((x) => x.title))).not.toContain('Planted by a mentor')
    expect(refusals(w)).toBeGreaterThan(0)
    // The room still works afterwards: an honest comment gets through.
    assertStillFlowing(w)
  })
})
