// Issue 2's core flow, with a mouse: a person creates a project, adds cards, moves them, writes a
// note, reloads and finds everything again.
import { addCard, cardTitles, column, completeWelcome, createProject, dragCard, reloadWhenSaved } from './support/app'
import { expect, expectNoAxeViolations, screenshot, test } from './support/fixtures'

test('a project team runs a board with the mouse, and a reload brings it all back', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await expectNoAxeViolations(page, 'welcome page')
  await completeWelcome(page)
  await expectNoAxeViolations(page, 'programme home with no projects')
  await createProject(page, 'Garden waste renewals')

  await addCard(page, 'To do', 'Map the current renewal journey')
  await addCard(page, 'To do', 'Interview five residents')
  await addCard(page, 'To do', 'Prototype the new form')
  await addCard(page, 'Doing', 'Collect call centre data')
  expect(await cardTitles(page, 'To do')).toEqual(['Map the current renewal journey', 'Interview five residents', 'Prototype the new form'])

  // Between columns: onto a card in Doing puts it just before that card.
  await dragCard(page, 'Interview five residents', column(page, 'Doing').getByRole('link', { name: 'Collect call centre data' }), 'top')
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Interview five residents', 'Collect call centre data'])
  // Onto an empty column.
  await dragCard(page, 'Collect call centre data', column(page, 'Done').locator('ol'))
  await expect.poll(() => cardTitles(page, 'Done')).toEqual(['Collect call centre data'])
  // Within a column: the last card to the top.
  await dragCard(page, 'Prototype the new form', column(page, 'To do').getByRole('link', { name: 'Map the current renewal journey' }), 'top')
  await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Prototype the new form', 'Map the current renewal journey'])

  await expectNoAxeViolations(page, 'board with cards')
  await screenshot(page, 'board')

  // Card details: note, label, checklist, due date.
  await page.getByRole('link', { name: 'Interview five residents' }).click()
  const dialog = page.getByRole('dialog', { name: 'Interview five residents' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('textbox', { name: 'Notes' }).click()
  await page.keyboard.type('Recruit through the library and the contact centre.')
  await dialog.getByLabel('Add a label').fill('research')
  await dialog.getByRole('button', { name: 'Add label' }).click()
  await dialog.getByLabel('Add a checklist item').fill('Book the library room')
  await dialog.getByRole('button', { name: 'Add item' }).click()
  await dialog.getByLabel('Book the library room').check()
  await dialog.getByLabel('Due date').fill('2026-12-04')
  await dialog.getByRole('button', { name: 'Save due date' }).click()
  await dialog.getByLabel('Asha Patel').check()
  await expect(dialog.getByText('1 of 1 done')).toBeVisible()
  await expectNoAxeViolations(page, 'card detail dialog')
  await dialog.evaluate((d) => d.scrollTo(0, 0))
  await screenshot(page, 'card-detail')
  await dialog.getByRole('button', { name: 'Close card details' }).click()
  await expect(dialog).toBeHidden()

  const card = column(page, 'Doing').locator('li[data-card-id]').filter({ hasText: 'Interview five residents' })
  await expect(card).toContainText('research')
  await expect(card).toContainText('Due 4 December 2026')
  await expect(card).toContainText('1 of 1 done')

  // Reload: everything is read back from IndexedDB.
  await reloadWhenSaved(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Garden waste renewals' })).toBeVisible()
  expect(await cardTitles(page, 'To do')).toEqual(['Prototype the new form', 'Map the current renewal journey'])
  expect(await cardTitles(page, 'Doing')).toEqual(['Interview five residents'])
  expect(await cardTitles(page, 'Done')).toEqual(['Collect call centre data'])
  await page.getByRole('link', { name: 'Interview five residents' }).click()
  await expect(page.getByRole('dialog').getByRole('textbox', { name: 'Notes' })).toHaveText('Recruit through the library and the contact centre.')
  await expect(page.getByRole('dialog').getByLabel('Asha Patel')).toBeChecked()

  expect(consoleErrors).toEqual([])
})

test('WIP limits are flagged, columns can be removed with their cards, and undo reverts my own moves', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Blue badge applications')
  await addCard(page, 'Doing', 'Draft eligibility questions')
  await addCard(page, 'Doing', 'Test with residents')

  const doing = column(page, 'Doing')
  await doing.getByText('Column settings').click()
  await doing.getByLabel('WIP limit').fill('1')
  await doing.getByRole('button', { name: 'Save WIP limit' }).click()
  await expect(doing.getByRole('status')).toHaveText('Over the WIP limit by 1')
  await expect(doing.locator('.app-column__count')).toContainText('2 of 1')
  await expectNoAxeViolations(page, 'board with a column over its WIP limit')

  // Undo and redo a move (my own change).
  await page.getByRole('link', { name: 'Test with residents' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Column').selectOption({ label: 'Done' })
  await dialog.getByRole('button', { name: 'Move card' }).click()
  await dialog.getByRole('button', { name: 'Close card details' }).click()
  await expect.poll(() => cardTitles(page, 'Done')).toEqual(['Test with residents'])
  await expect(doing.getByRole('status')).toHaveCount(0)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect.poll(() => cardTitles(page, 'Doing')).toEqual(['Draft eligibility questions', 'Test with residents'])
  await page.getByRole('button', { name: 'Redo' }).click()
  await expect.poll(() => cardTitles(page, 'Done')).toEqual(['Test with residents'])

  // Remove Doing: its card moves to the chosen column, nothing is lost.
  await doing.getByLabel(/Move its 1 card to/).selectOption({ label: 'To do' })
  await doing.getByRole('button', { name: 'Remove column' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Doing', exact: true })).toHaveCount(0)
  expect(await cardTitles(page, 'To do')).toEqual(['Draft eligibility questions'])

  // Add a column, rename it.
  await page.getByRole('textbox', { name: 'Add a column' }).fill('Ready to show')
  await page.getByRole('button', { name: 'Add column' }).click()
  await expect(column(page, 'Ready to show')).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('the programme home lists, searches, renames and archives projects', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  for (const name of ['Garden waste renewals', 'Blue badge applications', 'Council tax direct debits']) {
    await createProject(page, name)
    await page.getByRole('link', { name: 'Projects', exact: true }).click()
  }
  await page.getByRole('link', { name: 'Blue badge applications' }).click()
  await page.getByRole('link', { name: 'Project details' }).click()
  await page.getByLabel('Add a tag').fill('Parking permits')
  await page.getByRole('button', { name: 'Add tag' }).click()
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText('parking-permits')
  await page.getByRole('textbox', { name: 'Problem statement' }).click()
  await page.keyboard.type('Residents wait six weeks for a decision.')
  await page.getByLabel('Phase', { exact: true }).selectOption('Alpha')
  await page.getByLabel('Service area').fill('Parking')
  await page.getByRole('button', { name: 'Save project details' }).click()
  await expect(page.getByRole('status')).toHaveText('Project details saved.')
  await expectNoAxeViolations(page, 'project details')
  // Validation: an end date before the start date is refused with a clear message.
  await page.getByLabel('Phase start').fill('2026-12-01')
  await page.getByLabel('Phase end').fill('2026-11-01')
  await page.getByRole('button', { name: 'Save project details' }).click()
  await expect(page.getByRole('alert').first()).toContainText('End date must be the same as or after the start date')

  await page.getByRole('link', { name: 'Projects', exact: true }).click()
  const list = page.getByRole('list', { name: 'Change projects' })
  await expect(list.getByRole('listitem')).toHaveCount(3)
  await page.getByLabel('Search by name or tag').fill('parking')
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await expect(list).toContainText('Blue badge applications')
  await expect(list).toContainText('Alpha')
  await page.getByLabel('Search by name or tag').fill('')

  await page.getByRole('button', { name: 'Rename Garden waste renewals' }).click()
  await page.getByLabel('New name for Garden waste renewals').fill('Garden waste subscriptions')
  await page.getByRole('button', { name: 'Save name' }).click()
  await expect(list.getByRole('link', { name: 'Garden waste subscriptions' })).toBeVisible()

  await page.getByRole('button', { name: 'Archive Council tax direct debits' }).click()
  await expect(list.getByRole('listitem')).toHaveCount(2)
  await page.getByLabel(/Show archived projects/).check()
  await expect(list.getByRole('listitem')).toHaveCount(3)
  await expectNoAxeViolations(page, 'programme home with projects')

  await reloadWhenSaved(page)
  await expect(page.getByRole('list', { name: 'Change projects' }).getByRole('link', { name: 'Garden waste subscriptions' })).toBeVisible()
  expect(consoleErrors).toEqual([])
})
