import { useState, type ReactNode } from 'react'
import { commitCard, readCardCycles, uncommitCard } from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { cycleDates } from './format'
import { useCycles } from './useCycles'

const BACKLOG = 'backlog'

/** Commit a card to a cycle (or return it to the backlog) from the card itself. */
export function CardCycleField({ cardId }: { cardId: CardId }): ReactNode {
  const { doc, run, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  const { cycles, today } = useCycles()
  const current = useDocValue(doc, readCardCycles, today).get(cardId) ?? null
  const open = cycles.filter((c) => c.status !== 'closed' && c.status !== 'ended')
  const [choice, setChoice] = useState(current === null ? BACKLOG : String(current))
  if (readOnly) return null
  return (
    <form
      noValidate
      className="app-inline-form govuk-!-margin-bottom-6"
      onSubmit={(e) => {
        e.preventDefault()
        run(() => (choice === BACKLOG ? uncommitCard(doc, ws.ctx, cardId) : commitCard(doc, ws.ctx, cardId, Number(choice))))
      }}
    >
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="card-cycle">
          Cycle
        </label>
        <div className="govuk-hint" id="card-cycle-hint">
          {current === null ? 'This card is in the backlog.' : `This card is committed to Cycle ${current}.`}
        </div>
        <select id="card-cycle" className="govuk-select" aria-describedby="card-cycle-hint" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value={BACKLOG}>Backlog (not in a cycle)</option>
          {open.map((c) => (
            <option key={c.number} value={String(c.number)}>
              Cycle {c.number}: {cycleDates(c)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Save cycle
      </button>
    </form>
  )
}
