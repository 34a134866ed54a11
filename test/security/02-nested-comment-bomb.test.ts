/**
 * Attack 2: one deeply nested comment (~9,000 nested maps, ~126 kB) used to overflow the guard's
 * recursive parent-chain walk; the exception escaped the mirror doc's 'update' listener, Yjs never
 * cleared that doc's transaction cleanups, and the mentor room went silent for good while the
 * status said "synced" and nothing was counted.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRoomMirror, transactionCleanupsLeft } from '@shared/doc'
import { newProject } from '../shared/support'
import { assertStillFlowing, diff, hostileCopy, nonComments, refusals, teamView, world } from './support/guardRoom'

function nestedBomb(doc: Y.Doc, depth: number): void {
  doc.transact(() => {
    let parent = new Y.Map<unknown>()
    doc.getMap('comments').set('bomb', parent)
    for (let i = 0; i < depth; i++) {
      const child = new Y.Map<unknown>()
      parent.set('x', child)
      parent = child
    }
    parent.set('text', 'boom')
  })
}

describe('attack 2: a deeply nested comment', () => {
  it('is refused and counted, nothing escapes, and the room keeps flowing', () => {
    const w = world(2)
    const before = teamView(w)
    const hostile = hostileCopy(w)
    const bomb = diff(hostile, (d) => nestedBomb(d, 11_000))
    expect(bomb.byteLength).toBeGreaterThan(100_000)
    expect(() => w.room.send(bomb)).not.toThrow()
    w.flush()
    expect(teamView(w)).toEqual(before)
    expect(refusals(w)).toBe(2) // once per team peer's mirror
    for (const m of w.mirrors) expect(m.stats()).toMatchObject({ lastRefusal: 'nested', stuck: null })
    // Nothing of it reached the mirrors (the room's copy) either.
    for (const m of w.mirrors) expect(m.doc.getMap('comments').has('bomb')).toBe(false)
    assertStillFlowing(w)
  })

  it('applied straight to the mirror (a transport without the hook): the team doc is untouched, it is counted, nothing throws', () => {
    const { doc: team } = newProject()
    const mirror = createRoomMirror(team, 'comments', { reauthorDelayMs: 0 })
    const hostile = new Y.Doc()
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(mirror.doc))
    const bomb = diff(hostile, (d) => nestedBomb(d, 11_000))
    const board = nonComments(team)
    expect(() => Y.applyUpdate(mirror.doc, bomb, 'room')).not.toThrow()
    mirror.flush()
    expect(nonComments(team)).toBe(board)
    expect(team.getMap('comments').size).toBe(0)
    expect(mirror.stats()).toMatchObject({ refused: 1, lastRefusal: 'outside-comments', stuck: null })
    expect(transactionCleanupsLeft(mirror.doc)).toBe(0)
    mirror.destroy()
  })

  it('the private-field check: Yjs still keeps transaction cleanups where transactionCleanupsLeft reads them', () => {
    const doc = new Y.Doc()
    expect(transactionCleanupsLeft(doc)).toBe(0)
    // What attack 2 did to the mirror: an exception out of an 'update' listener leaves cleanups behind.
    doc.on('update', () => {
      throw new Error('listener blew up')
    })
    expect(() => doc.getMap('m').set('a', 1)).toThrow()
    expect(transactionCleanupsLeft(doc)).toBeGreaterThan(0)
  })
})
