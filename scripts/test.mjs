#!/usr/bin/env node
// `npm test`: everything CI runs, in order, stopping at the first failure.
//
//   one copy of yjs → typecheck → lint → unit (vitest) → e2e (Chromium) → desktop build
//   → no test hooks in the release bundles (scripts/check-test-hooks.mjs)
//
// Ends with a summary of each step's time and, as the very last line, "N passed, N failed"
// over the unit and end-to-end tests. Exits non-zero if anything failed.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const projectRoot = resolve(import.meta.dirname, '..')
const require = createRequire(join(projectRoot, 'package.json'))
const resultsDir = join(projectRoot, 'test-results')
const VITEST_JSON = join(resultsDir, 'vitest.json')
const PLAYWRIGHT_JSON = join(resultsDir, 'playwright.json')

/** A package's CLI script, run with this node: no npx (which would download a missing package). */
function bin(pkg, name = pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name]
  return join(dirname(manifestPath), entry)
}

/** `npm run <script>` with the npm that started us when there is one. */
function npm(...args) {
  const npmCli = process.env.npm_execpath
  if (npmCli && /npm-cli\.js$/.test(npmCli)) return [process.execPath, [npmCli, ...args]]
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', args]
}

function run(command, args, extraEnv = {}) {
  return new Promise((resolveCode) => {
    const child = spawn(command, args, {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, ...extraEnv },
      shell: process.platform === 'win32' && command.endsWith('.cmd')
    })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`)
      resolveCode(1)
    })
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolveCode(code ?? (signal ? 1 : 0))
    })
  })
}

/** House style: one copy of each of these, or Yjs's instanceof checks silently break documents. */
const SINGLE_COPY = ['yjs', 'y-protocols', '@tiptap/y-tiptap']

function checkSingleCopies() {
  const [command, args] = npm('ls', ...SINGLE_COPY, '--all', '--json', '--long')
  // npm ls exits 1 for unrelated problems (e.g. an extraneous package); the JSON is what we judge.
  const result = spawnSync(command, args, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  let tree
  try {
    tree = JSON.parse(result.stdout)
  } catch {
    console.error(`"npm ls ${SINGLE_COPY.join(' ')} --json" did not print JSON:\n${result.stderr}`)
    return 1
  }
  const copies = new Map(SINGLE_COPY.map((name) => [name, new Map()]))
  const walk = (deps) => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      const seen = copies.get(name)
      if (seen && node.version) {
        const key = `${node.version} at ${node.path ?? '(unknown path)'}`
        seen.set(key, [...(seen.get(key) ?? []), node.from ?? name])
      }
      walk(node.dependencies)
    }
  }
  walk(tree.dependencies)
  let failed = 0
  for (const [name, found] of copies) {
    const versions = new Set([...found.keys()].map((k) => k.split(' at ')[0]))
    if (found.size === 0) {
      console.error(`✗ ${name} is not installed (run npm ci).`)
      failed++
    } else if (found.size > 1) {
      console.error(`✗ ${found.size} copies of ${name} are installed (${[...versions].join(', ')}); the house style allows one:`)
      for (const key of found.keys()) console.error(`    ${key}`)
      console.error(`  Make every dependency accept one version (see "npm ls ${name}"), or add an "overrides" entry for ${name} in package.json.`)
      failed++
    } else {
      console.log(`✓ one copy of ${name} (${[...versions][0]})`)
    }
  }
  return failed === 0 ? 0 : 1
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

/** Vitest's JSON: a file that fails to load has no tests, so it counts as one failure. */
function vitestCounts() {
  const report = readJson(VITEST_JSON)
  if (!report) return null
  const brokenFiles = (report.testResults ?? []).filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')).length
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  }
}

/** Playwright's JSON: errors outside any test (a spec that does not load, a server that does not start) count too. */
function playwrightCounts() {
  const report = readJson(PLAYWRIGHT_JSON)
  if (!report?.stats) return null
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats
  return { passed: expected + flaky, failed: unexpected + (report.errors?.length ?? 0), skipped }
}

const steps = [
  { name: 'single yjs copy', run: async () => checkSingleCopies() },
  { name: 'typecheck', run: () => run(...npm('run', 'typecheck')) },
  { name: 'lint', run: () => run(...npm('run', 'lint')) },
  {
    name: 'unit tests',
    counts: vitestCounts,
    run: () => run(process.execPath, [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${VITEST_JSON}`])
  },
  {
    name: 'end-to-end tests',
    counts: playwrightCounts,
    run: () =>
      run(process.execPath, [join(projectRoot, 'scripts/e2e.mjs'), '--reporter=list,json'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON
      })
  },
  { name: 'desktop build', run: () => run(process.execPath, [bin('electron-vite'), 'build']) },
  // The desktop build above (out/renderer) and a normal web build must not contain the E2E test hooks.
  { name: 'no test hooks', run: () => run(process.execPath, [join(projectRoot, 'scripts/check-test-hooks.mjs')]) }
]

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
if (!existsSync(join(projectRoot, 'node_modules'))) {
  console.error('npm test: node_modules is missing. Run "npm ci" first (that and "npm test" are the whole set-up).')
  console.log('\n0 passed, 0 failed')
  process.exit(1)
}
mkdirSync(resultsDir, { recursive: true })
// A report left by an earlier run must never be counted as this run's.
for (const file of [VITEST_JSON, PLAYWRIGHT_JSON]) rmSync(file, { force: true })

const results = []
const totals = { passed: 0, failed: 0, skipped: 0 }
const startedAll = Date.now()
for (const step of steps) {
  console.log(`\n━━━ ${step.name} ━━━\n`)
  const started = Date.now()
  let code
  try {
    code = await step.run()
  } catch (error) {
    console.error(`${step.name}: ${error instanceof Error ? error.message : String(error)}`)
    code = 1
  }
  const counts = step.counts?.() ?? null
  if (counts) {
    totals.passed += counts.passed
    totals.failed += counts.failed
    totals.skipped += counts.skipped
  }
  // A step that exits 0 but left failures in its report still failed.
  const ok = code === 0 && (counts === null ? !step.counts : counts.failed === 0)
  results.push({ name: step.name, ok, ms: Date.now() - started, counts, code })
  if (!ok) break
}

console.log('\n━━━ summary ━━━\n')
for (const step of steps) {
  const r = results.find((x) => x.name === step.name)
  if (!r) {
    console.log(`  –  ${step.name.padEnd(18)} not run`)
    continue
  }
  const detail = r.counts ? `  ${r.counts.passed} passed, ${r.counts.failed} failed${r.counts.skipped ? `, ${r.counts.skipped} skipped` : ''}` : ''
  const noReport = !r.counts && step.counts ? '  (no test report was written)' : ''
  console.log(`  ${r.ok ? '✓' : '✗'}  ${step.name.padEnd(18)} ${seconds(r.ms).padStart(7)}${detail}${noReport}`)
}
const failedStep = results.find((r) => !r.ok)
console.log(`\n  total ${seconds(Date.now() - startedAll)}${failedStep ? ` — stopped at "${failedStep.name}"` : ''}`)
console.log(`\n${totals.passed} passed, ${totals.failed} failed`)
process.exit(failedStep ? 1 : 0)
