/**
 * Attack 6: no size or shape limit on comments: 20 × 200 kB comments and a 2,000-level nested map
 * were accepted and stored by every team peer (4 MB from one mentor in seconds).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addComment, createRoomMirror, GATE_LIMITS, MIRROR_RATE, readComments } from '@shared/doc'
import { BOB, ctxAt, newProject } from '../shared/support'
import { assertStillFlowing, diff, hostileCopy, refusals, teamView, world } from './support/guardRoom'

describe('attack 6: huge and deeply nested comments', () => {
  it('20 × 200 kB comments are refused; no team peer (nor the room copy) stores them', () => {
    const w = world(2)
    const before = teamView(w)
    const sizes = w.team.map((t) => Y.encodeStateAsUpdate(t).byteLength)
    const hostile = hostileCopy(w)
    for (let i = 0; i < 20; i++) {
      w.room.send(diff(hostile, (d) => d.getMap('comments').set(`big-${i}`, { id: `big-${i}`, cardId: null, text: 'x'.repeat(200_000), by: 'b', byName: 'B', at: Date.UTC(2026, 5, 1) })))
    }
    w.flush()
    expect(teamView(w)).toEqual(before)
    expect(w.team.map((t) => Y.encodeStateAsUpdate(t).byteLength)).toEqual(sizes)
    for (const m of w.mirrors) expect(Y.encodeStateAsUpdate(m.doc).byteLength).toBeLessThan(sizes[0]! + 10_000)
    // The first is refused as a bad comment; the rest of that session are gaps, counted once.
    for (const m of w.mirrors) expect(m.stats()).toMatchObject({ refused: 1, lastRefusal: 'bad-comment', gapsAfterRefusal: 19 })
    assertStillFlowing(w)
  })

  it('a 2,000-level nested map under comments is refused', () => {
    const w = world(2)
    const before = teamView(w)
    const hostile = hostileCopy(w)
    w.room.send(
      diff(hostile, (d) =>
        d.transact(() => {
          let m = new Y.Map<unknown>()
          d.getMap('comments').set('deep', m)
          for (let i = 0; i < 2000; i++) m.set('x', (m = new Y.Map<unknown>()))
        })
      )
    )
    w.flush()
    expect(teamView(w)).toEqual(before)
    expect(refusals(w)).toBe(2)
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('nested')
    assertStillFlowing(w)
  })

  it(`more than ${GATE_LIMITS.newStructs} new comments in one update: the excess is refused at the gate, and the rest is rate-limited`, () => {
    const w = world(1)
    const hostile = hostileCopy(w)
    const flood = diff(hostile, (d) => d.transact(() => {
      for (let i = 0; i < GATE_LIMITS.newStructs + 20; i++) addComment(d, ctxAt(undefined, BOB), { text: `spam ${i}` })
    }))
    w.room.send(flood)
    w.flush()
    expect(w.team[0]!.getMap('comments').size).toBe(1 + MIRROR_RATE.comments)
    expect(w.mirrors[0]!.stats().byReason).toEqual({ 'too-many': 1, 'rate-limit': 1 })
  })

  it('a flood of valid comments over many updates and sessions stops at the rate limit; it resumes in the next window', () => {
    let t = 0
    const { doc: team } = newProject()
    const mirror = createRoomMirror(team, 'comments', { now: () => t, rate: { comments: 50, bytes: 1e9, windowMs: 60_000 } })
    for (let session = 0; session < 10; session++) {
      const hostile = new Y.Doc()
      Y.applyUpdate(hostile, Y.encodeStateAsUpdate(mirror.doc))
      for (let i = 0; i < 20; i++) mirror.receive(diff(hostile, (d) => addComment(d, ctxAt(undefined, BOB), { text: `flood ${session}.${i}` })), 'room')
    }
    mirror.flush()
    expect(team.getMap('comments').size).toBe(50)
    expect(mirror.stats().byReason).toEqual({ 'rate-limit': 1 })
    t += 60_000
    const honest = new Y.Doc()
    Y.applyUpdate(honest, Y.encodeStateAsUpdate(mirror.doc))
    mirror.receive(diff(honest, (d) => addComment(d, ctxAt(undefined, BOB), { text: 'after the flood' })), 'room')
    expect(readComments(team).map((c) => c.text)).toContain('after the flood')
    mirror.destroy()
  })
})
