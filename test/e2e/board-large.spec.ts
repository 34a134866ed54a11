// Issue 11: a long board is windowed (only the tiles in view are in the page) and still works with
// the mouse, the keyboard alone and a screen reader, with 0 axe violations.
import type { Page } from '@playwright/test'
import { column, completeWelcome, createProject, dragCard, expectPickedUp, reloadWhenSaved } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'

const liveRegion = (page: Page) => page.locator('[id^=DndLiveRegion]')
const tile = (page: Page, title: string) => page.locator('li[data-card-id]').filter({ has: page.getByRole('link', { name: title, exact: true }) })

async function seedLongBoard(page: Page): Promise<void> {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Council tax backlog')
  const projectId = new URL(page.url()).hash.split('/')[2] ?? ''
  await page.evaluate((id) => {
    window.__fortnightTest!.addCards(id, 0, 400, 'Backlog item')
    window.__fortnightTest!.addCards(id, 1, 80, 'In flight')
  }, projectId)
  await expect(page.getByRole('region', { name: 'Board' })).toHaveAttribute('data-card-count', '480')
}

test('a 480-card board shows only the tiles in view, and reading and scrolling still find every card', async ({ page, consoleErrors }) => {
  await seedLongBoard(page)
  const todo = column(page, 'To do')
  await expect(todo.locator('.app-column__count')).toContainText('400')
  // Windowed: far fewer tiles than cards, and each says where it is in the whole column.
  const shown = await todo.locator('li[data-card-id]').count()
  expect(shown).toBeGreaterThan(3)
  expect(shown).toBeLessThan(60)
  await expect(tile(page, 'Backlog item 1')).toHaveAttribute('aria-setsize', '400')
  await expect(tile(page, 'Backlog item 1')).toHaveAttribute('aria-posinset', '1')
  await expect(tile(page, 'Backlog item 400')).toHaveCount(0)

  // Scrolling the column to its end brings the last card in.
  await todo.locator('ol').evaluate((list) => list.scrollTo({ top: list.scrollHeight }))
  await expect(tile(page, 'Backlog item 400')).toBeVisible()
  await expect(tile(page, 'Backlog item 400')).toHaveAttribute('aria-posinset', '400')
  await expect(tile(page, 'Backlog item 1')).toHaveCount(0)
  await expectNoAxeViolations(page, 'a long, windowed board')

  // The filter still searches every card, not only those in view.
  await page.getByLabel('Filter cards').fill('in flight')
  await expect(page.getByRole('status').filter({ hasText: 'of 480 cards match' })).toContainText('80 of 480')
  await expect(tile(page, 'In flight 80')).toHaveCount(0) // still windowed while filtered
  await page.getByLabel('Filter cards').fill('')
  await expect(tile(page, 'In flight 1')).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('on a long board a keyboard move travels past the tiles in view, and is announced all the way', async ({ page, consoleErrors }) => {
  await seedLongBoard(page)
  const todo = column(page, 'To do')
  const handle = page.getByRole('button', { name: 'Move card: Backlog item 2', exact: true })
  await handle.focus()
  await page.keyboard.press('Space')
  await expectPickedUp(page, 'Backlog item 2 is over position 2 in To do')
  // Far beyond the first screenful of tiles: every step is announced with its position.
  for (let position = 3; position <= 30; position++) {
    await page.keyboard.press('ArrowDown')
    await expect(liveRegion(page)).toContainText(`Backlog item 2 is over position ${position} in To do`)
  }
  await page.keyboard.press('Space')
  await expect(liveRegion(page)).toContainText('Backlog item 2 was dropped at position 30 in To do')
  await expect(tile(page, 'Backlog item 2')).toHaveAttribute('aria-posinset', '30')
  // Focus stays on the card's handle after the drop, wherever the column was scrolled to.
  await expect(page.getByRole('button', { name: 'Move card: Backlog item 2', exact: true })).toBeFocused()

  // Across columns: to Doing, whose list is windowed too.
  await page.keyboard.press('Space')
  await expectPickedUp(page, 'Backlog item 2 is over position 30 in To do')
  await page.keyboard.press('ArrowRight')
  await expect(liveRegion(page)).toContainText(/Backlog item 2 is over position \d+ in Doing/)
  await page.keyboard.press('Space')
  await expect(liveRegion(page)).toContainText(/Backlog item 2 was dropped at position \d+ in Doing/)
  await expect(column(page, 'Doing').locator('.app-column__count')).toContainText('81')
  await expect(todo.locator('.app-column__count')).toContainText('399')
  await reloadWhenSaved(page)
  await expect(column(page, 'Doing').locator('.app-column__count')).toContainText('81')
  expect(consoleErrors).toEqual([])
})

test('on a long board a mouse drag moves a card into another windowed column', async ({ page, consoleErrors }) => {
  await seedLongBoard(page)
  await dragCard(page, 'Backlog item 1', tile(page, 'In flight 2'), 'top')
  await expect(column(page, 'Doing').locator('.app-column__count')).toContainText('81')
  await expect(tile(page, 'Backlog item 1')).toHaveAttribute('aria-posinset', '2')
  await expect(tile(page, 'Backlog item 1')).toHaveAttribute('aria-setsize', '81')
  await expectNoAxeViolations(page, 'a long board after a mouse drag')
  expect(consoleErrors).toEqual([])
})
