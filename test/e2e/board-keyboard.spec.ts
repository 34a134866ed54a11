// The same board flow with the keyboard alone: every step is reached with Tab and done with
// Enter, Space, arrows or Escape. No clicks.
import { cardTitles, column, tabTo, reloadWhenSaved, expectPickedUp } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'

test('a person using only the keyboard can set up, add cards, move them, write a note and undo', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await tabTo(page, page.getByLabel('Your name'))
  await page.keyboard.type('Sam Okafor')
  await tabTo(page, page.getByRole('button', { name: 'Start using Fortnight' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()

  await tabTo(page, page.getByLabel('Start a new change project'))
  await page.keyboard.type('Housing repairs reporting')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Housing repairs reporting' })).toBeVisible()

  for (const title of ['Shadow the repairs desk', 'Sketch the online form']) {
    await tabTo(page, page.getByLabel('Add a card to To do'))
    await page.keyboard.type(title)
    await page.keyboard.press('Enter')
    await expect(column(page, 'To do').getByRole('link', { name: title })).toBeVisible()
  }

  // dnd-kit's keyboard sensor: pick up with space, arrow right to the next column, drop with space.
  await tabTo(page, page.getByRole('button', { name: 'Move card: Sketch the online form' }))
  await page.keyboard.press('Space')
  await expectPickedUp(page, 'Sketch the online form is over position 2 in To do')
  await page.keyboard.press('ArrowRight')
  // Wait for what a screen-reader user hears before dropping.
  await expect(page.locator('[id^=DndLiveRegion]')).toContainText('is over position 1 in Doing')
  await page.keyboard.press('Space')
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Sketch the online form'])
  await expect(page.locator('[id^=DndLiveRegion]')).toContainText('dropped at position 1 in Doing')
  // Within a column: arrow down moves it below its neighbour.
  await tabTo(page, page.getByRole('button', { name: 'Move card: Shadow the repairs desk' }), 80, 'Shift+Tab')
  await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Shadow the repairs desk'])

  // Open the card, write a note, label it, close with Escape.
  await tabTo(page, page.getByRole('link', { name: 'Sketch the online form' }))
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Sketch the online form' })
  await expect(dialog).toBeVisible()
  await tabTo(page, dialog.getByRole('textbox', { name: 'Notes' }))
  await page.keyboard.type('Start from the questions the repairs desk asks.')
  await tabTo(page, dialog.getByLabel('Add a label'))
  await page.keyboard.type('prototype')
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('list', { name: 'Labels' })).toContainText('prototype')
  await expectNoAxeViolations(page, 'card dialog reached by keyboard')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  // Focus goes back to the card the dialog was opened from.
  await expect(page.getByRole('link', { name: 'Sketch the online form' })).toBeFocused()

  // Ctrl+Z (focus is on the board, not in a text field) undoes my own changes newest first:
  // the label, then the move. Ctrl+Shift+Z redoes the move.
  const card = page.locator('li[data-card-id]').filter({ hasText: 'Sketch the online form' })
  await expect(card).toContainText('prototype')
  await page.keyboard.press('Control+z')
  await expect(card).not.toContainText('prototype')
  await page.keyboard.press('Control+z')
  await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Shadow the repairs desk', 'Sketch the online form'])
  await page.keyboard.press('Control+Shift+z')
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Sketch the online form'])

  await reloadWhenSaved(page)
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Sketch the online form'])
  expect(await cardTitles(page, 'To do')).toEqual(['Shadow the repairs desk'])
  expect(consoleErrors).toEqual([])
})

test('the skip link takes keyboard users straight to the page content', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to main content' })
  await expect(skip).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('#main-content')).toBeFocused()
})
