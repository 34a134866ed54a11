// Issue 10: a team fills in the Pipeline's fields, sees what is missing with links straight to the
// field, exports the files (compared byte for byte with test/fixtures/pipeline/e2e/), does the
// same by keyboard alone, and publishes each closed cycle to a Pipeline-shaped server
// (test/support/pipelineServer.ts, started here on loopback) that fails once and recovers.
//
// The page's clock is fixed (page.clock.setFixedTime): every time the app writes is the same on
// every run, so the downloaded files can be compared to the byte. Timers still run.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Download, Page } from '@playwright/test'
import { completeWelcome, createProject, expectSaved, tabTo } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'
import { startPipelineServer, type PipelineServer } from '../support/pipelineServer'

const GOLDEN = resolve(import.meta.dirname, '../fixtures/pipeline/e2e')
/** Tuesday 1 December 2026, 10:00 in London (GMT): cycle 1 runs 1 to 14 December. */
const DEC1 = new Date(Date.UTC(2026, 11, 1, 10))
const DEC15 = new Date(Date.UTC(2026, 11, 15, 10))

test.use({ viewport: { width: 1280, height: 1200 } })

async function start(page: Page, project: string): Promise<void> {
  await page.clock.setFixedTime(DEC1)
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, project)
}

async function openExport(page: Page): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/export'))
  await expect(page.getByRole('heading', { level: 1, name: 'Report to the Pipeline' })).toBeVisible()
}

async function checkProjects(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Check (and preview|again)$/ }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Check before you report' })).toBeVisible()
}

function projectNav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name, exact: true })
}

async function fillPipelineFields(page: Page, pipelineId: string): Promise<void> {
  await page.getByLabel('Department').fill('Environment and Place')
  await page.getByLabel('Key contact', { exact: true }).fill('Asha Patel')
  await page.getByLabel('Key contact’s email address').fill('asha.patel@anytown.gov.uk')
  await page.getByLabel('Agile lifecycle phase').selectOption('Prototype')
  await page.getByLabel('Phase start').fill('2026-12-01')
  await page.getByLabel('Phase end').fill('2027-03-31')
  await page.getByLabel('These dates are estimates').check()
  await page.getByLabel('Next service assessment (optional)').fill('2027-04-15')
  await page.getByLabel('Funding boundary').selectOption({ label: '£50K–£100K' })
  await page.getByLabel('Collaboration level').selectOption('Open To Conversation')
  await page.getByLabel('Other organisations may collaborate on this project').check()
  await page.getByLabel('Project language').selectOption('JavaScript')
  await page.getByLabel('Pipeline id (optional)').fill(pipelineId)
  await page.getByRole('button', { name: 'Save project details' }).click()
  await expect(page.getByText('Project details saved.')).toBeVisible()
}

async function closeCycle(page: Page, n: number, goal: string): Promise<void> {
  await projectNav(page, 'Cycles').click()
  await page.getByRole('link', { name: `Plan and review cycle ${n}` }).click()
  // An active cycle without a goal also shows a goal prompt above the page: use the cycle page's own form (the last).
  await page.getByLabel('Goal: what will you ship in this cycle?').last().fill(goal)
  await page.getByRole('button', { name: 'Save goal' }).last().click()
  await expect(page.getByText('Goal saved.')).toBeVisible()
  await page.getByLabel('Persevere', { exact: true }).check()
  await page.getByRole('button', { name: `Record decision and close cycle ${n}` }).click()
  await expect(page.getByRole('alert').filter({ hasText: `Cycle ${n} is closed` })).toBeVisible()
}

async function downloaded(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8')
}

/** Compare with the golden file; FORTNIGHT_UPDATE_GOLDEN=1 writes it instead (then review the diff). */
function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name)
  if (process.env.FORTNIGHT_UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true })
    writeFileSync(path, actual)
  }
  expect(actual, `${name} differs from test/fixtures/pipeline/e2e/${name}`).toBe(readFileSync(path, 'utf8'))
}

test('fill the Pipeline fields, follow the linter to each field, export and compare the files', async ({ page, consoleErrors }) => {
  await start(page, 'Garden waste subscriptions')
  await openExport(page)
  await checkProjects(page)
  const toFix = page.getByRole('list', { name: /^To fix in Garden waste subscriptions/ })
  await expect(toFix.getByRole('link')).toContainText([
    'Enter your organisation’s Pipeline id in Programme settings',
    'Enter the department the project sits in',
    'Enter the key contact (the project’s owner on the Pipeline)',
    'Enter the key contact’s email address'
  ])
  await expect(page.getByRole('heading', { name: /Garden waste subscriptions/ })).toContainText('4 errors')
  await expectNoAxeViolations(page, 'export page with linter errors')

  // Each error's link opens the form with that field focused.
  await toFix.getByRole('link', { name: 'Enter the key contact’s email address' }).click()
  await expect(page.getByLabel('Key contact’s email address')).toBeFocused()

  // A mistyped address is explained, GOV.UK style, before anything is saved.
  await page.getByLabel('Key contact’s email address').fill('asha at anytown')
  await page.getByRole('button', { name: 'Save project details' }).click()
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' }).first()
  await expect(summary).toContainText('Enter an email address in the correct format, like name@example.com')
  await expectNoAxeViolations(page, 'project details with an error')
  await summary.getByRole('link', { name: 'Enter an email address in the correct format, like name@example.com' }).click()
  await expect(page.getByLabel('Key contact’s email address')).toBeFocused()
  await fillPipelineFields(page, '1234')
  for (const tag of ['garden waste', 'subscriptions', 'payments']) {
    await page.getByLabel('Add a tag').fill(tag)
    await page.getByRole('button', { name: 'Add tag' }).click()
    await expect(page.getByRole('list', { name: 'Tags' })).toContainText(tag.replace(' ', '-'))
  }
  await page.getByRole('textbox', { name: 'Problem statement' }).click()
  await page.keyboard.type('Residents pay for garden waste collections by phone.')
  await expectNoAxeViolations(page, 'project details with the Pipeline fields')

  // The organisation's id is a programme setting: its link leads there.
  await openExport(page)
  await checkProjects(page)
  await page.getByRole('link', { name: 'Enter your organisation’s Pipeline id in Programme settings' }).click()
  await expect(page.getByLabel('Organisation’s Pipeline id')).toBeFocused()
  await page.getByLabel('Organisation’s Pipeline id').fill('42')
  await page.getByRole('button', { name: 'Save Pipeline settings' }).click()
  await expect(page.getByText('Pipeline settings saved.')).toBeVisible()

  await page.evaluate(() => window.history.back())
  await expect(page.getByRole('heading', { level: 1, name: 'Report to the Pipeline' })).toBeVisible()
  await page.evaluate(() => (window.location.hash = '#/'))
  await page.getByRole('link', { name: 'Garden waste subscriptions' }).first().click()
  await closeCycle(page, 1, 'Residents can subscribe online')
  await expectSaved(page)

  await openExport(page)
  await checkProjects(page)
  await expect(page.getByRole('heading', { name: /Garden waste subscriptions/ })).toContainText('Ready')
  await page.getByText('What changed since you last reported Garden waste subscriptions').click()
  await expect(page.getByText('Not reported before: everything is new, with 1 status update.')).toBeVisible()
  await expectNoAxeViolations(page, 'export page, ready, with the publish panel')

  for (const name of ['pipeline-projects.json', 'pipeline-project-garden-waste-subscriptions.json', 'PipelineReports.csv']) {
    const wait = page.waitForEvent('download')
    await page.getByRole('button', { name: `Save ${name}` }).click()
    const file = await wait
    expect(file.suggestedFilename()).toBe(name)
    expectGolden(name, await downloaded(file))
  }
  await expect(page.getByText('Saved', { exact: true })).toHaveCount(3)

  // The export is remembered: checking again says nothing changed since.
  await checkProjects(page)
  await page.getByText('What changed since you last reported Garden waste subscriptions').click()
  await expect(page.getByText('Nothing has changed since Asha Patel reported it on 1 Dec 2026, 10:00.')).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('the export journey by keyboard alone', async ({ page, consoleErrors }) => {
  await start(page, 'Pest control bookings')
  await openExport(page)
  const box = page.getByLabel('Pest control bookings')
  await tabTo(page, box)
  await page.keyboard.press('Space')
  await expect(box).not.toBeChecked()
  await page.keyboard.press('Space')
  await expect(box).toBeChecked()
  await tabTo(page, page.getByRole('button', { name: 'Check and preview' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Check before you report' })).toBeFocused()

  const save = page.getByRole('button', { name: 'Save pipeline-projects.json' })
  await tabTo(page, save)
  const wait = page.waitForEvent('download')
  await page.keyboard.press('Enter')
  const summaries = JSON.parse(await downloaded(await wait)) as { Title: string; Id: number }[]
  expect(summaries.map((s) => [s.Title, s.Id])).toEqual([['Pest control bookings', 0]])

  // Back up to an error and follow it: focus lands in the field, ready to type.
  const link = page.getByRole('link', { name: 'Enter the department the project sits in' })
  await tabTo(page, link, 80, 'Shift+Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Department')).toBeFocused()
  await page.keyboard.type('Public health')
  await tabTo(page, page.getByRole('button', { name: 'Save project details' }))
  await page.keyboard.press('Enter')
  await expect(page.getByText('Project details saved.')).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('reading more than a few projects shows a progress bar as it goes', async ({ page, consoleErrors }) => {
  await start(page, 'Housing repairs')
  for (const name of ['Council tax reminders', 'Library room bookings', 'Parking permits']) {
    await page.evaluate(() => (window.location.hash = '#/'))
    await createProject(page, name)
  }
  await openExport(page)
  await expect(page.getByRole('checkbox')).toHaveCount(4)
  // The bar may come and go between two polls: record every value it shows.
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { progressSeen: string[] }).progressSeen = seen
    new MutationObserver(() => {
      const bar = document.querySelector('[role=progressbar]')
      if (bar) seen.push(`${bar.getAttribute('aria-valuenow')}/${bar.getAttribute('aria-valuemax')} ${bar.getAttribute('aria-labelledby') ? document.getElementById(bar.getAttribute('aria-labelledby')!)?.textContent : ''}`)
    }).observe(document.body, { subtree: true, childList: true, attributes: true })
  })
  await checkProjects(page)
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)
  // From 0 of 4 to 4 of 4, moving up as each project is read (two steps may share one paint).
  const values = [...new Set(seen)]
  expect(values.every((v) => v.endsWith('/4 Reading the projects'))).toBe(true)
  const done = values.map((v) => Number(v.split('/')[0]))
  expect(done[0]).toBe(0)
  expect(done[done.length - 1]).toBe(4)
  expect(done).toEqual([...done].sort((a, b) => a - b))
  expect(done.length).toBeGreaterThanOrEqual(3)
  await expect(page.getByRole('progressbar')).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 3 })).toHaveCount(4)
  expect(consoleErrors).toEqual([])
})

test.describe('publishing to a Pipeline', () => {
  // Browser mode publishes with fetch, which the page's CSP must allow; the static test server sends
  // the desktop app's CSP (connect-src 'self' ws: wss:), under which only the desktop app's IPC may
  // publish. So this test lifts the CSP, as a host that allows its Pipeline's address would.
  test.use({ bypassCSP: true })
  let server: PipelineServer
  test.beforeAll(async () => {
    server = await startPipelineServer()
  })
  test.afterAll(async () => server.close())

  test('each closed cycle is published once; a failure stays pending and is retried', async ({ page, consoleErrors }) => {
    await start(page, 'Blue badge renewals')
    await projectNav(page, 'Project details').click()
    await page.getByLabel('Pipeline id (optional)').fill('77')
    await page.getByRole('button', { name: 'Save project details' }).click()
    await expect(page.getByText('Project details saved.')).toBeVisible()
    await closeCycle(page, 1, 'Residents can renew online')

    await page.evaluate(() => (window.location.hash = '#/settings'))
    await page.getByLabel('Pipeline address (optional)').fill(server.url)
    await page.getByRole('button', { name: 'Save Pipeline settings' }).click()
    await expect(page.getByText('Pipeline settings saved.')).toBeVisible()

    await openExport(page)
    await checkProjects(page)
    const panel = page.getByRole('region', { name: 'Publish status updates' })
    await expect(panel).toContainText('Blue badge renewals: cycle 1 to publish.')
    await panel.getByRole('button', { name: 'Publish 1 status update' }).click()
    await expect(panel.getByRole('status').filter({ hasText: '1 status update is on the Pipeline.' })).toBeVisible()
    expect(server.updatesOf(77)).toEqual([
      {
        Id: 1,
        PageId: 77,
        UpdateDate: '2026-12-01T10:00:00',
        Text: 'Cycle 1 (1 December 2026 to 14 December 2026)\nGoal: Residents can renew online\nDecision: Persevere.\nEvidence: none recorded',
        Author: 'Asha Patel'
      }
    ])
    await expect(panel).toContainText('Blue badge renewals: all published (cycle 1).')
    await expect(panel.getByRole('button', { name: 'Nothing to publish' })).toBeDisabled()

    // A fortnight later: cycle 2 closes, and the Pipeline fails the first time.
    await page.clock.setFixedTime(DEC15)
    await page.evaluate(() => (window.location.hash = '#/'))
    await page.getByRole('link', { name: 'Blue badge renewals' }).first().click()
    await closeCycle(page, 2, 'Residents can renew by phone')
    server.failNext(1, '500')
    await openExport(page)
    await checkProjects(page)
    await panel.getByRole('button', { name: 'Publish 1 status update' }).click()
    const failure = panel.getByRole('alert')
    await expect(failure).toContainText('1 status update was not published')
    await expect(failure).toContainText(`Blue badge renewals, cycle 2: The Pipeline at ${server.url} did not accept it: it had a problem of its own (500). It stays pending: try again`)
    await expectNoAxeViolations(page, 'publish panel with a failed update')
    await failure.getByRole('button', { name: 'Try again' }).click()
    await expect(panel.getByRole('status').filter({ hasText: '1 status update is on the Pipeline.' })).toBeVisible()
    expect(server.updatesOf(77).map((u) => [u.Id, u.UpdateDate])).toEqual([
      [1, '2026-12-01T10:00:00'],
      [2, '2026-12-15T10:00:00']
    ])
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([200, 500, 200])
    // Chromium logs the failed request itself ("the server responded with a status of 500"): that one is the test's doing.
    expect(consoleErrors.filter((e) => !e.includes('status of 500'))).toEqual([])
  })
})
