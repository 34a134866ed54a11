// Issue 10, look sideways: import a Pipeline catalogue (its CSV report with poor rows, then its JSON),
// read the report of poor rows by line and item number, search the catalogue with the network off,
// and see similar projects for a project description; a refused file changes nothing; the same
// file twice updates; the whole import with the keyboard alone; axe-core on every state.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { completeWelcome, tabTo } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'
import { generateCatalogue } from '../fixtures/pipeline-import/generate'

test.use({ actionTimeout: 20_000 })

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pipeline-import')
const UK_CSV = join(FIXTURES, 'pipeline-report-uk.csv')
const SUMMARY_JSON = join(FIXTURES, 'summary-list.json')

/** The catalogue page. (Reached by its address until the header or home page links to it.) */
async function openCatalogue(page: Page): Promise<void> {
  await page.goto('/#/catalogue')
  await expect(page.getByRole('heading', { level: 1, name: 'Sector catalogue' })).toBeVisible()
}

const fileInput = (page: Page) => page.getByLabel('Catalogue file')
const importButton = (page: Page) => page.getByRole('button', { name: 'Import catalogue' })
const countHeading = (page: Page) => page.locator('#catalogue-count')
const table = (page: Page, name: RegExp) => page.getByRole('table', { name })

/** Rows of a report table as "Line 5 | title | problem". */
async function rowsOf(page: Page, name: RegExp): Promise<string[]> {
  return table(page, name)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim()).join(' | ')))
}

/** Records whether a progress bar was ever on screen (imports of small files are over in a blink). */
async function watchForProgressBar(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress: string | null }
    w.sawProgress = null
    const observer = new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"], progress')
      if (bar && w.sawProgress === null) {
        const labelId = bar.getAttribute('aria-labelledby')
        w.sawProgress = (labelId ? document.getElementById(labelId)?.textContent : bar.getAttribute('aria-label')) ?? ''
        observer.disconnect()
      }
    })
    observer.observe(document.body, { subtree: true, childList: true })
  })
}
const sawProgress = (page: Page) => page.evaluate(() => (window as unknown as { sawProgress: string | null }).sawProgress)

test('import the Pipeline CSV and JSON, see poor rows by line, search offline, see similar projects', async ({ page, context, consoleErrors }) => {
  await page.goto('/')
  // Another council than the catalogue's Anytown projects: "similar projects at other councils"
  // leaves out the programme's own council.
  await completeWelcome(page, 'Asha Patel', 'Northshire County Council')
  await openCatalogue(page)
  await expect(page.getByText('The catalogue is empty. Import a catalogue file above to search it.')).toBeVisible()
  await expectNoAxeViolations(page, 'empty sector catalogue')

  // Nothing chosen: the error summary says so.
  await importButton(page).click()
  await expect(page.locator('.govuk-error-summary')).toBeFocused()
  await expect(page.locator('.govuk-error-summary').getByRole('link')).toHaveText('Select a catalogue file to import')

  // The Pipeline's own CSV report, with its quirks and some poor rows.
  await fileInput(page).setInputFiles(UK_CSV)
  await watchForProgressBar(page)
  await importButton(page).click()
  await expect(page.getByRole('heading', { name: 'Catalogue imported' })).toBeFocused()
  expect(await sawProgress(page)).toMatch(/^(Reading|Checking|Saving)/)
  await expect(page.locator('.govuk-error-summary')).toHaveCount(0)
  await expect(page.getByText('Imported 5 projects from pipeline-report-uk.csv (Pipeline admin report (CSV)): 5 added.')).toBeVisible()
  await expect(page.getByText("This file's dates were read as day/month/year (UK).")).toBeVisible()
  expect(await rowsOf(page, /^Rows not imported/)).toEqual([
    'Line 5 | No title | Title is empty: a project without a title cannot be shown or told apart',
    "Line 8 | Housing repairs booking | Has 9 values separated by commas; the Pipeline's report has 8 (Title, Organisation, Department, Owner, Owner email, Project start date, Project end date, Last updated): not imported",
    'Line 9 | Garden waste subscriptions online | Has the same title and organisation as line 3: not imported (the first is kept)'
  ])
  expect(await rowsOf(page, /^Imported with a problem/)).toEqual([
    'Line 6 | Allotment waiting list | Project start date “31/02/2019” is not a real date: left empty',
    "Line 7 | =cmd|' /C calc'!A0 | Title “=cmd|' /C calc'!A0” looks like a spreadsheet formula: kept as plain text, never run"
  ])
  await expect(countHeading(page)).toHaveText('5 projects')
  await expectNoAxeViolations(page, 'catalogue with an import report')
  await screenshot(page, 'catalogue-import-report', { fullPage: true })

  // The JSON list adds tags, phases and Ids; its poor items are reported by item number.
  await fileInput(page).setInputFiles(SUMMARY_JSON)
  await importButton(page).click()
  await expect(page.getByText(/^Imported 3 projects from summary-list\.json \(Pipeline project list \(JSON\)\): 2 added, 1 updated\.$/)).toBeVisible()
  expect(await rowsOf(page, /^Rows not imported/)).toEqual([
    'Item 3 | No title | Title is empty: a project without a title cannot be shown or told apart',
    'Item 4 | Garden waste again | Repeats Id 101 from item 1: not imported (the first is kept)',
    'Item 5 | Id written as text | Id should be a whole number above 0 but is text (“104”): the project cannot be told apart from others',
    'Item 6 | No title | Is text (“not a project”), not a project'
  ])
  await expect(table(page, /^Imported with a problem/).getByRole('cell', { name: /ProjectStatus “Pilot” is not one of the Pipeline's values/ })).toBeVisible()
  await expect(countHeading(page)).toHaveText('7 projects')

  // The same file again updates: nothing added, the count stays.
  await fileInput(page).setInputFiles(SUMMARY_JSON)
  await importButton(page).click()
  await expect(page.getByText(/^Imported 3 projects from summary-list\.json .*: 3 already up to date\.$/)).toBeVisible()
  await expect(countHeading(page)).toHaveText('7 projects')

  // Search with the network off: it is all on this computer.
  await context.setOffline(true)
  const search = page.getByRole('searchbox', { name: 'Search projects' })
  await search.fill('calc')
  await expect(countHeading(page)).toHaveText('1 project of 7')
  // A formula from the file is shown as the text it is.
  const entry = page.getByRole('list', { name: '1 project of 7' }).getByRole('listitem').first()
  await expect(entry.getByRole('heading', { level: 4 })).toHaveText("=cmd|' /C calc'!A0")
  await search.fill('parking')
  await expect(countHeading(page)).toHaveText('1 project of 7')
  await expect(page.getByRole('heading', { level: 4, name: 'Parking permit renewals' })).toBeVisible()
  await expect(page.getByText('Live (Improve)')).toBeVisible()
  await expect(page.getByRole('link', { name: 'owen.williams@cornwall.gov.uk' })).toHaveAttribute('href', 'mailto:owen.williams@cornwall.gov.uk')
  await search.fill('')
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Anytown Borough Council (2)' })
  await expect(countHeading(page)).toHaveText('2 projects of 7')
  await page.getByLabel('Phase', { exact: true }).selectOption('Beta')
  await expect(countHeading(page)).toHaveText('1 project of 7')
  await expect(page.getByRole('heading', { level: 4, name: 'Garden waste subscriptions, renewals and payments' })).toBeVisible()
  await expectNoAxeViolations(page, 'catalogue search with filters')
  await page.getByLabel('Phase', { exact: true }).selectOption('')
  await page.getByLabel('Organisation', { exact: true }).selectOption('')

  // Look sideways: a project description finds the projects like it, with who to talk to and why.
  await page.getByLabel('Project name').fill('Garden waste renewals')
  await page.getByLabel('Tags (optional)').fill('garden waste, subscriptions, payments')
  const similar = page.getByRole('list', { name: 'Similar projects at other councils' })
  const first = similar.getByRole('listitem').first()
  await expect(first.getByRole('heading', { level: 4 })).toHaveText('Garden waste subscriptions, renewals and payments')
  await expect(first).toContainText('Anytown Borough Council · Waste and recycling')
  await expect(first).toContainText('Phase: Beta (Build)')
  await expect(first).toContainText('Key contact: Priya Shah, priya.shah@anytown.gov.uk')
  await expect(first).toContainText('3 or more shared tags')
  await expect(first).toContainText("Shares 3 tags: garden-waste, subscriptions and payments (the Pipeline's own rule for similar projects is 3 or more shared tags)")
  await expect(page.getByRole('status').filter({ hasText: /similar projects? found/ })).toHaveText(/^\d+ similar projects? found$/)
  await expectNoAxeViolations(page, 'similar projects for a description')
  await screenshot(page, 'catalogue-similar-projects', { fullPage: true })
  await context.setOffline(false)

  // Kept on this computer: after a reload the catalogue and the last report are still there.
  await page.reload()
  await expect(countHeading(page)).toHaveText('7 projects')
  await expect(page.getByRole('heading', { name: /^Last import: / })).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('a refused file changes nothing and says why; removing the catalogue asks first', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await openCatalogue(page)
  await fileInput(page).setInputFiles(SUMMARY_JSON)
  await importButton(page).click()
  await expect(countHeading(page)).toHaveText('3 projects')

  // Binary junk, then JSON cut short: the error summary says what is wrong, nothing changes.
  for (const [name, buffer, message] of [
    ['catalogue.csv', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)), /This file is not text/],
    ['projects.json', Buffer.from('[{"Id": 1, "Title": "Cut sh'), /This file is not complete JSON: it ends too early/]
  ] as const) {
    await fileInput(page).setInputFiles({ name, mimeType: 'application/octet-stream', buffer })
    await importButton(page).click()
    const summary = page.locator('.govuk-error-summary')
    await expect(summary).toBeFocused()
    await expect(summary.getByRole('link')).toHaveText(message)
    await expect(page).toHaveTitle(/^Error: Sector catalogue/)
    await expect(page.locator('#catalogue-file-error')).toContainText(message)
    await expect(countHeading(page)).toHaveText('3 projects')
  }
  await expectNoAxeViolations(page, 'catalogue with a refused file')

  await page.getByRole('button', { name: 'Remove the catalogue' }).click()
  await expect(page.getByRole('button', { name: 'Yes, remove the catalogue' })).toBeFocused()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(countHeading(page)).toHaveText('3 projects')
  await page.getByRole('button', { name: 'Remove the catalogue' }).click()
  await page.getByRole('button', { name: 'Yes, remove the catalogue' }).click()
  await expect(page.getByText('The catalogue is empty. Import a catalogue file above to search it.')).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('keyboard only: choose a 5,000-project file, import it with a progress bar, search it', async ({ page, consoleErrors }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'fortnight-catalogue-'))
  const big = join(dir, 'projects.json')
  writeFileSync(big, JSON.stringify(generateCatalogue(5000, 2024).summaries))
  await page.goto('/')
  await completeWelcome(page)
  await openCatalogue(page)

  await tabTo(page, fileInput(page))
  // The file dialog is the operating system's, not the app's: choose the file as it would
  // (pressing Enter to open it does not always raise Chromium's headless chooser event).
  await fileInput(page).setInputFiles(big)
  await expect(fileInput(page)).toBeFocused()
  await page.keyboard.press('Tab') // the date order
  await page.keyboard.press('Tab')
  await expect(importButton(page)).toBeFocused()
  await watchForProgressBar(page)
  const started = Date.now()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Catalogue imported' })).toBeFocused({ timeout: 30_000 })
  const ms = Date.now() - started
  testInfo.annotations.push({ type: 'import of 5,000 projects in Chromium', description: `${ms} ms from Enter to the report (includes Playwright's polling)` })
  expect(await sawProgress(page)).toMatch(/^(Reading|Checking|Saving)/)
  await expect(page.getByText('Imported 5,000 projects from projects.json (Pipeline project list (JSON)): 5,000 added.')).toBeVisible()
  await expect(countHeading(page)).toHaveText('5,000 projects')

  await tabTo(page, page.getByRole('searchbox', { name: 'Search projects' }))
  await page.keyboard.type('missed bin')
  await expect(countHeading(page)).toHaveText(/^[\d,]+ projects? of 5,000$/)
  await expect(page.getByRole('button', { name: /^Show \d+ more projects$/ })).toBeVisible()
  await expectNoAxeViolations(page, 'a 5,000-project catalogue searched')
  expect(consoleErrors).toEqual([])
})

test('similar projects while creating a project', async ({ page }) => {
  await page.goto('/')
  await completeWelcome(page)
  await openCatalogue(page)
  await fileInput(page).setInputFiles(SUMMARY_JSON)
  await importButton(page).click()
  await expect(countHeading(page)).toHaveText('3 projects')
  await page.goto('/#/')
  await page.getByLabel('Start a new change project').fill('Parking permit renewals')
  await expect(page.getByRole('list', { name: 'Similar projects at other councils' }).getByRole('heading', { name: 'Parking permit renewals' })).toBeVisible()
  await expectNoAxeViolations(page, 'new-project form with similar projects')
})
