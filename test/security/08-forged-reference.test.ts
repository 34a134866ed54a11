/**
 * Attack 8: the guard looked a referenced id up in the update before the team doc, so a forged
 * copy of an existing board item "under comments" let a board edit hanging off it pass.
 */
import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { gateRoomUpdate, readCards } from '@shared/doc'
import { assertStillFlowing, hostileCopy, refusals, teamView, world } from './support/guardRoom'

/** Hand-encodes V1 update structs (one run per client) with an empty delete set. */
function encodeStructs(runs: [number, Y.Item[]][]): Uint8Array {
  const e = new Y.UpdateEncoderV1()
  encoding.writeVarUint(e.restEncoder, runs.length)
  for (const [client, items] of runs) {
    encoding.writeVarUint(e.restEncoder, items.length)
    e.writeClient(client)
    encoding.writeVarUint(e.restEncoder, items[0]!.id.clock)
    items.forEach((i) => i.write(e, 0))
  }
  encoding.writeVarUint(e.restEncoder, 0)
  return e.toUint8Array()
}

describe('attack 8: a forged copy of a board item, with a board edit hanging off it', () => {
  it('the reference is resolved in the team doc, so the board edit is refused', () => {
    const w = world(2)
    const before = teamView(w)
    const team = w.team[0]!
    const card = team.getMap('cards').get(readCards(team)[0]!.id) as Y.Map<unknown>
    const titleItem = (card as unknown as { _map: Map<string, Y.Item> })._map.get('title')!
    // 1. A copy of the title item's id, claiming to be a comment.
    const forgedCopy = new Y.Item(titleItem.id, null, null, null, null, 'comments' as never, 'c-x', new Y.ContentAny([{ id: 'c-x', cardId: null, text: 'hi', by: 'b', byName: 'B', at: Date.UTC(2026, 5, 1) }]))
    // 2. A new title hanging off the real title item (so its parent would be implied by it).
    const hostile = hostileCopy(w)
    const edit = new Y.Item(Y.createID(hostile.clientID, 0), null, titleItem.id, null, null, null, null, new Y.ContentAny(['Hacked title']))
    const update = encodeStructs([[hostile.clientID, [edit]], [titleItem.id.client, [forgedCopy]]])
    const verdict = gateRoomUpdate({ team, mirror: w.mirrors[0]!.doc, isTeamClient: (c) => team.store.clients.has(c) }, update)
    expect(verdict.refusal).toBe('outside-comments')
    expect(verdict.update).toBeNull()
    w.room.send(update)
    w.flush()
    expect(teamView(w)).toEqual(before)
    for (const m of w.mirrors) expect(readCards(m.doc)[0]!.title).toBe('Map the renewal journey')
    expect(refusals(w)).toBe(2)
    assertStillFlowing(w)
  })
})
