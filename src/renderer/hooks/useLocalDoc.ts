import { useEffect, useState } from 'react'
import type { LocalDoc } from '@shared/doc'
import { useRegistry } from '../workspace/WorkspaceContext'

export type LocalDocState =
  | { status: 'loading' }
  | { status: 'ready'; local: LocalDoc }
  | { status: 'error'; message: string }

/** Open a doc through the shared registry for as long as the calling screen is mounted. */
export function useLocalDoc(name: string): LocalDocState {
  const registry = useRegistry()
  const [state, setState] = useState<LocalDocState>({ status: 'loading' })
  useEffect(() => {
    let live = true
    setState({ status: 'loading' })
    registry.acquire(name).then(
      (local) => live && setState({ status: 'ready', local }),
      (err: unknown) => live && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) })
    )
    return () => {
      live = false
      registry.release(name)
    }
  }, [registry, name])
  return state
}
