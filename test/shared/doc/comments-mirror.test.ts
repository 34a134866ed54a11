import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, addComment, createRoomMirror, readCards, readComments, renameColumn, readBoard, watchCommentWrites } from '@shared/doc'
import { createCommentReceipts } from '@shared/sync/commentReceipts'
import { BOB, ctxAt, newProject } from '../support'

/** Connect two docs directly, both ways (a stand-in for one WebRTC room). */
function link(a: Y.Doc, b: Y.Doc): void {
  const ab = { from: 'a' }
  const ba = { from: 'b' }
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), ab)
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), ba)
  a.on('update', (u: Uint8Array, o: unknown) => o !== ba && Y.applyUpdate(b, u, ab))
  b.on('update', (u: Uint8Array, o: unknown) => o !== ab && Y.applyUpdate(a, u, ba))
}

describe('relay pipeline: team doc → mirror ⇄ misbehaving mentor', () => {
  it('the mentor sees the board; its board edits stop at the mirror; its comments reach the team', () => {
    const { doc: team, todo } = newProject()
    addCard(team, ctxAt(), { columnId: todo.id, title: 'First card' })
    const mirror = createRoomMirror(team, 'comments', { reauthorDelayMs: 0 })
    const mentor = new Y.Doc()
    link(mirror.doc, mentor)
    expect(readCards(mentor).map((c) => c.title)).toEqual(['First card'])

    const receipts = createCommentReceipts(mentor.clientID)
    watchCommentWrites(mentor, { onLocal: (c) => receipts.wrote(c, 0), onRemote: (k, v) => receipts.echo(k, v) })
    receipts.connected(true, 0)
    addComment(mentor, ctxAt(undefined, BOB), { text: 'Nice start' })
    expect(readComments(team).map((c) => c.text)).toEqual(['Nice start'])
    expect(readComments(team)[0]!.via).toBe('mentor-room')
    expect(mirror.stats()).toMatchObject({ accepted: 1, refused: 0 })
    // The team's re-authored copy comes back to the mentor (its receipt).
    mirror.flush()
    expect(receipts.check(60_000)).toEqual({ waiting: 0, notAccepted: [] })

    renameColumn(mentor, ctxAt(undefined, BOB), todo.id, 'Mentor was here')
    expect(readBoard(team).columns[0]!.title).toBe('To do')
    expect(mirror.stats()).toMatchObject({ refused: 1, lastRefusal: 'outside-comments' })

    // Team edits keep reaching the mentor.
    addCard(team, ctxAt(), { columnId: todo.id, title: 'Second card' })
    mirror.flush() // forwarding waits one microtask
    expect(readCards(mentor).map((c) => c.title)).toContain('Second card')
    mirror.destroy()
  })

  it('re-authoring waits a moment by default (a colleague racing the team room is recognised)', async () => {
    const { doc: team } = newProject()
    const mirror = createRoomMirror(team, 'comments', { reauthorDelayMs: 20 })
    const mentor = new Y.Doc()
    link(mirror.doc, mentor)
    addComment(mentor, ctxAt(undefined, BOB), { text: 'Later' })
    expect(readComments(team)).toEqual([])
    await new Promise((r) => setTimeout(r, 40))
    expect(readComments(team).map((c) => c.text)).toEqual(['Later'])
    mirror.destroy()
  })

  it('a read-only mirror (viewer room) takes nothing back', () => {
    const { doc: team } = newProject()
    const mirror = createRoomMirror(team, 'read-only', { reauthorDelayMs: 0 })
    const viewer = new Y.Doc()
    link(mirror.doc, viewer)
    addComment(viewer, ctxAt(undefined, BOB), { text: 'viewer' })
    expect(readComments(team)).toEqual([])
    expect(mirror.stats().accepted).toBe(0)
  })
})
