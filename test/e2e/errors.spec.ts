// Issue 7, list 4 and 5: errors appear where the person is looking — a GOV.UK error summary at
// the top of the dialog or form they are using, focused, linking to the field, plus the field's
// own message — in plain words, never a library's. Each journey is also done with the keyboard.
import type { Page } from '@playwright/test'
import { addCard, column, completeWelcome, createProject, tabTo } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'

const RAW = /Too big|Too small|Invalid input|expected (string|number)|received NaN|Cannot read properties/

/** The summary is focused, names the problem, and its link takes focus to the field. */
async function expectSummary(page: Page, scope: ReturnType<Page['locator']>, message: string, fieldId: string): Promise<void> {
  const summary = scope.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
  await expect(summary).toBeVisible()
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link', { name: message })).toBeVisible()
  await expect(scope.locator(`#${fieldId}-error`)).toContainText(message)
  await expect(page).toHaveTitle(/^Error: /)
  await expect(scope).not.toContainText(RAW)
  await summary.getByRole('link', { name: message }).click()
  await expect(scope.locator(`#${fieldId}`)).toBeFocused()
}

test.describe('errors where you look', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/')
    await completeWelcome(page)
    await createProject(page, 'Housing repairs reporting')
    await addCard(page, 'To do', 'Shadow the repairs desk')
  })

  test('card dialog: a label or checklist item that is too long shows a focused summary in the dialog', async ({ page, consoleErrors }) => {
    await page.getByRole('link', { name: 'Shadow the repairs desk' }).click()
    const dialog = page.getByRole('dialog', { name: 'Shadow the repairs desk' })
    await expect(dialog).toBeVisible()
    await expect(page).toHaveTitle('Shadow the repairs desk – card – Fortnight')

    await dialog.getByLabel('Add a label').fill('x'.repeat(56))
    await dialog.getByRole('button', { name: 'Add label' }).click()
    await expectSummary(page, dialog, 'Enter a label of 50 characters or fewer', 'card-new-label')
    // Nothing went to the page's banner behind the backdrop.
    await expect(page.locator('main > .govuk-error-summary')).toHaveCount(0)
    await expectNoAxeViolations(page, 'card dialog with an error')
    await screenshot(page, 'error-card-dialog')

    // Fixing it clears the error; the valid label is added.
    await dialog.getByLabel('Add a label').fill('research')
    await dialog.getByRole('button', { name: 'Add label' }).click()
    await expect(dialog.getByRole('list', { name: 'Labels' })).toContainText('research')
    await expect(dialog.locator('.govuk-error-summary')).toHaveCount(0)
    await expect(page).not.toHaveTitle(/^Error: /)

    // A label that differs only by case is the same label.
    await dialog.getByLabel('Add a label').fill('Research')
    await dialog.getByRole('button', { name: 'Add label' }).click()
    await expectSummary(page, dialog, 'This card already has the label “research”', 'card-new-label')

    await dialog.getByLabel('Add a checklist item').fill('y'.repeat(400))
    await dialog.getByRole('button', { name: 'Add item' }).click()
    await expectSummary(page, dialog, 'Enter a checklist item of 300 characters or fewer', 'card-new-check')

    await dialog.getByLabel('Title').fill('   ')
    await dialog.getByRole('button', { name: 'Save title' }).click()
    await expectSummary(page, dialog, 'Enter a card title', 'card-title')
    expect(consoleErrors).toEqual([])
  })

  test('card dialog errors with the keyboard only', async ({ page }) => {
    const link = column(page, 'To do').getByRole('link', { name: 'Shadow the repairs desk' })
    await tabTo(page, link)
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Shadow the repairs desk' })
    await expect(dialog).toBeVisible()
    await tabTo(page, dialog.getByLabel('Add a label'))
    await page.keyboard.type('z'.repeat(60))
    await page.keyboard.press('Enter')
    const summary = dialog.locator('.govuk-error-summary')
    await expect(summary).toBeFocused()
    // From the summary, Tab reaches its link; Enter on it puts focus back in the field.
    await page.keyboard.press('Tab')
    await expect(summary.getByRole('link', { name: 'Enter a label of 50 characters or fewer' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(dialog.getByLabel('Add a label')).toBeFocused()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('evidence')
    await page.keyboard.press('Enter')
    await expect(dialog.getByRole('list', { name: 'Labels' })).toContainText('evidence')
    await expect(summary).toHaveCount(0)
  })

  test('column settings: a WIP limit of −1, a word, or an empty name shows the error in the panel, on the field, focused', async ({ page }) => {
    const todo = column(page, 'To do')
    await todo.getByText('Column settings').click()
    await todo.getByLabel('WIP limit').fill('-1')
    await todo.getByRole('button', { name: 'Save WIP limit' }).click()
    const colId = await todo.getAttribute('data-column-id')
    await expectSummary(page, todo, 'Enter a WIP limit of 1 or more, or leave it empty for no limit', `col-${colId}-wip`)
    await expectNoAxeViolations(page, 'column settings with an error')
    await screenshot(page, 'error-column-settings')

    await todo.getByLabel('WIP limit').fill('three')
    await todo.getByRole('button', { name: 'Save WIP limit' }).click()
    await expectSummary(page, todo, 'Enter the WIP limit as a whole number, like 3, or leave it empty', `col-${colId}-wip`)

    await todo.getByLabel('WIP limit').fill('3')
    await todo.getByRole('button', { name: 'Save WIP limit' }).click()
    await expect(todo.locator('.govuk-error-summary')).toHaveCount(0)
    await expect(todo.locator('.app-column__count')).toContainText('1 of 3')

    await todo.getByLabel('Column name').fill('')
    await todo.getByRole('button', { name: 'Rename column' }).click()
    await expectSummary(page, todo, 'Enter a column name', `col-${colId}-title`)

    // Names that differ only by case are refused.
    await todo.getByLabel('Column name').fill('doing')
    await todo.getByRole('button', { name: 'Rename column' }).click()
    await expectSummary(page, todo, 'There is already a column called “Doing”', `col-${colId}-title`)
    // The page's own banner stays empty: nothing piles up there.
    await expect(page.locator('main > .govuk-error-summary')).toHaveCount(0)
  })

  test('column settings errors with the keyboard only', async ({ page }) => {
    const todo = column(page, 'To do')
    await tabTo(page, todo.locator('summary').filter({ hasText: 'Column settings' }))
    await page.keyboard.press('Enter')
    await tabTo(page, todo.getByLabel('WIP limit'))
    await page.keyboard.type('-1')
    await page.keyboard.press('Enter')
    const summary = todo.locator('.govuk-error-summary')
    await expect(summary).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(summary.getByRole('link', { name: 'Enter a WIP limit of 1 or more, or leave it empty for no limit' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(todo.getByLabel('WIP limit')).toBeFocused()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('2')
    await page.keyboard.press('Enter')
    await expect(summary).toHaveCount(0)
    await expect(todo.locator('.app-column__count')).toContainText('1 of 2')
  })

  test('project details: adding a tag keeps what you typed in the other fields; errors are for people', async ({ page }) => {
    await page.getByRole('link', { name: 'Project details' }).click()
    await expect(page.getByRole('heading', { name: 'About the project' })).toBeVisible()
    await page.getByLabel('Service area').fill('Housing')
    await page.getByLabel('Key contact', { exact: true }).fill('Priya Shah')
    await page.getByLabel('Phase', { exact: true }).selectOption('Alpha')
    await page.getByLabel('Add a tag').fill('Repairs')
    await page.getByRole('button', { name: 'Add tag' }).click()
    await expect(page.getByRole('list', { name: 'Tags' })).toContainText('repairs')
    // Nothing typed above was thrown away by adding the tag.
    await expect(page.getByLabel('Service area')).toHaveValue('Housing')
    await expect(page.getByLabel('Key contact', { exact: true })).toHaveValue('Priya Shah')
    await expect(page.getByLabel('Phase', { exact: true })).toHaveValue('Alpha')

    await page.getByLabel('Add a tag').fill('t'.repeat(300))
    await page.getByRole('button', { name: 'Add tag' }).click()
    await expectSummary(page, page.getByRole('region', { name: 'Tags' }), 'Enter a tag of 50 characters or fewer', 'project-new-tag')
    await expect(page.getByLabel('Service area')).toHaveValue('Housing')

    await page.getByLabel('Project name').fill('n'.repeat(201))
    await page.getByRole('button', { name: 'Save project details' }).click()
    await expectSummary(page, page.locator('form').filter({ has: page.getByLabel('Project name') }), 'Enter a project name of 200 characters or fewer', 'project-name')
    await expectNoAxeViolations(page, 'project details with an error')
    await page.getByLabel('Project name').fill('Housing repairs reporting')
    await page.getByRole('button', { name: 'Save project details' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Project details saved.' })).toBeVisible()
    await expect(page.getByText('Housing', { exact: false }).first()).toBeVisible()
    await expect(page.locator('.govuk-caption-l')).toContainText('Alpha · Housing')
  })

  test('a second project whose name differs only by case is refused on the home page', async ({ page }) => {
    await page.getByRole('link', { name: 'Projects' }).click()
    await page.getByLabel('Start a new change project').fill('HOUSING repairs reporting')
    await page.getByRole('button', { name: 'Create project' }).click()
    await expectSummary(page, page.locator('main'), 'There is already a project called “Housing repairs reporting”. Choose a different name', 'new-project-name')
    await expect(page.getByRole('list', { name: 'Change projects' }).getByRole('listitem')).toHaveCount(1)
  })

  test('opening a project with the keyboard puts focus on its heading; error pages say Error', async ({ page }) => {
    await page.getByRole('link', { name: 'Projects' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeFocused()
    const link = page.getByRole('list', { name: 'Change projects' }).getByRole('link', { name: 'Housing repairs reporting' })
    await tabTo(page, link)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Housing repairs reporting' })).toBeFocused()
    await page.goto('/#/no-such-page')
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    await expect(page).toHaveTitle('Error: Page not found – Fortnight')
  })
})
