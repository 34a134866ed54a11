// One place for how the end-to-end tests start Chromium, shared by playwright.config.ts (the
// `page` fixture) and launchApp() (persistent contexts for restart and multi-peer tests).
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import type { BrowserContextOptions, LaunchOptions } from '@playwright/test'

/**
 * Flags measured to work with Debian's Chromium on these machines (see TESTING_HERE.md).
 * The host-resolver rule stops background DNS lookups: test traffic stays on loopback.
 * Don't add `--disable-features=…` here: it replaces Playwright's own list (the last one wins).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Native date fields show dd/mm/yyyy as a UK user's browser does (the UI language decides it).
  '--lang=en-GB',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'
]

/** Two browser processes on loopback find each other over WebRTC only with these (TESTING_HERE.md). */
export const WEBRTC_LOOPBACK_ARGS: readonly string[] = ['--allow-loopback-in-peer-connection']
export const WEBRTC_LOOPBACK_PERMISSIONS: readonly string[] = ['microphone']

/**
 * scripts/e2e.mjs sets FORTNIGHT_CHROMIUM after finding (or installing) a Chromium. Run any other
 * way (`npx playwright test`, an editor plugin), the same search runs once here, without
 * installing, and the result is passed to the workers through the environment.
 */
export function chromiumExecutable(): string {
  if (!process.env.FORTNIGHT_CHROMIUM) {
    const script = resolve(import.meta.dirname, '../../../scripts/find-chromium.mjs')
    const found = spawnSync(process.execPath, [script], { encoding: 'utf8' })
    if (found.status !== 0) throw new Error(found.stderr || `node ${script} failed`)
    process.env.FORTNIGHT_CHROMIUM = found.stdout.trim()
  }
  return process.env.FORTNIGHT_CHROMIUM
}

export function launchOptions(extraArgs: readonly string[] = []): LaunchOptions {
  return { executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS, ...extraArgs] }
}

/** What a council officer in England would have: British English, London time, a laptop screen. */
export const CONTEXT_DEFAULTS = {
  locale: 'en-GB',
  timezoneId: 'Europe/London',
  viewport: { width: 1280, height: 800 },
  colorScheme: 'light',
  reducedMotion: 'reduce'
} as const satisfies BrowserContextOptions

/** The port the static server listens on, chosen once per run by scripts/e2e.mjs. */
export function webServerPort(): number {
  const fromEnv = Number(process.env.FORTNIGHT_E2E_PORT)
  if (Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv < 65536) return fromEnv
  // Run without scripts/e2e.mjs (plain `npx playwright test`): pick one now and hand it to the
  // workers through the environment, so the config evaluates to the same URL in every process.
  const port = 20000 + Math.floor(Math.random() * 30000)
  process.env.FORTNIGHT_E2E_PORT = String(port)
  return port
}

export function baseURL(): string {
  return `http://127.0.0.1:${webServerPort()}/`
}
