import { createContext, useContext, type ReactNode } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { useDocSync } from '../../sync/SyncContext'
import { OfflinePanel } from './OfflinePanel'
import { PresenceBar } from './Presence'

/** The awareness of the open project's room, for collaboration carets in notes. */
const AwarenessCtx = createContext<Awareness | null>(null)

export function useProjectAwareness(): Awareness | null {
  return useContext(AwarenessCtx)
}

/** Around a shared project page: presence, "while you were offline", and awareness for carets. */
export function ProjectSyncFrame({ docId, children }: { docId: string; children: ReactNode }): ReactNode {
  const sync = useDocSync(docId)
  return (
    <AwarenessCtx.Provider value={sync?.awareness ?? null}>
      <PresenceBar docId={docId} />
      <OfflinePanel docId={docId} />
      {children}
    </AwarenessCtx.Provider>
  )
}
