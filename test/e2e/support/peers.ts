// Two-browser helpers for the sync specs: our own signaling server and the y-websocket relay,
// started inside the same loopback-only network namespace as the browsers (scripts/e2e.mjs runs
// Playwright inside `unshare -rn`), and the steps a person takes on the sharing screens.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { startSignalingServer, type SignalingServer } from '../../../src/main/signaling/server'
import { expect } from './fixtures'

const projectRoot = resolve(import.meta.dirname, '../../..')

/**
 * The app's start page. The test hooks (window.__fortnightTest; src/renderer/sync/testHooks.ts)
 * are in the build scripts/e2e.mjs makes (VITE_FORTNIGHT_TEST_HOOKS=1), never switched on by a URL;
 * the name stays so specs read as before. They arrive a moment after the page loads: see
 * `testHooks(page)`.
 */
export const HOOKED = '/'

/** Wait until the test hooks are installed (a dynamic import, a moment after the app starts). */
export async function waitForTestHooks(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__fortnightTest !== undefined, null, { timeout: 10_000 })
}

export async function startSignaling(): Promise<SignalingServer> {
  return startSignalingServer({ port: 0, host: '127.0.0.1', token: `e2e-${Math.random().toString(36).slice(2)}-token-0123456789` })
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer()
    s.on('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => res(port))
    })
  })
}

/** The real @y/websocket-server (its own bin), on loopback. */
export async function startRelay(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, 'node_modules/@y/websocket-server/src/server.js')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error('the relay did not start within 10 s')), 10_000)
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('running')) {
        clearTimeout(timer)
        res()
      }
    })
    child.on('exit', (code) => rej(new Error(`the relay exited with ${code}`)))
  })
  return {
    url: `ws://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((res) => {
        child.once('exit', () => res())
        child.kill('SIGTERM')
      })
  }
}

export async function openSharing(page: Page): Promise<void> {
  await page.goto(`${HOOKED}#/sharing`)
  await expect(page.getByRole('heading', { level: 1, name: 'Sharing and sync' })).toBeVisible()
}

export async function saveSyncSettings(page: Page, signaling: string, relay = ''): Promise<void> {
  await page.getByLabel('Signaling addresses').fill(signaling)
  await page.getByLabel('Relay address (optional, for working across sites)').fill(relay)
  await page.getByRole('button', { name: 'Save sync settings' }).click()
  await expect(page.getByText('Sync settings saved.')).toBeVisible()
}

export async function createInvite(page: Page, role: 'Team member' | 'Mentor' | 'Viewer' | 'Manager (view only)' = 'Team member'): Promise<string> {
  // The sharing section loads when first opened: wait for its form before looking for the role
  // (a project without role choices, e.g. a mentor's own copy, has none).
  await expect(page.getByRole('button', { name: 'Create invite' })).toBeVisible()
  const radio = page.getByLabel(role, { exact: true })
  if (await radio.count()) await radio.check()
  await page.getByRole('button', { name: 'Create invite' }).click()
  const code = page.getByLabel('Invite code')
  await expect(code).toHaveValue(/^FN1-/)
  return code.inputValue()
}

export async function joinWith(page: Page, code: string): Promise<void> {
  await page.goto(`${HOOKED}#/join`)
  await page.getByLabel('Invite code or link').fill(code)
  await page.getByRole('button', { name: 'Join' }).click()
}

export function projectIdOf(page: Page): string {
  const m = /#\/projects\/([^/?]+)/.exec(page.url())
  if (!m) throw new Error(`not on a project page: ${page.url()}`)
  return m[1]!
}

export async function connections(page: Page, docId: string): Promise<{ webrtcConns: number; bcConns: number }> {
  await waitForTestHooks(page)
  return page.evaluate((id) => window.__fortnightTest!.connections(id), docId)
}

export async function setOnline(page: Page, online: boolean): Promise<void> {
  await openSharing(page)
  await page.getByRole('button', { name: online ? 'Go back online' : 'Work offline' }).click()
  // The button's label flips once the setting has taken; the line below it then says how sync is going.
  await expect(page.getByRole('button', { name: online ? 'Work offline' : 'Go back online' })).toBeVisible()
}
