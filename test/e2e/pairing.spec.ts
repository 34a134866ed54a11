// Issue 9, random pairing rounds (UnMentoring), with the keyboard alone: opt in yourself and
// people who do not use Fortnight, give two of them the same team, draw a round (a trio for five
// people), draw it again (different pairs), publish it, and draw the next round, which avoids
// every pair of the first. No clicks.
import type { Locator, Page } from '@playwright/test'
import { reloadWhenSaved, tabTo } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'

/** The groups of a round's table, as sorted name lists: [['Lena Ford', 'Sam Okafor'], …]. */
async function groupsOf(table: Locator): Promise<string[][]> {
  const cells = await table.locator('tbody td').allInnerTexts()
  return cells.map((text) => text.split(/, | and /).map((s) => s.trim()).sort()).sort((a, b) => a.join().localeCompare(b.join()))
}

function pairsOf(groups: readonly string[][]): string[] {
  const out: string[] = []
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.push(`${g[i]}|${g[j]}`)
  return out
}

async function press(page: Page, target: Locator, key = 'Enter'): Promise<void> {
  await tabTo(page, target, 120)
  await page.keyboard.press(key)
}

async function addSomeone(page: Page, name: string): Promise<void> {
  await tabTo(page, page.getByLabel('Name', { exact: true }), 120)
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('table', { name: /^Taking part/ }).getByRole('rowheader', { name })).toBeVisible()
}

test('an organiser using only the keyboard runs two pairing rounds with no pair repeated', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await tabTo(page, page.getByLabel('Your name'))
  await page.keyboard.type('Sam Okafor')
  await press(page, page.getByRole('button', { name: 'Start using Fortnight' }))
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
  for (const name of ['Bins', 'Parking']) {
    await page.goto('/#/')
    await tabTo(page, page.getByLabel('Start a new change project'))
    await page.keyboard.type(name)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  }

  await page.goto('/#/pairing')
  await expect(page.getByRole('heading', { level: 1, name: 'Pairing rounds' })).toBeVisible()
  await expect(page.getByText('Nobody is taking part yet')).toBeVisible()

  // Drawing with nobody taking part says why, in an error summary that takes focus.
  await press(page, page.getByRole('button', { name: 'Draw round 1' }))
  const summary = page.locator('.govuk-error-summary')
  await expect(summary).toContainText('At least 2 people need to opt in before a round can be drawn')
  await expect(summary).toBeFocused()
  await expect(page).toHaveTitle(/^Error: /)

  // Yourself, from the programme's people…
  await press(page, page.getByRole('button', { name: 'Opt in Sam Okafor' }))
  await expect(page.getByRole('heading', { name: 'Taking part (1)' })).toBeVisible()
  await expect(page.locator('.govuk-error-summary')).toHaveCount(0)
  // …and four people who do not use Fortnight, named by the organiser.
  await addSomeone(page, 'Priya Shah')
  // A name already taking part is refused, on the field and in the summary; the next add clears it.
  await addSomeoneExpectingError(page, 'priya shah', 'Priya Shah has already opted in')
  for (const name of ['Tom Reed', 'Lena Ford', 'Omar Said']) await addSomeone(page, name)
  await expect(page.getByRole('heading', { name: 'Taking part (5)' })).toBeVisible()
  await expect(page.locator('.govuk-error-summary')).toHaveCount(0)

  // Priya and Tom both work on Bins: a team chosen with the arrow keys.
  for (const name of ['Priya Shah', 'Tom Reed']) {
    const select = page.getByLabel(`Team for ${name}`)
    await tabTo(page, select, 120)
    await page.keyboard.press('ArrowDown')
    await expect(select.locator('option:checked')).toHaveText('Bins')
  }

  await press(page, page.getByRole('button', { name: 'Draw round 1' }))
  await expect(page.getByText('Round 1 has been drawn')).toBeVisible()
  const draft = page.getByRole('table', { name: 'Round 1 draft' })
  // Groups are listed by their first member's name, so the trio may come first.
  await expect(draft.getByRole('rowheader')).toHaveCount(2)
  expect((await draft.getByRole('rowheader').allInnerTexts()).sort()).toEqual(['Pair 1', 'Trio'])
  const first = await groupsOf(draft)
  expect(first.flat().sort()).toEqual(['Lena Ford', 'Omar Said', 'Priya Shah', 'Sam Okafor', 'Tom Reed'])
  expect(first.some((g) => g.includes('Priya Shah') && g.includes('Tom Reed'))).toBe(false)
  await expect(page.locator('.govuk-warning-text')).toHaveCount(0)
  await expectNoAxeViolations(page, 'pairing page with a draft round')
  await screenshot(page, 'pairing-draft-round', { fullPage: true })

  await press(page, page.getByRole('button', { name: 'Draw again' }))
  await expect(page.getByText('Round 1 has been drawn again')).toBeVisible()
  await expect.poll(async () => JSON.stringify(await groupsOf(draft))).not.toBe(JSON.stringify(first))
  const round1 = await groupsOf(draft)
  expect(round1.some((g) => g.includes('Priya Shah') && g.includes('Tom Reed'))).toBe(false)

  await press(page, page.getByRole('button', { name: 'Publish round 1' }))
  await expect(page.getByText('Round 1 has been published')).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Round 2' })).toBeVisible()
  const published = page.locator('details').filter({ hasText: 'Round 1, published' })
  await press(page, published.locator('summary'))
  expect(await groupsOf(published.getByRole('table', { name: 'Round 1' }))).toEqual(round1)

  // A sixth person joins; round 2 pairs everyone with someone new.
  await addSomeone(page, 'Jo Bell')
  await press(page, page.getByRole('button', { name: 'Draw round 2' }))
  const round2Table = page.getByRole('table', { name: 'Round 2 draft' })
  await expect(round2Table.getByRole('rowheader')).toHaveText(['Pair 1', 'Pair 2', 'Pair 3'])
  const round2 = await groupsOf(round2Table)
  const met = new Set(pairsOf(round1))
  expect(pairsOf(round2).filter((p) => met.has(p))).toEqual([])
  expect(round2.some((g) => g.includes('Priya Shah') && g.includes('Tom Reed'))).toBe(false)
  await expect(page.locator('.govuk-warning-text')).toHaveCount(0)
  await press(page, page.getByRole('button', { name: 'Publish round 2' }))
  await expect(page.getByText('Round 2 has been published')).toBeVisible()
  await expectNoAxeViolations(page, 'pairing page with two published rounds, one open')

  // Published rounds are kept, newest first.
  await reloadWhenSaved(page)
  await expect(page.locator('details summary')).toHaveText([/^Round 2, published/, /^Round 1, published/])
  await expect(page.getByRole('heading', { level: 2, name: 'Round 3' })).toBeVisible()
  expect(consoleErrors).toEqual([])
})

async function addSomeoneExpectingError(page: Page, name: string, message: string): Promise<void> {
  await tabTo(page, page.getByLabel('Name', { exact: true }), 120)
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
  await expect(page.locator('.govuk-error-summary')).toContainText(message)
  await expect(page.locator('#pairing-new-name-error')).toContainText(message)
  await tabTo(page, page.getByLabel('Name', { exact: true }), 120)
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Backspace')
}
