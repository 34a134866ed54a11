/**
 * What the mentor-room gate costs per comment (printed; `npm test` keeps a loose ceiling so a
 * regression of an order of magnitude fails). A board of 200 cards and 300 comments; a mentor
 * sends 500 comments one at a time through a team peer's mirror.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, addComment, createRoomMirror, gateRoomUpdate, readComments } from '@shared/doc'
import { ALICE, BOB, ctxAt, newProject } from '../support'

describe('mentor-room gate: cost per comment', () => {
  it('gate alone, and gate + apply + re-author + forward, in µs per comment', () => {
    const { doc: team, todo } = newProject()
    for (let i = 0; i < 200; i++) addCard(team, ctxAt(), { columnId: todo.id, title: `Card ${i}` })
    for (let i = 0; i < 300; i++) addComment(team, ctxAt(undefined, ALICE), { text: `Team comment ${i}` })
    const mirror = createRoomMirror(team, 'comments', { rate: { comments: 1e6, bytes: 1e12, windowMs: 60_000 } })
    const mentor = new Y.Doc()
    Y.applyUpdate(mentor, Y.encodeStateAsUpdate(mirror.doc))
    const updates: Uint8Array[] = []
    mentor.on('update', (u: Uint8Array) => updates.push(u))
    const N = 500
    for (let i = 0; i < N; i++) addComment(mentor, ctxAt(undefined, BOB), { text: `Mentor comment ${i}: ${'words '.repeat(20)}` })

    // Gate alone (read-only checks against the current mirror; every update is new).
    const ctx = { team, mirror: mirror.doc, isTeamClient: (c: number) => team.store.clients.has(c) || c === team.clientID }
    const g0 = performance.now()
    for (const u of updates) gateRoomUpdate(ctx, u)
    const gateUs = ((performance.now() - g0) * 1000) / N

    // The whole path: gate, apply to the mirror, re-author into the team doc, forward back.
    const t0 = performance.now()
    for (const u of updates) {
      mirror.receive(u, 'room')
      mirror.flush()
    }
    const fullUs = ((performance.now() - t0) * 1000) / N
    expect(readComments(team).length).toBe(300 + N)
    console.log(`mentor-room gate: ${gateUs.toFixed(1)} µs per comment (gate only); ${fullUs.toFixed(1)} µs per comment (gate + apply + re-author + forward)`)
    expect(fullUs).toBeLessThan(20_000)
    mirror.destroy()
  })
})
