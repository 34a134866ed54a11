/**
 * Attack 7: a mentor or viewer could hide the team's next edit from the rest of its own room by
 * integrating structs that claim a team client id into the room's mirror (the team's real edit is
 * then dropped there as a duplicate); such refusals were not counted.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, createRoomMirror, readCards } from '@shared/doc'
import { ctxAt, newProject } from '../shared/support'
import { assertStillFlowing, diff, hostileCopy, nonComments, Room, world } from './support/guardRoom'

function claimNextClocks(w: ReturnType<typeof world>, victim: Y.Doc): Uint8Array {
  const hostile = hostileCopy(w, victim.clientID)
  return diff(hostile, (d) => d.getMap('cards').set('decoy', new Y.Map()))
}

describe("attack 7: hiding the team's next edit from the room", () => {
  it("the mirrors never take the claim; the team's next edit reaches a mentor who syncs from them; it is counted", () => {
    const w = world(2)
    addCard(w.team[1]!, ctxAt(), { columnId: w.columnId as never, title: 'Peer 1 has written before' })
    w.flush()
    w.room.send(claimNextClocks(w, w.team[0]!))
    w.room.send(claimNextClocks(w, w.team[1]!))
    w.flush()
    addCard(w.team[0]!, ctxAt(), { columnId: w.columnId as never, title: 'Next edit of peer 0' })
    addCard(w.team[1]!, ctxAt(), { columnId: w.columnId as never, title: 'Next edit of peer 1' })
    w.flush()
    for (const m of w.mirrors) {
      expect(readCards(m.doc).map((c) => c.title)).toEqual(expect.arrayContaining(['Next edit of peer 0', 'Next edit of peer 1']))
      expect(nonComments(m.doc)).toBe(nonComments(w.team[0]!))
      expect(m.doc.getMap('cards').has('decoy')).toBe(false)
      // Its own client id at once; the colleague's once the real edit showed the claim was forged.
      expect(m.stats(), JSON.stringify(m.stats())).toMatchObject({ refused: 2, byReason: { 'forged-team-client': 2 }, stuck: null })
    }
    // A mentor who joins later and syncs only from the team's mirrors sees both edits.
    const late = new Y.Doc()
    const clean = new Room()
    clean.add({ doc: w.mirrors[0]!.doc, deliver: (u, o) => w.mirrors[0]!.receive(u, o) })
    clean.add({ doc: late, deliver: (u, o) => Y.applyUpdate(late, u, o) })
    expect(readCards(late).map((c) => c.title)).toEqual(expect.arrayContaining(['Next edit of peer 0', 'Next edit of peer 1']))
    assertStillFlowing(w)
  })

  for (const [what, known] of [['who has written before', true], ['writing for the first time', false]] as const) {
    it(`an honest colleague ${what}, racing ahead of the team room, is not counted`, () => {
      const w = world(2)
      if (known) {
        addCard(w.team[1]!, ctxAt(), { columnId: w.columnId as never, title: 'Before' })
        w.flush()
      }
      // Peer 1's edit reaches peer 0's mirror (through peer 1's mirror) before the team room.
      const early = new Y.Doc()
      Y.applyUpdate(early, Y.encodeStateAsUpdate(w.team[1]!))
      early.clientID = w.team[1]!.clientID
      const edit = diff(early, (d) => addCard(d, ctxAt(), { columnId: w.columnId as never, title: 'Racing' }))
      w.mirrors[0]!.receive(edit, 'room')
      Y.applyUpdate(w.team[1]!, edit) // then the team room delivers it
      w.flush()
      expect(w.mirrors[0]!.stats(), JSON.stringify(w.mirrors[0]!.stats())).toMatchObject({ refused: 0 })
      expect(readCards(w.mirrors[0]!.doc).map((c) => c.title)).toContain('Racing')
      assertStillFlowing(w)
    })
  }

  it('the viewer room (read-only mirror) drops and counts a claim too', () => {
    const { doc: team, todo } = newProject()
    const mirror = createRoomMirror(team, 'read-only', { reauthorDelayMs: 0 })
    const hostile = new Y.Doc()
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(mirror.doc))
    hostile.clientID = team.clientID
    mirror.receive(diff(hostile, (d) => d.getMap('cards').set('decoy', new Y.Map())), 'room')
    addCard(team, ctxAt(), { columnId: todo.id, title: 'Seen by viewers' })
    mirror.flush()
    expect(readCards(mirror.doc).map((c) => c.title)).toContain('Seen by viewers')
    expect(mirror.stats()).toMatchObject({ refused: 1, lastRefusal: 'forged-team-client' })
    mirror.destroy()
  })

  it('a transport without the hook: the claim is detected after the fact and reported as poisoned', () => {
    const { doc: team, todo } = newProject()
    const mirror = createRoomMirror(team, 'comments', { reauthorDelayMs: 0 })
    const hostile = new Y.Doc()
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(mirror.doc))
    hostile.clientID = team.clientID
    const board = nonComments(team)
    Y.applyUpdate(mirror.doc, diff(hostile, (d) => d.getMap('cards').set('decoy', new Y.Map())), 'room')
    expect(nonComments(team)).toBe(board)
    expect(mirror.stats()).toMatchObject({ refused: 1, lastRefusal: 'forged-team-client', stuck: 'poisoned' })
    addCard(team, ctxAt(), { columnId: todo.id, title: 'still ours' })
    mirror.destroy()
  })
})
