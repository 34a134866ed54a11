import type { ReactNode } from 'react'
import { addChecklistItem, removeChecklistItem, setChecklistItemDone, type Card } from '@shared/doc'
import { AddItemForm, RemoveButton } from '../../components/AddItemForm'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { useCardForm } from './cardForm'

export function CardChecklist({ card }: { card: Card }): ReactNode {
  const { doc, run, write, readOnly } = useProjectDoc()
  const form = useCardForm()
  const ws = useWorkspace()
  const done = card.checklist.filter((i) => i.done).length
  return (
    <div className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s">
        Checklist {card.checklist.length > 0 && <span className="govuk-body-s">({done} of {card.checklist.length} done)</span>}
      </h3>
      {card.checklist.length > 0 && (
        <ul className="app-checklist" aria-label="Checklist">
          {card.checklist.map((item) => (
            <li key={item.id} className="app-checklist__item">
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id={`check-${item.id}`}
                    type="checkbox"
                    disabled={readOnly}
                    checked={item.done}
                    onChange={(e) => run(() => setChecklistItemDone(doc, ws.ctx, card.id, item.id, e.target.checked))}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`check-${item.id}`}>
                    {item.text}
                  </label>
                </div>
              </div>
              {!readOnly && <RemoveButton what={item.text} onClick={() => run(() => removeChecklistItem(doc, ws.ctx, card.id, item.id))} />}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <AddItemForm id="card-new-check" label="Add a checklist item" button="Add item" width="20" error={form.errorFor('card-new-check')} onAdd={(text) => form.attempt(() => write(() => addChecklistItem(doc, ws.ctx, card.id, text)), 'card-new-check')} />
      )}
    </div>
  )
}
