import { useEffect, useState } from 'react'
import type { LocalDoc } from '@shared/doc'
import { errorMessage } from '../components/errors'
import { useRegistry } from '../workspace/WorkspaceContext'

export type LocalDocState =
  | { status: 'loading' }
  | { status: 'ready'; local: LocalDoc }
  | { status: 'error'; message: string }

/**
 * Open a doc through the shared registry for as long as the calling screen is mounted.
 * `prepare` runs once the doc is loaded and migrated, before any screen sees it.
 */
export function useLocalDoc(name: string, prepare?: (local: LocalDoc) => void): LocalDocState {
  const registry = useRegistry()
  const [state, setState] = useState<{ name: string; value: LocalDocState }>({ name, value: { status: 'loading' } })
  useEffect(() => {
    let live = true
    registry.acquire(name).then(
      (local) => {
        if (!live) return
        try {
          prepare?.(local)
          setState({ name, value: { status: 'ready', local } })
        } catch (err) {
          setState({ name, value: { status: 'error', message: errorMessage(err) } })
        }
      },
      (err: unknown) => live && setState({ name, value: { status: 'error', message: errorMessage(err) } })
    )
    return () => {
      live = false
      registry.release(name)
    }
    // prepare is a start-up step for this doc name; re-running it on identity change is not wanted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [registry, name])
  // A different name than the one loaded means a new doc is on its way.
  return state.name === name ? state.value : { status: 'loading' }
}
