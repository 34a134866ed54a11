#!/usr/bin/env node
// `npm run bench`: the benchmark scenarios in bench/scenarios/*.ts, run by bench/run.ts under tsx.
// Node gets --expose-gc so heap figures are measured after a full collection.
//
//   npm run bench                        every scenario, every size (about 10 minutes here)
//   npm run bench -- big-backlog         one scenario (names as in bench/scenarios/)
//   npm run bench -- --quick             small sizes, fewer runs
//   npm run bench -- stress --cards=50000   sizes as arguments (--cards=, --projects=, --activity=, --edits=)
//   npm run bench -- --no-build          reuse the last web build for the browser scenarios
//
// Figures print as a table and go to bench/results/latest.json. Exit code 1 only if a scenario crashed.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const projectRoot = resolve(import.meta.dirname, '..')

// `--import tsx` runs the TypeScript scenarios directly (tsx is a dev dependency; no npx, which
// would download a missing package).
const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)], {
  cwd: projectRoot,
  stdio: 'inherit'
})
const forward = (signal) => child.kill(signal)
process.on('SIGINT', forward)
process.on('SIGTERM', forward)
child.on('error', (error) => {
  console.error(`bench: could not start node: ${error.message}`)
  process.exit(1)
})
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
