// Issue 9, comments properly: threads on a card, the project and a cycle's review; a reply with an
// @mention chosen from the list; resolve, reopen and edit your own; the same keyboard-only; and
// "For you" across two separate Chromium processes, where a mentor mentions a team member through
// the mentor room and the team member's unread count appears and clears.
//
// Who can be mentioned: the programme's people list only gains people through their own profile or
// by joining (there is no "add a person" screen), so the single-browser journey mentions a mentor
// added to the directory; the two-browser journey mentions a colleague who commented in the project.
import type { Locator, Page } from '@playwright/test'
import { addCard, completeWelcome, createProject, tabTo } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'
import { createInvite, HOOKED, joinWith, openSharing, projectIdOf, saveSyncSettings, startSignaling } from './support/peers'

function projectNav(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name, exact: true })
}

async function addMentor(page: Page, name: string, organisation: string): Promise<void> {
  await page.goto('/#/mentors/new')
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Organisation (optional)').fill(organisation)
  await page.getByLabel('Another organisation').check()
  await page.getByLabel('NHS', { exact: true }).check()
  await page.getByLabel('How many teams can they mentor at once?').fill('2')
  await page.getByRole('button', { name: 'Add mentor' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

/** Types into a comment box key by key (the "@" list follows the caret), then chooses `option`. */
async function mention(box: Locator, typed: string, option: RegExp): Promise<void> {
  await box.pressSequentially(typed)
  const page = box.page()
  await expect(page.getByRole('listbox', { name: 'People you can mention' }).getByRole('option', { name: option })).toBeVisible()
  await box.press('Enter')
  await expect(page.getByRole('listbox', { name: 'People you can mention' })).toHaveCount(0)
}

test.setTimeout(120_000)

test('threads on a card, the project and a cycle review: reply with a mention, resolve, reopen, edit', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page, 'Asha Patel')
  await addMentor(page, 'Priya Shah', 'NHS Northshire')
  await page.goto('/')
  await createProject(page, 'Bulky waste collections')
  const projectId = projectIdOf(page)
  await addCard(page, 'To do', 'Check prices with finance')

  // A card thread.
  await page.getByRole('link', { name: 'Check prices with finance' }).click()
  const dialog = page.getByRole('dialog', { name: 'Check prices with finance' })
  await dialog.getByLabel('Add a comment').fill('Who can check the prices?')
  await dialog.getByRole('button', { name: 'Post comment' }).click()
  await expect(dialog.getByTestId('comments')).toContainText('Who can check the prices?')

  // Escape closes the "@" list, not the card.
  const newBox = dialog.getByLabel('Add a comment')
  await newBox.pressSequentially('@Pri')
  await expect(page.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await newBox.press('Escape')
  await expect(page.getByRole('listbox', { name: 'People you can mention' })).toHaveCount(0)
  await expect(dialog).toBeVisible()
  await newBox.fill('')

  // Reply with a mention picked from the list.
  await dialog.getByRole('button', { name: 'Reply to Asha Patel’s thread' }).click()
  const reply = dialog.getByLabel('Reply to Asha Patel')
  await expect(reply).toBeFocused()
  await mention(reply, 'Could @Pri', /Priya Shah – Mentor, NHS Northshire/)
  await reply.pressSequentially('help with this?')
  await expect(reply).toHaveValue('Could @Priya Shah help with this?')
  await expectNoAxeViolations(page, 'card dialog, replying with a mention')
  await dialog.getByRole('button', { name: 'Post reply' }).click()
  const replies = dialog.getByRole('list', { name: 'Replies to Asha Patel' })
  await expect(replies).toContainText('Could @Priya Shah help with this?')
  await expect(replies.locator('.app-mention-name')).toHaveText('@Priya Shah')
  await expect(dialog.getByRole('button', { name: 'Reply to Asha Patel’s thread' })).toBeFocused()

  // Resolve and reopen.
  await dialog.getByRole('button', { name: 'Resolve Asha Patel’s thread' }).click()
  await expect(dialog.getByText(/Resolved by Asha Patel on/)).toBeVisible()
  await expectNoAxeViolations(page, 'card dialog with a resolved thread')
  await dialog.getByRole('button', { name: 'Reopen Asha Patel’s thread' }).click()
  await expect(dialog.getByText(/Resolved by/)).toHaveCount(0)

  // Edit your own.
  await dialog.getByRole('button', { name: 'Edit your comment' }).first().click()
  const edit = dialog.getByLabel('Edit your comment')
  await expect(edit).toBeFocused()
  await edit.fill('Who can check the prices by Friday?')
  await dialog.getByRole('button', { name: 'Save comment' }).click()
  await expect(dialog.getByTestId('comments')).toContainText('Who can check the prices by Friday?')
  await expect(dialog.getByTestId('comments')).toContainText('(edited)')
  await expectNoAxeViolations(page, 'card dialog with threaded comments')
  await dialog.getByRole('button', { name: 'Close card details' }).click()

  // The project's discussion.
  await projectNav(page, 'Discussion').click()
  await expect(page.getByRole('heading', { level: 2, name: 'Discussion' })).toBeVisible()
  await expect(page.getByText('No comments yet.')).toBeVisible()
  // An empty comment: the GOV.UK error summary (focused, linking to the box) and the box's own message.
  await page.getByRole('button', { name: 'Post comment' }).click()
  const summary = page.locator('.govuk-error-summary')
  await expect(summary).toBeFocused()
  await expect(summary).toContainText('Enter a comment')
  const discussionBox = page.getByLabel('Add a comment to the discussion')
  await expect(page.locator('.govuk-form-group--error .govuk-error-message')).toContainText('Enter a comment')
  await expectNoAxeViolations(page, 'project discussion with an error')
  await summary.getByRole('link', { name: 'Enter a comment' }).click()
  await expect(discussionBox).toBeFocused()
  await discussionBox.fill('Kick-off with finance on Monday')
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByTestId('comments')).toContainText('Kick-off with finance on Monday')
  await expect(summary).toHaveCount(0)
  // Comments stay with their subject: the card's thread is not here.
  await expect(page.getByTestId('comments')).not.toContainText('prices')
  await expectNoAxeViolations(page, 'project discussion')

  // A cycle review thread.
  await page.goto(`/#/projects/${projectId}/cycles/1`)
  await expect(page.getByRole('heading', { level: 3, name: 'Comments on this review' })).toBeVisible()
  await page.getByLabel('Add a comment on this review').fill('The demo went well')
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByRole('region', { name: 'Comments on this review' }).getByTestId('comments')).toContainText('The demo went well')
  await expectNoAxeViolations(page, 'cycle page with review comments')

  // A feedback item's comments, folded under "Comments (N)".
  await page.getByLabel('Who said it').fill('A resident at the library')
  await page.getByLabel('User research').check()
  await page.getByLabel('What they said').fill('The price list is hard to find')
  await page.getByRole('button', { name: 'Add feedback' }).click()
  const feedback = page.locator('.app-feedback').filter({ hasText: 'The price list is hard to find' })
  // Closed, it shows the count only: no comment box is mounted until it opens.
  await expect(feedback.locator('textarea')).toHaveCount(0)
  await feedback.getByText('Comments (0)').click()
  await feedback.getByLabel('Add a comment on this feedback').fill('Worth a card for the next cycle')
  await feedback.getByRole('button', { name: 'Post comment' }).click()
  await expect(feedback.getByText('Comments (1)')).toBeVisible()
  await expect(feedback.getByTestId('comments')).toContainText('Worth a card for the next cycle')
  await expectNoAxeViolations(page, 'cycle page with a feedback item’s comments open')

  // Nothing of your own is "for you".
  await page.getByRole('link', { name: 'For you', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'For you' })).toBeVisible()
  await expect(page.getByText('Nothing for you yet.')).toBeVisible()
  await expectNoAxeViolations(page, 'For you, empty')
  expect(consoleErrors).toEqual([])
})

test('keyboard only: start a thread, reply with a mention, resolve, reopen and edit', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page, 'Asha Patel')
  await addMentor(page, 'Priya Shah', 'NHS Northshire')
  await page.goto('/')
  await createProject(page, 'Blue badge renewals')
  await page.goto(`/#/projects/${projectIdOf(page)}/discussion`)
  await expect(page.getByRole('heading', { level: 2, name: 'Discussion' })).toBeVisible()

  const box = page.getByLabel('Add a comment to the discussion')
  await tabTo(page, box)
  await page.keyboard.type('Shall we test the form with residents?')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Post comment' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('comments')).toContainText('Shall we test the form with residents?')

  const replyButton = page.getByRole('button', { name: 'Reply to Asha Patel’s thread' })
  await tabTo(page, replyButton, 80, 'Shift+Tab')
  await page.keyboard.press('Enter')
  const reply = page.getByLabel('Reply to Asha Patel')
  await expect(reply).toBeFocused()
  await page.keyboard.type('Yes: @Pr')
  await expect(page.getByRole('option', { name: /Priya Shah/ })).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await page.keyboard.type('will join us')
  await expect(reply).toHaveValue('Yes: @Priya Shah will join us')
  await page.keyboard.press('Tab') // Post reply
  await page.keyboard.press('Enter')
  await expect(page.getByRole('list', { name: 'Replies to Asha Patel' })).toContainText('Yes: @Priya Shah will join us')
  await expect(replyButton).toBeFocused()

  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Resolve Asha Patel’s thread' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByText(/Resolved by Asha Patel on/)).toBeVisible()
  // The same button, now to reopen: focus stays on it.
  await expect(page.getByRole('button', { name: 'Reopen Asha Patel’s thread' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByText(/Resolved by/)).toHaveCount(0)

  const editButton = page.getByRole('button', { name: 'Edit your comment' }).first()
  await tabTo(page, editButton, 80, 'Shift+Tab')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Edit your comment')).toBeFocused()
  await page.keyboard.type(' Next week?')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Save comment' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('comments')).toContainText('Shall we test the form with residents? Next week?')
  await expect(editButton).toBeFocused()
  await expectNoAxeViolations(page, 'project discussion after a keyboard-only journey')
  expect(consoleErrors).toEqual([])
})

test('For you, across two computers: a mentor mentions a team member through the mentor room; the unread count appears and clears', async ({ launchApp }) => {
  test.setTimeout(180_000)
  const signaling = await startSignaling()
  try {
    const asha = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(asha.page, 'Asha Patel')
    await createProject(asha.page, 'Garden waste renewals')
    const projectId = projectIdOf(asha.page)
    await addCard(asha.page, 'To do', 'Draft eligibility questions')
    await asha.page.getByRole('link', { name: 'Draft eligibility questions' }).click()
    const ashaDialog = asha.page.getByRole('dialog', { name: 'Draft eligibility questions' })
    await ashaDialog.getByLabel('Add a comment').fill('Are these questions clear?')
    await ashaDialog.getByRole('button', { name: 'Post comment' }).click()
    await expect(ashaDialog.getByTestId('comments')).toContainText('Are these questions clear?')
    await ashaDialog.getByRole('button', { name: 'Close card details' }).click()

    await openSharing(asha.page)
    await saveSyncSettings(asha.page, signaling.url)
    await asha.page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
    const code = await createInvite(asha.page, 'Mentor')
    await asha.page.goto(`${HOOKED}#/projects/${projectId}`)
    await expect(asha.page.getByRole('heading', { level: 1, name: 'Garden waste renewals' })).toBeVisible()
    await expect(asha.page.getByRole('link', { name: 'For you', exact: true })).toBeVisible()

    // Mo joins as a mentor and replies to Asha's thread, mentioning her (her name comes from the
    // project: Mo's app has no programme doc of Asha's council).
    const mo = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(mo.page, 'Mo Mentor')
    await joinWith(mo.page, code)
    await expect(mo.page.getByRole('heading', { level: 1, name: 'Garden waste renewals' })).toBeVisible({ timeout: 20_000 })
    await mo.page.getByRole('link', { name: 'Draft eligibility questions' }).click({ timeout: 20_000 })
    const moDialog = mo.page.getByRole('dialog', { name: 'Draft eligibility questions' })
    await expect(moDialog.getByText(/You are a mentor on this project/)).toBeVisible()
    await moDialog.getByRole('button', { name: 'Reply to Asha Patel’s thread' }).click()
    const moReply = moDialog.getByLabel('Reply to Asha Patel')
    await mention(moReply, 'Mostly, @As', /Asha Patel/)
    await moReply.pressSequentially('question 3 is long')
    await moDialog.getByRole('button', { name: 'Post reply' }).click()
    await expect(moDialog.getByRole('list', { name: 'Replies to Asha Patel' })).toContainText('Mostly, @Asha Patel question 3 is long')
    // The team resolves threads; a mentor's app offers no Resolve.
    await expect(moDialog.getByRole('button', { name: 'Resolve Asha Patel’s thread' })).toHaveCount(0)
    await expectNoAxeViolations(mo.page, 'card dialog as a mentor, after replying')

    // Asha's header counts it; her For you lists it, new; marking it read clears the count.
    const forYouLink = asha.page.getByRole('link', { name: 'For you (1 unread)' })
    await expect(forYouLink).toBeVisible({ timeout: 30_000 })
    await forYouLink.click()
    await expect(asha.page.getByRole('heading', { level: 1, name: 'For you' })).toBeVisible()
    const item = asha.page.getByRole('list', { name: 'Comments for you' }).getByRole('listitem')
    await expect(item).toHaveCount(1)
    await expect(item).toContainText('New')
    await expect(item).toContainText('Mo Mentor (via mentor room) mentioned you')
    await expect(item).toContainText('in Garden waste renewals')
    await expect(item).toContainText('Mostly, @Asha Patel question 3 is long')
    await expect(asha.page.getByText('1 unread comment.')).toBeVisible()
    await expectNoAxeViolations(asha.page, 'For you with an unread mention')
    await asha.page.getByRole('button', { name: 'Mark all as read' }).click()
    await expect(asha.page.getByText('Everything is marked as read.')).toBeVisible()
    await expect(item).not.toContainText('New')
    await expect(asha.page.getByRole('link', { name: 'For you', exact: true })).toBeVisible()
    await expect(asha.page.getByRole('heading', { level: 1, name: 'For you' })).toBeFocused()

    // The link goes to the card, with the thread on it.
    await item.getByRole('link', { name: 'Card “Draft eligibility questions”' }).click()
    const dialog = asha.page.getByRole('dialog', { name: 'Draft eligibility questions' })
    await expect(dialog.getByRole('list', { name: 'Replies to Asha Patel' })).toContainText('Mo Mentor (via mentor room)')
  } finally {
    await signaling.close()
  }
})
