// Issue 7, list 9: a phone-width screen (390 px) never scrolls the whole page sideways, even
// with the longest names Fortnight accepts and a board of six columns; the board scrolls on its
// own (and can be scrolled with the keyboard), and nothing in it is clipped.
import type { Page } from '@playwright/test'
import { completeWelcome, createProject } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'

/**
 * The elements that stick out past the right edge of the window (empty when the page does not
 * scroll sideways). Inside a container that scrolls on its own (the board) nothing counts.
 */
async function pageScrollsSideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth <= width + 1) return []
    const inScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true
      return false
    }
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !inScroller(el))
      .slice(0, 10)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`)
    return culprits.length ? culprits : [`the page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`]
  })
}

test.use({ viewport: { width: 390, height: 844 } })

test('phone width: long tags and names, and six columns, never scroll the page sideways', async ({ page }) => {
  await page.goto('/')
  await completeWelcome(page)
  const longName = 'Residents-parking-permits-' + 'x'.repeat(150)
  await createProject(page, longName)
  await page.getByRole('link', { name: 'Project details' }).click()
  // A 300-character tag is refused with a clear message…
  await page.getByLabel('Add a tag').fill('a'.repeat(300))
  await page.getByRole('button', { name: 'Add tag' }).click()
  await expect(page.locator('#project-new-tag-error')).toContainText('Enter a tag of 50 characters or fewer')
  // …and the longest one allowed wraps.
  await page.getByLabel('Add a tag').fill('b'.repeat(50))
  await page.getByRole('button', { name: 'Add tag' }).click()
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText('b'.repeat(50))
  expect(await pageScrollsSideways(page)).toEqual([])

  await page.getByRole('link', { name: 'Board' }).click()
  for (const title of ['Backlog', 'Review', 'Blocked']) {
    await page.getByRole('textbox', { name: 'Add a column' }).fill(title)
    await page.getByRole('button', { name: 'Add column' }).click()
    await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible()
  }
  await expect(page.getByRole('region', { name: 'Board' }).locator('section')).toHaveCount(6)
  expect(await pageScrollsSideways(page)).toEqual([])
  // The board scrolls inside itself: the "Add a column" box can be reached and is not clipped.
  const add = page.getByRole('textbox', { name: 'Add a column' })
  await add.scrollIntoViewIfNeeded()
  const box = await add.boundingBox()
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
  await expectNoAxeViolations(page, 'board with six columns on a phone')
  await screenshot(page, 'phone-board-six-columns')

  await page.getByRole('link', { name: 'Projects' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
  expect(await pageScrollsSideways(page)).toEqual([])
  await screenshot(page, 'phone-home')
})

test.describe('desktop width', () => {
  test.use({ viewport: { width: 1280, height: 800 } })
  test('"Add a column" is whole and in view however many columns there are; a bad name is explained there', async ({ page }) => {
    await page.goto('/')
    await completeWelcome(page)
    await createProject(page, 'Library app')
    const form = page.getByRole('form', { name: 'Add a column' })
    for (const title of ['Backlog', 'Review', 'Blocked', 'Waiting']) {
      await form.getByRole('textbox', { name: 'Add a column' }).fill(title)
      await form.getByRole('button', { name: 'Add column' }).click()
      await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible()
      const f = await form.boundingBox()
      expect(f && f.x >= 0 && f.x + f.width <= 1280).toBe(true)
    }
    expect(await pageScrollsSideways(page)).toEqual([])
    await form.getByRole('textbox', { name: 'Add a column' }).fill('review')
    await form.getByRole('button', { name: 'Add column' }).click()
    await expect(form.locator('.govuk-error-summary')).toBeFocused()
    await expect(form.locator('#new-column-title-error')).toContainText('There is already a column called “Review”')
    await expectNoAxeViolations(page, 'board with seven columns and an error adding one')
  })
})
