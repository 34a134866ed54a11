#!/usr/bin/env node
// Release bundles must not contain the end-to-end test hooks (src/renderer/sync/testHooks.ts,
// issue 8 attack 13). Used by `npm test` (after the desktop build) and test/security/13-*.test.ts.
//
//   node scripts/check-test-hooks.mjs [dir ...]   check built folders (default: out/renderer and a
//                                                 fresh normal web build in a temporary folder)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const projectRoot = resolve(import.meta.dirname, '..')

/** Names only the test hooks contain; any of them in a release bundle means the hooks shipped. */
export const TEST_HOOK_MARKERS = Object.freeze([
  '__fortnightTest',
  'misbehaveRenameFirstColumn',
  'injectRecord',
  'bareJoin',
  'testHooksImpl',
  'fortnight-test-hooks',
  '/test-only/throw'
])

function filesUnder(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...filesUnder(path))
    else if (/\.(js|mjs|cjs|html)$/.test(name)) out.push(path)
  }
  return out
}

/** Every marker found in the built JS and HTML under `dir`, as "file: marker". */
export function findTestHooks(dir) {
  const found = []
  for (const file of filesUnder(dir)) {
    const text = readFileSync(file, 'utf8')
    for (const marker of TEST_HOOK_MARKERS) if (text.includes(marker)) found.push(`${file}: ${marker}`)
  }
  return found
}

/** A normal web build (no VITE_FORTNIGHT_TEST_HOOKS), as anyone would make for release, into a temporary folder. */
export function buildReleaseWeb() {
  const require = createRequire(join(projectRoot, 'package.json'))
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js')
  const outDir = mkdtempSync(join(tmpdir(), 'fortnight-release-web-'))
  const env = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' }
  delete env.VITE_FORTNIGHT_TEST_HOOKS
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.web.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: projectRoot,
    env,
    encoding: 'utf8'
  })
  if (r.status !== 0) {
    rmSync(outDir, { recursive: true, force: true })
    throw new Error(`the release web build failed:\n${r.stderr || r.stdout}`)
  }
  return outDir
}

async function main(dirs) {
  const built = []
  if (dirs.length === 0) {
    const desktop = join(projectRoot, 'out/renderer')
    if (!existsSync(desktop)) {
      console.error('✗ out/renderer is missing: run the desktop build (electron-vite build) first.')
      return 1
    }
    dirs = [desktop, buildReleaseWeb()]
    built.push(dirs[1])
  }
  let failed = 0
  try {
    for (const dir of dirs) {
      const found = findTestHooks(dir)
      if (found.length === 0) {
        console.log(`✓ no test hooks in ${dir}`)
        continue
      }
      failed++
      console.error(`✗ the release bundle in ${dir} contains the end-to-end test hooks:`)
      for (const f of found) console.error(`    ${f}`)
      console.error(
        '  Test hooks must only be in builds made with VITE_FORTNIGHT_TEST_HOOKS=1 (scripts/e2e.mjs). Import them only through\n' +
          "  installTestHooks() in src/renderer/sync/testHooks.ts, behind `import.meta.env.VITE_FORTNIGHT_TEST_HOOKS === '1'`."
      )
    }
  } finally {
    for (const dir of built) rmSync(dir, { recursive: true, force: true })
  }
  return failed === 0 ? 0 : 1
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(await main(process.argv.slice(2)))
