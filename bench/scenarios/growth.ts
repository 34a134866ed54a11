import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import * as Y from 'yjs'
import { appendActivity, opContext, readBoard, type ActivityType } from '../../src/shared/doc'
import type { CardId } from '../../src/shared/domain/ids'
import { projectFixture, type ProjectFixture } from '../generators/project'
import { openWatched, pause, percentile, ratio, startBench } from '../support/app-page'
import { BOARD_UNTIL, seedProject } from '../support/board-bench'
import { median } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * Issue 11, "growth", in real Chromium:
 *  - the same project (same cards) opened cold with no history beyond its cards' own entries and
 *    after 50,000 more activity entries (appendActivity, one transaction each, card moves and
 *    edits as the app logs them): target ≤ 1.2×;
 *  - 10,000 real edits (titles, moves, note words, archive/restore; each its own transaction)
 *    through the app's own persistence (openLocalDoc: y-indexeddb + save tracker) in a bench page
 *    bundled from src/shared: the bytes IndexedDB then holds ÷ Y.encodeStateAsUpdate: target ≤ 2×.
 * Sizes: --cards=500 --activity=50000 --edits=10000 (quick: 5,000 entries, 1,000 edits).
 */
function withActivity(f: ProjectFixture, entries: number): ProjectFixture {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, f.projectUpdate)
  const cards = readBoard(doc).columns.flatMap((c) => c.cards.map((k) => ({ id: k.id, columnId: c.id })))
  const columns = readBoard(doc).columns.map((c) => c.id)
  let t = Date.UTC(2026, 0, 5, 9)
  const ctx = opContext({ id: f.profile.id, name: f.profile.name }, () => (t += 60_000))
  for (let i = 0; i < entries; i++) {
    const card = cards[(i * 7919) % cards.length] as { id: CardId; columnId: string }
    const moved = i % 3 !== 0
    const type: ActivityType = moved ? 'card.moved' : 'card.updated'
    doc.transact(() =>
      appendActivity(doc, ctx, moved ? { type, cardId: card.id, data: { from: card.columnId, to: columns[i % columns.length] } } : { type, cardId: card.id, data: { fields: ['title'] } })
    )
  }
  const out = { ...f, projectUpdate: Y.encodeStateAsUpdate(doc) }
  doc.destroy()
  return out
}

interface GrowthResult {
  before: { bytes: number; rows: number }
  after: { bytes: number; rows: number }
  encoded: number
  editMs: number
  kinds: Record<string, number>
  peak: { ratio: number; bytes: number; rows: number; afterEdits: number }
}

export const scenario: Scenario = {
  name: 'growth',
  description: 'real Chromium: opening after 50,000 activity entries vs none; IndexedDB bytes after 10,000 edits vs the encoded doc',
  async run(opts) {
    const cards = opts.size('cards', 500)
    const entries = opts.size('activity', opts.quick ? 5_000 : 50_000)
    const edits = opts.size('edits', opts.quick ? 1_000 : 10_000)
    const runs = opts.quick ? 3 : 5
    const plain = projectFixture(cards)
    const t = performance.now()
    const grown = withActivity(plain, entries)
    opts.log(`growth: appended ${entries.toLocaleString('en-GB')} activity entries in ${((performance.now() - t) / 1000).toFixed(1)} s (${(plain.projectUpdate.byteLength / 1024).toFixed(0)} KB → ${(grown.projectUpdate.byteLength / 1024).toFixed(0)} KB)`)
    const bench = await startBench(opts)
    try {
      // Bundle the growth page from src/shared (the app's own persistence and operations).
      const dir = join(bench.root, '__bench__')
      await build({ entryPoints: [join(import.meta.dirname, '../pages/idb-growth.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'chrome120', outfile: join(dir, 'idb-growth.js'), logLevel: 'warning' })
      writeFileSync(join(dir, 'idb-growth.html'), '<!doctype html><html lang="en-GB"><head><meta charset="UTF-8"><title>growth</title><script type="module" src="./idb-growth.js"></script></head><body></body></html>')

      const ctxPlain = await bench.newContext()
      const ctxGrown = await bench.newContext()
      await seedProject(ctxPlain, bench.server.origin, plain)
      await seedProject(ctxGrown, bench.server.origin, grown)
      const url = `${bench.server.origin}/#/projects/${encodeURIComponent(plain.projectId)}`
      const projectDb = `fortnight:project:${plain.projectId}`
      const a: number[] = []
      const b: number[] = []
      const loadA: number[] = []
      const loadB: number[] = []
      for (let r = 0; r < runs; r++) {
        for (const [ctx, out, load] of [
          [ctxPlain, a, loadA],
          [ctxGrown, b, loadB]
        ] as const) {
          const o = await openWatched(ctx, url, { until: BOARD_UNTIL, projectDb }, { waitFor: 'answered', click: true, timeoutMs: 60_000 })
          out.push(o.marks.answered ?? NaN)
          load.push((o.marks.decoded ?? NaN) - (o.marks.projectOpen ?? NaN))
          await o.page.close()
          await pause(300)
        }
        opts.log(`growth: run ${r + 1}/${runs}: open ${Math.round(a.at(-1) ?? NaN)} ms without, ${Math.round(b.at(-1) ?? NaN)} ms with ${entries.toLocaleString('en-GB')} entries`)
      }
      await ctxPlain.close()
      await ctxGrown.close()

      // 10,000 edits through y-indexeddb.
      const ctxEdit = await bench.newContext()
      await seedProject(ctxEdit, bench.server.origin, plain)
      const page = await ctxEdit.newPage()
      await page.goto(`${bench.server.origin}/__bench__/idb-growth.html`)
      await page.waitForFunction(() => '__benchGrowth' in globalThis)
      const g = (await page.evaluate(
        (input) => (globalThis as unknown as { __benchGrowth(i: unknown): Promise<unknown> }).__benchGrowth(input),
        { docName: projectDb, edits }
      )) as GrowthResult
      await ctxEdit.close()
      opts.log(`growth: ${edits.toLocaleString('en-GB')} edits in ${(g.editMs / 1000).toFixed(1)} s; IndexedDB ${g.before.bytes} → ${g.after.bytes} bytes in ${g.after.rows} rows; encoded ${g.encoded}`)

      const label = `${cards.toLocaleString('en-GB')}-card project`
      const figures: Figure[] = [
        { name: `open ${label}, no extra history`, value: median(a), unit: 'ms', note: `navigation → interactive board, median of ${runs}` },
        { name: `open ${label} + ${entries.toLocaleString('en-GB')} activity entries`, value: median(b), unit: 'ms', note: `same cards, same measure, alternating runs` },
        { name: `  opening cost with history ÷ without`, value: ratio(median(b), median(a)), unit: 'count', target: { value: 1.2, better: 'lower' }, note: `medians; p95 ${Math.round(percentile(a, 95))} / ${Math.round(percentile(b, 95))} ms` },
        { name: `  project doc load (IndexedDB read + Yjs apply), with ÷ without`, value: ratio(median(loadB), median(loadA)), unit: 'count', note: `${Math.round(median(loadA))} → ${Math.round(median(loadB))} ms; ${(plain.projectUpdate.byteLength / 1024).toFixed(0)} → ${(grown.projectUpdate.byteLength / 1024).toFixed(0)} KB` },
        { name: `IndexedDB bytes after ${edits.toLocaleString('en-GB')} edits`, value: g.after.bytes, unit: 'bytes', note: `${g.after.rows} stored updates; before the edits ${Math.round(g.before.bytes / 1024)} KB` },
        { name: `  encoded document (Y.encodeStateAsUpdate)`, value: g.encoded, unit: 'bytes', note: 'after the same edits' },
        { name: `  IndexedDB ÷ encoded document`, value: ratio(g.after.bytes, g.encoded), unit: 'count', target: { value: 2, better: 'lower' }, note: `edits: ${Object.entries(g.kinds).map(([k, v]) => `${v} ${k}`).join(', ')}; each its own transaction` },
        { name: `  worst seen during the edits`, value: Math.round(g.peak.ratio * 100) / 100, unit: 'count', target: { value: 2, better: 'lower' }, note: `just before y-indexeddb compacts (every 500 updates): ${g.peak.rows} rows after ${g.peak.afterEdits} edits` }
      ]
      return { figures, details: { cards, entries, edits, open: { without: a, with: b, loadWithout: loadA, loadWith: loadB }, idb: g } }
    } finally {
      await bench.close()
    }
  }
}
