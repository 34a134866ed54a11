import { Suspense, use, useEffect, useMemo, useState, type ReactNode } from 'react'
import { Link } from 'wouter'
import { portfolioCharts, readPortfolio, type AnyDoc, type PortfolioRow } from '@shared/doc'
import { formatLongDate, formatTimestamp } from '@shared/domain/dates'
import { PHASES } from '@shared/domain/phases'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { loadCharts } from '../../components/loadCharts'

type Show = 'all' | 'stale' | 'stopped' | 'no-mentor' | 'running'
type Sort = 'name' | 'idle' | 'progress' | 'phase'

const SHOW_LABELS: Record<Show, string> = {
  all: 'All projects',
  running: 'In a cycle now',
  stale: 'Stale (no change for 10 working days)',
  stopped: 'Stopped',
  'no-mentor': 'No active mentor'
}
const SORT_LABELS: Record<Sort, string> = { name: 'Name', idle: 'Longest without a change', progress: 'Least done this cycle', phase: 'Phase' }
const DECISION_TEXT = { persevere: 'Persevere', pivot: 'Pivot', stop: 'Stop' } as const
const COLOURS = { persevere: '#00703c', pivot: '#1d70b8', stop: '#d4351c', phase: '#4c2c92' }

function keep(r: PortfolioRow, show: Show): boolean {
  switch (show) {
    case 'all':
      return true
    case 'running':
      return r.progress?.currentCycle != null && !r.progress.stopped
    case 'stale':
      return r.stale
    case 'stopped':
      return r.progress?.stopped === true
    case 'no-mentor':
      return r.activeMentors === 0
  }
}

const share = (r: PortfolioRow): number => (r.progress && r.progress.committed > 0 ? r.progress.done / r.progress.committed : 1)

function compare(sort: Sort): (a: PortfolioRow, b: PortfolioRow) => number {
  const byName = (a: PortfolioRow, b: PortfolioRow): number => a.name.localeCompare(b.name, 'en-GB')
  switch (sort) {
    case 'name':
      return byName
    case 'idle':
      return (a, b) => (b.idleWorkingDays ?? -1) - (a.idleWorkingDays ?? -1) || byName(a, b)
    case 'progress':
      return (a, b) => share(a) - share(b) || byName(a, b)
    case 'phase':
      return (a, b) => PHASES.indexOf(a.phase as (typeof PHASES)[number]) - PHASES.indexOf(b.phase as (typeof PHASES)[number]) || byName(a, b)
  }
}

/**
 * /portfolio: every project of the programme at a glance, drawn from the programme doc alone (each
 * project's summary and progress, kept up to date by the teams' apps), so it opens at once for 100
 * projects and works for a manager with view-only access who holds no project's key.
 */
export function PortfolioPage(): ReactNode {
  useTitle('Portfolio')
  const ws = useWorkspace()
  // Fixed for the visit: "days since the last change" does not tick while the page is open.
  const [now] = useState(() => Date.now())
  const rows = useDocValue(ws.programme, (d: AnyDoc) => readPortfolio(d, now))
  const [show, setShow] = useState<Show>('all')
  const [sort, setSort] = useState<Sort>('name')
  const visible = useMemo(() => rows.filter((r) => keep(r, show)).sort(compare(sort)), [rows, show, sort])
  const charts = useMemo(() => portfolioCharts(rows, PHASES), [rows])
  // The charts sit below the table: draw them once the table is on screen, so the projects show at once.
  const [chartsReady, setChartsReady] = useState(false)
  useEffect(() => {
    const t = setTimeout(() => setChartsReady(true), 0)
    return () => clearTimeout(t)
  }, [])
  const stale = rows.filter((r) => r.stale).length
  const stopped = rows.filter((r) => r.progress?.stopped).length
  const uncovered = rows.filter((r) => r.activeMentors === 0).length
  return (
    <>
      <h1 className="govuk-heading-xl">Portfolio</h1>
      <p className="govuk-body">
        {rows.length === 1 ? '1 project' : `${rows.length} projects`}: {stale} stale, {stopped} stopped, {uncovered} with no active mentor. Figures come from each project’s
        summary, updated whenever someone on its team has it open.
      </p>
      <div className="app-filters">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="portfolio-show">
            Show
          </label>
          <select id="portfolio-show" className="govuk-select" value={show} onChange={(e) => setShow(e.target.value as Show)}>
            {(Object.keys(SHOW_LABELS) as Show[]).map((k) => (
              <option key={k} value={k}>
                {SHOW_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="portfolio-sort">
            Sort by
          </label>
          <select id="portfolio-sort" className="govuk-select" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            {(Object.keys(SORT_LABELS) as Sort[]).map((k) => (
              <option key={k} value={k}>
                {SORT_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="govuk-body" role="status" data-testid="portfolio-count">
        Showing {visible.length} of {rows.length}
      </p>
      <div className="app-table-scroll" role="region" aria-label="Projects in the portfolio" tabIndex={0}>
        <table className="govuk-table app-portfolio">
          <caption className="govuk-table__caption govuk-visually-hidden">Projects in the portfolio</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Project
              </th>
              <th scope="col" className="govuk-table__header">
                Phase
              </th>
              <th scope="col" className="govuk-table__header">
                This cycle
              </th>
              <th scope="col" className="govuk-table__header">
                Last decision
              </th>
              <th scope="col" className="govuk-table__header">
                Last change
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Mentors
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {visible.map((r) => (
              <tr className="govuk-table__row" key={r.id}>
                <th scope="row" className="govuk-table__header">
                  {ws.readOnly ? r.name : <Link href={`/projects/${r.id}`}>{r.name}</Link>}
                  {r.progress?.stopped && (
                    <>
                      {' '}
                      <strong className="govuk-tag govuk-tag--red">Stopped</strong>
                    </>
                  )}
                  {r.stale && (
                    <>
                      {' '}
                      <strong className="govuk-tag govuk-tag--yellow">Stale</strong>
                    </>
                  )}
                </th>
                <td className="govuk-table__cell">{r.phase}</td>
                <td className="govuk-table__cell">{cycleText(r)}</td>
                <td className="govuk-table__cell">
                  {r.progress?.lastDecision
                    ? `${DECISION_TEXT[r.progress.lastDecision.kind]} after cycle ${r.progress.lastDecision.cycle}, ${formatTimestamp(r.progress.lastDecision.at)}`
                    : 'None yet'}
                </td>
                <td className="govuk-table__cell">{changeText(r)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.activeMentors}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Projects by phase</h2>
      {chartsReady && (
      <figure className="govuk-!-margin-0" role="img" aria-label={`Projects by phase: ${charts.byPhase.map((p) => `${p.phase} ${p.projects}`).join(', ') || 'none'}. The table below has the figures.`}>
        <Suspense fallback={<div style={{ height: 240 }} />}>
          <PhaseChart data={charts.byPhase} />
        </Suspense>
      </figure>
      )}
      <FigureTable caption="Projects by phase" headings={['Phase', 'Projects']} rows={charts.byPhase.map((p) => [p.phase, String(p.projects)])} />
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Decisions over time</h2>
      {charts.decisionsByMonth.length === 0 ? (
        <p className="govuk-body">No cycle has been closed with a decision yet.</p>
      ) : (
        <>
          {chartsReady && (
          <figure
            className="govuk-!-margin-0"
            role="img"
            aria-label={`Decisions at the end of cycles, across projects, by month. ${charts.decisionsByMonth.map((c) => `${monthLabel(c.month)}: ${c.persevere} persevere, ${c.pivot} pivot, ${c.stop} stop`).join('. ')}. The table below has the figures.`}
          >
            <Suspense fallback={<div style={{ height: 260 }} />}>
              <DecisionsChart data={charts.decisionsByMonth.map((c) => ({ ...c, label: monthLabel(c.month) }))} />
            </Suspense>
          </figure>
          )}
          <FigureTable
            caption="Decisions at the end of cycles, by month"
            headings={['Month', 'Persevere', 'Pivot', 'Stop']}
            rows={charts.decisionsByMonth.map((c) => [monthLabel(c.month), String(c.persevere), String(c.pivot), String(c.stop)])}
          />
        </>
      )}
    </>
  )
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

// The charts' code (recharts) is fetched when the first chart is drawn: most screens have none.
type PhaseCount = ReturnType<typeof portfolioCharts>['byPhase'][number]
type MonthDecisions = ReturnType<typeof portfolioCharts>['decisionsByMonth'][number] & { label: string }

function PhaseChart({ data }: { data: readonly PhaseCount[] }): ReactNode {
  const { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } = use(loadCharts())
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={[...data]} margin={{ top: 10, right: 16, bottom: 10, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#b1b4b6" strokeDasharray="3 3" />
        <XAxis dataKey="phase" tick={{ fill: '#0b0c0c', fontSize: 14 }} />
        <YAxis allowDecimals={false} tick={{ fill: '#0b0c0c', fontSize: 14 }} width={40} />
        <Bar dataKey="projects" name="Projects" fill={COLOURS.phase} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}

function DecisionsChart({ data }: { data: readonly MonthDecisions[] }): ReactNode {
  const { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } = use(loadCharts())
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={[...data]} margin={{ top: 10, right: 16, bottom: 10, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#b1b4b6" strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fill: '#0b0c0c', fontSize: 14 }} />
        <YAxis allowDecimals={false} tick={{ fill: '#0b0c0c', fontSize: 14 }} width={40} />
        <Legend wrapperStyle={{ color: '#0b0c0c' }} />
        <Bar dataKey="persevere" name="Persevere" stackId="d" fill={COLOURS.persevere} isAnimationActive={false} />
        <Bar dataKey="pivot" name="Pivot" stackId="d" fill={COLOURS.pivot} isAnimationActive={false} />
        <Bar dataKey="stop" name="Stop" stackId="d" fill={COLOURS.stop} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}

/** "2026-06" → "June 2026". */
function monthLabel(month: string): string {
  const [y, m] = month.split('-')
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`
}

function cycleText(r: PortfolioRow): string {
  const p = r.progress
  if (!p) return 'Not known yet'
  if (p.stopped) return 'No cycle: stopped'
  if (p.currentCycle === null) return 'Between cycles'
  return `Cycle ${p.currentCycle}: ${p.done} of ${p.committed} done`
}

function changeText(r: PortfolioRow): string {
  const p = r.progress
  if (!p?.lastChangeOn) return 'Not known yet'
  const days = r.idleWorkingDays ?? 0
  return `${formatLongDate(p.lastChangeOn)} (${days === 0 ? 'today or the last working day' : `${days} working ${days === 1 ? 'day' : 'days'} ago`})`
}

function FigureTable(props: { caption: string; headings: readonly string[]; rows: readonly (readonly string[])[] }): ReactNode {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--s">{props.caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {props.headings.map((h, i) => (
            <th key={h} scope="col" className={`govuk-table__header${i > 0 ? ' govuk-table__header--numeric' : ''}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {props.rows.map((r) => (
          <tr key={r[0]} className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {r[0]}
            </th>
            {r.slice(1).map((c, i) => (
              <td key={i} className="govuk-table__cell govuk-table__cell--numeric">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
