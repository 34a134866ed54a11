import { useMemo, useState, type ReactNode } from 'react'
import {
  ACTIVITY_GROUP_LABELS,
  activityGroup,
  describeActivity,
  readActivity,
  readCards,
  readColumns,
  type ActivityEntry,
  type ActivityGroup,
  type ProjectDoc
} from '@shared/doc'
import { formatTimestamp } from '@shared/domain/dates'
import { useDocValue } from '../../hooks/useDocValue'
import { useProjectDoc } from '../board/ProjectDocContext'

interface Row {
  readonly id: string
  readonly at: number
  readonly by: string
  readonly byName: string
  readonly group: ActivityGroup
  readonly text: string
}

/** The whole log in words, newest first (card and column names as they are now). */
function historyRows(doc: ProjectDoc): readonly Row[] {
  const cards = new Map(readCards(doc).map((c) => [c.id as string, c.title]))
  const columns = new Map(readColumns(doc).map((c) => [c.id as string, c.title]))
  const names = { card: (id: string) => cards.get(id) ?? null, column: (id: string) => columns.get(id) ?? null }
  return readActivity(doc)
    .map((e: ActivityEntry) => ({ id: e.id, at: e.at, by: e.by, byName: e.byName || 'Someone', group: activityGroup(e.type), text: describeActivity(e, names) }))
    .reverse()
}

const PAGE = 100

/**
 * A project's activity history: who did what and when, filterable by person and by kind. Read
 * from the project's own activity log, so a mentor's or viewer's copy shows it too.
 */
export function ActivityHistory(): ReactNode {
  const { doc } = useProjectDoc()
  const rows = useDocValue(doc, historyRows)
  const [person, setPerson] = useState('')
  const [group, setGroup] = useState<ActivityGroup | ''>('')
  const [shown, setShown] = useState(PAGE)
  const people = useMemo(() => {
    const byId = new Map<string, string>()
    for (const r of rows) if (!byId.has(r.by)) byId.set(r.by, r.byName)
    return [...byId].sort((a, b) => a[1].localeCompare(b[1], 'en-GB'))
  }, [rows])
  const filtered = rows.filter((r) => (person === '' || r.by === person) && (group === '' || r.group === group))
  return (
    <>
      <h2 className="govuk-heading-m">History</h2>
      <p className="govuk-body">Everything done in this project, newest first, with who did it and when (London time).</p>
      <div className="app-filters">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="history-person">
            Person
          </label>
          <select
            id="history-person"
            className="govuk-select"
            value={person}
            onChange={(e) => {
              setPerson(e.target.value)
              setShown(PAGE)
            }}
          >
            <option value="">Everyone</option>
            {people.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="history-kind">
            Kind of change
          </label>
          <select
            id="history-kind"
            className="govuk-select"
            value={group}
            onChange={(e) => {
              setGroup(e.target.value as ActivityGroup | '')
              setShown(PAGE)
            }}
          >
            <option value="">All changes</option>
            {(Object.keys(ACTIVITY_GROUP_LABELS) as ActivityGroup[]).map((g) => (
              <option key={g} value={g}>
                {ACTIVITY_GROUP_LABELS[g]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="govuk-body" role="status" data-testid="history-count">
        {filtered.length === rows.length ? `${rows.length} ${rows.length === 1 ? 'change' : 'changes'}` : `${filtered.length} of ${rows.length} changes`}
      </p>
      {filtered.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Changes, newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                When
              </th>
              <th scope="col" className="govuk-table__header">
                Who
              </th>
              <th scope="col" className="govuk-table__header">
                What
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {filtered.slice(0, shown).map((r) => (
              <tr className="govuk-table__row" key={r.id}>
                <td className="govuk-table__cell app-nowrap">{formatTimestamp(r.at)}</td>
                <td className="govuk-table__cell">{r.byName}</td>
                <td className="govuk-table__cell">{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {filtered.length > shown && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, filtered.length - shown)} more
        </button>
      )}
    </>
  )
}
