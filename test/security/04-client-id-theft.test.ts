/**
 * Attack 4: taking a team member's client id (a session that has only commented so far) let a
 * mentor claim that member's next clock numbers; the member's next board edits were then dropped
 * as duplicates on some peers, and the team's boards never converged again.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, addComment, readCards, readComments } from '@shared/doc'
import { ALICE, BOB, ctxAt } from '../shared/support'
import { assertStillFlowing, diff, hostileCopy, nonComments, refusals, world } from './support/guardRoom'

describe("attack 4: a mentor takes a team member's client id", () => {
  it("the member's next edits reach every team peer and the room; the boards converge; the claim is counted", () => {
    const w = world(3)
    const alice = w.team[2]!
    // Alice's session has only commented so far.
    addComment(alice, ctxAt(undefined, ALICE), { text: 'Looks good to me' })
    w.flush()
    // The mentor sees Alice's client id in the room and claims her next clocks.
    const hostile = hostileCopy(w, alice.clientID)
    const claim = diff(hostile, (d) => addComment(d, ctxAt(undefined, BOB), { text: 'I am Alice now' }))
    expect(Y.decodeUpdate(claim).structs.every((s) => s.id.client === alice.clientID)).toBe(true)
    w.room.send(claim)
    w.flush()
    for (const t of w.team) expect(readComments(t).map((c) => c.text)).not.toContain('I am Alice now')
    // Alice's next edits (on the board) use exactly those clock numbers.
    addCard(alice, ctxAt(undefined, ALICE), { columnId: w.columnId as never, title: 'Offline work by Alice' })
    w.flush()
    const boards = w.team.map(nonComments)
    expect(new Set(boards).size).toBe(1)
    for (const t of w.team) {
      expect(readCards(t).map((c) => c.title)).toContain('Offline work by Alice')
      expect(t.store.pendingStructs).toBeNull()
    }
    // Every team peer's copy in the room has Alice's real edit too, so a mentor syncing from any
    // of them sees it. (Mentors who took the forged bytes straight from the attacker keep them:
    // nobody can filter another app's copy.)
    for (const m of w.mirrors) {
      expect(readCards(m.doc).map((c) => c.title)).toContain('Offline work by Alice')
      expect(nonComments(m.doc)).toBe(boards[0])
    }
    // Counted once the team's real struct showed the claim to be forged (once per mirror).
    expect(refusals(w)).toBe(3)
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('forged-team-client')
    assertStillFlowing(w)
  })

  it("a claim on this peer's own client id is counted at once", () => {
    const w = world(2)
    const hostile = hostileCopy(w, w.team[0]!.clientID)
    w.room.send(diff(hostile, (d) => addComment(d, ctxAt(undefined, BOB), { text: 'as team peer 0' })))
    w.flush()
    expect(w.mirrors[0]!.stats()).toMatchObject({ refused: 1, lastRefusal: 'forged-team-client' })
    for (const t of w.team) expect(readComments(t).map((c) => c.text)).not.toContain('as team peer 0')
    assertStillFlowing(w)
  })
})
