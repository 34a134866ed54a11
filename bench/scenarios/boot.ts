import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import * as Y from 'yjs'
import { initProgrammeDoc, opContext, programmeDocName, upsertPerson } from '../../src/shared/doc'
import type { PersonId, ProgrammeId } from '../../src/shared/domain/ids'
import { openWatched, pause, percentile, ratio, seed, startBench, wipe, writeBareData, type Marks } from '../support/app-page'
import { median } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * Issue 11, "boot": navigation → the first screen of an empty workspace, cold, in real Chromium:
 * the welcome page of a first run (nothing stored), and the programme home of an empty programme
 * (profile and programme stored, no projects). Each against a bare page with the same heading and
 * text. Also the size of what the build makes a browser download before anything shows: the entry
 * script and every script, raw and gzipped.
 */
const WELCOME = { selector: 'main h1', text: 'Welcome to Fortnight' }
const HOME = { selector: 'main', text: 'No projects yet' }

function emptyProgramme(): { programmeId: ProgrammeId; update: Uint8Array; profile: { id: PersonId; name: string; colour: string } } {
  const profile = { id: 'bench-person-boot' as PersonId, name: 'Bench Officer', colour: '#1d70b8' }
  const ctx = opContext(profile, () => Date.UTC(2026, 10, 30, 9))
  const doc = new Y.Doc()
  const programmeId = 'bench-boot-programme' as ProgrammeId
  initProgrammeDoc(doc, ctx, { id: programmeId, name: 'Bench programme', council: 'Benchshire County Council' })
  upsertPerson(doc, ctx, profile.id, { name: profile.name, colour: profile.colour, role: 'team' })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return { programmeId, update, profile }
}

function scripts(root: string): { entry: string; files: { name: string; raw: number; gzip: number }[] } {
  const index = readFileSync(join(root, 'index.html'), 'utf8')
  const entry = /<script[^>]+src="\.\/([^"]+\.js)"/.exec(index)?.[1] ?? ''
  const files: { name: string; raw: number; gzip: number }[] = []
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name)
      if (statSync(p).isDirectory()) walk(p, `${prefix}${name}/`)
      else if (name.endsWith('.js')) {
        const bytes = readFileSync(p)
        files.push({ name: `${prefix}${name}`, raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength })
      }
    }
  }
  walk(join(root, 'assets'), 'assets/')
  return { entry, files: files.sort((a, b) => b.raw - a.raw) }
}

export const scenario: Scenario = {
  name: 'boot',
  description: 'real Chromium: navigation → first screen of an empty workspace (welcome, empty home); bundle sizes',
  async run(opts) {
    const runs = opts.quick ? 3 : 7
    const bench = await startBench(opts)
    try {
      const js = scripts(bench.root)
      const entry = js.files.find((f) => f.name === js.entry)
      const bareWelcome = bench.server.origin + writeBareData(bench.root, 'boot-welcome', { heading: 'Welcome to Fortnight', body: 'Fortnight keeps your change projects on this computer.' })
      const bareHome = bench.server.origin + writeBareData(bench.root, 'boot-home', { heading: 'Your change projects', body: 'No projects yet. Start one above: it only needs a name.' })
      const first = await bench.newContext()
      const home = await bench.newContext()
      const p = emptyProgramme()
      await seed(home, bench.server.origin, { docs: [{ name: programmeDocName(p.programmeId), update: p.update }], profile: p.profile, programmeId: p.programmeId })
      const r = { welcome: [] as Marks[], home: [] as Marks[], bareWelcome: [] as Marks[], bareHome: [] as Marks[] }
      for (let i = 0; i < runs; i++) {
        for (const [key, ctx, url, until] of [
          ['bareWelcome', first, bareWelcome, WELCOME],
          ['welcome', first, `${bench.server.origin}/#/`, WELCOME],
          ['bareHome', home, bareHome, HOME],
          ['home', home, `${bench.server.origin}/#/`, HOME]
        ] as const) {
          if (key === 'welcome') await wipe(first, bench.server.origin)
          const o = await openWatched(ctx, url, { until }, { waitFor: 'painted', timeoutMs: 30_000 })
          r[key].push(o.marks)
          await o.page.close()
          await pause(200)
        }
        opts.log(`boot: run ${i + 1}/${runs}: welcome ${Math.round(r.welcome.at(-1)?.painted ?? NaN)} ms (bare ${Math.round(r.bareWelcome.at(-1)?.painted ?? NaN)}), empty home ${Math.round(r.home.at(-1)?.painted ?? NaN)} ms (bare ${Math.round(r.bareHome.at(-1)?.painted ?? NaN)})`)
      }
      const painted = (m: readonly Marks[]): number[] => m.map((x) => x.painted ?? NaN)
      const how = `median of ${runs} cold navigations`
      const total = js.files.reduce((s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip }), { raw: 0, gzip: 0 })
      const figures: Figure[] = [
        { name: 'navigation → welcome page (first run)', value: median(painted(r.welcome)), unit: 'ms', target: { value: 250, better: 'lower' }, note: `frame after "Welcome to Fortnight" painted, nothing stored; ${how}` },
        { name: '  welcome page, p95', value: percentile(painted(r.welcome), 95), unit: 'ms', note: `${runs} runs` },
        { name: '  ÷ bare page (same heading)', value: ratio(median(painted(r.welcome)), median(painted(r.bareWelcome))), unit: 'count', note: `bare: ${Math.round(median(painted(r.bareWelcome)))} ms, same server, CSP and stylesheet` },
        { name: 'navigation → empty programme home', value: median(painted(r.home)), unit: 'ms', target: { value: 250, better: 'lower' }, note: `frame after "No projects yet" painted (profile and programme doc stored); ${how}` },
        { name: '  empty programme home, p95', value: percentile(painted(r.home), 95), unit: 'ms', note: `${runs} runs` },
        { name: '  ├ → first IndexedDB open', value: median(r.home.map((x) => x.appStart ?? NaN)), unit: 'ms', note: 'HTML, entry script parsed and run, React started' },
        { name: '  ÷ bare page (same text)', value: ratio(median(painted(r.home)), median(painted(r.bareHome))), unit: 'count', note: `bare: ${Math.round(median(painted(r.bareHome)))} ms` },
        { name: 'entry script', value: entry?.raw ?? NaN, unit: 'bytes', note: js.entry },
        { name: '  entry script, gzip', value: entry?.gzip ?? NaN, unit: 'bytes', note: 'gzip -9' },
        { name: 'all JS in the build', value: total.raw, unit: 'bytes', note: `${js.files.length} files` },
        { name: '  all JS, gzip', value: total.gzip, unit: 'bytes', note: `largest: ${js.files.slice(0, 3).map((f) => `${f.name.replace('assets/', '')} ${Math.round(f.gzip / 1024)} KB`).join(', ')}` }
      ]
      await first.close()
      await home.close()
      return { figures, details: { js, runs: r } }
    } finally {
      await bench.close()
    }
  }
}
