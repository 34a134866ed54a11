import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  activityOf,
  addCard,
  addChecklistItem,
  addColumn,
  addLabel,
  addTag,
  createDoc,
  initProjectDoc,
  moveCard,
  moveColumn,
  opContext,
  readActivity,
  readBoard,
  removeChecklistItem,
  removeColumn,
  removeLabel,
  removeTag,
  renameColumn,
  setAssigned,
  setCardArchived,
  setChecklistItemDone,
  setWipLimit,
  updateCard,
  updateProject,
  type ActivityType,
  type OpContext
} from '@shared/doc'
import type { CardId, ChecklistItemId, ColumnId } from '@shared/domain/ids'
import { BOB, activityDuring, newProject, PROJECT_ID, T0 } from '../support'

const WHEN = Date.UTC(2026, 10, 23, 14, 5)
const ctx: OpContext = opContext(BOB, () => WHEN)

interface Fixture {
  doc: Y.Doc
  todo: ColumnId
  doing: ColumnId
  done: ColumnId
  card: CardId
  item: ChecklistItemId
}

function fixture(): Fixture {
  const { doc, todo, doing, done } = newProject()
  const card = addCard(doc, opContext(BOB, () => T0), { columnId: todo.id, title: 'Card' })
  addTag(doc, opContext(BOB, () => T0), 'housing')
  addLabel(doc, opContext(BOB, () => T0), card, 'old')
  const item = addChecklistItem(doc, opContext(BOB, () => T0), card, 'Step')
  return { doc, todo: todo.id, doing: doing.id, done: done.id, card, item }
}

const OPS: ReadonlyArray<[string, ActivityType, (f: Fixture) => void]> = [
  ['update the project', 'project.updated', (f) => updateProject(f.doc, ctx, { phase: 'Beta' })],
  ['add a tag', 'project.updated', (f) => addTag(f.doc, ctx, 'Roads')],
  ['remove a tag', 'project.updated', (f) => removeTag(f.doc, ctx, 'housing')],
  ['add a column', 'column.added', (f) => addColumn(f.doc, ctx, 'Review')],
  ['rename a column', 'column.updated', (f) => renameColumn(f.doc, ctx, f.doing, 'In progress')],
  ['set a WIP limit', 'column.updated', (f) => setWipLimit(f.doc, ctx, f.doing, 3)],
  ['move a column', 'column.moved', (f) => moveColumn(f.doc, ctx, f.done, 0)],
  ['remove a column', 'column.removed', (f) => removeColumn(f.doc, ctx, f.todo, f.done)],
  ['add a card', 'card.created', (f) => addCard(f.doc, ctx, { columnId: f.todo, title: 'New' })],
  ['edit a card', 'card.updated', (f) => updateCard(f.doc, ctx, f.card, { title: 'Edited', dueDate: '2026-12-01' })],
  ['move a card', 'card.moved', (f) => moveCard(f.doc, ctx, f.card, f.doing, 0)],
  ['archive a card', 'card.archived', (f) => setCardArchived(f.doc, ctx, f.card, true)],
  ['add a label', 'card.updated', (f) => addLabel(f.doc, ctx, f.card, 'urgent')],
  ['remove a label', 'card.updated', (f) => removeLabel(f.doc, ctx, f.card, 'old')],
  ['assign someone', 'card.updated', (f) => setAssigned(f.doc, ctx, f.card, BOB.id, true)],
  ['add a checklist item', 'card.checklist', (f) => addChecklistItem(f.doc, ctx, f.card, 'Another')],
  ['tick a checklist item', 'card.checklist', (f) => setChecklistItemDone(f.doc, ctx, f.card, f.item, true)],
  ['remove a checklist item', 'card.checklist', (f) => removeChecklistItem(f.doc, ctx, f.card, f.item)]
]

describe('the activity log', () => {
  it('records project creation with the author and the injected time', () => {
    const doc = createDoc()
    initProjectDoc(doc, ctx, { id: PROJECT_ID, name: 'Libraries' })
    expect(readActivity(doc)).toEqual([
      { id: expect.any(String), type: 'project.created', by: BOB.id, byName: BOB.name, at: WHEN, data: { name: 'Libraries' } }
    ])
  })

  it.each(OPS)('gets exactly one entry when you %s, stamped with who and when', (_label, type, op) => {
    const f = fixture()
    const before = activityOf(f.doc).length
    op(f)
    const entries = activityOf(f.doc).toArray()
    expect(entries.length - before).toBe(1)
    expect(entries[entries.length - 1]).toMatchObject({ type, by: BOB.id, byName: BOB.name, at: WHEN })
  })

  it('names the card or column an entry is about', () => {
    const f = fixture()
    const [moved] = activityDuring(f.doc, () => moveCard(f.doc, ctx, f.card, f.done, 0))
    const [renamed] = activityDuring(f.doc, () => renameColumn(f.doc, ctx, f.doing, 'Working on'))
    expect(moved).toMatchObject({ cardId: f.card, columnId: f.done })
    expect(renamed).toMatchObject({ columnId: f.doing, data: { title: 'Working on' } })
  })

  it('writes the entry in the same change as the edit (one commit, one update)', () => {
    const f = fixture()
    let updates = 0
    const onUpdate = (): void => void updates++
    f.doc.on('update', onUpdate)
    moveCard(f.doc, ctx, f.card, f.doing, 0)
    f.doc.off('update', onUpdate)
    expect(updates).toBe(1)
  })

  it('is listed in time order, ties in id order', () => {
    const doc = createDoc()
    let t = WHEN
    const clock = opContext(BOB, () => t)
    initProjectDoc(doc, clock, { id: PROJECT_ID, name: 'Libraries' })
    const todo = readBoard(doc).columns[0]!.id
    t = WHEN + 2000
    const late = addCard(doc, clock, { columnId: todo, title: 'Late' })
    t = WHEN + 1000
    const early = addCard(doc, clock, { columnId: todo, title: 'Early' })
    t = WHEN + 1000
    addCard(doc, clock, { columnId: todo, title: 'Early too' })
    const log = readActivity(doc)
    expect(log.map((e) => e.at)).toEqual([WHEN, WHEN + 1000, WHEN + 1000, WHEN + 2000])
    expect(log[3]?.cardId).toBe(late)
    expect(log.slice(1, 3).map((e) => e.cardId)).toContain(early)
    expect((log[1]?.id ?? '') < (log[2]?.id ?? '')).toBe(true)
  })
})
