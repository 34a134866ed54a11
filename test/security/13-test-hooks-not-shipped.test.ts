// Attack 13 (issue 8): the end-to-end test hooks (board writes that skip the read-only check, a
// password-less provider pointed at any signaling address) were in every build and switched on by
// `?fortnight-test-hooks=1`. Now they exist only in builds made with VITE_FORTNIGHT_TEST_HOOKS=1:
// a release build has neither the hooks nor the code that could load them, and no URL parameter
// does anything. `npm test` runs the same check on the desktop build (scripts/check-test-hooks.mjs).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script without types, shared with `npm test`
import { buildReleaseWeb, findTestHooks, TEST_HOOK_MARKERS } from '../../scripts/check-test-hooks.mjs'

const projectRoot = resolve(import.meta.dirname, '../..')
const built: string[] = []
afterAll(() => {
  for (const dir of built) rmSync(dir, { recursive: true, force: true })
})

type Check = { buildReleaseWeb(): string; findTestHooks(dir: string): string[]; TEST_HOOK_MARKERS: readonly string[] }
const check = { buildReleaseWeb, findTestHooks, TEST_HOOK_MARKERS } as Check

describe('attack 13: test hooks are not in release builds', () => {
  it('a normal web build contains none of the hooks, nor the route or loader that lead to them', () => {
    const saved = process.env.VITE_FORTNIGHT_TEST_HOOKS
    process.env.VITE_FORTNIGHT_TEST_HOOKS = '1' // even when set in the shell: buildReleaseWeb clears it, as a release build must
    try {
      const dir = check.buildReleaseWeb()
      built.push(dir)
      expect(check.findTestHooks(dir)).toEqual([])
    } finally {
      if (saved === undefined) delete process.env.VITE_FORTNIGHT_TEST_HOOKS
      else process.env.VITE_FORTNIGHT_TEST_HOOKS = saved
    }
  }, 60_000)

  it('the check can fail: it finds the hooks in a bundle that has them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fortnight-hooked-bundle-'))
    built.push(dir)
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'window.__fortnightTest={misbehaveRenameFirstColumn(){}}')
    expect(check.findTestHooks(dir).map((f) => f.split(': ')[1])).toEqual(['__fortnightTest', 'misbehaveRenameFirstColumn'])
  })

  it('no URL parameter switches them on, and the desktop build forces the flag off', () => {
    const gate = readFileSync(resolve(projectRoot, 'src/renderer/sync/testHooks.ts'), 'utf8')
    expect(gate).not.toMatch(/location|URLSearchParams|search\b/)
    expect(gate).toMatch(/import\.meta\.env\.VITE_FORTNIGHT_TEST_HOOKS === '1'/)
    // The desktop renderer's define ends with testHooksDefine(false), whatever the environment says.
    const desktop = readFileSync(resolve(projectRoot, 'electron.vite.config.ts'), 'utf8')
    expect(desktop).toMatch(/renderer: \{ \.\.\.rendererConfig, define: \{ \.\.\.rendererConfig\.define, \.\.\.testHooksDefine\(false\) \} \}/)
  })
})
