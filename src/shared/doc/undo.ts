import * as Y from 'yjs'
import type { CardId, ColumnId } from '../domain/ids'
import { appendActivity } from './activity'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { readCards } from './cards'
import { KEYS } from './schema'

export interface BoardUndo {
  undo(): boolean
  redo(): boolean
  canUndo(): boolean
  canRedo(): boolean
  /** Fires whenever the stacks change (for enabling the buttons). */
  subscribe(cb: () => void): () => void
  destroy(): void
}

/**
 * Undo/redo of the local user's own board edits only (origin LOCAL_ORIGIN): never a colleague's
 * change that arrived over sync. Note text has its own undo inside the editor. The activity log
 * is outside the undo scope (it is append-only); instead an undo that moves, archives or
 * restores a card appends what it did, so the history stays true.
 */
export function createBoardUndo(doc: Y.Doc, ctx: OpContext): BoardUndo {
  const scope = [doc.getMap(KEYS.project), doc.getMap(KEYS.tags), doc.getMap(KEYS.columns), doc.getMap(KEYS.cards)]
  const um = new Y.UndoManager(scope, { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 400 })
  const listeners = new Set<() => void>()
  const notify = (): void => listeners.forEach((l) => l())
  um.on('stack-item-added', notify)
  um.on('stack-item-popped', notify)
  um.on('stack-cleared', notify)

  const snapshot = (): Map<CardId, { columnId: ColumnId; archived: boolean }> =>
    new Map(readCards(doc).map((c) => [c.id, { columnId: c.columnId, archived: c.archived }]))

  const run = (action: 'undo' | 'redo'): boolean => {
    const before = snapshot()
    const result = action === 'undo' ? um.undo() : um.redo()
    if (result === null) return false
    const after = snapshot()
    // Untracked origin: logging the undo must not itself become an undo step.
    doc.transact(() => {
      for (const [id, now] of after) {
        const was = before.get(id)
        if (!was) {
          appendActivity(doc, ctx, { type: 'card.restored', cardId: id, columnId: now.columnId, data: { via: action } })
          continue
        }
        // One undo step can both move and (un)archive a card: log each, or the history goes wrong.
        if (was.columnId !== now.columnId)
          appendActivity(doc, ctx, { type: 'card.moved', cardId: id, columnId: now.columnId, data: { from: was.columnId, to: now.columnId, via: action } })
        if (was.archived !== now.archived)
          appendActivity(doc, ctx, { type: now.archived ? 'card.archived' : 'card.restored', cardId: id, columnId: now.columnId, data: { via: action } })
      }
      for (const [id, was] of before)
        if (!after.has(id)) appendActivity(doc, ctx, { type: 'card.archived', cardId: id, columnId: was.columnId, data: { via: action, removed: true } })
    }, 'undo-log')
    return true
  }

  return {
    undo: () => run('undo'),
    redo: () => run('redo'),
    canUndo: () => um.canUndo(),
    canRedo: () => um.canRedo(),
    subscribe(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    destroy() {
      listeners.clear()
      um.destroy()
    }
  }
}
