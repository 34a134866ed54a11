import { useEffect, useSyncExternalStore, type ReactNode } from 'react'
import { useProjectDoc } from './ProjectDocContext'

/** Undo / redo of your own board changes (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y outside text fields). */
export function UndoButtons(): ReactNode {
  const { undo, readOnly } = useProjectDoc()
  const canUndo = useSyncExternalStore(undo.subscribe, undo.canUndo)
  const canRedo = useSyncExternalStore(undo.subscribe, undo.canRedo)

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || readOnly) return
      const t = e.target as HTMLElement | null
      // Text fields and the note editor have their own undo.
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return
      if (document.querySelector('dialog[open]')) return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault()
        undo.undo()
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault()
        undo.redo()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undo, readOnly])

  if (readOnly) return null
  return (
    <div className="app-button-group-tight govuk-!-margin-bottom-4">
      <button type="button" className="govuk-button govuk-button--secondary" disabled={!canUndo} aria-disabled={!canUndo} onClick={() => undo.undo()}>
        Undo
      </button>
      <button type="button" className="govuk-button govuk-button--secondary" disabled={!canRedo} aria-disabled={!canRedo} onClick={() => undo.redo()}>
        Redo
      </button>
    </div>
  )
}
