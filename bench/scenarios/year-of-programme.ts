import * as Y from 'yjs'
import { programmeDocName, projectDocName, readPortfolio, readProjectIndex } from '../../src/shared/doc'
import { yearOfProgramme } from '../generators/programme'
import { heapAfterGc, openWatched, pause, percentile, ratio, reportFrom, seed, startBench, writeBareData, type Marks } from '../support/app-page'
import { BOARD_UNTIL, bareBoard } from '../support/board-bench'
import { median } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * Issue 11, "a year of a programme": 100 projects × 200 cards, each lived through 26 closed cycles
 * (bench/generators/programme.ts), every doc seeded into IndexedDB. Three cold navigations, each
 * against the bare page that renders the same visible items from plain JSON:
 *  - one project → interactive board (first tile shown and a click on its handle answered);
 *  - the programme home → every project row;
 *  - the portfolio → every row of the table.
 * Plus issue 10's in-app figure: from the home page, the portfolio link → every row painted.
 * Sizes: --projects=100 --cards=200 (10 projects with --quick).
 */
const HOME_UNTIL = (n: number) => ({ selector: 'ul.app-project-list > li', min: n })
const PORTFOLIO_UNTIL = (n: number) => ({ selector: 'table.app-portfolio tbody tr', min: n })

/** In the page (as text: tsx-compiled functions carry helpers the page lacks): from setting the hash to the frame after the table holds every row. */
const inAppPortfolio = (rows: number): string => `(() => {
  const t0 = performance.now()
  const tick = () => {
    if (document.querySelectorAll('table.app-portfolio tbody tr').length >= ${rows})
      requestAnimationFrame(() => console.debug('fortnight-bench:inapp:' + JSON.stringify({ ms: performance.now() - t0 })))
    else requestAnimationFrame(tick)
  }
  location.hash = '#/portfolio'
  requestAnimationFrame(tick)
})()`

export const scenario: Scenario = {
  name: 'year-of-programme',
  description: 'real Chromium: a year of a 100-project programme — open a project, the home page and the portfolio, cold',
  async run(opts) {
    const projects = opts.size('projects', opts.quick ? 10 : 100)
    const cards = opts.size('cards', 200)
    const runs = opts.quick ? 3 : 5
    const t = performance.now()
    const f = yearOfProgramme({ projects, cards, log: opts.log })
    opts.log(`year-of-programme: fixture ${f.cached ? 'from cache' : 'built'} in ${((performance.now() - t) / 1000).toFixed(1)} s (${(f.stats.bytes / 1024 / 1024).toFixed(1)} MB of updates, ${f.stats.activityEntries.toLocaleString('en-GB')} activity entries)`)

    const bench = await startBench(opts)
    try {
      const context = await bench.newContext()
      const seeded = performance.now()
      await seed(context, bench.server.origin, {
        docs: [{ name: programmeDocName(f.programmeId), update: f.programmeUpdate }, ...f.projectIds.map((id, i) => ({ name: projectDocName(id), update: f.projectUpdates[i] as Uint8Array }))],
        profile: f.profile,
        programmeId: f.programmeId
      })
      opts.log(`year-of-programme: seeded ${projects + 1} docs into IndexedDB in ${((performance.now() - seeded) / 1000).toFixed(1)} s`)

      // The project a person opens: one in the middle of the list.
      const pick = Math.floor(projects / 2)
      const projectId = f.projectIds[pick] as string
      const programme = new Y.Doc()
      Y.applyUpdate(programme, f.programmeUpdate)
      const index = readProjectIndex(programme)
      const portfolio = readPortfolio(programme, f.now)
      programme.destroy()
      const bare = {
        board: bench.server.origin + writeBareData(bench.root, 'year-board', bareBoard(f.projectUpdates[pick] as Uint8Array)),
        home: bench.server.origin + writeBareData(bench.root, 'year-home', index.map((p) => ({ id: p.id, name: p.name, phase: p.phase }))),
        portfolio:
          bench.server.origin +
          writeBareData(
            bench.root,
            'year-portfolio',
            portfolio.map((r) => ({ name: r.name, phase: r.phase, cycle: r.progress?.currentCycle ?? '', committed: r.progress?.committed ?? '', done: r.progress?.done ?? '', lastDecision: r.progress?.lastDecision?.kind ?? '' }))
          )
      }
      const app = {
        board: `${bench.server.origin}/#/projects/${encodeURIComponent(projectId)}`,
        home: `${bench.server.origin}/#/`,
        portfolio: `${bench.server.origin}/#/portfolio`
      }
      const results = { board: [] as Marks[], home: [] as Marks[], portfolio: [] as Marks[], bareBoard: [] as Marks[], bareHome: [] as Marks[], barePortfolio: [] as Marks[], inApp: [] as number[] }
      let heap = Number.NaN
      for (let r = 0; r < runs; r++) {
        // Project board: click the first handle as soon as it shows.
        for (const [key, url, extra] of [
          ['bareBoard', bare.board, {}],
          ['board', app.board, { projectDb: projectDocName(projectId) }]
        ] as const) {
          const o = await openWatched(context, url, { until: BOARD_UNTIL, ...extra }, { waitFor: 'answered', click: true, timeoutMs: 60_000 })
          results[key].push(o.marks)
          await o.page.close()
          await pause(300)
        }
        for (const [key, url, until] of [
          ['bareHome', bare.home, HOME_UNTIL(projects)],
          ['home', app.home, HOME_UNTIL(projects)],
          ['barePortfolio', bare.portfolio, PORTFOLIO_UNTIL(projects)],
          ['portfolio', app.portfolio, PORTFOLIO_UNTIL(projects)]
        ] as const) {
          const o = await openWatched(context, url, { until }, { waitFor: 'painted', timeoutMs: 60_000 })
          results[key].push(o.marks)
          if (key === 'home') {
            // Issue 10's figure: the app is up on the home page; the portfolio link → every row.
            await pause(1000)
            const done = reportFrom<{ ms: number }>(o.page, 'inapp', 30_000)
            await o.page.evaluate(inAppPortfolio(projects))
            results.inApp.push((await done).ms)
            if (r === runs - 1) heap = await heapAfterGc(context, o.page)
          }
          await o.page.close()
          await pause(300)
        }
        const last = (k: keyof typeof results): number => {
          const v = results[k].at(-1)
          return Math.round(typeof v === 'number' ? v : ((v as Marks | undefined)?.answered ?? (v as Marks | undefined)?.painted ?? NaN))
        }
        opts.log(
          `year-of-programme: run ${r + 1}/${runs}: project ${last('board')} ms (bare ${last('bareBoard')}), home ${last('home')} ms (bare ${last('bareHome')}), portfolio ${last('portfolio')} ms (bare ${last('barePortfolio')}), portfolio in-app ${last('inApp')} ms`
        )
      }
      await context.close()

      const answered = (m: readonly Marks[]): number[] => m.map((x) => x.answered ?? NaN)
      const painted = (m: readonly Marks[]): number[] => m.map((x) => x.painted ?? NaN)
      const how = `median of ${runs} cold navigations (fresh page, docs in IndexedDB)`
      const b = results.board
      const figures: Figure[] = [
        { name: `open one project (${cards} cards) → interactive board`, value: median(answered(b)), unit: 'ms', target: { value: 400, better: 'lower' }, note: `first tile shown, then a click on its handle answered; ${how}` },
        { name: `  open one project, p95`, value: percentile(answered(b), 95), unit: 'ms', note: `${runs} runs` },
        { name: `  ├ boot (→ first IndexedDB open)`, value: median(b.map((x) => x.appStart ?? NaN)), unit: 'ms', note: 'HTML, bundle, first render' },
        { name: `  ├ → programme doc + route → project db opened`, value: median(b.map((x) => (x.projectOpen ?? NaN) - (x.appStart ?? NaN))), unit: 'ms', note: `the ${projects}-project programme doc loaded first` },
        { name: `  ├ → project doc loaded (read + Yjs apply)`, value: median(b.map((x) => (x.decoded ?? NaN) - (x.projectOpen ?? NaN))), unit: 'ms', note: `${Math.round((b[0]?.idbBytes ?? 0) / 1024)} KB stored` },
        { name: `  ├ → first tile shown`, value: median(b.map((x) => (x.shown ?? NaN) - (x.decoded ?? NaN))), unit: 'ms', note: 'migration check, board read, React render' },
        { name: `  └ → click answered`, value: median(b.map((x) => (x.answered ?? NaN) - (x.shown ?? NaN))), unit: 'ms', note: 'main thread busy after the first frame' },
        { name: `  ÷ bare page (same visible cards)`, value: ratio(median(answered(b)), median(answered(results.bareBoard))), unit: 'count', note: `bare: ${Math.round(median(answered(results.bareBoard)))} ms; plain JSON, no Yjs, no React, same server and CSP` },
        { name: `programme home → all ${projects} project rows`, value: median(painted(results.home)), unit: 'ms', target: { value: 500, better: 'lower' }, note: `navigation → frame after ${projects} rows painted; ${how}` },
        { name: `  programme home, p95`, value: percentile(painted(results.home), 95), unit: 'ms', note: `${runs} runs` },
        { name: `  ÷ bare page (same rows)`, value: ratio(median(painted(results.home)), median(painted(results.bareHome))), unit: 'count', note: `bare: ${Math.round(median(painted(results.bareHome)))} ms` },
        { name: `portfolio → all ${projects} rows`, value: median(painted(results.portfolio)), unit: 'ms', target: { value: 500, better: 'lower' }, note: `navigation to #/portfolio → frame after every row painted; ${how}` },
        { name: `  portfolio, p95`, value: percentile(painted(results.portfolio), 95), unit: 'ms', note: `${runs} runs` },
        { name: `  ÷ bare page (same rows)`, value: ratio(median(painted(results.portfolio)), median(painted(results.barePortfolio))), unit: 'count', note: `bare: ${Math.round(median(painted(results.barePortfolio)))} ms` },
        { name: `portfolio in-app (home → link), issue 10`, value: median(results.inApp), unit: 'ms', target: { value: 200, better: 'lower' }, note: `app already on the home page; median of ${runs}` },
        { name: `  portfolio in-app, p95`, value: percentile(results.inApp, 95), unit: 'ms', target: { value: 200, better: 'lower' }, note: `${runs} runs` },
        { name: `JS heap on the programme home`, value: heap, unit: 'bytes', note: 'after the portfolio visit, CDP after a GC' },
        { name: `fixture: stored bytes, all docs`, value: f.stats.bytes, unit: 'bytes', note: `${f.stats.activityEntries.toLocaleString('en-GB')} activity entries, ${f.stats.feedback} feedback, ${f.stats.decisions} decisions` }
      ]
      return { figures, details: { projects, cards, stats: f.stats, fixtureCached: f.cached, buildMs: f.buildMs, results } }
    } finally {
      await bench.close()
    }
  }
}
