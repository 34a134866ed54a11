// A Chromium the crash test can kill like a power cut: started by us (not by Playwright) as the
// leader of its own process group on a persistent user-data dir, driven over CDP, and ended with
// SIGKILL to the whole group, so nothing gets the chance to flush anything to disk.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from './browser'

export interface CrashableBrowser {
  readonly page: Page
  readonly pid: number
  /** SIGKILL to Chromium and every process it started; resolves once the browser process is gone. */
  kill(): Promise<void>
  /** Quit as a person would (not a crash). */
  close(): Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Chromium writes its debugging port to this file once it listens. */
async function debuggingPort(userDataDir: string, child: ChildProcess, stderr: () => string): Promise<number> {
  const file = join(userDataDir, 'DevToolsActivePort')
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Chromium exited before it listened: ${stderr().slice(-2000)}`)
    if (existsSync(file)) {
      const port = Number(readFileSync(file, 'utf8').split('\n')[0])
      if (Number.isInteger(port) && port > 0) return port
    }
    await sleep(50)
  }
  throw new Error(`Chromium did not open its debugging port within 15 s: ${stderr().slice(-2000)}`)
}

/** Starts Chromium on `userDataDir` and opens `url` in its first tab. */
export async function launchCrashable(userDataDir: string, url: string, extraArgs: readonly string[] = []): Promise<CrashableBrowser> {
  // Left over from a killed run: its port is stale.
  rmSync(join(userDataDir, 'DevToolsActivePort'), { force: true })
  const child = spawn(
    chromiumExecutable(),
    [
      ...CHROMIUM_ARGS,
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-port=0',
      '--remote-debugging-address=127.0.0.1',
      '--window-size=1280,1400',
      '--force-prefers-reduced-motion',
      '--no-default-browser-check',
      '--hide-crash-restore-bubble',
      ...extraArgs,
      'about:blank'
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: 'Europe/London' } }
  )
  let err = ''
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-8000)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const pid = child.pid
  if (pid === undefined) throw new Error('Chromium did not start')
  const killGroup = (): void => {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  let browser: Browser
  try {
    const port = await debuggingPort(userDataDir, child, () => err)
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`)
  } catch (e) {
    killGroup()
    await exited
    throw e
  }
  const context = browser.contexts()[0] ?? (await browser.newContext())
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(url)
  return {
    page,
    pid,
    kill: async () => {
      killGroup()
      await exited
      // Playwright's side of the connection is dead: let it notice without waiting on it.
      void browser.close().catch(() => undefined)
    },
    close: async () => {
      // Ask Chromium to quit as a person closing it would; kill only if it has not within 10 s.
      const cdp = await browser.newBrowserCDPSession().catch(() => null)
      await cdp?.send('Browser.close').catch(() => undefined)
      const timer = setTimeout(killGroup, 10_000)
      await exited
      clearTimeout(timer)
      killGroup()
      await browser.close().catch(() => undefined)
    }
  }
}

/** mulberry32: a small seeded generator, so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
