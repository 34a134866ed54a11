import { median } from '../support/stats'
import { percentile, ratio, startBench } from '../support/app-page'
import { measureBoard, type Split } from '../support/board-bench'
import { projectFixture } from '../generators/project'
import type { Figure, Scenario } from '../types'

/**
 * Issue 11, "a big backlog": one 5,000-card board in real Chromium, opened cold from IndexedDB.
 * Interactive = the first card tile is visible and a click on its handle, sent the moment it
 * shows, has reached the page. Then keyboard moves and keystrokes in a card note, and the heap.
 * Sizes: `npm run bench -- big-backlog --cards=5000` (default 5,000; 500 with --quick).
 */
/** Where an input's time goes, medians: the page's keydown handlers, until a frame sees the change, that frame's paint. */
function splitFigures(what: string, s: readonly Split[]): Figure[] {
  if (s.length === 0) return []
  const m = (k: keyof Split): number => median(s.map((x) => x[k]))
  return [
    { name: `  ├ ${what}: keydown handlers`, value: m('handlers'), unit: 'ms', note: 'input timestamp → the page\'s keydown handlers done (median)' },
    { name: `  ├ ${what}: → a frame shows it`, value: m('toFrame'), unit: 'ms', note: 'render work and waiting for the next frame (median)' },
    { name: `  └ ${what}: → painted`, value: m('paint'), unit: 'ms', note: 'that frame\'s style, layout and paint (median)' }
  ]
}

export const scenario: Scenario = {
  name: 'big-backlog',
  description: 'real Chromium: a 5,000-card board — open to interactive, keyboard move, note keystroke, JS heap',
  async run(opts) {
    const cards = opts.size('cards', opts.quick ? 500 : 5_000)
    const runs = opts.quick ? 3 : 5
    const moves = opts.quick ? 10 : 30
    const keys = opts.quick ? 20 : 60
    opts.log(`big-backlog: building ${cards.toLocaleString('en-GB')} cards…`)
    const f = projectFixture(cards)
    const bench = await startBench(opts)
    try {
      const m = await measureBoard(bench, f, { name: `big-backlog-${cards}`, runs, waitFor: 'answered', timeoutMs: opts.quick ? 30_000 : 120_000, log: opts.log, heap: true, moves, keys })
      const label = `${cards.toLocaleString('en-GB')}-card board`
      const interactive = m.app.map((r) => r.answered ?? Number.NaN)
      const bareInteractive = m.bare.map((r) => r.answered ?? Number.NaN)
      const shown = m.app.map((r) => r.shown ?? Number.NaN)
      const how = `median of ${runs} cold navigations`
      const figures: Figure[] = [
        { name: `${label}: navigation → interactive`, value: median(interactive), unit: 'ms', target: { value: 1000, better: 'lower' }, note: `first tile visible, then a click on its handle reached the page; ${how}` },
        { name: `${label}: interactive, p95`, value: percentile(interactive, 95), unit: 'ms', note: `${runs} runs` },
        { name: `  ├ first tile shown`, value: median(shown), unit: 'ms', note: 'navigation → .app-board li[data-card-id] in view' },
        { name: `  ├ boot (→ first IndexedDB open)`, value: median(m.app.map((r) => r.appStart ?? NaN)), unit: 'ms', note: 'HTML, bundle, first render' },
        { name: `  ├ → programme doc + route → project db opened`, value: median(m.app.map((r) => (r.projectOpen ?? NaN) - (r.appStart ?? NaN))), unit: 'ms', note: 'local store, programme doc, the project route' },
        { name: `  ├ → IndexedDB read`, value: median(m.app.map((r) => (r.idbRead ?? NaN) - (r.projectOpen ?? NaN))), unit: 'ms', note: `y-indexeddb getAll, ${Math.round((m.storedBytes ?? 0) / 1024)} KB stored` },
        { name: `  ├ → Yjs apply`, value: median(m.app.map((r) => (r.decoded ?? NaN) - (r.idbRead ?? NaN))), unit: 'ms', note: 'the stored updates applied to the Y.Doc' },
        { name: `  └ → first tile shown (board read + render)`, value: median(m.app.map((r) => (r.shown ?? NaN) - (r.decoded ?? NaN))), unit: 'ms', note: 'readBoard, React render and commit' },
        { name: `${label}: cards in the DOM when shown`, value: median(m.app.map((r) => r.cardsInDom ?? NaN)), unit: 'count', note: 'fewer = virtualised' },
        { name: `bare page, same visible cards: interactive`, value: median(bareInteractive), unit: 'ms', note: 'plain JSON array, no Yjs, no React; same server, CSP, stylesheet' },
        { name: `${label}: interactive ÷ bare page`, value: ratio(median(interactive), median(bareInteractive)), unit: 'count', note: 'the physical-limit ratio, same run' },
        { name: `${label}: card move, input → painted, median`, value: median(m.moves ?? []), unit: 'ms', note: `keyboard (Space, Arrow, Space): dropping keydown → frame painted after the DOM shows the move; ${m.moves?.length ?? 0} moves` },
        { name: `${label}: card move, p95`, value: percentile(m.moves ?? [], 95), unit: 'ms', target: { value: 16, better: 'lower' }, note: `${m.moves?.length ?? 0} moves` },
        ...splitFigures('card move', m.splits?.move ?? []),
        { name: `  bare page, same keyboard move, p95`, value: percentile(m.bareMoves ?? [], 95), unit: 'ms', note: 'the <li> moved directly on the dropping Space: a frame still has to come round and be painted' },
        { name: `  card move p95 ÷ bare page`, value: ratio(percentile(m.moves ?? [], 95), percentile(m.bareMoves ?? [], 95)), unit: 'count', note: 'the physical-limit ratio, same run' },
        { name: `${label}: note keystroke, median`, value: median(m.keys ?? []), unit: 'ms', note: `keydown → frame painted after .ProseMirror shows it; ${m.keys?.length ?? 0} keys` },
        { name: `${label}: note keystroke, p95`, value: percentile(m.keys ?? [], 95), unit: 'ms', target: { value: 8, better: 'lower' }, note: `${m.keys?.length ?? 0} keys` },
        ...splitFigures('note keystroke', m.splits?.key ?? []),
        { name: `  bare page, keystroke in a contenteditable, p95`, value: percentile(m.bareKeys ?? [], 95), unit: 'ms', note: 'no editor, no Yjs, no React: a frame still has to come round and be painted' },
        { name: `  note keystroke p95 ÷ bare page`, value: ratio(percentile(m.keys ?? [], 95), percentile(m.bareKeys ?? [], 95)), unit: 'count', note: 'the physical-limit ratio, same run' },
        { name: `${label}: JS heap`, value: m.heap ?? Number.NaN, unit: 'bytes', target: { value: 150 * 1024 * 1024, better: 'lower' }, note: 'CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, board open' }
      ]
      for (const p of m.problems) opts.log(`big-backlog: ${p}`)
      return { figures, details: { cards, storedBytes: m.storedBytes, app: m.app, bare: m.bare, moves: m.moves, keys: m.keys, splits: m.splits, problems: m.problems } }
    } finally {
      await bench.close()
    }
  }
}
