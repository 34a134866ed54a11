// Issue 7: search everything. A word typed into a card's note is found from the home page and
// from the header's "/" shortcut; the board's filter box narrows the cards without breaking
// keyboard moves; the search screen passes axe.
import type { Page } from '@playwright/test'
import { addCard, cardTitles, completeWelcome, createProject, tabTo, expectPickedUp } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'

async function writeNote(page: Page, cardTitle: string, text: string): Promise<void> {
  await page.getByRole('link', { name: cardTitle }).click()
  const dialog = page.getByRole('dialog', { name: cardTitle })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('textbox', { name: 'Notes' }).click()
  await page.keyboard.type(text)
  await dialog.getByRole('button', { name: 'Close card details' }).click()
  await expect(dialog).toBeHidden()
}

const results = (page: Page) => page.locator('.app-search-results__item')

// A missing element fails the step that wanted it, rather than the whole test's timeout.
test.use({ actionTimeout: 20_000 })

test('a word in a card note is found from the home page and the "/" shortcut, and leads to the card', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Garden waste renewals')
  await addCard(page, 'To do', 'Interview five residents')
  await addCard(page, 'To do', 'Map the renewal journey')
  await writeNote(page, 'Interview five residents', 'Recruit through the hedgerow library and the contact centre.')
  await page.getByRole('link', { name: 'Projects', exact: true }).click()
  await createProject(page, 'Blue badge applications')
  await page.getByRole('link', { name: 'Projects', exact: true }).click()

  // The home page: the project list is filtered and its count says so; Enter searches everything.
  await expect(page.getByRole('heading', { level: 2, name: 'Projects (2)' })).toBeVisible()
  await page.getByLabel('Search by name or tag').fill('blue')
  await expect(page.getByRole('heading', { level: 2, name: 'Projects (1 of 2)' })).toBeVisible()
  await page.getByLabel('Search by name or tag').fill('hedgerow')
  await expect(page.getByRole('heading', { level: 2, name: 'Projects (0 of 2)' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'No projects match' })).toBeVisible()
  await page.getByLabel('Search by name or tag').press('Enter')

  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()
  const box = page.getByLabel('Search projects, cards, feedback, decisions and comments')
  await expect(box).toHaveValue('hedgerow')
  await expect(box).toBeFocused()
  await expect(page.getByRole('status').filter({ hasText: '1 result for “hedgerow” in 1 project' })).toBeVisible()
  const group = page.getByRole('region', { name: /Garden waste renewals/ })
  await expect(group.getByRole('link', { name: 'Card: Interview five residents' })).toBeVisible()
  await expect(group.locator('mark')).toHaveText(['hedgerow'])
  await expect(group).toContainText('Note: Recruit through the hedgerow library and the contact centre.')
  await expectNoAxeViolations(page, 'search results')
  await screenshot(page, 'search-results')

  // A prefix finds it as you type; a typo in a longer word too.
  await box.fill('hedg')
  await expect(group.locator('mark')).toHaveText(['hedgerow'])
  await box.fill('libary')
  await expect(results(page)).toHaveCount(1)
  await box.fill('zebra')
  await expect(page.getByRole('status').filter({ hasText: 'No results for “zebra”' })).toBeVisible()
  await expect(results(page)).toHaveCount(0)

  await box.fill('hedgerow')
  await group.getByRole('link', { name: 'Card: Interview five residents' }).click()
  const dialog = page.getByRole('dialog', { name: 'Interview five residents' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('textbox', { name: 'Notes' })).toHaveText('Recruit through the hedgerow library and the contact centre.')

  // Edit the note in the open project, then "/" (focus not in a text field) opens search again and
  // the new word is found: the index is current without a reload.
  await dialog.getByRole('textbox', { name: 'Notes' }).click()
  await page.keyboard.press('End')
  await page.keyboard.type(' Ask about kingfisher sightings.')
  // "/" typed in the note stays text.
  await page.keyboard.type(' a/b')
  await expect(dialog.getByRole('textbox', { name: 'Notes' })).toContainText('kingfisher sightings. a/b')
  await dialog.getByRole('button', { name: 'Close card details' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('link', { name: 'Interview five residents' })).toBeFocused()
  await page.keyboard.press('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()
  await expect(box).toBeFocused()
  await box.fill('kingfisher')
  await expect(page.getByRole('region', { name: /Garden waste renewals/ }).locator('mark')).toHaveText(['kingfisher'])

  // The header link is there on every page and marks the current page.
  await expect(page.getByRole('banner').getByRole('link', { name: 'Search' })).toHaveAttribute('aria-current', 'page')
  expect(consoleErrors).toEqual([])
})

test('keyboard only: "/" from the home page, type, Tab to a result, Enter opens the card; the shortcut can be turned off', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Housing repairs reporting')
  await addCard(page, 'To do', 'Shadow the repairs desk')
  await page.getByRole('link', { name: 'Shadow the repairs desk' }).click()
  const dialog = page.getByRole('dialog', { name: 'Shadow the repairs desk' })
  await dialog.getByLabel('Add a label').fill('damp-and-mould')
  await dialog.getByRole('button', { name: 'Add label' }).click()
  await dialog.getByLabel('Add a checklist item').fill('Book a visit with the surveyor')
  await dialog.getByRole('button', { name: 'Add item' }).click()
  await expect(dialog.getByText('0 of 1 done')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.getByRole('link', { name: 'Projects', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()

  // Focus on the page itself (not a text field): "/" goes to search with the box focused.
  await page.locator('h1').click()
  await page.keyboard.press('/')
  const box = page.getByLabel('Search projects, cards, feedback, decisions and comments')
  await expect(box).toBeFocused()
  await page.keyboard.type('surveyor')
  const link = page.getByRole('link', { name: 'Card: Shadow the repairs desk' })
  await expect(link).toBeVisible()
  await expect(page.locator('.app-search-results__excerpt')).toContainText('Checklist: Book a visit with the surveyor')
  await tabTo(page, link, 10)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog', { name: 'Shadow the repairs desk' })).toBeVisible()
  await page.keyboard.press('Escape')

  // By label, through the header link this time.
  await tabTo(page, page.getByRole('banner').getByRole('link', { name: 'Search' }), 120, 'Shift+Tab')
  await page.keyboard.press('Enter')
  // A link to a page: focus goes to its heading, as on every page; the box is the next stop.
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(box).toBeFocused()
  await expect(box).toHaveValue('surveyor')
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('mould')
  await expect(page.getByRole('link', { name: 'Card: Shadow the repairs desk' })).toBeVisible()

  // WCAG 2.1.4: the one-key shortcut can be turned off.
  await page.getByText('Keyboard shortcut').click()
  await page.getByLabel('Use the / key to open search').uncheck()
  await expectNoAxeViolations(page, 'search with the shortcut details open')
  await page.getByRole('link', { name: 'Fortnight' }).click()
  await page.locator('h1').click()
  await page.keyboard.press('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('the board filter box shows only matching cards, says how many, and keyboard moves still land right', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Parking permits')
  for (const title of ['Draft eligibility questions', 'Test with residents', 'Write the permit letter', 'Call the enforcement team'])
    await addCard(page, 'To do', title)
  await writeNote(page, 'Call the enforcement team', 'Ask how wardens check permits on the street.')

  const filter = page.getByLabel('Filter cards')
  await filter.fill('permit')
  // Title of one card, note of another.
  await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Write the permit letter', 'Call the enforcement team'])
  await expect(page.getByRole('status').filter({ hasText: '2 of 4 cards match “permit”' })).toBeVisible()
  await expectNoAxeViolations(page, 'board with the filter on')
  await screenshot(page, 'board-filter')

  await filter.fill('wardens street')
  await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Call the enforcement team'])

  // Keyboard move of a visible card while hidden cards sit above it: it lands at the top of Doing,
  // and the hidden cards keep their places.
  await tabTo(page, page.getByRole('button', { name: 'Move card: Call the enforcement team' }))
  await page.keyboard.press('Space')
  // Only once the card is picked up (what a screen-reader user hears) does an arrow move it.
  await expectPickedUp(page, 'Call the enforcement team is over position 1 in To do')
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('[id^=DndLiveRegion]')).toContainText('is over position 1 in Doing')
  await page.keyboard.press('Space')
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Call the enforcement team'])

  await filter.fill('nothing like this')
  await expect(page.locator('.app-board-filter__empty')).toContainText('No cards match “nothing like this”')
  await expect(page.getByRole('status').filter({ hasText: 'No cards match “nothing like this”' })).toBeVisible()
  await page.getByRole('button', { name: 'clear the filter' }).click()
  await expect(filter).toHaveValue('')
  await expect(filter).toBeFocused()
  await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Draft eligibility questions', 'Test with residents', 'Write the permit letter'])
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Call the enforcement team'])
  await expect(page.getByRole('status').filter({ hasText: 'cards match' })).toHaveCount(0)

  // A card dropped at the end of a column whose other cards are hidden lands after them, as it
  // would with nothing hidden: drops are worked out on the whole board.
  await filter.fill('write')
  await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Write the permit letter'])
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual([])
  await tabTo(page, page.getByRole('button', { name: 'Move card: Write the permit letter' }))
  await page.keyboard.press('Space')
  // Only once the card is picked up (what a screen-reader user hears) does an arrow move it.
  await expectPickedUp(page, 'Write the permit letter is over position 1 in To do')
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('[id^=DndLiveRegion]')).toContainText('is over position 1 in Doing')
  await page.keyboard.press('Space')
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Write the permit letter'])
  await filter.fill('')
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Call the enforcement team', 'Write the permit letter'])
  await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Draft eligibility questions', 'Test with residents'])
  expect(consoleErrors).toEqual([])
})
