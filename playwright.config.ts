// End-to-end tests: real Chromium against the built web renderer (out/web).
// Run them with `npm run test:e2e` (scripts/e2e.mjs finds Chromium and builds first);
// `npm run test:e2e -- smoke` runs one spec.
import { defineConfig } from '@playwright/test'
import { cspHeader } from './src/main/security'
import { CONTEXT_DEFAULTS, baseURL, launchOptions, webServerPort } from './test/e2e/support/browser'

const CI = Boolean(process.env.CI)
const workers = Number(process.env.FORTNIGHT_E2E_WORKERS) || 2

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  // Tests inside one file run in order; files run in parallel, one Chromium process per worker.
  fullyParallel: false,
  workers,
  // A flaky test is a bug to fix, not to retry.
  retries: 0,
  forbidOnly: CI,
  // Set for a busy two-core machine: two Chromiums, axe scans and IndexedDB share two cores, and
  // a test that needs 20 s on a quiet machine can need twice that while another job runs. Tests
  // wait for what the app shows; these limits only decide how long a real failure takes to report.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // CI must finish well inside its 15 minutes even when something hangs.
  globalTimeout: CI ? 12 * 60_000 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    ...CONTEXT_DEFAULTS,
    baseURL: baseURL(),
    launchOptions: launchOptions(),
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off'
  },
  webServer: {
    command: 'node test/e2e/support/static-server.mjs',
    url: baseURL(),
    env: {
      PORT: String(webServerPort()),
      FORTNIGHT_WEB_ROOT: process.env.FORTNIGHT_WEB_ROOT ?? 'out/web',
      // The desktop app's own policy, so a CSP violation fails here before it breaks the desktop app.
      FORTNIGHT_CSP: cspHeader()
    },
    reuseExistingServer: false,
    timeout: 20_000,
    stdout: 'ignore',
    stderr: 'pipe'
  }
})
