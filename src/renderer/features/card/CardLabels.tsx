import type { ReactNode } from 'react'
import { addLabel, removeLabel, type Card } from '@shared/doc'
import { AddItemForm, RemoveButton } from '../../components/AddItemForm'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { useCardForm } from './cardForm'

export function CardLabels({ card }: { card: Card }): ReactNode {
  const { doc, run, write, readOnly } = useProjectDoc()
  const form = useCardForm()
  const ws = useWorkspace()
  return (
    <div className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s">Labels</h3>
      {card.labels.length === 0 ? (
        <p className="govuk-body">No labels.</p>
      ) : (
        <ul className="app-tag-list govuk-!-margin-bottom-3" aria-label="Labels">
          {card.labels.map((l) => (
            <li key={l}>
              <span className="app-label">{l}</span>{' '}
              {!readOnly && <RemoveButton what={`label ${l}`} onClick={() => run(() => removeLabel(doc, ws.ctx, card.id, l))} />}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <AddItemForm id="card-new-label" label="Add a label" button="Add label" error={form.errorFor('card-new-label')} onAdd={(text) => form.attempt(() => write(() => addLabel(doc, ws.ctx, card.id, text)), 'card-new-label')} />
      )}
    </div>
  )
}
