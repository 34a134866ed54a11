// The bench driver: `npm run bench [-- <scenario>…] [--quick] [--no-build]`.
// Runs every bench/scenarios/*.ts (or the named ones) in turn, prints one table of figures and
// writes bench/results/latest.json. A scenario that throws is reported and the rest still run;
// the exit code is non-zero only then. Figures never fail the run: targets print "met / not met".
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { arch, cpus, platform, totalmem } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchOptions, Figure, Scenario } from './types'

const benchDir = import.meta.dirname
const resultsDir = join(benchDir, 'results')

interface Outcome {
  readonly scenario: string
  readonly ms: number
  readonly figures: readonly Figure[]
  readonly details?: unknown
  readonly error?: string
}

function usage(names: readonly string[]): string {
  return [
    'Usage: npm run bench [-- <scenario>…] [--quick] [--no-build]',
    `  scenarios: ${names.join(', ')}`,
    '  --quick     small sizes, fewer runs',
    '  --no-build  reuse the last web build (browser scenarios)',
    '  --<size>=N  a size for the scenarios that take it: --cards=, --projects=, --activity=, --edits='
  ].join('\n')
}

async function loadScenarios(): Promise<Scenario[]> {
  const dir = join(benchDir, 'scenarios')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
  const out: Scenario[] = []
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { scenario?: Scenario }
    if (!mod.scenario) throw new Error(`bench/scenarios/${file} does not export \`scenario\``)
    if (mod.scenario.name !== basename(file, '.ts')) throw new Error(`bench/scenarios/${file} names itself "${mod.scenario.name}"`)
    out.push(mod.scenario)
  }
  return out
}

function formatValue(f: Figure): string {
  if (!Number.isFinite(f.value)) return 'n/a'
  if (f.unit === 'ms') return f.value >= 100 ? `${Math.round(f.value).toLocaleString('en-GB')} ms` : `${f.value.toFixed(1)} ms`
  if (f.unit === 'bytes') {
    const oneDecimal = (v: number): string => v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    if (Math.abs(f.value) >= 1024 * 1024) return `${oneDecimal(f.value / 1024 / 1024)} MB`
    return `${oneDecimal(f.value / 1024)} KB`
  }
  return f.value.toLocaleString('en-GB')
}

function formatTarget(f: Figure): string {
  if (!f.target) return ''
  const goal = formatValue({ ...f, value: f.target.value })
  const met = f.target.better === 'lower' ? f.value <= f.target.value : f.value >= f.target.value
  return `target: ${f.target.better === 'lower' ? '≤' : '≥'} ${goal} — ${met ? 'met' : 'not met'}`
}

function printTable(outcomes: readonly Outcome[]): void {
  const rows: string[][] = [['scenario', 'figure', 'value', 'target', 'how']]
  for (const o of outcomes) {
    if (o.error) rows.push([o.scenario, 'CRASHED', '', '', o.error.split('\n')[0] ?? ''])
    for (const f of o.figures) rows.push([o.scenario, f.name, formatValue(f), formatTarget(f), f.note ?? ''])
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  const line = (r: string[]): string =>
    r
      .map((cell, c) => (c === 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd()
  console.log('')
  console.log(line(rows[0]!))
  console.log(widths.map((w) => '─'.repeat(w)).join('  '))
  let previous = ''
  for (const r of rows.slice(1)) {
    if (previous && r[0] !== previous) console.log('')
    previous = r[0] ?? ''
    console.log(line(r))
  }
  console.log('')
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: resolve(benchDir, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const sizes = new Map<string, number>()
  for (const a of args) {
    const m = /^--([a-z-]+)=(\d[\d_,]*)$/.exec(a)
    if (m) sizes.set(m[1] as string, Number((m[2] as string).replace(/[_,]/g, '')))
  }
  const flags = new Set(args.filter((a) => a.startsWith('--') && !/^--[a-z-]+=/.test(a)))
  const wanted = args.filter((a) => !a.startsWith('--'))
  const all = await loadScenarios()
  const names = all.map((s) => s.name)
  const unknownFlags = [...flags].filter((f) => !['--quick', '--no-build', '--help'].includes(f))
  const unknownNames = wanted.filter((w) => !names.includes(w))
  if (flags.has('--help') || unknownFlags.length || unknownNames.length) {
    if (unknownFlags.length || unknownNames.length) console.error(`bench: unknown ${[...unknownFlags, ...unknownNames].join(', ')}`)
    console.error(usage(names))
    return flags.has('--help') && !unknownFlags.length && !unknownNames.length ? 0 : 2
  }
  const selected = wanted.length ? all.filter((s) => wanted.includes(s.name)) : all
  const opts: BenchOptions = {
    quick: flags.has('--quick'),
    noBuild: flags.has('--no-build'),
    log: (m) => console.error(`  ${m}`),
    size: (name, fallback) => sizes.get(name) ?? fallback
  }

  const started = Date.now()
  const outcomes: Outcome[] = []
  for (const s of selected) {
    console.error(`▶ ${s.name}: ${s.description}`)
    const t0 = performance.now()
    try {
      const result = await s.run(opts)
      outcomes.push({ scenario: s.name, ms: performance.now() - t0, figures: result.figures, details: result.details })
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err)
      console.error(`✗ ${s.name} crashed:\n${error}`)
      outcomes.push({ scenario: s.name, ms: performance.now() - t0, figures: [], error })
    }
    console.error(`  ${s.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  }

  printTable(outcomes)
  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    args,
    machine: { platform: platform(), arch: arch(), cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryBytes: totalmem(), node: process.version },
    totalMs: Date.now() - started,
    scenarios: outcomes
  }
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, 'latest.json')
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n')
  console.log(`Wrote ${file} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`)
  return outcomes.some((o) => o.error) ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
