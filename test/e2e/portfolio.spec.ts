// Issue 10, the manager's view: the portfolio (drawn from the programme's summaries, with the
// chart and its table), a project's activity history filtered by person and kind, and a manager
// joined with a programme viewer invite (a separate Chromium process, real WebRTC in the loopback
// namespace) who sees the portfolio, gets no project's key and cannot change anything.
import type { Page } from '@playwright/test'
import { addCard, completeWelcome, createProject, tabTo } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'
import { createInvite, HOOKED, joinWith, openSharing, projectIdOf, saveSyncSettings, startSignaling } from './support/peers'

test.describe.configure({ mode: 'serial' })
test.setTimeout(180_000)

function sectionLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name })
}

async function openPortfolio(page: Page): Promise<void> {
  await page.goto(`${HOOKED}#/`)
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeVisible()
}

test('the portfolio shows every project from its summary; the history says who did what, filtered', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Garden waste renewals')
  await addCard(page, 'To do', 'Call the depot')
  await addCard(page, 'To do', 'Draft the reminder letter')
  await page.getByRole('link', { name: 'Projects' }).first().click()
  await createProject(page, 'Library room bookings')

  await openPortfolio(page)
  const table = page.getByRole('table', { name: 'Projects in the portfolio' })
  await expect(table.getByRole('row')).toHaveCount(3)
  const garden = table.getByRole('row', { name: /Garden waste renewals/ })
  await expect(garden).toContainText('Cycle 1: 0 of 0 done')
  await expect(garden).toContainText('None yet')
  await expect(page.getByRole('table', { name: 'Projects by phase' })).toContainText('Discovery')
  await expect(page.getByText('No cycle has been closed with a decision yet.')).toBeVisible()
  await expectNoAxeViolations(page, 'portfolio')
  await page.getByLabel('Show').selectOption({ label: 'No active mentor' })
  await expect(page.getByTestId('portfolio-count')).toHaveText('Showing 2 of 2')
  await page.getByLabel('Show').selectOption({ label: 'Stopped' })
  await expect(page.getByTestId('portfolio-count')).toHaveText('Showing 0 of 2')

  // History: who did what and when, by person and by kind.
  await page.getByLabel('Show').selectOption({ label: 'All projects' })
  await table.getByRole('link', { name: 'Garden waste renewals' }).click()
  await sectionLink(page, 'History').click()
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible()
  const history = page.getByRole('table')
  await expect(history.getByRole('row').nth(1)).toContainText('added the card “Draft the reminder letter”')
  await expect(history).toContainText('Asha Patel')
  await page.getByLabel('Kind of change').selectOption({ label: 'Project details' })
  await expect(page.getByTestId('history-count')).toHaveText(/^1 of \d+ changes$/)
  await expect(history).toContainText('created the project')
  await page.getByLabel('Person').selectOption({ label: 'Asha Patel' })
  await expect(history).toContainText('created the project')
  await expectNoAxeViolations(page, 'project history')

  // Keyboard only: from the section links to the filter.
  await page.getByLabel('Kind of change').selectOption({ label: 'All changes' })
  await tabTo(page, page.getByLabel('Kind of change'))
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('history-count')).toHaveText(/ of /)
  expect(consoleErrors).toEqual([])
})

test('a manager with a programme viewer invite sees the portfolio, gets no project key and cannot change anything', async ({ launchApp }) => {
  const signaling = await startSignaling()
  try {
    const asha = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(asha.page, 'Asha Patel')
    await createProject(asha.page, 'Garden waste renewals')
    const gardenId = projectIdOf(asha.page)
    await addCard(asha.page, 'To do', 'Call the depot')
    await openSharing(asha.page)
    await saveSyncSettings(asha.page, signaling.url)
    const code = await createInvite(asha.page, 'Manager (view only)')
    await expectNoAxeViolations(asha.page, 'programme sharing with a manager invite')
    // Asha stays on the programme's home, so her app relays the programme to the manager.
    await asha.page.goto(`${HOOKED}#/`)

    const manager = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(manager.page, 'Mel Manager')
    await joinWith(manager.page, code)
    await expect(manager.page.getByTestId('view-only')).toBeVisible({ timeout: 30_000 })
    await expect(manager.page.getByRole('link', { name: 'Garden waste renewals' })).toBeVisible({ timeout: 30_000 })
    // Nothing that changes the programme is offered.
    await expect(manager.page.getByRole('button', { name: /Start a project|Create project/ })).toHaveCount(0)
    await expect(manager.page.getByRole('button', { name: /^Rename/ })).toHaveCount(0)
    await expectNoAxeViolations(manager.page, 'programme home, view only')

    await openPortfolio(manager.page)
    const table = manager.page.getByRole('table', { name: 'Projects in the portfolio' })
    await expect(table.getByRole('row', { name: /Garden waste renewals/ })).toContainText('Cycle 1', { timeout: 30_000 })
    await expectNoAxeViolations(manager.page, 'portfolio, view only')
    await manager.page.goto(`${HOOKED}#/settings`)
    await expect(manager.page.getByRole('button', { name: /Save/ })).toHaveCount(0)

    // No project key: the board itself stays with the team.
    await manager.page.goto(`${HOOKED}#/projects/${gardenId}`)
    await expect(manager.page.getByRole('link', { name: 'Call the depot' })).toHaveCount(0)
    await manager.page.goto(`${HOOKED}#/sharing`)
    await expect(manager.page.getByText('You joined this programme as a manager (view only).')).toBeVisible()
  } finally {
    await signaling.close()
  }
})
