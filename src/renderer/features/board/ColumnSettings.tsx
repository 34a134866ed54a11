import { useState, type ReactNode } from 'react'
import { COLUMN_ROLE_LABELS, COLUMN_ROLES, moveColumn, removeColumn, renameColumn, setColumnRole, setWipLimit, type BoardColumn, type ColumnRole } from '@shared/doc'
import type { ColumnId } from '@shared/domain/ids'
import { TextField } from '../../components/Field'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { ErrorSummary } from '../../components/ErrorSummary'
import { useFormErrors } from '../../components/useFormErrors'
import { useProjectDoc } from './ProjectDocContext'

/** Rename, WIP limit, reorder and remove: inside a GOV.UK details so the board stays calm. */
/** The other columns, by id and title (not their cards: a move elsewhere must not re-render this). */
export type ColumnChoice = Pick<BoardColumn, 'id' | 'title'>

export function ColumnSettings({ column, index, columns }: { column: BoardColumn; index: number; columns: readonly ColumnChoice[] }): ReactNode {
  const { doc, write } = useProjectDoc()
  const ws = useWorkspace()
  const form = useFormErrors()
  const [title, setTitle] = useState(column.title)
  const [limit, setLimit] = useState(column.wipLimit === null ? '' : String(column.wipLimit))
  const others = columns.filter((c) => c.id !== column.id)
  const [moveTo, setMoveTo] = useState<ColumnId | ''>(others[0]?.id ?? '')
  const p = `col-${column.id}`
  const ids = { title: `${p}-title`, wip: `${p}-wip`, top: `${p}-summary` }
  // Every action in this panel reports to the panel's own error summary.
  const run = (fn: () => void, field: string = ids.top): boolean => form.attempt(() => write(fn), field)

  const saveLimit = (): void => {
    const trimmed = limit.trim()
    const value = trimmed === '' ? null : /^-?\d+$/.test(trimmed) ? Number(trimmed) : NaN
    if (Number.isNaN(value)) return form.show({ [ids.wip]: 'Enter the WIP limit as a whole number, like 3, or leave it empty' })
    run(() => setWipLimit(doc, ws.ctx, column.id, value), ids.wip)
  }

  return (
    <details className="govuk-details govuk-!-margin-bottom-0">
      <summary className="govuk-details__summary" id={ids.top}>
        <span className="govuk-details__summary-text">
          Column settings<span className="govuk-visually-hidden"> for {column.title}</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        <ErrorSummary errors={form.summary} />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            run(() => renameColumn(doc, ws.ctx, column.id, title), ids.title)
          }}
        >
          <TextField id={ids.title} label="Column name" value={title} error={form.errorFor(ids.title)} onChange={(e) => setTitle(e.target.value)} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Rename column
          </button>
        </form>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            saveLimit()
          }}
        >
          <TextField
            id={ids.wip}
            label="WIP limit"
            error={form.errorFor(ids.wip)}
            hint="Most cards this column should hold. Leave empty for no limit."
            inputMode="numeric"
            width="3"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Save WIP limit
          </button>
        </form>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor={`${p}-role`}>
            For ship cycles, cards here are
          </label>
          <select
            id={`${p}-role`}
            className="govuk-select"
            value={column.role}
            onChange={(e) => run(() => setColumnRole(doc, ws.ctx, column.id, e.target.value as ColumnRole))}
          >
            {COLUMN_ROLES.map((r) => (
              <option key={r} value={r}>
                {COLUMN_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="app-button-group-tight govuk-!-margin-bottom-4">
          <button type="button" className="govuk-button govuk-button--secondary" disabled={index === 0} onClick={() => run(() => moveColumn(doc, ws.ctx, column.id, index - 1))}>
            Move left
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={index === columns.length - 1}
            onClick={() => run(() => moveColumn(doc, ws.ctx, column.id, index + 1))}
          >
            Move right
          </button>
        </div>
        {others.length > 0 && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              if (moveTo) run(() => removeColumn(doc, ws.ctx, column.id, moveTo))
            }}
          >
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={`${p}-move-to`}>
                Move its {column.cards.length} {column.cards.length === 1 ? 'card' : 'cards'} to
              </label>
              <select id={`${p}-move-to`} className="govuk-select" value={moveTo} onChange={(e) => setMoveTo(e.target.value as ColumnId)}>
                {others.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="govuk-button govuk-button--warning">
              Remove column
            </button>
          </form>
        )}
      </div>
    </details>
  )
}
