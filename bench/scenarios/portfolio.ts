import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { chromium, type Browser, type Page } from 'playwright-core'
import {
  createProject,
  initProgrammeDoc,
  opContext,
  programmeDocName,
  projectProgressOf,
  type ProjectProgress
} from '../../src/shared/doc'
import type { PersonId, ProgrammeId, ProjectId } from '../../src/shared/domain/ids'
import { PHASES } from '../../src/shared/domain/phases'
import { CHROMIUM_ARGS, chromiumPath, chromiumVersion, serve, webRoot, type RunningServer } from '../support/browser'
import { median } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * The manager's portfolio (issue 10) in real Chromium: a programme of 100 projects, each with a
 * year of progress (26 closed cycles and their decisions) in the programme doc, seeded into
 * IndexedDB; with the app open on the programme home, the clock runs from going to the portfolio
 * to the frame where the table holds every project.
 * No project doc is opened: the portfolio is drawn from the summaries. Target: 200 ms.
 */
const PAGE_JS = readFileSync(join(import.meta.dirname, '../support/open-project-page.js'), 'utf8')
const PROJECTS = 100

function programmeFixture(): { programmeId: string; update: Uint8Array; profile: { id: string; name: string; colour: string } } {
  const programmeId = 'bench-portfolio'
  const who = { id: 'bench-person' as PersonId, name: 'Bench Manager' }
  const ctx = opContext(who, () => Date.UTC(2026, 10, 30, 9))
  const programme = new Y.Doc()
  initProgrammeDoc(programme, ctx, { id: programmeId as ProgrammeId, name: 'Bench programme', council: 'Anytown' })
  for (let i = 0; i < PROJECTS; i++) {
    const id = `bench-project-${i}` as ProjectId
    createProject(programme, new Y.Doc(), ctx, { id, name: `Project ${String(i + 1).padStart(3, '0')}`, phase: PHASES[i % 5], tags: ['waste', `tag-${i % 7}`] })
    const decisions = Array.from(
      { length: 26 },
      (_, c) => [c + 1, c % 9 === 8 ? 'pivot' : 'persevere', new Date(Date.UTC(2025, 11, 1) + c * 14 * 86_400_000).toISOString().slice(0, 10)] as const
    )
    const progress: ProjectProgress = {
      currentCycle: 27,
      committed: 8,
      done: i % 8,
      lastDecision: { kind: 'persevere', cycle: 26, at: Date.UTC(2026, 10, 20, 15), byName: 'Asha Patel' },
      stopped: i % 17 === 0,
      lastChangeOn: i % 5 === 0 ? '2026-11-02' : '2026-11-27',
      decisions,
      basis: 5_000
    }
    programme.transact(() => projectProgressOf(programme).set(id, progress))
  }
  return { programmeId, update: Y.encodeStateAsUpdate(programme), profile: { id: who.id, name: who.name, colour: '#1d70b8' } }
}

/** In the page before the app: the time (ms since navigation) of the first frame with every row. */
const WATCH = `(() => {
  const want = ${PROJECTS}
  window.__benchPortfolio = () => {
  const tick = () => {
    const rows = document.querySelectorAll('table.app-portfolio tbody tr').length
    if (rows >= want) requestAnimationFrame(() => console.log('fortnight-bench:portfolio:' + JSON.stringify({ rows: performance.now() - t0 })))
    else requestAnimationFrame(tick)
  }
  const t0 = performance.now()
  location.hash = '#/portfolio'
  requestAnimationFrame(tick)
  }
})()`

function reported(page: Page, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the portfolio did not show every project in time')), timeoutMs)
    page.on('console', (msg) => {
      const m = /^fortnight-bench:portfolio:(.*)$/.exec(msg.text())
      if (!m) return
      clearTimeout(timer)
      resolve((JSON.parse(m[1] ?? '{}') as { rows: number }).rows)
    })
  })
}

export const scenario: Scenario = {
  name: 'portfolio',
  description: 'real Chromium: from the programme home to the portfolio of a 100-project programme, every row painted',
  async run(opts) {
    const runs = opts.quick ? 3 : 7
    const root = webRoot(opts)
    const executablePath = await chromiumPath(opts.log)
    opts.log(`Chromium ${chromiumVersion(executablePath) ?? '(unknown version)'} at ${executablePath}`)
    const f = programmeFixture()
    let server: RunningServer | null = null
    let browser: Browser | null = null
    try {
      server = await serve(root)
      browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] })
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })
      const seedPage = await context.newPage()
      await seedPage.addInitScript({ content: PAGE_JS })
      await seedPage.route(`${server.origin}/__bench__/seed`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench seed</title>' }))
      await seedPage.goto(`${server.origin}/__bench__/seed`)
      await seedPage.evaluate((input) => window.__benchPage?.seed(input), {
        docs: [{ name: programmeDocName(f.programmeId), update: Buffer.from(f.update).toString('base64') }],
        profile: f.profile,
        programmeId: f.programmeId
      })
      await seedPage.close()
      const times: number[] = []
      for (let r = 0; r < runs; r++) {
        const page = await context.newPage()
        await page.addInitScript({ content: WATCH })
        // The app is up with the programme open (its home page); the clock covers going to the
        // portfolio and drawing all 100 rows from the summaries. Boot itself is issue 11's figure.
        await page.goto(`${server.origin}/#/`)
        await page.getByRole('heading', { level: 1, name: 'Your change projects' }).waitFor({ timeout: 30_000 })
        await page.getByRole('link', { name: 'Project 100' }).waitFor({ timeout: 30_000 })
        const done = reported(page, 30_000)
        await page.evaluate(() => (window as unknown as { __benchPortfolio: () => void }).__benchPortfolio())
        const ms = await done
        times.push(ms)
        opts.log(`portfolio: run ${r + 1}/${runs}: ${Math.round(ms)} ms`)
        await page.close()
        await new Promise((res) => setTimeout(res, 300))
      }
      const sorted = [...times].sort((a, b) => a - b)
      const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN
      const figures: Figure[] = [
        { name: 'portfolio of 100 projects, link → every row painted', value: median(times), unit: 'ms', target: { value: 200, better: 'lower' }, note: `median of ${runs}, fresh page each` },
        { name: 'portfolio of 100 projects, p95', value: p95, unit: 'ms', target: { value: 200, better: 'lower' }, note: `${runs} runs` }
      ]
      return { figures, details: { runs: times } }
    } finally {
      await browser?.close().catch(() => {})
      await server?.close().catch(() => {})
    }
  }
}
