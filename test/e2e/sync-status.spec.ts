// Issue 7, "Day one for a council team": sync status that explains itself. One Chromium, inside
// the loopback-only namespace scripts/e2e.mjs runs Playwright in; a TCP server that drops every
// connection plays the computer that should be hosting sync, and counts how often it is dialled.
import { createServer, type Server, type Socket } from 'node:net'
import type { Page } from '@playwright/test'
import { completeWelcome } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'
import { HOOKED, openSharing, startSignaling } from './support/peers'

test.setTimeout(120_000)

/** Accepts TCP connections and drops them at once: the WebSocket never opens. */
async function deadServer(): Promise<{ port: number; dials: () => number; close: () => Promise<void> }> {
  let dials = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    dials++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.destroy()
  })
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()))
  const { port } = server.address() as { port: number }
  return {
    port,
    dials: () => dials,
    close: () =>
      new Promise<void>((res) => {
        sockets.forEach((s) => s.destroy())
        server.close(() => res())
      })
  }
}

/** HH:mm in London now, and a minute ago (the last try may have been just before the minute turned). */
function londonTimes(): string[] {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  return [f.format(new Date()), f.format(new Date(Date.now() - 60_000))]
}

async function saveSignaling(page: Page, text: string): Promise<void> {
  await page.getByLabel('Signaling addresses').fill(text)
  await page.getByRole('button', { name: 'Save sync settings' }).click()
  await expect(page.getByText('Sync settings saved.')).toBeVisible()
}

const header = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Sync:/ })

test('a dead signaling address is named in the header and on Sharing, with what to check; changing and clearing it stops the dialling', async ({ launchApp }) => {
  const dead = await deadServer()
  const signaling = await startSignaling()
  const deadUrl = `ws://127.0.0.1:${dead.port}/?token=office-token-do-not-show-1234`
  try {
    const app = await launchApp({ path: HOOKED })
    const { page } = app
    await completeWelcome(page, 'Asha Patel')
    await openSharing(page)
    await expect(page.getByTestId('sync-settings-line')).toHaveText('Sync is on, but no signaling address is set, so this computer cannot find colleagues.')

    // A failed invite changes nothing, and says how to fix it.
    await page.getByRole('button', { name: 'Create invite' }).click()
    const summary = page.getByRole('alert', { name: 'There is a problem' })
    await expect(summary).toBeFocused()
    const fix = summary.getByRole('link', { name: 'Add a signaling address in the sync settings first, so the person you invite can find you' })
    await expect(fix).toBeVisible()
    await expect(page.getByTestId('doc-sync-status')).toHaveText('This programme is not shared yet. Creating an invite starts sharing it.')
    expect(await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('fortnight.sync.keyring') ?? '{}') as object))).toEqual([])
    await expect(header(page)).toHaveAccessibleName(/^Sync: Not shared/)
    await expectNoAxeViolations(page, 'sharing page, invite refused for want of a signaling address')
    await screenshot(page, 'invite-needs-signaling-address')
    await fix.click()
    await expect(page.getByLabel('Signaling addresses')).toBeFocused()

    // Configure an address where nothing answers, and share.
    await saveSignaling(page, deadUrl)
    const configuredAt = Date.now()
    await page.getByRole('button', { name: 'Create invite' }).click()
    await expect(page.getByLabel('Invite code')).toHaveValue(/^FN1-/)
    const cannotReach = new RegExp(`^Sync: Cannot reach the sync server at ws://127\\.0\\.0\\.1:${dead.port} \\(tried \\d+ times?, last at (\\d\\d:\\d\\d)\\)\\. Sharing and sync settings$`)
    await expect(header(page)).toHaveAccessibleName(cannotReach, { timeout: 10_000 - (Date.now() - configuredAt) })
    expect(Date.now() - configuredAt).toBeLessThan(10_000)
    const name = (await header(page).getAttribute('aria-label')) ?? ''
    expect(londonTimes()).toContain(cannotReach.exec(name)![1])
    expect(dead.dials()).toBeGreaterThan(0)
    // The token is never on screen.
    await expect(page.locator('body')).not.toContainText('office-token-do-not-show-1234', { useInnerText: true })
    await expect(page.locator('#sync-signaling')).toHaveValue(deadUrl)

    // Sharing says the same, with what to check, and the settings line tells the truth.
    const problem = page.getByTestId('sync-problem')
    await expect(problem).toContainText(`Cannot reach the sync server at ws://127.0.0.1:${dead.port} (tried`)
    await expect(problem).toContainText('is switched on')
    await expect(problem).toContainText('access token')
    await expect(problem).toContainText('VPN')
    await expect(problem).toContainText('firewall')
    await expect(page.getByTestId('sync-settings-line')).toHaveText(new RegExp(`^Sync is on, but this computer cannot reach the sync server at ws://127\\.0\\.0\\.1:${dead.port} \\(tried`))
    await expectNoAxeViolations(page, 'sharing page explaining an unreachable sync server')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'sync-cannot-reach-header')
    await screenshot(page, 'sync-cannot-reach-sharing', { fullPage: true })

    // Changing the address: the dead one is not dialled again.
    await saveSignaling(page, signaling.url)
    await expect(header(page)).toHaveAccessibleName(/^Sync: Connected, no colleagues online\./, { timeout: 10_000 })
    const dialsAfterChange = dead.dials()
    await expect(page.getByTestId('sync-problem')).toHaveCount(0)
    await expect(page.getByTestId('sync-settings-line')).toHaveText('Sync is on. Connected, no colleagues online.')
    await screenshot(page, 'sync-connected-settings', { fullPage: true })
    await page.waitForTimeout(4_000)
    expect(dead.dials()).toBe(dialsAfterChange)

    // Clearing it: nothing is dialled at all.
    await expect.poll(() => signaling.stats().connections).toBeGreaterThan(0)
    await saveSignaling(page, '')
    await expect(header(page)).toHaveAccessibleName(/^Sync: Offline: No signaling address is set/)
    await expect(page.getByTestId('sync-settings-line')).toHaveText('Sync is on, but no signaling address is set, so this computer cannot find colleagues.')
    await expect.poll(() => signaling.stats().connections, { timeout: 5_000 }).toBe(0)
    await page.waitForTimeout(3_000)
    expect(signaling.stats().connections).toBe(0)
    expect(dead.dials()).toBe(dialsAfterChange)
    await expectNoAxeViolations(page, 'sharing page after clearing the signaling address')

    // A relay where nothing answers is explained the same way.
    await page.getByLabel('Relay address (optional, for working across sites)').fill(`ws://127.0.0.1:${dead.port}/?token=relay-token-do-not-show`)
    await page.getByRole('button', { name: 'Save sync settings' }).click()
    await expect(header(page)).toHaveAccessibleName(new RegExp(`^Sync: Cannot reach the relay at ws://127\\.0\\.0\\.1:${dead.port} \\(tried \\d+ times?, last at \\d\\d:\\d\\d\\)`), { timeout: 10_000 })
    await expect(page.getByTestId('sync-problem')).toContainText('the relay server is running')
    await expect(page.getByTestId('sync-settings-line')).toHaveText(/^Sync is on, but this computer cannot reach the relay at/)
    await expect(page.locator('body')).not.toContainText('relay-token-do-not-show', { useInnerText: true })
    await expectNoAxeViolations(page, 'sharing page explaining an unreachable relay')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'sync-cannot-reach-relay')
    await page.getByLabel('Relay address (optional, for working across sites)').fill('')
    await page.getByRole('button', { name: 'Save sync settings' }).click()
    await expect(header(page)).toHaveAccessibleName(/^Sync: Offline: No signaling address is set/)

    // Working offline says so.
    await page.getByRole('button', { name: 'Work offline' }).click()
    await expect(page.getByTestId('sync-settings-line')).toHaveText('You are working offline. Changes stay on this computer until you go back online.')
    expect(app.consoleErrors.filter((e) => !/WebSocket|ERR_CONNECTION|ERR_EMPTY_RESPONSE|net::/.test(e))).toEqual([])
  } finally {
    await dead.close()
    await signaling.close()
  }
})

test("on a project's Sharing, a missing signaling address points to the sync settings, and nothing is shared", async ({ launchApp }) => {
  const { page } = await launchApp({ path: HOOKED })
  await completeWelcome(page, 'Asha Patel')
  await page.getByLabel('Start a new change project').fill('Blue badge renewals')
  await page.getByRole('button', { name: 'Create project' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Blue badge renewals' })).toBeVisible()
  const projectId = /#\/projects\/([^/?]+)/.exec(page.url())![1]!
  await page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
  await page.getByLabel('Mentor', { exact: true }).check()
  await page.getByRole('button', { name: 'Create invite' }).click()
  const summary = page.getByRole('alert', { name: 'There is a problem' })
  await expect(summary).toBeFocused()
  await summary.getByRole('link', { name: /Add a signaling address/ }).click()
  const toSettings = page.getByRole('link', { name: 'Go to the sync settings to add a signaling address' })
  await expect(toSettings).toBeFocused()
  expect(await page.evaluate(() => localStorage.getItem('fortnight.sync.keyring') ?? '{}')).toBe('{}')
  await expectNoAxeViolations(page, 'project sharing, invite refused for want of a signaling address')
  await toSettings.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Sharing and sync' })).toBeVisible()
})
