// Issue 9: several programmes on one computer. Start a second programme, switch between the two,
// and each keeps its own projects; the first is never hidden.
import type { Page } from '@playwright/test'
import { completeWelcome, createProject, expectSaved } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'

async function openProgrammes(page: Page): Promise<void> {
  await expectSaved(page)
  await page.goto('/#/programmes')
  await expect(page.getByRole('heading', { level: 1, name: 'Your programmes' })).toBeVisible()
}

const list = (page: Page) => page.getByRole('table', { name: 'Programmes on this computer' })

async function expectHome(page: Page, caption: string, projects: readonly string[], notThere: readonly string[]): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
  await expect(page.locator('.govuk-caption-l')).toHaveText(caption)
  for (const name of projects) await expect(page.getByRole('link', { name, exact: true })).toBeVisible()
  for (const name of notThere) await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0)
}

test('two programmes on one computer, each with its own projects, switched from "Your programmes"', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Garden waste renewals')

  await openProgrammes(page)
  await expect(list(page).getByRole('row')).toHaveCount(2)
  const first = list(page).getByRole('row', { name: /Digital accelerator/ })
  await expect(first).toContainText('Anytown Borough Council')
  await expect(first).toContainText('Current')
  await expect(page.getByRole('link', { name: 'Join it with the invite' })).toHaveAttribute('href', '#/join')
  await expectNoAxeViolations(page, 'your programmes, one programme')

  // A name is needed.
  await page.getByRole('button', { name: 'Start programme' }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter a programme name')
  await expect(page.locator('#new-programme-name-error')).toContainText('Enter a programme name')

  await page.getByLabel('Programme name').fill('Otherborough accelerator')
  await page.getByLabel('Council (optional)').fill('Otherborough Council')
  await page.getByRole('button', { name: 'Start programme' }).click()
  await expectHome(page, 'Otherborough Council · Otherborough accelerator', [], ['Garden waste renewals'])
  await createProject(page, 'Street lighting faults')

  await openProgrammes(page)
  await expect(list(page).getByRole('row')).toHaveCount(3)
  await expect(list(page).getByRole('row', { name: /Otherborough accelerator/ })).toContainText('Current')
  await expectNoAxeViolations(page, 'your programmes, two programmes')
  await screenshot(page, 'your-programmes', { fullPage: true })
  await page.getByRole('button', { name: 'Switch to Digital accelerator' }).click()
  await expectHome(page, 'Anytown Borough Council · Digital accelerator', ['Garden waste renewals'], ['Street lighting faults'])

  await openProgrammes(page)
  await expect(list(page).getByRole('row', { name: /Digital accelerator/ })).toContainText('Current')
  await page.getByRole('button', { name: 'Switch to Otherborough accelerator' }).click()
  await expectHome(page, 'Otherborough Council · Otherborough accelerator', ['Street lighting faults'], ['Garden waste renewals'])

  // Joining an invite says the programme open now stays in "Your programmes".
  await page.goto('/#/join')
  await expect(page.locator('.govuk-warning-text')).toContainText('Your current programme stays saved here, in Your programmes')
  await expect(page.getByRole('link', { name: 'Your programmes' })).toHaveAttribute('href', '#/programmes')
  expect(consoleErrors).toEqual([])
})
