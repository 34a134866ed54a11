import { useState, type ReactNode } from 'react'
import { addLabel, removeLabel, type Card } from '@shared/doc'
import { TextField } from '../../components/Field'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'

export function CardLabels({ card }: { card: Card }): ReactNode {
  const { doc, run, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  const [label, setLabel] = useState('')
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
              {!readOnly && (
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => run(() => removeLabel(doc, ws.ctx, card.id, l))}>
                  Remove<span className="govuk-visually-hidden"> label {l}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form
          noValidate
          className="app-inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            if (run(() => addLabel(doc, ws.ctx, card.id, label))) setLabel('')
          }}
        >
          <TextField id="card-new-label" label="Add a label" value={label} onChange={(e) => setLabel(e.target.value)} width="10" />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Add label
          </button>
        </form>
      )}
    </div>
  )
}
