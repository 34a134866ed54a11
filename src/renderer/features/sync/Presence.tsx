import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react'
import type { DocSync, PresencePeer } from '@shared/sync/session'
import { useDocSync } from '../../sync/SyncContext'

export type { PresencePeer }

const NOBODY: readonly PresencePeer[] = []

function usePresence(sync: DocSync | null): readonly PresencePeer[] {
  return useSyncExternalStore(
    (cb) => (sync ? sync.onChange(cb) : () => {}),
    () => sync?.presence() ?? NOBODY
  )
}

/** "Online now: You, Bob Pryce" on a shared project. */
export function PresenceBar({ docId }: { docId: string }): ReactNode {
  const sync = useDocSync(docId)
  const peers = usePresence(sync)
  if (!sync) return null
  return (
    <div className="app-presence" aria-label="Who is online on this project" role="region">
      <span className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-right-2">Online now:</span>
      <ul className="app-presence__list" data-testid="presence">
        {peers.map((p) => (
          <li key={p.clientId} className="app-presence__person">
            <span className="app-presence__dot" style={{ backgroundColor: p.user.color }} aria-hidden="true" />
            {p.self ? `${p.user.name} (you)` : p.user.name}
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * Who else has each card open, read once for a whole board: a tile gets only its own list
 * (undefined when nobody has it open), so a colleague opening a card re-renders the tiles of
 * cards someone has open, not the whole board.
 */
export function useEditorsByCard(docId: string): ReadonlyMap<string, readonly PresencePeer[]> {
  const peers = usePresence(useDocSync(docId))
  return useMemo(() => {
    const out = new Map<string, PresencePeer[]>()
    for (const p of peers) {
      if (p.self || !p.editingCardId) continue
      const list = out.get(p.editingCardId)
      if (list) list.push(p)
      else out.set(p.editingCardId, [p])
    }
    return out
  }, [peers])
}

/** On a card tile: who else has this card open. */
export function EditingMarkerView({ peers }: { peers: readonly PresencePeer[] }): ReactNode {
  if (peers.length === 0) return null
  return (
    <span className="app-editing-marker" style={{ borderColor: peers[0]!.user.color }}>
      {peers.map((p) => p.user.name).join(', ')} {peers.length === 1 ? 'is' : 'are'} editing
    </span>
  )
}

/** Tell colleagues which card this person has open, for as long as it is open. */
export function useEditingCard(docId: string, cardId: string): void {
  const sync = useDocSync(docId)
  useEffect(() => {
    if (!sync) return
    sync.setEditingCard(cardId)
    return () => sync.setEditingCard(null)
  }, [sync, cardId])
}
