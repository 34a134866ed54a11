// Steps a person takes in Fortnight, shared by the specs. Each uses only what is on screen
// (labels, roles, names), so a spec fails when a person could not do the same.
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

/** Wait until the header says every change has reached this computer's storage. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.locator('.app-save-status')).toHaveText('Saved on this computer')
}

/** Reload as a person would after seeing "Saved on this computer" (a reload mid-write may lose it). */
export async function reloadWhenSaved(page: Page): Promise<void> {
  await expectSaved(page)
  await page.reload()
}

export async function completeWelcome(page: Page, name = 'Asha Patel', council = 'Anytown Borough Council'): Promise<void> {
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Your council (optional)').fill(council)
  await page.getByLabel('Programme name (optional)').fill('Digital accelerator')
  await page.getByRole('button', { name: 'Start using Fortnight' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
}

export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByLabel('Start a new change project').fill(name)
  await page.getByRole('button', { name: 'Create project' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

export function column(page: Page, title: string): Locator {
  return page.getByRole('region', { name: 'Board' }).locator('section').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) })
}

export async function addCard(page: Page, columnTitle: string, title: string): Promise<void> {
  await page.getByLabel(`Add a card to ${columnTitle}`).fill(title)
  await page.getByRole('button', { name: `Add card to ${columnTitle}` }).click()
  await expect(column(page, columnTitle).getByRole('link', { name: title })).toBeVisible()
}

/** Card titles of a column, top to bottom. */
export async function cardTitles(page: Page, columnTitle: string): Promise<string[]> {
  return column(page, columnTitle).locator('li[data-card-id] .app-card__title').allInnerTexts()
}

/** Drag with a real mouse: press on the card's move handle, travel in steps, release. */
export async function dragCard(page: Page, title: string, target: Locator, position: 'top' | 'centre' = 'centre'): Promise<void> {
  // A drag that starts while the previous drop is still settling is ignored by dnd-kit.
  await expect(page.locator('.app-card--overlay')).toHaveCount(0)
  const handle = page.getByRole('button', { name: `Move card: ${title}`, exact: true })
  // A person starts a drag from a handle they can see.
  await handle.scrollIntoViewIfNeeded()
  const from = await handle.boundingBox()
  const to = await target.boundingBox()
  if (!from || !to) throw new Error('drag source or target is not on screen')
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await page.mouse.down()
  const x = to.x + to.width / 2
  const y = position === 'top' ? to.y + 8 : to.y + to.height / 2
  await page.mouse.move(from.x + 20, from.y + 20, { steps: 5 })
  await page.mouse.move(x, y, { steps: 15 })
  await page.mouse.move(x, y + 1, { steps: 2 })
  await page.mouse.up()
}

/**
 * Press Tab (at most `limit` times) until `target` has focus: proves it can be reached with the
 * keyboard alone, in the page's real tab order.
 */
export async function tabTo(page: Page, target: Locator, limit = 80, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
    await page.keyboard.press(key)
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing')
  throw new Error(`could not reach ${String(target)} with ${key} in ${limit} presses; focus is on ${focused}`)
}

/**
 * After Space on a card's move handle: wait until a screen-reader user would hear it was picked up,
 * then until dnd-kit's keyboard sensor listens for arrows. It announces the pick-up at once but adds
 * its keydown listener in a setTimeout(0); a task queued after that one runs after it (timers of
 * equal delay run in order), so an arrow pressed next is never lost on a busy machine.
 */
export async function expectPickedUp(page: Page, announcement: string): Promise<void> {
  await expect(page.locator('[id^=DndLiveRegion]')).toContainText(announcement)
  await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
}
