// Issue 8, attack 5: one hostile record must never take a screen down. Records a colleague's
// (changed) app stored are skipped and reported; a screen that throws anyway shows a GOV.UK error
// page inside its own boundary while the header and the rest of the app keep working.
// The records are stored through the build-flagged test hooks (scripts/e2e.mjs builds with them).
import type { Page } from '@playwright/test'
import { addCard, completeWelcome, createProject } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'
import { projectIdOf, waitForTestHooks } from './support/peers'

async function inject(page: Page, docId: string, kind: string, key: string, value: unknown): Promise<void> {
  await page.evaluate(([id, k, key, v]) => window.__fortnightTest!.injectRecord(id as string, k as string, key as string, v), [docId, kind, key, value] as const)
}

test('hostile records from a colleague are skipped and counted; the board, cycles and details still work', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Library app')
  await addCard(page, 'To do', 'Good card')
  const projectId = projectIdOf(page)
  await waitForTestHooks(page)

  await inject(page, projectId, 'cards', 'bad-nan', { id: 'bad-nan', title: 'NaN dates', updatedAt: Number.NaN })
  await inject(page, projectId, 'cards', 'bad-title', { id: 'bad-title', title: 12345 })
  await inject(page, projectId, 'cards', 'bad-labels', { id: 'bad-labels', title: 'Labels as an array', labels: ['a', 'b'] })
  await inject(page, projectId, 'cards', '__proto__', { id: '__proto__', title: 'Prototype key' })
  await inject(page, projectId, 'columns', 'bad-col', { id: 'bad-col', title: { evil: true }, rank: 'a9' })
  await inject(page, projectId, 'decisions', 'bad-decision', { id: 'bad-decision', cycle: 1, kind: 'stop', reason: 'x', decidedAt: Number.NaN })
  await inject(page, projectId, 'activity', '', { id: 'bad-entry', at: Number.NaN, by: 'p', byName: 'Mo', type: 'card.created' })

  const board = page.getByRole('region', { name: 'Board' })
  await expect(board.getByRole('link', { name: 'Good card' })).toBeVisible()
  // The board reads the cards and columns (5 bad ones); other screens read the rest.
  await expect(page.getByRole('status').filter({ hasText: /\d+ records from a colleague's computer could not be read and are not shown/ })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Library app' })).toBeVisible()
  for (const bad of ['NaN dates', 'Labels as an array', 'Prototype key']) await expect(board.getByText(bad)).toHaveCount(0)
  await screenshot(page, 'board-with-skipped-records')

  for (const [link, path] of [
    ['Cycles', /\/cycles$/],
    ['Project details', /\/details$/]
  ] as const) {
    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: link }).click()
    await expect(page).toHaveURL(path)
    await expect(page.getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page')
    await expect(page.getByRole('heading', { level: 1, name: 'Library app' })).toBeVisible()
    await expect(page.locator('[data-error-boundary]')).toHaveCount(0)
  }
  expect(consoleErrors).toEqual([])
})

test('a screen that throws shows the error page in place of that screen; the header still works', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await page.goto('/#/test-only/throw')

  await expect(page.getByRole('heading', { level: 1, name: 'Sorry, there is a problem with this screen' })).toBeVisible()
  await expect(page).toHaveTitle(/^Error: Sorry, there is a problem with this screen/)
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Go to your projects' })).toBeVisible()
  await expectNoAxeViolations(page, 'the error page of a screen that failed')
  await screenshot(page, 'error-boundary-screen')
  // The error is logged for whoever investigates.
  expect(consoleErrors.some((e) => e.includes('A screen that throws, for the end-to-end tests'))).toBe(true)

  // The header belongs to the app, not the screen: it still takes the person elsewhere.
  await page.getByRole('link', { name: 'Programme settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sorry, there is a problem with this screen' })).toHaveCount(0)
  await expect(page).not.toHaveTitle(/^Error:/)
  await page.getByRole('link', { name: 'Fortnight', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
})
