import { Suspense, use, type ReactNode } from 'react'
import { format, parseISO } from 'date-fns'
import { enGB } from 'date-fns/locale'
import type { CycleGraph } from '@shared/doc'
import { plural } from './format'
import { loadCharts } from '../../components/loadCharts'

// GOV.UK colours, and a different dash for each line so the chart still reads printed in black and white.
const LINES = [
  { key: 'scope', name: 'Cards in scope', colour: '#0b0c0c', dash: undefined, width: 2 },
  { key: 'started', name: 'Started', colour: '#1d70b8', dash: '6 3', width: 2 },
  { key: 'completed', name: 'Completed', colour: '#00703c', dash: undefined, width: 4 },
  { key: 'ideal', name: 'Target completed', colour: '#505a5f', dash: '2 4', width: 2 }
] as const

/**
 * The cycle graph: a burn-up drawn with recharts (SVG, so it prints sharply), followed by the
 * same figures as a table. The chart is one image to assistive technology; the table is what a
 * screen-reader user reads, and what anyone can check the figures against.
 */
export function CycleGraphView({ graph }: { graph: CycleGraph }): ReactNode {
  // Short labels ("7 Dec"); recharts drops the ones that would overlap (minTickGap) but always
  // keeps the first and last, and the right padding leaves room for the last one.
  const data = graph.series.map((p) => ({ ...p, label: format(parseISO(p.date), 'd MMM', { locale: enGB }) }))
  const last = [...graph.series].reverse().find((p) => p.scope !== null)
  const summary = last
    ? `Cycle graph. By ${format(parseISO(last.date), 'EEEE d MMMM', { locale: enGB })}: ${plural(last.scope ?? 0, 'card')} in scope, ${last.started} started, ${last.completed} completed, target ${last.ideal.toFixed(1)}. The table below has every day.`
    : 'Cycle graph. The cycle has not started yet; the table below shows the target for each day.'
  const { caption, headings, rows } = graph.table
  return (
    <div className="app-cycle-graph">
      <figure className="app-cycle-graph__figure govuk-!-margin-0" role="img" aria-label={summary}>
        <Suspense fallback={<div style={{ height: 320 }} />}>
          <BurnUpChart data={data} />
        </Suspense>
      </figure>
      <div className="app-table-scroll" role="region" aria-label="Cycle graph figures" tabIndex={0}>
        <table className="govuk-table app-cycle-table">
          <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {headings.map((h) => (
                <th key={h} scope="col" className="govuk-table__header">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr key={r[0]} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {r[0]}
                </th>
                {r.slice(1).map((cell, i) => (
                  <td key={i} className="govuk-table__cell govuk-table__cell--numeric">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

/** The burn-up itself: recharts is fetched when the first chart is drawn (most screens have none). */
function BurnUpChart({ data }: { data: readonly (CycleGraph['series'][number] & { label: string })[] }): ReactNode {
  const { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } = use(loadCharts())
  return (
    <ResponsiveContainer width="100%" height={320}>
      <LineChart data={[...data]} margin={{ top: 10, right: 32, bottom: 10, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#b1b4b6" strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fill: '#0b0c0c', fontSize: 14 }} interval="preserveStartEnd" minTickGap={24} padding={{ left: 8, right: 16 }} tickMargin={6} />
        <YAxis allowDecimals={false} tick={{ fill: '#0b0c0c', fontSize: 14 }} width={40} />
        <Tooltip />
        <Legend wrapperStyle={{ color: '#0b0c0c' }} />
        {LINES.map((l) => (
          <Line
            key={l.key}
            type="linear"
            dataKey={l.key}
            name={l.name}
            stroke={l.colour}
            strokeWidth={l.width}
            strokeDasharray={l.dash}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  )
}
