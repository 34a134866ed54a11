// Issue 3: a two-week ship cycle from plan to decision, by mouse and by keyboard alone.
//
// Dates: the app uses the browser's real clock. These tests set that clock with Playwright's
// page.clock (Date in the page is faked; nothing in the app changes), so the flow runs on known
// dates: planned on Friday 29 May 2026, worked on from Monday 1 June, reviewed on Monday 15 June.
import type { Page } from '@playwright/test'
import { addCard, cardTitles, column, completeWelcome, createProject, dragCard, tabTo } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'

/** 10:00 in London (BST) on a day of 2026. */
const london = (month: number, day: number, hour = 10): Date => new Date(Date.UTC(2026, month - 1, day, hour - 1))

async function jumpTo(page: Page, when: Date): Promise<void> {
  await page.clock.setSystemTime(when)
}

function graphRow(page: Page, date: string) {
  return page.getByRole('table', { name: 'Cards in the cycle, day by day' }).getByRole('row', { name: new RegExp(`^${date}`) })
}

async function rowCells(page: Page, date: string): Promise<string[]> {
  return graphRow(page, date).locator('td').allInnerTexts()
}

test('a team plans a cycle, works it, hears feedback and pivots; unfinished cards roll into the next cycle', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: london(5, 29) })
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Garden waste renewals')

  // The board shows the coming cycle straight away.
  const header = page.getByRole('region', { name: 'Cycle 1' })
  await expect(header).toContainText('1 June 2026 to 12 June 2026')
  await expect(header).toContainText('Planned')
  for (const title of ['Map the renewal journey', 'Interview five residents', 'Prototype the new form', 'Fix the payment page']) await addCard(page, 'To do', title)

  // Plan: goal and cards.
  await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Cycles' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Cycles', exact: true })).toBeVisible()
  await expectNoAxeViolations(page, 'cycles overview')
  await page.getByRole('link', { name: 'Plan and review cycle 1' }).click()
  await expect(page).toHaveTitle(/^Cycle 1 – Garden waste renewals/)
  await expect(page.getByText('Set a goal before the cycle starts')).toBeVisible()
  await expectNoAxeViolations(page, 'cycle page before planning')
  await page.getByLabel('Goal: what will you ship in this cycle?').fill('Residents can renew online')
  await page.getByRole('button', { name: 'Save goal' }).click()
  await expect(page.getByText('Set a goal before the cycle starts')).toBeHidden()
  const backlog = page.getByRole('group', { name: 'Commit cards from the backlog' })
  for (const title of ['Map the renewal journey', 'Interview five residents', 'Prototype the new form']) await backlog.getByLabel(title).check()
  await page.getByRole('button', { name: 'Commit to cycle 1' }).click()
  const committed = page.getByRole('list', { name: 'Committed cards' })
  await expect(committed.getByRole('listitem')).toHaveCount(3)
  await expect(committed).not.toContainText('Added after the start')

  // Tuesday 2 June: work the board.
  await jumpTo(page, london(6, 2))
  await page.getByRole('link', { name: 'Board', exact: true }).click()
  await expect(header).toContainText('Active')
  await expect(header).toContainText('9 working days left')
  await expect(header).toContainText('Residents can renew online')
  await dragCard(page, 'Map the renewal journey', column(page, 'Done').locator('ol'))
  await expect.poll(() => cardTitles(page, 'Done')).toEqual(['Map the renewal journey'])
  await dragCard(page, 'Interview five residents', column(page, 'Doing').locator('ol'))
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Interview five residents'])
  await expect(header.locator('[data-count=committed]')).toHaveText('3')
  await expect(header.locator('[data-count=started]')).toHaveText('2')
  await expect(header.locator('[data-count=done]')).toHaveText('1')
  // Only the cycle's cards.
  await page.getByLabel('Current cycle only (cycle 1)').check()
  expect(await cardTitles(page, 'To do')).toEqual(['Prototype the new form'])
  await expectNoAxeViolations(page, 'board filtered to the current cycle')
  await page.getByLabel('Current cycle only (cycle 1)').uncheck()
  expect(await cardTitles(page, 'To do')).toEqual(['Prototype the new form', 'Fix the payment page'])

  // Monday 15 June: review and decide.
  await jumpTo(page, london(6, 15))
  await page.getByRole('link', { name: 'Cycle 1', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Cycle 1' })).toContainText('In review')
  await page.getByRole('textbox', { name: 'Show and tell' }).click()
  await page.keyboard.type('Showed the new renewal form to the waste team.')
  await page.getByLabel('Who said it').fill('Resident at Anytown library')
  await page.getByRole('group', { name: 'Where it came from' }).getByLabel('User research').check()
  await page.getByLabel('What they said').fill('I could not find where to renew')
  await page.getByRole('group', { name: 'Cards it is about (optional)' }).getByLabel('Prototype the new form').check()
  await page.getByRole('button', { name: 'Add feedback' }).click()
  const inbox = page.getByRole('list', { name: 'Feedback inbox' })
  await expect(inbox).toContainText('Resident at Anytown library')
  await expect(inbox).toContainText('User research')
  await expect(inbox.getByRole('link', { name: 'Prototype the new form' })).toBeVisible()

  await page.getByLabel('Pivot').check()
  await page.getByLabel('The new direction').fill('Start from the reminder letter, not the website')
  await page.getByLabel(/Resident at Anytown library \(User research\)/).check()
  await expectNoAxeViolations(page, 'cycle review with the decision form')
  await page.getByRole('button', { name: 'Record decision and close cycle 1' }).click()
  const banner = page.getByRole('alert').filter({ hasText: 'Cycle 1 is closed' })
  await expect(banner).toContainText('2 unfinished cards moved to cycle 2')

  // The graph, read from the activity log, matches what happened (and its table says so).
  await expect(page.getByRole('table', { name: 'Cards in the cycle, day by day' })).toBeVisible()
  expect(await rowCells(page, 'Monday 1 June 2026')).toEqual(['Yes', '3', '0', '0', '0.3'])
  expect(await rowCells(page, 'Tuesday 2 June 2026')).toEqual(['Yes', '3', '2', '1', '0.6'])
  expect(await rowCells(page, 'Saturday 6 June 2026')).toEqual(['No', '3', '2', '1', '1.5'])
  expect(await rowCells(page, 'Friday 12 June 2026')).toEqual(['Yes', '3', '2', '1', '3.0'])
  await expect(page.locator('.app-cycle-graph .recharts-wrapper > svg.recharts-surface')).toBeVisible()
  await expect(page.getByText('Superseded')).toHaveCount(0)
  await expectNoAxeViolations(page, 'closed cycle with its graph and decision')
  // The closed cycle's header counts are as they stood at the close, not after the rollover.
  const closedHeader = page.getByRole('region', { name: 'Cycle 1' })
  await expect(closedHeader.locator('[data-count=committed]')).toHaveText('3')
  await expect(closedHeader.locator('[data-count=started]')).toHaveText('2')
  await expect(closedHeader.locator('[data-count=done]')).toHaveText('1')
  await page.setViewportSize({ width: 1280, height: 1500 })
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, 'cycle')
  await page.setViewportSize({ width: 1280, height: 800 })

  // Decision log.
  await page.getByRole('link', { name: 'All cycles' }).click()
  await expect(page.locator('#velocity-table')).toContainText('Cycle 1')
  expect(await page.locator('#velocity-table tbody td').allInnerTexts()).toEqual(['3', '1', '33%'])
  await expect(page.locator('#forecast')).toContainText('about 1 cards')
  await expect(page.getByText('Current direction')).toBeVisible()
  await page.getByRole('link', { name: 'Decision log' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Decision log' })).toBeVisible()
  const log = page.locator('.app-decision-log')
  await expect(log).toContainText('Pivot')
  await expect(log).toContainText('Start from the reminder letter, not the website')
  await expect(log).toContainText('I could not find where to renew')
  await expect(log).toContainText('Asha Patel on 15 Jun 2026, 10:')
  await expectNoAxeViolations(page, 'decision log')

  // The unfinished cards are in cycle 2, from its start.
  await page.getByRole('link', { name: 'Cycle 1', exact: true }).click()
  await page.getByRole('link', { name: 'All cycles' }).click()
  await page.getByRole('link', { name: 'Cycle 2', exact: true }).first().click()
  const next = page.getByRole('list', { name: 'Committed cards' })
  await expect(next.getByRole('listitem')).toHaveCount(2)
  await expect(next).toContainText('Interview five residents')
  await expect(next).toContainText('Prototype the new form')
  await expect(next).not.toContainText('Added after the start')
  await expect(page.getByRole('region', { name: 'Cycle 2' })).toContainText('Active')
  expect(consoleErrors).toEqual([])
})

test('with the circuit breaker set in programme settings, unfinished cards go back to the backlog', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: london(5, 29) })
  await page.goto('/')
  await completeWelcome(page)
  // Opened by address: a focused header link is drawn black on blue (the header's style, not this
  // screen's), which axe rightly flags; reported separately.
  await page.goto('/#/settings')
  await expect(page.getByRole('heading', { name: 'Cycle rules' })).toBeVisible()
  await expectNoAxeViolations(page, 'programme settings with cycle rules')
  await page.getByLabel('Circuit breaker: send them back to the backlog').check()
  await page.getByRole('button', { name: 'Save cycle rules' }).click()
  await expect(page.getByText('Cycle rules saved.')).toBeVisible()
  await page.getByRole('button', { name: /Add England and Wales bank holidays/ }).click()
  await expect(page.getByText('Added 32 England and Wales bank holidays.')).toBeVisible()
  await page.getByRole('link', { name: 'Fortnight', exact: true }).click()
  await createProject(page, 'Blue badge applications')
  await addCard(page, 'To do', 'Draft eligibility questions')
  await addCard(page, 'To do', 'Test with residents')

  await page.goto(page.url() + '/cycles/1')
  for (const t of ['Draft eligibility questions', 'Test with residents']) await page.getByRole('group', { name: 'Commit cards from the backlog' }).getByLabel(t).check()
  await page.getByRole('button', { name: 'Commit to cycle 1' }).click()
  await expect(page.getByRole('list', { name: 'Committed cards' }).getByRole('listitem')).toHaveCount(2)

  await jumpTo(page, london(6, 3))
  await page.getByRole('link', { name: 'Board', exact: true }).click()
  await dragCard(page, 'Draft eligibility questions', column(page, 'Done').locator('ol'))
  await expect.poll(() => cardTitles(page, 'Done')).toEqual(['Draft eligibility questions'])

  await jumpTo(page, london(6, 15))
  await page.getByRole('link', { name: 'Cycle 1', exact: true }).click()
  await expect(page.getByText('The programme uses a circuit breaker: closing sends 1 unfinished card back to the backlog.')).toBeVisible()
  await page.getByLabel('Persevere').check()
  await page.getByRole('button', { name: 'Record decision and close cycle 1' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Cycle 1 is closed' })).toContainText('1 unfinished card went back to the backlog')

  await page.getByRole('link', { name: 'All cycles' }).click()
  await page.getByRole('link', { name: 'Cycle 2', exact: true }).first().click()
  await expect(page.getByText('No cards committed to this cycle.')).toBeVisible()
  await expect(page.getByRole('group', { name: 'Commit cards from the backlog' }).getByLabel('Test with residents')).toBeVisible()
  await expect(page.getByRole('group', { name: 'Commit cards from the backlog' }).getByLabel('Draft eligibility questions')).toHaveCount(0)
  expect(consoleErrors).toEqual([])
})

test('the same cycle flow with the keyboard alone', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: london(5, 29) })
  await page.goto('/')
  await tabTo(page, page.getByLabel('Your name'))
  await page.keyboard.type('Sam Okafor')
  await tabTo(page, page.getByRole('button', { name: 'Start using Fortnight' }))
  await page.keyboard.press('Enter')
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

  // Plan.
  await tabTo(page, page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Cycles' }), 120, 'Shift+Tab')
  await page.keyboard.press('Enter')
  await tabTo(page, page.getByRole('link', { name: 'Plan and review cycle 1' }))
  await page.keyboard.press('Enter')
  await tabTo(page, page.getByLabel('Goal: what will you ship in this cycle?'))
  await page.keyboard.type('Tenants can report a repair online')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Goal saved.')).toBeVisible()
  for (const t of ['Shadow the repairs desk', 'Sketch the online form']) {
    await tabTo(page, page.getByRole('group', { name: 'Commit cards from the backlog' }).getByLabel(t))
    await page.keyboard.press('Space')
  }
  await tabTo(page, page.getByRole('button', { name: 'Commit to cycle 1' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('list', { name: 'Committed cards' }).getByRole('listitem')).toHaveCount(2)

  // Work: move a card to Done with dnd-kit's keyboard sensor.
  await jumpTo(page, london(6, 2))
  await tabTo(page, page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Board' }), 120, 'Shift+Tab')
  await page.keyboard.press('Enter')
  await tabTo(page, page.getByRole('button', { name: 'Move card: Shadow the repairs desk' }))
  await page.keyboard.press('Space')
  await expect(page.locator('[id^=DndLiveRegion]')).toContainText('Shadow the repairs desk is over position 1 in To do')
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('[id^=DndLiveRegion]')).toContainText('in Doing')
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('[id^=DndLiveRegion]')).toContainText('in Done')
  await page.keyboard.press('Space')
  await expect.poll(() => cardTitles(page, 'Done')).toEqual(['Shadow the repairs desk'])
  await expect(page.getByRole('region', { name: 'Cycle 1' }).locator('[data-count=done]')).toHaveText('1')

  // Review: feedback, then a pivot with it as evidence.
  await jumpTo(page, london(6, 15))
  await tabTo(page, page.getByRole('link', { name: 'Cycle 1', exact: true }), 120, 'Shift+Tab')
  await page.keyboard.press('Enter')
  await tabTo(page, page.getByLabel('Who said it'))
  await page.keyboard.type('Repairs desk supervisor')
  // A radio group is one tab stop; arrows choose within it.
  await tabTo(page, page.getByLabel('User research'))
  await page.keyboard.press('ArrowDown')
  await expect(page.getByLabel('Demo or show and tell')).toBeChecked()
  await tabTo(page, page.getByLabel('What they said'))
  await page.keyboard.type('Half the calls are about damp')
  await tabTo(page, page.getByRole('button', { name: 'Add feedback' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('list', { name: 'Feedback inbox' })).toContainText('Repairs desk supervisor')
  await tabTo(page, page.getByLabel('Persevere'))
  await page.keyboard.press('ArrowDown')
  await expect(page.getByLabel('Pivot')).toBeChecked()
  await tabTo(page, page.getByLabel('The new direction'))
  await page.keyboard.type('Focus on damp and mould reports')
  await tabTo(page, page.getByLabel(/Repairs desk supervisor \(Demo or show and tell\)/))
  await page.keyboard.press('Space')
  await tabTo(page, page.getByRole('button', { name: 'Record decision and close cycle 1' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: 'Cycle 1 is closed' })).toContainText('1 unfinished card moved to cycle 2')
  expect(await rowCells(page, 'Friday 12 June 2026')).toEqual(['Yes', '2', '1', '1', '2.0'])
  await expectNoAxeViolations(page, 'closed cycle reached by keyboard')

  await tabTo(page, page.getByRole('link', { name: 'cycle 2' }), 120, 'Shift+Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('list', { name: 'Committed cards' })).toContainText('Sketch the online form')
  expect(consoleErrors).toEqual([])
})
