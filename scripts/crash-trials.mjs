#!/usr/bin/env node
// `npm run crash-trials`: the full crash test (test/e2e/crash.spec.ts) — 100 kill -9 trials by
// default — then its summary line: "N trials, M edits shown as saved, L lost".
//
//   npm run crash-trials                          100 trials
//   FORTNIGHT_CRASH_TRIALS=30 npm run crash-trials
//   FORTNIGHT_CRASH_SEED=7 npm run crash-trials    another sequence of kill moments
//   npm run crash-trials -- --no-build            serve the existing out/web (see scripts/e2e.mjs)
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const projectRoot = resolve(import.meta.dirname, '..')
const summary = join(projectRoot, 'test-results', 'crash-trials.json')
rmSync(summary, { force: true })

const env = {
  ...process.env,
  FORTNIGHT_CRASH_TRIALS: process.env.FORTNIGHT_CRASH_TRIALS || '100',
  // One Chromium at a time: the trials kill browsers, and timing is part of what they test.
  FORTNIGHT_E2E_WORKERS: '1'
}
const child = spawn(process.execPath, [join(projectRoot, 'scripts/e2e.mjs'), ...process.argv.slice(2), 'crash.spec'], { cwd: projectRoot, stdio: 'inherit', env })
child.on('exit', (code) => {
  if (existsSync(summary)) {
    const s = JSON.parse(readFileSync(summary, 'utf8'))
    console.log(`\nCrash trials (seed ${s.seed}): ${s.line}`)
    for (const loss of s.losses) console.log(`  lost: ${loss}`)
  } else {
    console.log('\nCrash trials: no summary was written (the run stopped early; see above)')
  }
  process.exit(code ?? 1)
})
