import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, moveCard, stateMarker, summariseSince, updateCard, activitySince } from '@shared/doc'
import { ALICE, BOB, ctxAt, newProject, steppingCtx, T0 } from '../support'

describe('while you were offline: summary from the activity log', () => {
  it('lists, per colleague, the cards added, moved and edited after the marker, never my own', () => {
    const { doc: alice, todo, doing } = newProject()
    const early = addCard(alice, ctxAt(), { columnId: todo.id, title: 'Before I went offline' })
    const bob = new Y.Doc()
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice))
    const marker = stateMarker(alice)

    // Bob works while Alice is away; his laptop clock is a day behind, which must not matter.
    const bobCtx = steppingCtx(BOB, T0 - 86_400_000)
    addCard(bob, bobCtx, { columnId: todo.id, title: 'Call the DVLA' })
    moveCard(bob, bobCtx, early, doing.id, 0)
    updateCard(bob, bobCtx, early, { title: 'Renamed by Bob' })
    addCard(alice, ctxAt(), { columnId: todo.id, title: 'Mine, offline' })
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob))

    const s = summariseSince(alice, marker, ALICE.id)
    expect(s.total).toBe(3)
    expect(s.people).toEqual([
      { by: BOB.id, name: BOB.name, added: ['Call the DVLA'], moved: ['Renamed by Bob'], edited: ['Renamed by Bob'], decisions: 0, other: 0 }
    ])
    expect(summariseSince(alice, stateMarker(alice), ALICE.id).total).toBe(0)
    expect(activitySince(alice, new Uint8Array([255]))).toEqual([])
  })
})
