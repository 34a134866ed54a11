// Issue 7: every open copy of a doc in one browser profile sees the others' edits at once,
// shared or not (doc/tabChannel.ts). Two tabs of one Chromium profile, no network, no reload.
import { addCard, column, completeWelcome, createProject } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'

test('two tabs of the same workspace see each other’s projects and cards within a second, without reloading', async ({ launchApp }) => {
  const app = await launchApp()
  const first = app.page
  await completeWelcome(first, 'Asha Patel')
  const second = await app.context.newPage()
  await second.goto('/')
  await expect(second.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()

  // A project created in the first tab appears on the second tab's home page.
  await createProject(first, 'Garden waste renewals')
  await expect(second.getByRole('link', { name: 'Garden waste renewals' })).toBeVisible({ timeout: 1_000 })
  const projectUrl = first.url()

  // Both on the board: cards travel both ways.
  await second.goto(projectUrl)
  await expect(second.getByRole('heading', { level: 1, name: 'Garden waste renewals' })).toBeVisible()
  await addCard(first, 'To do', 'Map the renewal journey')
  await expect(column(second, 'To do').getByRole('link', { name: 'Map the renewal journey' })).toBeVisible({ timeout: 1_000 })
  await addCard(second, 'Doing', 'Interview residents')
  await expect(column(first, 'Doing').getByRole('link', { name: 'Interview residents' })).toBeVisible({ timeout: 1_000 })
  await expectNoAxeViolations(second, 'board updated from another tab')

  // A tab opened later catches up at once too.
  const third = await app.context.newPage()
  await third.goto(projectUrl)
  await expect(column(third, 'Doing').getByRole('link', { name: 'Interview residents' })).toBeVisible()

  // Sync settings changed in one tab apply in the others (the storage event).
  await first.goto('/#/sharing')
  await first.getByRole('button', { name: 'Work offline' }).click()
  await expect(second.getByRole('banner').getByRole('link', { name: /^Sync: Offline \(working on this computer only\)/ })).toBeVisible({ timeout: 1_000 })
  await first.getByRole('button', { name: 'Go back online' }).click()
  await expect(second.getByRole('banner').getByRole('link', { name: /^Sync: Not shared/ })).toBeVisible({ timeout: 1_000 })

  expect(app.consoleErrors).toEqual([])
})
