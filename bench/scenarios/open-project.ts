import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core'
import { programmeDocName, projectDocName } from '../../src/shared/doc'
import { projectFixture } from '../generators/project'
import { CHROMIUM_ARGS, chromiumPath, chromiumVersion, serve, webRoot, type RunningServer } from '../support/browser'
import { cardsLabel, median } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * Opening a project as a person does: the built web renderer in real Chromium, with the
 * programme and project docs already in IndexedDB (written in y-indexeddb's own format, as if
 * this computer had saved them earlier). Clock starts at navigation, stops when the board's
 * list holds every card.
 */

/** Milestones the page records; see instrument() in bench/support/open-project-page.js. */
interface Marks {
  appStart?: number
  projectOpen?: number
  idbRead?: number
  idbBytes?: number
  decoded?: number
  allCards?: number
  painted?: number
  idle?: number
}

interface SeedInput {
  docs: { name: string; update: string }[]
  profile: { id: string; name: string; colour: string }
  programmeId: string
}

declare global {
  interface Window {
    __bench?: Marks
    __benchPage?: { seed(input: SeedInput): Promise<void> }
  }
}

/** The in-page code, as text (see the comment at the top of that file for why). */
const PAGE_JS = readFileSync(join(import.meta.dirname, '../support/open-project-page.js'), 'utf8')

interface RunResult extends Marks {
  /** Only on full runs: CDP JSHeapUsedSize after a forced GC, once the page was idle. */
  readonly jsHeapUsed?: number
  /** Harness time, part of no figure: goto until the last milestone waited for, then GC + metrics. */
  readonly harnessMs: { readonly open: number; readonly heap?: number }
}

/** The next milestone the page reports through the console (see report() in the page code). */
function milestone(page: Page, what: 'allCards' | 'idle', timeoutMs: number): Promise<Marks> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('console', onConsole)
      reject(new Error(`no "${what}" from the page within ${timeoutMs / 1000} s`))
    }, timeoutMs)
    const onConsole = (msg: ConsoleMessage): void => {
      const m = /^fortnight-bench:(\w+):(.*)$/s.exec(msg.text())
      if (m?.[1] !== what) return
      clearTimeout(timer)
      page.off('console', onConsole)
      resolve(JSON.parse(m[2] ?? '{}') as Marks)
    }
    page.on('console', onConsole)
  })
}

/**
 * One open in a fresh page. A "full" run waits for paint and for the main thread to go idle,
 * then measures the heap; other runs close the page as soon as every card is in the DOM (at
 * 20,000 cards the page stays busy for tens of seconds after that, and waiting five times would
 * blow the time budget).
 */
async function openOnce(
  context: BrowserContext,
  url: string,
  cards: number,
  projectDb: string,
  opts: { full: boolean; timeoutMs: number }
): Promise<RunResult> {
  const page: Page = await context.newPage()
  const t0 = performance.now()
  try {
    await page.addInitScript({ content: `${PAGE_JS}\n__benchPage.instrument(${JSON.stringify({ cards, projectDb })})` })
    const reported = milestone(page, opts.full ? 'idle' : 'allCards', opts.timeoutMs)
    reported.catch(() => {})
    await page.goto(url, { waitUntil: 'commit' })
    let marks: Marks
    try {
      marks = await reported
    } catch (err) {
      const seen = await Promise.race([
        page.evaluate(() => ({ cards: document.querySelectorAll('li[data-card-id]').length, text: document.body.innerText.slice(0, 300) })),
        new Promise<null>((r) => setTimeout(() => r(null), 5_000))
      ]).catch(() => null)
      const what = seen ? `saw ${seen.cards} cards; page: ${JSON.stringify(seen.text)}` : 'the page did not answer'
      throw new Error(`the board did not show ${cards} cards in time (${what})`, { cause: err })
    }
    const t1 = performance.now()
    if (!opts.full) return { ...marks, harnessMs: { open: t1 - t0 } }
    const cdp = await context.newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('Performance.enable')
    const { metrics } = await cdp.send('Performance.getMetrics')
    await cdp.detach()
    return {
      ...marks,
      jsHeapUsed: metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN,
      harnessMs: { open: t1 - t0, heap: performance.now() - t1 }
    }
  } finally {
    await page.close().catch(() => {})
  }
}

/** The run with the median open time (odd run counts), so its phases add up to the headline. */
function medianRun(runs: readonly RunResult[]): RunResult {
  const sorted = [...runs].sort((a, b) => (a.allCards ?? Infinity) - (b.allCards ?? Infinity))
  return sorted[Math.floor((sorted.length - 1) / 2)] as RunResult
}

function between(run: RunResult, from: keyof Marks | null, to: keyof Marks): number {
  return (run[to] ?? Number.NaN) - (from ? (run[from] ?? Number.NaN) : 0)
}

export const scenario: Scenario = {
  name: 'open-project',
  description: 'real Chromium: navigate to a seeded N-card project until the board shows every card',
  async run(opts) {
    const sizes = opts.quick ? [500] : [500, 20_000]
    const runs = opts.quick ? 3 : 5
    const root = webRoot(opts)
    const executablePath = await chromiumPath(opts.log)
    opts.log(`Chromium ${chromiumVersion(executablePath) ?? '(unknown version)'} at ${executablePath}`)

    let server: RunningServer | null = null
    let browser: Browser | null = null
    const figures: Figure[] = []
    const details: Record<string, unknown>[] = []
    try {
      server = await serve(root)
      browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] })
      for (const n of sizes) {
        const label = cardsLabel(n)
        opts.log(`open-project: preparing ${label}…`)
        const f = projectFixture(n)
        const projectDb = projectDocName(f.projectId)
        const context = await browser.newContext({
          locale: 'en-GB',
          timezoneId: 'Europe/London',
          viewport: { width: 1280, height: 800 },
          reducedMotion: 'reduce'
        })
        try {
          const seedStarted = performance.now()
          const seedPage = await context.newPage()
          await seedPage.addInitScript({ content: PAGE_JS })
          // A blank page at the app's origin (the app never boots here), so IndexedDB and
          // localStorage are the app's own.
          await seedPage.route(`${server.origin}/__bench__/seed`, (route) =>
            route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench seed</title>' })
          )
          await seedPage.goto(`${server.origin}/__bench__/seed`)
          await seedPage.evaluate((input) => window.__benchPage?.seed(input), {
            docs: [
              { name: programmeDocName(f.programmeId), update: Buffer.from(f.programmeUpdate).toString('base64') },
              { name: projectDb, update: Buffer.from(f.projectUpdate).toString('base64') }
            ],
            profile: f.profile,
            programmeId: f.programmeId
          })
          await seedPage.close()
          opts.log(`open-project: seeded IndexedDB in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`)

          const url = `${server.origin}/#/projects/${encodeURIComponent(f.projectId)}`
          const results: RunResult[] = []
          for (let r = 0; r < runs; r++) {
            const wall = performance.now()
            // Small boards: every run is full. 20,000 cards: only the last (see openOnce).
            const full = n < 20_000 || r === runs - 1
            const result = await openOnce(context, url, n, projectDb, { full, timeoutMs: n >= 20_000 ? 180_000 : 30_000 })
            opts.log(
              `open-project: ${label} run ${r + 1}/${runs}: ${Math.round(result.allCards ?? Number.NaN)} ms` +
                (full ? `, idle at ${Math.round(result.idle ?? Number.NaN)} ms` : '') +
                ` (harness ${((performance.now() - wall) / 1000).toFixed(1)} s)`
            )
            results.push(result)
            // Let the closed page's renderer wind down before the next run starts (2 cores).
            await new Promise((r) => setTimeout(r, 500))
          }
          const how = `median of ${runs}, fresh page each`
          const mid = medianRun(results)
          const fullRuns = results.filter((r) => r.jsHeapUsed !== undefined)
          const fullNote = fullRuns.length === 1 ? 'one run' : `median of ${fullRuns.length}`
          const split = 'split of the median run'
          figures.push(
            {
              name: `open ${n.toLocaleString('en-GB')}-card project`,
              value: between(mid, null, 'allCards'),
              unit: 'ms',
              ...(n === 20_000 ? { target: { value: 500, better: 'lower' as const } } : {}),
              note: `navigation → ${n.toLocaleString('en-GB')} li[data-card-id] in the DOM, ${how}`
            },
            { name: `  ├ boot, ${label}`, value: between(mid, null, 'appStart'), unit: 'ms', note: `HTML, bundle, first render → first IndexedDB open (${split})` },
            { name: `  ├ programme doc + route, ${label}`, value: between(mid, 'appStart', 'projectOpen'), unit: 'ms', note: '→ project database opened' },
            { name: `  ├ IndexedDB read, ${label}`, value: between(mid, 'projectOpen', 'idbRead'), unit: 'ms', note: '→ getAll of the stored updates done' },
            { name: `  ├ Yjs apply, ${label}`, value: between(mid, 'idbRead', 'decoded'), unit: 'ms', note: '→ updates applied to the Y.Doc' },
            { name: `  └ readBoard + React render, ${label}`, value: between(mid, 'decoded', 'allCards'), unit: 'ms', note: '→ every card in the DOM' },
            {
              name: `  … until painted, ${label}`,
              value: median(fullRuns.map((r) => between(r, null, 'painted'))),
              unit: 'ms',
              note: `the next animation frame after that, ${fullNote}`
            },
            {
              name: `  … until main thread idle, ${label}`,
              value: median(fullRuns.map((r) => between(r, null, 'idle'))),
              unit: 'ms',
              note: `end of the last busy stretch after paint, ${fullNote}`
            },
            {
              name: `JS heap after open, ${label}`,
              value: median(fullRuns.map((r) => r.jsHeapUsed ?? Number.NaN)),
              unit: 'bytes',
              note: `CDP JSHeapUsedSize after a GC once idle, ${fullNote}`
            }
          )
          details.push({ cards: n, storedBytes: results[0]?.idbBytes, runs: results })
        } finally {
          await context.close().catch(() => {})
        }
      }
    } finally {
      await browser?.close().catch(() => {})
      await server?.close().catch(() => {})
    }
    return { figures, details }
  }
}
