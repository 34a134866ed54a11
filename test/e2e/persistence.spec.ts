// Saved work survives closing the browser process, and storage problems are shown, not swallowed.
import { addCard, cardTitles, completeWelcome, createProject, reloadWhenSaved } from './support/app'
import { expect, test } from './support/fixtures'

test('closing and restarting the app brings every project and card back', async ({ launchApp }) => {
  let app = await launchApp()
  await completeWelcome(app.page)
  await createProject(app.page, 'Pest control bookings')
  await addCard(app.page, 'To do', 'Read last year’s complaints')
  await addCard(app.page, 'Done', 'Agree the team')
  app = await app.restart()
  // No welcome page again: the profile and programme are remembered.
  await expect(app.page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
  await app.page.getByRole('link', { name: 'Pest control bookings' }).click()
  await expect.poll(() => cardTitles(app.page, 'To do')).toEqual(['Read last year’s complaints'])
  expect(await cardTitles(app.page, 'Done')).toEqual(['Agree the team'])
  expect(app.consoleErrors).toEqual([])
})

test('works with the network off: nothing a person does needs it', async ({ page, context, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  // In browser mode the page's parts come from a local server; the app fetches them all once the
  // workspace is up. Only then does the network go (the desktop app reads its own files).
  await expect(page.locator('html[data-everything-loaded]')).toHaveCount(1)
  await context.setOffline(true)
  await createProject(page, 'Offline project')
  await addCard(page, 'To do', 'Written on a train')
  await page.getByRole('link', { name: 'Written on a train' }).click()
  await page.getByRole('dialog').getByRole('textbox', { name: 'Notes' }).click()
  await page.keyboard.type('No signal between stations.')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()
  // Back online only so the browser can fetch the page itself again (the desktop app needs no server).
  await context.setOffline(false)
  // Waits for the header to say the last keystroke reached this computer's storage.
  await reloadWhenSaved(page)
  await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Written on a train'])
  await page.getByRole('link', { name: 'Written on a train' }).click()
  await expect(page.getByRole('dialog').getByRole('textbox', { name: 'Notes' })).toHaveText('No signal between stations.')
  expect(consoleErrors).toEqual([])
})

test('when another window deletes the saved copy, the page says changes may not be saved', async ({ page }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Fragile project')
  // What "clear site data" or a second window does: ask to delete the project's database.
  await page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('fortnight:project:'))
    names.forEach((n) => indexedDB.deleteDatabase(n))
  })
  await expect(page.getByRole('alert')).toContainText('changes here may not be saved')
  // The header, where a person looks to see whether their work is safe, says so too.
  await expect(page.locator('.app-save-status')).toContainText('Not saved')
})
