// Issue 9: the mentor directory. Add mentors through the form (a mistake first: the error summary
// takes focus and the field says what is wrong, and nothing typed is lost), filter and search the
// list, edit an entry, retire it and find it again behind "Show retired mentors"; the same add
// with the keyboard alone; axe-core on every screen.
import type { Page } from '@playwright/test'
import { completeWelcome, tabTo } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'

// A missing element fails the step that wanted it, rather than the whole test's timeout.
test.use({ actionTimeout: 20_000 })

const list = (page: Page) => page.getByRole('list', { name: /mentors?$/ })
const entries = (page: Page) => page.locator('.app-mentor-list__item')

async function openDirectory(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Mentors', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mentors' })).toBeVisible()
}

test('add two mentors (one after a mistake), filter, search, edit and retire', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await openDirectory(page)
  await expect(page.getByRole('heading', { level: 2, name: '0 mentors' })).toBeVisible()
  await expect(page.getByText('Anyone on a project team in this programme can add, edit and retire mentors.')).toBeVisible()
  await expectNoAxeViolations(page, 'empty mentor directory')

  // The first mentor, with two mistakes: where they are from not chosen, capacity not a number.
  await page.getByRole('button', { name: 'Add a mentor' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Add a mentor' })).toBeFocused()
  await page.getByLabel('Name', { exact: true }).fill('Priya Shah')
  await page.getByLabel('Organisation (optional)').fill('Anytown Borough Council')
  await page.getByRole('group', { name: 'Sector' }).getByLabel('Local government').check()
  await page.getByLabel('Expertise (optional)').fill('Garden waste, payments')
  await page.getByLabel('Short bio (optional)').fill('Product manager in the waste service.')
  const past1 = page.getByRole('group', { name: 'Past project 1' })
  await past1.getByLabel('Title').fill('Garden waste subscriptions online')
  await past1.getByLabel('What they did (optional)').fill('Moved renewals online with direct debit.')
  await past1.getByLabel('Tags (optional)').fill('garden waste, subscriptions')
  await past1.getByLabel('Pipeline link (optional)').fill('https://pipeline.localgov.digital/projects/garden-waste')
  await page.getByLabel('How many teams can they mentor at once?').fill('lots')
  await expectNoAxeViolations(page, 'add a mentor form')
  await page.getByRole('button', { name: 'Add mentor' }).click()

  const summary = page.locator('.govuk-error-summary')
  await expect(summary).toBeFocused()
  await expect(page).toHaveTitle(/^Error: /)
  await expect(summary.getByRole('link')).toHaveText([
    'Choose whether the mentor is from your council or from another organisation',
    'Enter how many teams they can mentor at once, as a whole number from 0 to 20'
  ])
  await expect(page.locator('#mentor-capacity-error')).toHaveText('Error: Enter how many teams they can mentor at once, as a whole number from 0 to 20')
  await expect(page.getByLabel('How many teams can they mentor at once?')).toHaveAttribute('aria-describedby', /mentor-capacity-error/)
  // Nothing typed is lost.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Priya Shah')
  await expect(page.getByLabel('Expertise (optional)')).toHaveValue('Garden waste, payments')
  await expect(past1.getByLabel('Title')).toHaveValue('Garden waste subscriptions online')
  await expectNoAxeViolations(page, 'add a mentor form with errors')
  await screenshot(page, 'mentor-form-errors')

  // The summary's link takes you to the field.
  await summary.getByRole('link', { name: /Enter how many teams/ }).click()
  await expect(page.getByLabel('How many teams can they mentor at once?')).toBeFocused()
  await page.getByLabel('How many teams can they mentor at once?').fill('2')
  await page.getByRole('group', { name: 'Where are they from?' }).getByLabel('Our council').check()
  // A second past project row, then removed again.
  await page.getByRole('button', { name: 'Add another past project' }).click()
  const past2 = page.getByRole('group', { name: 'Past project 2' })
  await expect(past2.getByLabel('Title')).toBeFocused()
  await past2.getByLabel('Title').fill('Bulky waste booking')
  await page.getByRole('button', { name: 'Remove past project 2' }).click()
  await expect(page.getByRole('group', { name: 'Past project 2' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Add mentor' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Priya Shah' })).toBeVisible()
  await expect(page).not.toHaveTitle(/^Error: /)
  const details = page.locator('.govuk-summary-list')
  await expect(details.getByRole('definition').filter({ hasText: 'From our council' })).toBeVisible()
  await expect(details).toContainText('0 of 2 teams')
  await expect(page.getByRole('list', { name: 'Expertise' }).getByRole('listitem')).toHaveText(['garden-waste', 'payments'])
  await expect(page.getByRole('heading', { level: 3, name: 'Garden waste subscriptions online' })).toBeVisible()
  await expect(page.getByRole('link', { name: /Garden waste subscriptions online on Pipeline/ })).toHaveAttribute('href', 'https://pipeline.localgov.digital/projects/garden-waste')
  await expectNoAxeViolations(page, 'mentor page')

  // The second mentor: another sector, named.
  await page.getByRole('link', { name: 'Back to mentors' }).click()
  await page.getByRole('button', { name: 'Add a mentor' }).click()
  await page.getByLabel('Name', { exact: true }).fill('Imran Qureshi')
  await page.getByLabel('Organisation (optional)').fill('NHS Northshire')
  await page.getByRole('group', { name: 'Where are they from?' }).getByLabel('Another organisation').check()
  await page.getByRole('group', { name: 'Sector' }).getByLabel('Another sector').check()
  await page.getByLabel('Name the sector').fill('Integrated care')
  await page.getByLabel('Expertise (optional)').fill('hospital discharge, adult social care')
  await page.getByRole('group', { name: 'Past project 1' }).getByLabel('Title').fill('Discharge to assess')
  await page.getByLabel('How many teams can they mentor at once?').fill('1')
  await page.getByRole('button', { name: 'Add mentor' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Imran Qureshi' })).toBeVisible()
  await expect(page.locator('.govuk-summary-list')).toContainText('Integrated care')

  // Filter and search.
  await page.getByRole('link', { name: 'Back to mentors' }).click()
  await expect(page.getByRole('heading', { level: 2, name: '2 mentors' })).toBeVisible()
  await expect(entries(page).getByRole('heading')).toHaveText(['Imran Qureshi', 'Priya Shah'])
  await expect(entries(page).first()).toContainText('NHS Northshire · Integrated care · From another organisation')
  await expect(entries(page).last()).toContainText('Capacity: 0 of 2 teams')
  await expectNoAxeViolations(page, 'mentor directory')
  await screenshot(page, 'mentor-directory')

  await page.getByLabel('Sector').selectOption({ label: 'Local government' })
  await expect(page.getByRole('heading', { level: 2, name: '1 mentor of 2' })).toBeVisible()
  await expect(entries(page).getByRole('heading')).toHaveText(['Priya Shah'])
  await page.getByLabel('Sector').selectOption({ label: 'All sectors' })
  await page.getByLabel('Expertise', { exact: true }).selectOption('hospital-discharge')
  await expect(entries(page).getByRole('heading')).toHaveText(['Imran Qureshi'])
  await page.getByLabel('Expertise', { exact: true }).selectOption({ label: 'All expertise' })
  await page.getByLabel('Search mentors').fill('subscriptions')
  await expect(entries(page).getByRole('heading')).toHaveText(['Priya Shah'])
  await page.getByLabel('Search mentors').fill('discharge nhs')
  await expect(entries(page).getByRole('heading')).toHaveText(['Imran Qureshi'])
  await page.getByLabel('Search mentors').fill('zebra')
  await expect(page.getByText('No mentors match. Try fewer words or clear a filter.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: '0 mentors of 2' })).toBeVisible()
  await page.getByLabel('Search mentors').fill('')
  await page.getByLabel('Only mentors with capacity').check()
  await expect(entries(page)).toHaveCount(2)
  await page.getByLabel('Only mentors with capacity').uncheck()

  // Edit: a field changed, the rest kept.
  await list(page).getByRole('link', { name: 'Priya Shah' }).click()
  await page.getByRole('button', { name: 'Edit Priya Shah' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Edit Priya Shah' })).toBeVisible()
  await expect(page.getByRole('group', { name: 'Past project 1' }).getByLabel('Title')).toHaveValue('Garden waste subscriptions online')
  await expect(page.getByRole('group', { name: 'Where are they from?' }).getByLabel('Our council')).toBeChecked()
  await expectNoAxeViolations(page, 'edit mentor form')
  await page.getByLabel('How many teams can they mentor at once?').fill('3')
  await page.getByLabel('Availability (optional)').fill('Tuesday mornings')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Priya Shah' })).toBeVisible()
  await expect(page.locator('.govuk-summary-list')).toContainText('0 of 3 teams')
  await expect(page.locator('.govuk-summary-list')).toContainText('Tuesday mornings')
  await expect(page.getByRole('heading', { level: 3, name: 'Garden waste subscriptions online' })).toBeVisible()

  // Retire: kept, out of the list, back behind the checkbox; and restored.
  await page.getByRole('button', { name: 'Retire Priya Shah' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Priya Shah is retired. They are no longer suggested for projects' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: /Priya Shah/ }).getByText('Retired')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Restore Priya Shah' })).toBeVisible()
  await expectNoAxeViolations(page, 'retired mentor page')
  await page.getByRole('link', { name: 'Back to mentors' }).click()
  await expect(page.getByRole('heading', { level: 2, name: '1 mentor' })).toBeVisible()
  await expect(entries(page).getByRole('heading')).toHaveText(['Imran Qureshi'])
  await page.getByLabel('Show retired mentors (1)').check()
  await expect(entries(page).getByRole('heading')).toHaveText(['Imran Qureshi', 'Priya Shah Retired'])
  await expectNoAxeViolations(page, 'mentor directory with retired mentors')
  await list(page).getByRole('link', { name: 'Priya Shah' }).click()
  await page.getByRole('button', { name: 'Restore Priya Shah' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Priya Shah is back in the directory' })).toBeVisible()
  await page.getByRole('link', { name: 'Back to mentors' }).click()
  await expect(page.getByRole('heading', { level: 2, name: '2 mentors' })).toBeVisible()

  expect(consoleErrors).toEqual([])
})

test('a mentor can be added with the keyboard alone', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)

  // From the header to the form.
  await tabTo(page, page.getByRole('link', { name: 'Mentors', exact: true }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Mentors' })).toBeFocused()
  await tabTo(page, page.getByRole('button', { name: 'Add a mentor' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Add a mentor' })).toBeFocused()

  // Submitting empty: the summary takes focus; its first link leads to the name field.
  await tabTo(page, page.getByRole('button', { name: 'Add mentor' }))
  await page.keyboard.press('Enter')
  const summary = page.locator('.govuk-error-summary')
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link').first()).toHaveText('Enter the mentor’s name')
  await page.keyboard.press('Tab')
  await expect(summary.getByRole('link').first()).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused()

  await page.keyboard.type('Grace Mitchell')
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Organisation (optional)')).toBeFocused()
  await page.keyboard.type('Safe Homes Trust')
  // Radios: Tab into the group, arrows to choose.
  await tabTo(page, page.getByRole('group', { name: 'Where are they from?' }).getByLabel('Our council'))
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('group', { name: 'Where are they from?' }).getByLabel('Another organisation')).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('group', { name: 'Sector' }).getByLabel('Local government')).toBeFocused()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('group', { name: 'Sector' }).getByLabel('Charity or voluntary sector')).toBeChecked()
  await tabTo(page, page.getByLabel('Expertise (optional)'))
  await page.keyboard.type('homelessness, rough sleeping')
  await tabTo(page, page.getByRole('group', { name: 'Past project 1' }).getByLabel('Title'))
  await page.keyboard.type('Rough sleeping outreach app')
  await tabTo(page, page.getByLabel('How many teams can they mentor at once?'))
  await page.keyboard.type('1')
  await page.keyboard.press('Enter')

  await expect(page.getByRole('heading', { level: 1, name: 'Grace Mitchell' })).toBeVisible()
  await expect(page.locator('.govuk-summary-list')).toContainText('Charity or voluntary sector')
  await expect(page.getByRole('list', { name: 'Expertise' }).getByRole('listitem')).toHaveText(['homelessness', 'rough-sleeping'])
  expect(consoleErrors).toEqual([])
})
