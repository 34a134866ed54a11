import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addCard,
  addComment,
  addTag,
  checkCommentsOnly,
  commentsOf,
  createDoc,
  readBoard,
  readComments,
  removeComment,
  renameColumn
} from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { BOB, ctxAt, newProject } from '../support'

/** A mentor's copy: the team doc's state, then whatever `edit` does; returns only the mentor's new update. */
function mentorUpdate(team: Y.Doc, edit: (mentor: Y.Doc) => void): Uint8Array {
  const mentor = new Y.Doc()
  Y.applyUpdate(mentor, Y.encodeStateAsUpdate(team))
  const before = Y.encodeStateVector(mentor)
  edit(mentor)
  return Y.encodeStateAsUpdate(mentor, before)
}

function teamWithCard(): { team: Y.Doc; cardId: CardId; columnId: string } {
  const { doc, todo } = newProject()
  const cardId = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Map the renewal journey' })
  return { team: doc, cardId, columnId: todo.id }
}

describe('comment guard: what a team peer accepts from the mentor room', () => {
  it('accepts a new comment, a comment on a card, and the removal of a comment', () => {
    const { team, cardId } = teamWithCard()
    const u1 = mentorUpdate(team, (m) => addComment(m, ctxAt(undefined, BOB), { text: 'Have you spoken to residents?' }))
    expect(checkCommentsOnly(team, u1)).toEqual({ ok: true, newStructs: 1 })
    Y.applyUpdate(team, u1)
    const u2 = mentorUpdate(team, (m) => addComment(m, ctxAt(undefined, BOB), { cardId, text: 'Good card' }))
    expect(checkCommentsOnly(team, u2).ok).toBe(true)
    Y.applyUpdate(team, u2)
    expect(readComments(team, cardId).map((c) => c.text)).toEqual(['Good card'])

    const own = readComments(team).find((c) => c.text === 'Good card')!
    const u3 = mentorUpdate(team, (m) => removeComment(m, ctxAt(undefined, BOB), own.id))
    expect(checkCommentsOnly(team, u3).ok).toBe(true)
  })

  it('accepts a full sync step that repeats the whole board unchanged (structs and delete set)', () => {
    const { team, cardId } = teamWithCard()
    renameColumn(team, ctxAt(), readBoard(team).columns[0]!.id, 'Backlog') // leaves deleted items behind
    const mentor = new Y.Doc()
    Y.applyUpdate(mentor, Y.encodeStateAsUpdate(team))
    addComment(mentor, ctxAt(undefined, BOB), { cardId, text: 'Looks right' })
    // What y-webrtc sends on connect: everything, including the team's own deletions.
    expect(checkCommentsOnly(team, Y.encodeStateAsUpdate(mentor))).toEqual({ ok: true, newStructs: 1 })
  })

  it('refuses board, project and tag edits', () => {
    const { team, cardId, columnId } = teamWithCard()
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
      const verdict = checkCommentsOnly(team, mentorUpdate(team, edit))
      expect(verdict.ok, what).toBe(false)
    }
  })

  it('refuses deletions outside comments, including of things the team has not got yet', () => {
    const { team, cardId } = teamWithCard()
    const del = mentorUpdate(team, (m) => m.getMap('cards').delete(cardId))
    expect(checkCommentsOnly(team, del)).toEqual({ ok: false, reason: 'deletes-outside-comments' })

    // A forged delete set for clocks of the team's own client that do not exist yet.
    const futureDelete = Y.mergeUpdates([
      mentorUpdate(team, () => {}),
      (() => {
        // Build an update that deletes team.clientID clocks far ahead by deleting in a doc that has them.
        const twin = new Y.Doc()
        twin.clientID = team.clientID
        Y.applyUpdate(twin, Y.encodeStateAsUpdate(team))
        const sv = Y.encodeStateVector(twin)
        twin.getMap('cards').set('future', new Y.Map())
        twin.getMap('cards').delete('future')
        const full = Y.encodeStateAsUpdate(twin, sv)
        // Keep only the delete set: drop the structs by diffing against a doc that has them.
        const withItems = new Y.Doc()
        Y.applyUpdate(withItems, Y.encodeStateAsUpdate(twin))
        return Y.diffUpdate(full, Y.encodeStateVector(withItems))
      })()
    ])
    expect(checkCommentsOnly(team, futureDelete)).toEqual({ ok: false, reason: 'deletes-unknown' })
  })

  it("refuses new changes under a client id that has written to the board (a spoofed team member)", () => {
    const { team, columnId } = teamWithCard()
    // Bob's team doc: a board edit the team has, then a comment the mentor room relays "as Bob".
    const bob = new Y.Doc()
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(team))
    renameColumn(bob, ctxAt(undefined, BOB), columnId as never, 'Backlog')
    Y.applyUpdate(team, Y.encodeStateAsUpdate(bob))
    const sv = Y.encodeStateVector(team)
    addComment(bob, ctxAt(undefined, BOB), { text: 'as Bob' })
    expect(checkCommentsOnly(team, Y.encodeStateAsUpdate(bob, sv))).toEqual({ ok: false, reason: 'client-id-taken' })
    // ...and this computer's own client id, however the update was made.
    const self = new Y.Doc()
    self.clientID = team.clientID
    addComment(self, ctxAt(undefined, BOB), { text: 'as me' })
    const selfUpdate = Y.encodeStateAsUpdate(self)
    const verdict = checkCommentsOnly(team, selfUpdate)
    // Clocks the team already has are ignored as repeats; Yjs ignores them on apply as well.
    expect(verdict.ok ? verdict.newStructs : -1).toBe(0)
  })

  it('refuses what it cannot resolve, and garbage', () => {
    const team = createDoc()
    newProject(team)
    expect(checkCommentsOnly(team, new Uint8Array([1, 2, 3, 250, 250])).ok).toBe(false)
    // Mentor 2 overwrites a comment of mentor 1 that the team has never seen: its left neighbour is unknown.
    const m1 = new Y.Doc()
    commentsOf(m1).set('c1', { id: 'c1', text: 'first', at: 1, by: BOB.id, byName: 'Bob', cardId: null } as never)
    const m2 = new Y.Doc()
    Y.applyUpdate(m2, Y.encodeStateAsUpdate(m1))
    const sv = Y.encodeStateVector(m2)
    commentsOf(m2).set('c1', { id: 'c1', text: 'edited', at: 2, by: BOB.id, byName: 'Bob', cardId: null } as never)
    const onlySecond = Y.encodeStateAsUpdate(m2, sv)
    expect(checkCommentsOnly(team, onlySecond)).toEqual({ ok: false, reason: 'unknown-parent' })
  })
})
