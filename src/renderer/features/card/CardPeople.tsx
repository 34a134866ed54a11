import type { ReactNode } from 'react'
import { setAssigned, type Card, type Person } from '@shared/doc'
import { PERSON_ROLE_LABELS } from '@shared/doc'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'

export function CardPeople({ card, people }: { card: Card; people: readonly Person[] }): ReactNode {
  const { doc, run, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          <h3 className="govuk-fieldset__heading">Assigned to</h3>
        </legend>
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {people.map((p) => (
            <div className="govuk-checkboxes__item" key={p.id}>
              <input
                className="govuk-checkboxes__input"
                id={`assign-${p.id}`}
                type="checkbox"
                disabled={readOnly}
                checked={card.assignees.includes(p.id)}
                onChange={(e) => run(() => setAssigned(doc, ws.ctx, card.id, p.id, e.target.checked))}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`assign-${p.id}`}>
                {p.name} <span className="govuk-body-s">({PERSON_ROLE_LABELS[p.role]})</span>
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  )
}
