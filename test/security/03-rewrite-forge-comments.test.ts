/**
 * Attack 3: mentors could rewrite, delete and forge anyone's comments: change a colleague's
 * "£40k" to "£400k", delete it, post as a team member. Any overwrite or delete under `comments`
 * passed, and authorship (`by`, `byName`) was whatever the sender wrote.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addComment, readComments, removeComment, type CommentId } from '@shared/doc'
import { ALICE, BOB, ctxAt } from '../shared/support'
import { assertStillFlowing, diff, hostileCopy, refusals, teamView, world } from './support/guardRoom'

describe("attack 3: rewriting, deleting and forging colleagues' comments", () => {
  it("a mentor's overwrite of a team comment (£40k → £400k) is refused and counted", () => {
    const w = world(2)
    const before = teamView(w)
    const hostile = hostileCopy(w)
    const team = readComments(w.team[0]!)[0]!
    const forged = diff(hostile, (d) => d.getMap('comments').set(team.id, { ...team, via: undefined, text: 'Budget is £400k' }))
    w.room.send(forged)
    w.flush()
    expect(teamView(w)).toEqual(before)
    for (const t of w.team) expect(readComments(t).map((c) => c.text)).toEqual(['Budget is £40k'])
    expect(refusals(w)).toBe(2)
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('not-your-comment')
    assertStillFlowing(w)
  })

  it("a bare deletion or a tombstone of a team comment changes nothing on the team's side", () => {
    const w = world(2)
    const before = teamView(w)
    const hostile = hostileCopy(w)
    const team = readComments(w.team[0]!)[0]!
    w.room.send(diff(hostile, (d) => d.getMap('comments').delete(team.id)))
    w.room.send(diff(hostile, (d) => d.getMap('comments').set(team.id, { ...team, text: '', deleted: true })))
    w.flush()
    expect(teamView(w)).toEqual(before)
    // The room's copy keeps the team's comment too (the deletion never reached the mirror).
    for (const m of w.mirrors) expect(readComments(m.doc).map((c) => c.text)).toEqual(['Budget is £40k'])
    assertStillFlowing(w)
  })

  it("a comment posted 'as Alice' is shown as via the mentor room, never as Alice's own", () => {
    const w = world(2)
    const hostile = hostileCopy(w)
    w.room.send(diff(hostile, (d) => addComment(d, ctxAt(undefined, ALICE), { text: 'Alice here: approve it' })))
    w.flush()
    for (const t of w.team) {
      const c = readComments(t).find((x) => x.text === 'Alice here: approve it')!
      expect(c.via).toBe('mentor-room')
      expect(readComments(t).find((x) => x.text === 'Budget is £40k')!.via).toBe('team')
    }
  })

  it("one mentor session cannot change another mentor session's comment", () => {
    const w = world(2)
    const id = addComment(w.mentor, ctxAt(undefined, BOB), { text: 'Talk to residents' })
    w.flush()
    for (const t of w.team) expect(readComments(t).map((c) => c.text)).toContain('Talk to residents')
    // Another mentor session rewrites it.
    const other = hostileCopy(w)
    w.room.send(diff(other, (d) => d.getMap('comments').set(id, { ...readComments(d).find((c) => c.id === id)!, text: 'Ignore residents' })))
    w.flush()
    for (const t of w.team) expect(readComments(t).map((c) => c.text)).toContain('Talk to residents')
    expect(refusals(w)).toBe(2)
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('not-your-comment')
    assertStillFlowing(w)
  })

  it('the author session can change and remove its own comment', () => {
    const w = world(2)
    const id = addComment(w.mentor, ctxAt(undefined, BOB), { text: 'Talk to residents' })
    w.flush()
    w.mentor.getMap('comments').set(id, { ...(w.mentor.getMap('comments').get(id) as object), text: 'Talk to residents first' })
    w.flush()
    for (const t of w.team) expect(readComments(t).map((c) => c.text)).toContain('Talk to residents first')
    removeComment(w.mentor, ctxAt(undefined, BOB), id as CommentId)
    w.flush()
    for (const t of w.team) expect(readComments(t).map((c) => c.id)).not.toContain(id)
    for (const t of w.team) expect(readComments(t).map((c) => c.text)).toEqual(['Budget is £40k'])
    expect(refusals(w)).toBe(0)
  })

  it("a colleague's first comment of a session, racing ahead of the team room, ends up shown as theirs", async () => {
    const w = world(2)
    const bob = w.team[1]!
    const early = new Y.Doc()
    Y.applyUpdate(early, Y.encodeStateAsUpdate(bob))
    early.clientID = bob.clientID
    const before = Y.encodeStateVector(early)
    addComment(early, ctxAt(undefined, BOB), { text: 'Bob, first thing today' })
    const update = Y.encodeStateAsUpdate(early, before)
    // Through Bob's mirror, peer 0's mirror hears it first: for now it looks like a mentor's.
    w.mirrors[0]!.receive(update, 'room')
    expect(readComments(w.team[0]!).find((c) => c.text === 'Bob, first thing today')?.via).toBe('mentor-room')
    // Then the team room delivers Bob's own change.
    Y.applyUpdate(bob, update)
    await Promise.resolve()
    w.flush()
    for (const t of w.team) expect(readComments(t).find((c) => c.text === 'Bob, first thing today')?.via).toBe('team')
    expect(new Set(w.team.map((t) => JSON.stringify(t.getMap('comments').toJSON()))).size).toBe(1)
  })

  it('two team peers re-authoring the same comment converge on one value', () => {
    const w = world(3)
    addComment(w.mentor, ctxAt(undefined, BOB), { text: 'Converge' })
    w.flush()
    const states = w.team.map((t) => JSON.stringify(t.getMap('comments').toJSON()))
    expect(new Set(states).size).toBe(1)
    expect(Y.encodeStateVector(w.team[0]!)).toEqual(Y.encodeStateVector(w.team[1]!))
  })
})
