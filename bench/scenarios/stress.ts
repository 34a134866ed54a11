import { median } from '../support/stats'
import { ratio, startBench } from '../support/app-page'
import { measureBoard } from '../support/board-bench'
import { projectFixture } from '../generators/project'
import type { Figure, Scenario } from '../types'

/**
 * Issue 11, "stress": one 20,000-card board in real Chromium, opened cold from IndexedDB. First
 * useful paint = the frame after the first card tile is visible; then the Long Tasks API watches
 * the main thread for 3 s. Sizes: `--cards=20000` (default; 2,000 with --quick).
 */
export const scenario: Scenario = {
  name: 'stress',
  description: 'real Chromium: a 20,000-card board — first useful paint, long tasks after it, JS heap',
  async run(opts) {
    const cards = opts.size('cards', opts.quick ? 2_000 : 20_000)
    const runs = 2
    opts.log(`stress: building ${cards.toLocaleString('en-GB')} cards…`)
    const f = projectFixture(cards)
    const bench = await startBench(opts)
    try {
      const m = await measureBoard(bench, f, { name: `stress-${cards}`, runs, waitFor: 'settled', settleMs: 3000, timeoutMs: 150_000, log: opts.log, heap: true })
      const label = `${cards.toLocaleString('en-GB')}-card board`
      const painted = m.app.map((r) => r.painted ?? Number.NaN)
      const barePainted = m.bare.map((r) => r.painted ?? Number.NaN)
      const longest = m.app.map((r) => r.longestAfterPaint ?? Number.NaN)
      const how = `median of ${runs} cold navigations`
      const figures: Figure[] = [
        { name: `${label}: first useful paint`, value: median(painted), unit: 'ms', target: { value: 2000, better: 'lower' }, note: `navigation → the frame after the first tile is visible; ${how}` },
        { name: `  ├ boot (→ first IndexedDB open)`, value: median(m.app.map((r) => r.appStart ?? NaN)), unit: 'ms', note: 'HTML, bundle, first render' },
        { name: `  ├ → programme doc + route → project db opened`, value: median(m.app.map((r) => (r.projectOpen ?? NaN) - (r.appStart ?? NaN))), unit: 'ms', note: 'local store, programme doc, the project route' },
        { name: `  ├ → IndexedDB read`, value: median(m.app.map((r) => (r.idbRead ?? NaN) - (r.projectOpen ?? NaN))), unit: 'ms', note: `y-indexeddb getAll, ${Math.round((m.storedBytes ?? 0) / 1024)} KB stored` },
        { name: `  ├ → Yjs apply`, value: median(m.app.map((r) => (r.decoded ?? NaN) - (r.idbRead ?? NaN))), unit: 'ms', note: 'the stored updates applied to the Y.Doc' },
        { name: `  └ → first paint (board read + render + paint)`, value: median(m.app.map((r) => (r.painted ?? NaN) - (r.decoded ?? NaN))), unit: 'ms', note: 'readBoard, React render, commit, layout, paint' },
        { name: `${label}: cards in the DOM when shown`, value: median(m.app.map((r) => r.cardsInDom ?? NaN)), unit: 'count', note: 'fewer = virtualised' },
        { name: `${label}: longest main-thread task after paint`, value: Math.max(...longest), unit: 'ms', target: { value: 200, better: 'lower' }, note: `Long Tasks API, 3 s after first paint; worst of ${runs}` },
        { name: `${label}: click answered`, value: median(m.app.map((r) => r.answered ?? NaN)), unit: 'ms', note: 'navigation → a click on the first handle, sent when it showed, reached the page' },
        { name: `bare page, same visible cards: first paint`, value: median(barePainted), unit: 'ms', note: 'plain JSON array of every card, no Yjs, no React; same server, CSP, stylesheet' },
        { name: `${label}: first paint ÷ bare page`, value: ratio(median(painted), median(barePainted)), unit: 'count', note: 'the physical-limit ratio, same run' },
        { name: `${label}: JS heap`, value: m.heap ?? Number.NaN, unit: 'bytes', target: { value: 400 * 1024 * 1024, better: 'lower' }, note: 'CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, board open' }
      ]
      return { figures, details: { cards, storedBytes: m.storedBytes, app: m.app, bare: m.bare, problems: m.problems } }
    } finally {
      await bench.close()
    }
  }
}
