import { useSyncExternalStore, type ReactNode } from 'react'
import { onSaveStateChange, unsavedDocCount } from '@shared/doc'

/**
 * "Saved on this computer" once every change has reached IndexedDB, "Saving…" while one is on its
 * way. Not a live region: it changes with every keystroke, and a failed save is announced by the
 * error banner instead.
 */
export function SaveStatus(): ReactNode {
  const pending = useSyncExternalStore(onSaveStateChange, unsavedDocCount)
  return (
    <span className="app-save-status" data-state={pending > 0 ? 'saving' : 'saved'}>
      {pending > 0 ? 'Saving…' : 'Saved on this computer'}
    </span>
  )
}
