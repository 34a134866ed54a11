// Committing a card to a cycle from the card itself, and returning it to the backlog.
import { addCard, completeWelcome, createProject } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'

test('a card can be committed to a cycle and returned to the backlog from its details', async ({ page, consoleErrors }) => {
  // Friday 29 May 2026, 10:00 London time: Cycle 1 starts the day the project is created, 29 May to 11 June.
  await page.clock.install({ time: new Date(Date.UTC(2026, 4, 29, 9)) })
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Library room bookings')
  await addCard(page, 'To do', 'List the rooms and their rules')
  const header = page.getByRole('region', { name: 'Cycle 1' })

  await page.getByRole('link', { name: 'List the rooms and their rules' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByText('This card is in the backlog.')).toBeVisible()
  await dialog.getByLabel('Cycle', { exact: true }).selectOption({ label: 'Cycle 1: 29 May 2026 to 11 June 2026' })
  await dialog.getByRole('button', { name: 'Save cycle' }).click()
  await expect(dialog.getByText('This card is committed to Cycle 1.')).toBeVisible()
  await expectNoAxeViolations(page, 'card dialog with its cycle')
  await dialog.getByRole('button', { name: 'Close card details' }).click()
  await expect(header).toContainText('Committed1Started0Done0')

  await page.getByRole('link', { name: 'List the rooms and their rules' }).click()
  await dialog.getByLabel('Cycle', { exact: true }).selectOption({ label: 'Backlog (not in a cycle)' })
  await dialog.getByRole('button', { name: 'Save cycle' }).click()
  await expect(dialog.getByText('This card is in the backlog.')).toBeVisible()
  await dialog.getByRole('button', { name: 'Close card details' }).click()
  await expect(header).toContainText('Committed0Started0Done0')
  expect(consoleErrors).toEqual([])
})
