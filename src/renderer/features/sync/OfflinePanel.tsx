import { useSyncExternalStore, type ReactNode } from 'react'
import type { OfflineSummary } from '@shared/doc'
import { useDocSync } from '../../sync/SyncContext'

function cards(list: readonly string[]): string {
  return list.map((t) => `“${t}”`).join(', ')
}

/** "While you were offline": what colleagues changed, per person, until dismissed. */
export function OfflinePanel({ docId }: { docId: string }): ReactNode {
  const sync = useDocSync(docId)
  const summary: OfflineSummary | null = useSyncExternalStore(
    (cb) => (sync ? sync.onChange(cb) : () => {}),
    () => sync?.offlineSummary() ?? null
  )
  if (!sync || !summary) return null
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="offline-summary-title" data-testid="offline-summary">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="offline-summary-title">
          While you were offline
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <ul className="govuk-list">
          {summary.people.map((p) => (
            <li key={p.by}>
              <strong>{p.name}</strong>
              <ul className="govuk-list govuk-list--bullet">
                {p.added.length > 0 && <li>added {p.added.length === 1 ? 'a card' : `${p.added.length} cards`}: {cards(p.added)}</li>}
                {p.moved.length > 0 && <li>moved {cards(p.moved)}</li>}
                {p.edited.length > 0 && <li>edited {cards(p.edited)}</li>}
                {p.decisions > 0 && <li>recorded {p.decisions === 1 ? 'a cycle decision' : `${p.decisions} cycle decisions`}</li>}
                {p.other > 0 && <li>made {p.other === 1 ? 'another change' : `${p.other} other changes`} to the project</li>}
              </ul>
            </li>
          ))}
        </ul>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => sync.dismissOfflineSummary()}>
          Dismiss<span className="govuk-visually-hidden"> what changed while you were offline</span>
        </button>
      </div>
    </div>
  )
}
