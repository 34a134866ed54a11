/**
 * Shared browser plumbing for the scenarios that open the app in real Chromium: one server and
 * one browser, seeding IndexedDB in y-indexeddb's layout, a cold navigation watched from inside
 * the page (bench/support/watch-page.js), the bare "physical limit" page, heap after a GC.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumPath, chromiumVersion, serve, webRoot, type RunningServer } from './browser'
import type { BenchOptions } from '../types'

const WATCH_JS = readFileSync(join(import.meta.dirname, 'watch-page.js'), 'utf8')
const SEED_JS = readFileSync(join(import.meta.dirname, 'open-project-page.js'), 'utf8')

export interface Marks {
  appStart?: number
  projectOpen?: number
  idbRead?: number
  idbBytes?: number
  decoded?: number
  shown?: number
  painted?: number
  answered?: number
  clickAt?: number
  cardCount?: number | null
  cardsInDom?: number
  click?: { x: number; y: number }
  longTasksAfterPaint?: [number, number][]
  longestAfterPaint?: number
  /** Every IndexedDB database the page opened, with when (first 30). */
  opens?: [string, number][]
}

export interface WatchOptions {
  readonly until: { readonly selector: string; readonly min?: number; readonly visible?: boolean; readonly text?: string }
  readonly projectDb?: string
  readonly settleMs?: number
}

export type Milestone = 'shown' | 'painted' | 'answered' | 'settled'

export interface Bench {
  readonly root: string
  readonly server: RunningServer
  readonly browser: Browser
  newContext(): Promise<BrowserContext>
  close(): Promise<void>
}

export async function startBench(opts: BenchOptions): Promise<Bench> {
  const root = webRoot(opts)
  const executablePath = await chromiumPath(opts.log)
  opts.log(`Chromium ${chromiumVersion(executablePath) ?? '(unknown version)'} at ${executablePath}`)
  installBarePage(root)
  const server = await serve(root)
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] }).catch(async (err: unknown) => {
    await server.close()
    throw err
  })
  return {
    root,
    server,
    browser,
    newContext: () => browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' }),
    async close() {
      await browser.close().catch(() => {})
      await server.close().catch(() => {})
    }
  }
}

/** bare.html + bare.js into <root>/__bench__, linking the app's own stylesheet. */
function installBarePage(root: string): void {
  const dir = join(root, '__bench__')
  mkdirSync(dir, { recursive: true })
  copyFileSync(join(import.meta.dirname, 'bare-page.js'), join(dir, 'bare.js'))
  const index = readFileSync(join(root, 'index.html'), 'utf8')
  const css = [...index.matchAll(/<link rel="stylesheet"[^>]*href="\.\/([^"]+)"/g)].map((m) => `<link rel="stylesheet" href="../${m[1]}">`).join('')
  writeFileSync(
    join(dir, 'bare.html'),
    `<!doctype html><html lang="en-GB" class="govuk-template"><head><meta charset="UTF-8"><title>bare</title>${css}<script type="module" src="./bare.js"></script></head><body class="govuk-template__body"><div id="root"></div></body></html>`
  )
}

/** Writes a data file for the bare page; returns its URL path (relative to the origin). */
export function writeBareData(root: string, name: string, data: unknown): string {
  writeFileSync(join(root, '__bench__', `${name}.json`), JSON.stringify(data))
  return `/__bench__/bare.html?kind=${encodeURIComponent(kindOf(data))}&data=${encodeURIComponent(`${name}.json`)}`
}
function kindOf(data: unknown): string {
  if (Array.isArray(data)) return (data[0] as { cycle?: unknown } | undefined)?.cycle !== undefined ? 'portfolio' : 'projects'
  if ((data as { text?: unknown }).text !== undefined) return 'editor'
  return (data as { heading?: unknown }).heading !== undefined ? 'screen' : 'board'
}

/** Docs into IndexedDB (y-indexeddb layout) plus the local profile, from a blank page at the origin. */
export async function seed(
  context: BrowserContext,
  origin: string,
  input: { docs: { name: string; update: Uint8Array }[]; profile?: { id: string; name: string; colour: string }; programmeId?: string }
): Promise<void> {
  const page = await context.newPage()
  try {
    await page.addInitScript({ content: SEED_JS })
    await page.route(`${origin}/__bench__/seed`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench seed</title>' }))
    await page.goto(`${origin}/__bench__/seed`)
    // In batches, so no single message carries tens of MB.
    for (let i = 0; i < Math.max(1, input.docs.length); i += 10) {
      const docs = input.docs.slice(i, i + 10).map((d) => ({ name: d.name, update: Buffer.from(d.update).toString('base64') }))
      const last = i + 10 >= input.docs.length
      await page.evaluate(
        async ({ docs, profile, programmeId, last }) => {
          const w = window as unknown as { __benchPage: { seed(x: unknown): Promise<void> } }
          await w.__benchPage.seed({ docs, profile: profile ?? null, programmeId: programmeId ?? null, last })
        },
        { docs, profile: input.profile, programmeId: input.programmeId, last }
      )
    }
  } finally {
    await page.close()
  }
}

/** Clears this context's IndexedDB and localStorage (a first run). */
export async function wipe(context: BrowserContext, origin: string): Promise<void> {
  const page = await context.newPage()
  try {
    await page.route(`${origin}/__bench__/wipe`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>wipe</title>' }))
    await page.goto(`${origin}/__bench__/wipe`)
    await page.evaluate(async () => {
      localStorage.clear()
      for (const db of await indexedDB.databases()) {
        if (!db.name) continue
        await new Promise<void>((res, rej) => {
          const r = indexedDB.deleteDatabase(db.name as string)
          r.onsuccess = () => res()
          r.onerror = () => rej(r.error)
          r.onblocked = () => rej(new Error(`deleting ${db.name} is blocked`))
        })
      }
    })
  } finally {
    await page.close()
  }
}

/** The next `fortnight-bench:<what>:` console report from the page. */
export function reportFrom<T = Marks>(page: Page, what: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('console', on)
      reject(new Error(`no "${what}" from the page within ${timeoutMs / 1000} s`))
    }, timeoutMs)
    const on = (msg: ConsoleMessage): void => {
      const m = /^fortnight-bench:(\w+):(.*)$/s.exec(msg.text())
      if (m?.[1] !== what) return
      clearTimeout(timer)
      page.off('console', on)
      resolve(JSON.parse(m[2] ?? '{}') as T)
    }
    page.on('console', on)
  })
}

export interface Opened {
  readonly page: Page
  readonly marks: Marks
}

/**
 * A cold navigation to `url` in a new page of `context`, watched from inside the page, until
 * `waitFor`. With `click`, the harness clicks the first item as soon as it is shown (so
 * `answered` is when a person's first click would be handled). The page stays open: close it.
 */
export async function openWatched(
  context: BrowserContext,
  url: string,
  watch: WatchOptions,
  o: { waitFor: Milestone; click?: boolean; timeoutMs: number }
): Promise<Opened> {
  const page = await context.newPage()
  await page.addInitScript({ content: `${WATCH_JS}\n__benchWatch.watch(${JSON.stringify(watch)})` })
  const shown = reportFrom(page, 'shown', o.timeoutMs)
  const waited = o.waitFor === 'shown' ? shown : reportFrom(page, o.waitFor, o.timeoutMs)
  shown.catch(() => {})
  waited.catch(() => {})
  try {
    await page.goto(url, { waitUntil: 'commit' })
    if (o.click) {
      await shown
      // Where the first item's handle is now (content that renders after it may have pushed it
      // down), scrolled into view if need be; evaluating needs the main thread, as the click does.
      const at = await page.evaluate((selector) => {
        const el = document.querySelector(selector)
        const target = el?.querySelector('button') ?? el
        if (!target) return null
        let r = target.getBoundingClientRect()
        if (r.bottom > innerHeight || r.top < 0) {
          target.scrollIntoView({ block: 'center' })
          r = target.getBoundingClientRect()
        }
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 }
      }, watch.until.selector)
      if (at) await page.mouse.click(at.x, at.y)
    }
    const marks = await waited
    return { page, marks: { ...(await shown), ...marks } }
  } catch (err) {
    const seen = await Promise.race([
      page.evaluate(() => ({
        cards: document.querySelectorAll('li[data-card-id]').length,
        first: JSON.stringify(document.querySelector('li[data-card-id]')?.getBoundingClientRect() ?? null),
        scrollY,
        visibility: document.visibilityState,
        marks: JSON.stringify((window as unknown as { __bench?: unknown }).__bench ?? null),
        text: (document.querySelector('main') ?? document.body).innerText.slice(0, 700)
      })),
      new Promise<null>((r) => setTimeout(() => r(null), 5_000))
    ]).catch(() => null)
    if (process.env.BENCH_DEBUG_SHOT) await page.screenshot({ path: process.env.BENCH_DEBUG_SHOT, fullPage: true }).catch(() => {})
    await page.close().catch(() => {})
    throw new Error(`${url}: ${err instanceof Error ? err.message : String(err)} (${seen ? `saw ${JSON.stringify(seen)}` : 'the page did not answer'})`, { cause: err })
  }
}

/** JS heap in use after a forced GC (CDP Runtime.getHeapUsage), in bytes. */
export async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return usedSize
  } finally {
    await cdp.detach().catch(() => {})
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number
}

export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100
}
