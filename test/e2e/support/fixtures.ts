// The end-to-end harness. Specs import { test, expect } from here instead of '@playwright/test'.
//
//   test('…', async ({ page, consoleErrors, launchApp }) => { … })
//
//   consoleErrors          console errors and uncaught exceptions of `page`, in order
//   launchApp(options?)    Chromium as its own process on a user-data dir (persistent IndexedDB);
//                          `app.restart()` closes it and starts again on the same dir
//   expectNoAxeViolations(page, 'what is on screen')   axe, WCAG 2.2 A and AA
//   screenshot(page, 'board')                         test-results/screenshots/board.png
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { chromium, expect, test as base } from '@playwright/test'
import type { BrowserContext, BrowserContextOptions, Page } from '@playwright/test'
import { CONTEXT_DEFAULTS, WEBRTC_LOOPBACK_ARGS, WEBRTC_LOOPBACK_PERMISSIONS, launchOptions } from './browser'

export { expect }

const projectRoot = resolve(import.meta.dirname, '../../..')
export const SCREENSHOT_DIR = join(projectRoot, 'test-results', 'screenshots')

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: the standard UK public sector bodies must meet. */
export const WCAG_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export interface AxeOptions {
  /** Only check inside these selectors. */
  include?: readonly string[]
  /** Skip these selectors (say why in the test). */
  exclude?: readonly string[]
}

/**
 * Fails with one line per violation (rule id, impact, help, the offending elements) so the
 * report says what to fix without opening a trace. `context` names what is on screen,
 * e.g. 'board with a card dialog open'.
 */
export async function expectNoAxeViolations(page: Page, context: string, options: AxeOptions = {}): Promise<void> {
  await base.step(`axe: ${context}`, async () => {
    let builder = new AxeBuilder({ page }).withTags([...WCAG_TAGS])
    for (const selector of options.include ?? []) builder = builder.include(selector)
    for (const selector of options.exclude ?? []) builder = builder.exclude(selector)
    const { violations } = await builder.analyze()
    const found = violations.map((v) => {
      const targets = v.nodes.map((node) => node.target.map(String).join(' >>> ')).join(', ')
      return `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} — ${targets} — ${v.helpUrl}`
    })
    expect(found, `axe (${WCAG_TAGS.join(', ')}) found ${found.length} violation(s) on ${context}`).toEqual([])
  })
}

/**
 * Saves test-results/screenshots/<name>.png (the viewport, animations stopped) and returns its
 * path. The README embeds copies of these, so names are stable kebab-case words.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`screenshot name "${name}" must be kebab-case (a-z, 0-9, -)`)
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path, animations: 'disabled', fullPage: options.fullPage ?? false })
  return path
}

/**
 * Collects console errors and uncaught exceptions into `into` (also for pages opened later in
 * the same context, when given a context).
 */
export function watchConsole(target: Page | BrowserContext, into: string[] = []): string[] {
  const watch = (page: Page): void => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const { url, lineNumber } = message.location()
      into.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`)
    })
    page.on('pageerror', (error) => into.push(`uncaught: ${error.stack ?? error.message}`))
  }
  if ('newPage' in target && 'pages' in target) {
    target.pages().forEach(watch)
    target.on('page', watch)
  } else {
    watch(target)
  }
  return into
}

export interface LaunchAppOptions {
  /** Same dir = same IndexedDB. Default: a fresh temporary dir, removed after the test. */
  userDataDir?: string
  /** Path to open, relative to baseURL; null opens nothing. Default '/'. */
  path?: string | null
  /** Allow WebRTC between browser processes on loopback (flag + microphone permission). */
  webrtc?: boolean
  args?: readonly string[]
  contextOptions?: BrowserContextOptions
}

export interface App {
  context: BrowserContext
  /** The first tab. */
  page: Page
  userDataDir: string
  /** Console errors and uncaught exceptions from every page of this launch. */
  consoleErrors: string[]
  close(): Promise<void>
  /** Close, then launch again on the same user-data dir with the same options: "restart the app". */
  restart(): Promise<App>
}

export type LaunchApp = (options?: LaunchAppOptions) => Promise<App>

interface Fixtures {
  consoleErrors: string[]
  launchApp: LaunchApp
}

export const test = base.extend<Fixtures>({
  consoleErrors: async ({ page }, use) => {
    await use(watchConsole(page))
  },

  launchApp: async ({ baseURL }, use, testInfo) => {
    const open = new Set<BrowserContext>()
    // Made here rather than in the output folder: a second test run in the same checkout empties
    // that folder when it starts, which would pull a profile from under a running Chromium.
    const created: string[] = []

    const newProfile = (): string => {
      const dir = mkdtempSync(join(tmpdir(), 'fortnight-e2e-profile-'))
      created.push(dir)
      return dir
    }

    const launch: LaunchApp = async (options = {}) => {
      const userDataDir = options.userDataDir ?? newProfile()
      const extraArgs = [...(options.webrtc ? WEBRTC_LOOPBACK_ARGS : []), ...(options.args ?? [])]
      const permissions = [...(options.webrtc ? WEBRTC_LOOPBACK_PERMISSIONS : []), ...(options.contextOptions?.permissions ?? [])]
      const context = await chromium.launchPersistentContext(userDataDir, {
        ...launchOptions(extraArgs),
        ...CONTEXT_DEFAULTS,
        ...(baseURL ? { baseURL } : {}),
        ...options.contextOptions,
        permissions
      })
      open.add(context)
      const consoleErrors = watchConsole(context)
      const page = context.pages()[0] ?? (await context.newPage())
      const path = options.path === undefined ? '/' : options.path
      if (path !== null) await page.goto(path)
      const app: App = {
        context,
        page,
        userDataDir,
        consoleErrors,
        close: async () => {
          open.delete(context)
          // Waits for the browser process to exit, so the profile lock is free for a relaunch.
          await context.close()
        },
        restart: async () => {
          // As a person would: quit once the header says the work is saved.
          await expect(page.locator('.app-save-status')).toHaveText('Saved on this computer')
          await app.close()
          return launch({ ...options, userDataDir })
        }
      }
      return app
    }

    await use(launch)

    await Promise.all([...open].map((context) => context.close().catch(() => undefined)))
    // Profiles are a few MB each: keep them only when they can help explain a failure.
    if (testInfo.status === testInfo.expectedStatus) {
      for (const dir of created) rmSync(dir, { recursive: true, force: true })
    } else {
      for (const dir of created) testInfo.annotations.push({ type: 'profile kept', description: dir })
    }
  }
})
