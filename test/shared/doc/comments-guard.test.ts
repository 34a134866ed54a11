import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addCard,
  addComment,
  addTag,
  createRoomMirror,
  gateRoomUpdate,
  readBoard,
  readComments,
  removeComment,
  renameColumn,
  type GateContext
} from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { BOB, ctxAt, newProject } from '../support'

/** A team doc with a card, its mirror, and a mentor's copy of the mirror. */
function setup(): { team: Y.Doc; ctx: GateContext; mentor: Y.Doc; cardId: CardId; columnId: string; apply(u: Uint8Array): void } {
  const { doc: team, todo } = newProject()
  const cardId = addCard(team, ctxAt(), { columnId: todo.id, title: 'Map the renewal journey' })
  const mirror = createRoomMirror(team, 'comments', { reauthorDelayMs: 0 })
  const mentor = new Y.Doc()
  Y.applyUpdate(mentor, Y.encodeStateAsUpdate(mirror.doc))
  const ctx: GateContext = { team, mirror: mirror.doc, isTeamClient: (c) => c === team.clientID || team.store.clients.has(c) }
  const apply = (u: Uint8Array): void => {
    mirror.receive(u, 'room')
    mirror.flush()
    Y.applyUpdate(mentor, Y.encodeStateAsUpdate(mirror.doc, Y.encodeStateVector(mentor)))
  }
  return { team, ctx, mentor, cardId, columnId: todo.id, apply }
}

/** What `edit` adds to the mentor's copy. */
function mentorUpdate(mentor: Y.Doc, edit: (m: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(mentor)
  edit(mentor)
  return Y.encodeStateAsUpdate(mentor, before)
}

describe('comment gate: what a team peer lets into its mirror from the mentor room', () => {
  it('accepts a new comment, a comment on a card, and the removal of its own comment', () => {
    const { team, ctx, mentor, cardId, apply } = setup()
    const u1 = mentorUpdate(mentor, (m) => addComment(m, ctxAt(undefined, BOB), { text: 'Have you spoken to residents?' }))
    expect(gateRoomUpdate(ctx, u1)).toMatchObject({ refusal: null, accepted: 1 })
    apply(u1)
    const u2 = mentorUpdate(mentor, (m) => addComment(m, ctxAt(undefined, BOB), { cardId, text: 'Good card' }))
    expect(gateRoomUpdate(ctx, u2).refusal).toBeNull()
    apply(u2)
    expect(readComments(team, cardId).map((c) => c.text)).toEqual(['Good card'])
    expect(readComments(team, cardId)[0]!.via).toBe('mentor-room')

    const own = readComments(mentor).find((c) => c.text === 'Good card')!
    const u3 = mentorUpdate(mentor, (m) => removeComment(m, ctxAt(undefined, BOB), own.id))
    expect(gateRoomUpdate(ctx, u3).refusal).toBeNull()
    apply(u3)
    expect(readComments(team, cardId)).toEqual([])
  })

  it('accepts a full sync step that repeats the whole board unchanged (structs and delete set), and keeps only what is new', () => {
    const { team, ctx, mentor, cardId } = setup()
    renameColumn(team, ctxAt(), readBoard(team).columns[0]!.id, 'Backlog') // leaves deleted items behind
    Y.applyUpdate(mentor, Y.encodeStateAsUpdate(team))
    addComment(mentor, ctxAt(undefined, BOB), { cardId, text: 'Looks right' })
    ;(ctx as { mirror: Y.Doc }).mirror = (() => {
      const m = new Y.Doc()
      Y.applyUpdate(m, Y.encodeStateAsUpdate(team))
      return m
    })()
    const full = Y.encodeStateAsUpdate(mentor)
    const verdict = gateRoomUpdate(ctx, full)
    expect(verdict).toMatchObject({ refusal: null, accepted: 1 })
    expect(verdict.update!.byteLength).toBeLessThan(full.byteLength / 2)
  })

  it('refuses board, project and tag edits', () => {
    const { ctx, mentor, cardId, columnId } = setup()
    const cases: [string, (m: Y.Doc) => void][] = [
      ['new card', (m) => addCard(m, ctxAt(undefined, BOB), { columnId: columnId as never, title: 'Injected' })],
      ['rename a column', (m) => renameColumn(m, ctxAt(undefined, BOB), columnId as never, 'Hacked')],
      ['tag', (m) => addTag(m, ctxAt(undefined, BOB), 'hacked')],
      ['meta', (m) => m.getMap('meta').set('schemaVersion', 99)],
      ['card title', (m) => (m.getMap('cards').get(cardId) as Y.Map<unknown>).set('title', 'Hacked')],
      ['note text', (m) => ((m.getMap('cards').get(cardId) as Y.Map<unknown>).get('note') as Y.XmlFragment).insert(0, [new Y.XmlText('hi')])],
      ['a comment together with a board edit', (m) => {
        m.transact(() => {
          addComment(m, ctxAt(undefined, BOB), { text: 'cover' })
          m.getMap('project').set('name', 'Hacked')
        })
      }]
    ]
    for (const [what, edit] of cases) {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(mentor))
      const verdict = gateRoomUpdate(ctx, mentorUpdate(copy, edit))
      expect(verdict.refusal, what).not.toBeNull()
      expect(verdict.accepted === 0 || what.startsWith('a comment'), what).toBe(true)
    }
  })

  it('drops deletions outside comments, and deletions of things the mirror has not got', () => {
    const { team, ctx, mentor, cardId } = setup()
    const del = mentorUpdate(mentor, (m) => m.getMap('cards').delete(cardId))
    const verdict = gateRoomUpdate(ctx, del)
    expect(verdict.update).toBeNull()
    expect(verdict.droppedDeletions).toBeGreaterThan(0) // team items: perhaps a colleague's deletion not here yet

    // A forged delete set for clocks of the team's own client that do not exist yet.
    const twin = new Y.Doc()
    Y.applyUpdate(twin, Y.encodeStateAsUpdate(team))
    twin.clientID = team.clientID
    const sv = Y.encodeStateVector(twin)
    twin.getMap('cards').set('future', new Y.Map())
    twin.getMap('cards').delete('future')
    const withItems = Y.encodeStateAsUpdate(twin, sv)
    const onlyDeletes = Y.diffUpdate(withItems, Y.encodeStateVector(twin))
    expect(gateRoomUpdate(ctx, onlyDeletes).update).toBeNull()
  })

  it('refuses garbage, and an overwrite of a comment the mirror has never seen', () => {
    const { ctx } = setup()
    expect(gateRoomUpdate(ctx, new Uint8Array([1, 2, 3, 250, 250])).refusal).toBe('not-an-update')
    const m1 = new Y.Doc()
    m1.getMap('comments').set('c1', { id: 'c1', text: 'first', at: Date.UTC(2026, 0, 1), by: BOB.id, byName: 'Bob', cardId: null })
    const m2 = new Y.Doc()
    Y.applyUpdate(m2, Y.encodeStateAsUpdate(m1))
    const sv = Y.encodeStateVector(m2)
    m2.getMap('comments').set('c1', { id: 'c1', text: 'edited', at: Date.UTC(2026, 0, 2), by: BOB.id, byName: 'Bob', cardId: null })
    expect(gateRoomUpdate(ctx, Y.encodeStateAsUpdate(m2, sv)).refusal).toBe('unknown-parent')
  })
})
