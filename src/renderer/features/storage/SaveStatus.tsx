import { useSyncExternalStore, type ReactNode } from 'react'
import { onSaveStateChange, saveState } from '@shared/doc/saveTracker'

/**
 * "Saved on this computer" once every change (docs, and the local store's profile, settings and
 * keys) has been confirmed on disk, "Saving…" while one is on its way, and "Not saved" with the
 * reason and what to do when a write failed. Saving and saved are not announced (they change with
 * every keystroke); a failure is, once, through the alert inside, unless the page's error banner
 * already announces it (a doc's storage error), so it is not heard twice.
 */
export function SaveStatus(): ReactNode {
  const state = useSyncExternalStore(onSaveStateChange, saveState)
  if (state.kind === 'failed')
    return (
      <span className="app-save-status" data-state="failed">
        <strong className="govuk-!-font-weight-bold">Not saved</strong>
        <span role={state.failure.announcedElsewhere ? undefined : 'alert'} className="app-save-status__reason">
          {' '}
          {state.failure.message}. {state.failure.action}
        </span>
      </span>
    )
  return (
    <span className="app-save-status" data-state={state.kind}>
      {state.kind === 'saving' ? 'Saving…' : 'Saved on this computer'}
    </span>
  )
}
