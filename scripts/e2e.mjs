#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end tests in real Chromium.
//
//   1. find Chromium (scripts/find-chromium.mjs; as root with apt-get, installs Debian's chromium)
//   2. build the web renderer (vite.web.config.ts) WITH the test hooks (VITE_FORTNIGHT_TEST_HOOKS=1;
//      release builds never have them) into a private temporary folder, so a concurrent
//      `npm start`, `npm run build:web` or second test run in the same checkout can't empty it
//      mid-run (skipped with --no-build, which serves out/web, or when FORTNIGHT_WEB_ROOT is set)
//   3. run Playwright with FORTNIGHT_CHROMIUM set, inside a network namespace that has only
//      loopback when the machine allows one (TESTING_HERE.md: test traffic stays on loopback)
//
//   npm run test:e2e                      everything
//   npm run test:e2e -- smoke             specs whose path matches "smoke" (any Playwright args work)
//   npm run test:e2e -- --no-build        serve the existing out/web (build it with
//                                         VITE_FORTNIGHT_TEST_HOOKS=1 npm run build:web: specs use the hooks)
//   FORTNIGHT_WEB_ROOT=/some/dir          serve that folder instead of out/web (no build; same note)
//   FORTNIGHT_E2E_NETNS=0                 don't use a network namespace
//   FORTNIGHT_E2E_WORKERS=1               one Chromium at a time
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { findChromium } from './find-chromium.mjs'

const projectRoot = resolve(import.meta.dirname, '..')
const require = createRequire(join(projectRoot, 'package.json'))

/** A package's CLI script, run with this node: no npx (which would download a missing package). */
function bin(pkg, name = pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name]
  return join(dirname(manifestPath), entry)
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolvePort(port))
    })
  })
}

/** `unshare -rn` gives a fresh network namespace with only loopback, without root. */
function loopbackOnlyNamespace() {
  if (process.platform !== 'linux' || process.env.FORTNIGHT_E2E_NETNS === '0') return null
  const probe = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' })
  if (probe.error || probe.status !== 0) return null
  return (command, args) => ['unshare', ['-rn', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', command, ...args]]
}

function run(command, args, env) {
  return new Promise((resolveCode) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', env })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('error', (error) => {
      console.error(`e2e: could not start ${command}: ${error.message}`)
      resolveCode(1)
    })
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolveCode(code ?? (signal ? 1 : 0))
    })
  })
}

const args = process.argv.slice(2)
const noBuild = args.includes('--no-build')
const playwrightArgs = args.filter((a) => a !== '--no-build')

let chromiumPath
try {
  chromiumPath = findChromium({ install: true })
} catch (error) {
  console.error(`\ne2e: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}

const env = {
  ...process.env,
  FORTNIGHT_CHROMIUM: chromiumPath,
  FORTNIGHT_E2E_PORT: process.env.FORTNIGHT_E2E_PORT || String(await freePort()),
  // Vite warns that the configs use __dirname; nothing to act on in a test run.
  VITE_CONFIG_NATIVE_IGNORE_WARNING: process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ?? 'true'
}

if (process.env.FORTNIGHT_WEB_ROOT) {
  console.log(`e2e: serving ${process.env.FORTNIGHT_WEB_ROOT} (FORTNIGHT_WEB_ROOT), not building`)
} else if (noBuild) {
  console.log('e2e: --no-build, serving the existing out/web')
  env.FORTNIGHT_WEB_ROOT = join(projectRoot, 'out/web')
} else {
  const buildDir = mkdtempSync(join(tmpdir(), 'fortnight-e2e-web-'))
  process.on('exit', () => rmSync(buildDir, { recursive: true, force: true }))
  console.log(`e2e: building the web renderer (vite.web.config.ts) into ${buildDir}`)
  const started = Date.now()
  const viteArgs = ['build', '--config', 'vite.web.config.ts', '--outDir', buildDir, '--emptyOutDir', '--logLevel', 'warn']
  // The specs drive the test hooks (window.__fortnightTest); only a build with this flag has them.
  const code = await run(process.execPath, [bin('vite'), ...viteArgs], { ...env, VITE_FORTNIGHT_TEST_HOOKS: '1' })
  if (code !== 0) {
    console.error('e2e: the web renderer did not build (see above), so the end-to-end tests did not run.')
    process.exit(code)
  }
  console.log(`e2e: built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  env.FORTNIGHT_WEB_ROOT = buildDir
}

const playwright = [process.execPath, [bin('@playwright/test', 'playwright'), 'test', ...playwrightArgs]]
const wrap = loopbackOnlyNamespace()
if (wrap) {
  console.log('e2e: running Playwright in a network namespace with only loopback')
} else if (process.platform === 'linux' && process.env.FORTNIGHT_E2E_NETNS !== '0') {
  console.log('e2e: note: no network namespace available here (unshare -rn failed); tests run on the host network')
}
const [command, commandArgs] = wrap ? wrap(...playwright) : playwright
process.exit(await run(command, commandArgs, env))
