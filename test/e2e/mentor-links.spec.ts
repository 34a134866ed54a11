// Issue 9: mentor links and session logs. A mentor added through the directory form is suggested
// for a similar project (with the reason), linked suggest → request → active, taken over capacity
// with a confirmation on a second project; a session is logged with an action that becomes a card,
// and the card links back to the session. The programme home shows mentor coverage. The same
// journey with the keyboard alone; axe-core on the section in each state.
import type { Locator, Page } from '@playwright/test'
import { completeWelcome, createProject, tabTo } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'

test.use({ actionTimeout: 20_000 })

// 10:00 London time (BST) on Monday 1 June 2026: sessions are dated today by default.
const NOW = new Date(Date.UTC(2026, 5, 1, 9, 0))

/** Through the directory's own form (the mentor-directory spec tests the form itself). */
async function addMentor(page: Page, name: string, capacity: number): Promise<void> {
  await page.getByRole('link', { name: 'Mentors', exact: true }).click()
  await page.getByRole('button', { name: 'Add a mentor' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Add a mentor' })).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Organisation (optional)').fill('NHS Northshire')
  await page.getByRole('group', { name: 'Where are they from?' }).getByLabel('Another organisation').check()
  await page.getByRole('group', { name: 'Sector' }).getByLabel('NHS').check()
  await page.getByLabel('Expertise (optional)').fill('accessibility, online forms')
  const past = page.getByRole('group', { name: 'Past project 1' })
  await past.getByLabel('Title').fill('Blue badge renewals online')
  await past.getByLabel('What they did (optional)').fill('Moved blue badge renewals online, with photo upload and proof of address.')
  await page.getByLabel('How many teams can they mentor at once?').fill(String(capacity))
  await page.getByRole('button', { name: 'Add mentor' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await page.getByRole('link', { name: 'Fortnight' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
}

function sectionLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name })
}

function linkEntry(page: Page, mentor: string): Locator {
  return page.locator('.app-mentor-links__item').filter({ hasText: mentor })
}

async function openMentors(page: Page): Promise<void> {
  await sectionLink(page, 'Mentors').click()
  await expect(page.getByRole('heading', { level: 2, name: 'Mentors', exact: true })).toBeVisible()
}

test('link a suggested mentor, go over capacity, log a session and make an action a card', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: NOW })
  await page.goto('/')
  await completeWelcome(page)
  await addMentor(page, 'Priya Shah', 1)
  await createProject(page, 'Blue badge photo checks')
  await page.getByRole('link', { name: 'Projects' }).first().click()
  await createProject(page, 'Blue badge renewals')

  // A suggestion with its reason.
  await openMentors(page)
  await expect(page.getByText('No mentors are linked to this project yet.')).toBeVisible()
  const suggestions = page.getByRole('list', { name: 'Suggested mentors' })
  await expect(suggestions.getByRole('heading', { name: 'Priya Shah' })).toBeVisible()
  await expect(suggestions).toContainText('Worked on “Blue badge renewals online”')
  await expectNoAxeViolations(page, 'mentors section with a suggestion')

  // suggest → request → active
  await page.getByRole('button', { name: 'Suggest Priya Shah' }).click()
  const entry = linkEntry(page, 'Priya Shah')
  await expect(entry.locator('.govuk-tag')).toHaveText('Suggested')
  await expect(entry).toContainText('Suggested since 1 June 2026, changed by Asha Patel')
  await expect(suggestions).toHaveCount(0)
  await entry.getByRole('button', { name: 'Mark as requested for Priya Shah' }).click()
  await expect(entry.locator('.govuk-tag')).toHaveText('Requested')
  await entry.getByRole('button', { name: 'Mark as active for Priya Shah' }).click()
  await expect(entry.locator('.govuk-tag')).toHaveText('Active')
  await expect(entry.getByRole('button', { name: 'End mentoring for Priya Shah' })).toBeVisible()
  await entry.getByText('History').click()
  await expect(entry.locator('.app-mentor-links__history li')).toHaveText([/^Suggested: 1 Jun 2026, 10:00, by Asha Patel$/, /^Requested: /, /^Active: /])
  await expectNoAxeViolations(page, 'mentors section with an active mentor')

  // Coverage on the programme home: the other project has no active mentor.
  await page.getByRole('link', { name: 'Projects' }).first().click()
  const coverage = page.getByRole('region', { name: 'Mentor coverage' })
  await expect(coverage).toContainText('1 of 2 projects have no active mentor.')
  await expect(page.getByRole('list', { name: 'Change projects' })).toContainText('1 active mentor')
  await coverage.getByText('Projects with no active mentor').click()
  await expectNoAxeViolations(page, 'programme home with mentor coverage')
  await screenshot(page, 'mentor-coverage', { fullPage: true })
  await coverage.getByRole('link', { name: 'Find a mentor for Blue badge photo checks' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Mentors', exact: true })).toBeVisible()

  // The second project takes the mentor over capacity, with a confirmation.
  await expect(page.getByRole('list', { name: 'Suggested mentors' })).toContainText('At capacity')
  await page.getByRole('button', { name: 'Suggest Priya Shah' }).click()
  const second = linkEntry(page, 'Priya Shah')
  await second.getByRole('button', { name: 'Mark as requested for Priya Shah' }).click()
  await second.getByRole('button', { name: 'Mark as active for Priya Shah' }).click()
  const warning = page.getByRole('group', { name: /Priya Shah already mentors 1 team, and their capacity is 1/ })
  await expect(warning).toBeFocused()
  await expect(second.locator('.govuk-tag')).toHaveText('Requested')
  await expectNoAxeViolations(page, 'mentors section asking to go over capacity')
  await warning.getByRole('button', { name: 'Yes, go over capacity' }).click()
  await expect(second.locator('.govuk-tag')).toHaveText('Active')

  // Log a session with notes and two actions.
  await expect(page.getByLabel('Date of the session')).toHaveValue('2026-06-01')
  await page.getByRole('textbox', { name: 'Notes (optional)' }).click()
  await page.keyboard.type('Talked through the appeals backlog.')
  await page.getByLabel('Agreed actions (optional)').fill('Ask IG about data sharing\nDraft the privacy notice')
  await page.getByRole('button', { name: 'Log session' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Session with Priya Shah on 1 June 2026 logged.' })).toBeVisible()
  const session = page.getByRole('region', { name: 'Session with Priya Shah on 1 June 2026' })
  await expect(session.getByRole('heading', { level: 3 })).toBeFocused()
  await expect(session.getByRole('textbox', { name: 'Notes' })).toHaveText('Talked through the appeals backlog.')
  await expect(page.getByRole('textbox', { name: 'Notes (optional)' })).toHaveText('')
  await expect(session.getByRole('heading', { level: 4, name: 'Notes and comments from the mentor' })).toBeVisible()

  // An action becomes a card in one step, linked both ways.
  await session.getByRole('button', { name: 'Make a card from “Ask IG about data sharing”' }).click()
  const cardLink = session.getByRole('link', { name: 'Ask IG about data sharing' })
  await expect(cardLink).toBeFocused()
  await expect(session.getByRole('button', { name: 'Make a card from “Draft the privacy notice”' })).toBeVisible()
  await expectNoAxeViolations(page, 'mentors section with a session and a card made from an action')
  await screenshot(page, 'mentor-links', { fullPage: true })
  await cardLink.click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('heading', { name: 'Ask IG about data sharing' })).toBeVisible()
  await expectNoAxeViolations(page, 'card made from a session action')
  await screenshot(page, 'mentor-card-origin')
  await dialog.getByRole('link', { name: 'From mentor session on 1 June 2026 with Priya Shah' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Mentors', exact: true })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Session with Priya Shah on 1 June 2026' })).toBeVisible()

  // The board has the card, and the project page says who mentors it.
  await sectionLink(page, 'Board').click()
  await expect(page.getByRole('region', { name: 'Board' }).getByRole('link', { name: 'Ask IG about data sharing' })).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('the same journey with the keyboard alone', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: NOW })
  await page.goto('/')
  await completeWelcome(page)
  // Not taking teams just now (capacity 0): making them active asks for the confirmation at once.
  await addMentor(page, 'Tom Ellis', 0)
  await createProject(page, 'Blue badge renewals')

  await tabTo(page, sectionLink(page, 'Mentors'))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Mentors', exact: true })).toBeVisible()
  await tabTo(page, page.getByRole('button', { name: 'Suggest Tom Ellis' }))
  await page.keyboard.press('Enter')
  const entry = linkEntry(page, 'Tom Ellis')
  await expect(entry.locator('strong').first()).toBeFocused()
  await tabTo(page, entry.getByRole('button', { name: 'Mark as requested for Tom Ellis' }))
  await page.keyboard.press('Enter')
  await expect(entry.locator('.govuk-tag')).toHaveText('Requested')
  await tabTo(page, entry.getByRole('button', { name: 'Mark as active for Tom Ellis' }))
  await page.keyboard.press('Enter')
  const warning = page.getByRole('group', { name: /Tom Ellis already mentors 0 teams, and their capacity is 0/ })
  await expect(warning).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(warning.getByRole('button', { name: 'Yes, go over capacity' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(entry.locator('.govuk-tag')).toHaveText('Active')
  await expect(entry.locator('strong').first()).toBeFocused()

  await tabTo(page, page.getByRole('textbox', { name: 'Notes (optional)' }))
  await page.keyboard.type('Agreed a plan for the pilot.')
  await tabTo(page, page.getByLabel('Agreed actions (optional)'))
  await page.keyboard.type('Book the pilot venue')
  await tabTo(page, page.getByRole('button', { name: 'Log session' }))
  await page.keyboard.press('Enter')
  const session = page.getByRole('region', { name: 'Session with Tom Ellis on 1 June 2026' })
  await expect(session.getByRole('heading', { level: 3 })).toBeFocused()
  await tabTo(page, session.getByRole('button', { name: 'Make a card from “Book the pilot venue”' }))
  await page.keyboard.press('Enter')
  const cardLink = session.getByRole('link', { name: 'Book the pilot venue' })
  await expect(cardLink).toBeFocused()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('heading', { name: 'Book the pilot venue' })).toBeVisible()
  const back = dialog.getByRole('link', { name: 'From mentor session on 1 June 2026 with Tom Ellis' })
  await tabTo(page, back)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Mentors', exact: true })).toBeVisible()
  await expectNoAxeViolations(page, 'mentors section after the keyboard journey')
  expect(consoleErrors).toEqual([])
})
