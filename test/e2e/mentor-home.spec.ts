// Issue 9 across SEPARATE Chromium processes (own user-data dirs) in the loopback-only network
// namespace, syncing over real WebRTC through the project's own signaling server:
// a team links a mentor from its directory and invites them with a mentor invite that names the
// entry; the mentor's home lists the project with their link, last session and the question
// addressed to them; the mentor adds a session note and a reply that the team sees; then a team
// from another council invites the same mentor, and the second project joins without displacing
// the first (both on the mentor's home, the mentor's own programme untouched).
import type { Locator, Page } from '@playwright/test'
import { completeWelcome, createProject } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'
import { createInvite, HOOKED, joinWith, openSharing, projectIdOf, saveSyncSettings, startSignaling } from './support/peers'

test.describe.configure({ mode: 'serial' })
test.setTimeout(240_000)

function sectionLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name })
}

async function addMentor(page: Page, name: string): Promise<void> {
  await page.goto(`${HOOKED}#/mentors/new`)
  await expect(page.getByRole('heading', { level: 1, name: 'Add a mentor' })).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Organisation (optional)').fill('Northshire County Council')
  await page.getByRole('group', { name: 'Where are they from?' }).getByLabel('Another organisation').check()
  await page.getByRole('group', { name: 'Sector' }).getByLabel('Local government').check()
  await page.getByLabel('Expertise (optional)').fill('waste, subscriptions')
  const past = page.getByRole('group', { name: 'Past project 1' })
  await past.getByLabel('Title').fill('Garden waste subscriptions online')
  await past.getByLabel('What they did (optional)').fill('Moved garden waste renewals online with direct debit.')
  await page.getByLabel('How many teams can they mentor at once?').fill('2')
  await page.getByRole('button', { name: 'Add mentor' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

async function mention(box: Locator, typed: string, option: RegExp): Promise<void> {
  await box.pressSequentially(typed)
  const page = box.page()
  await expect(page.getByRole('listbox', { name: 'People you can mention' }).getByRole('option', { name: option })).toBeVisible()
  await box.press('Enter')
  await expect(page.getByRole('listbox', { name: 'People you can mention' })).toHaveCount(0)
}

async function mentorInvite(page: Page, projectId: string, forMentor: string | null): Promise<string> {
  await page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
  await page.getByLabel('Mentor', { exact: true }).check()
  if (forMentor) await page.getByLabel('Which mentor is this invite for?').selectOption({ label: forMentor })
  return createInvite(page, 'Mentor')
}

test('a mentor joined with a mentor invite sees the project on their home, adds a session note and a reply the team sees; a second council’s project joins beside it', async ({
  launchApp
}) => {
  const signaling = await startSignaling()
  try {
    // --- Council 1: Asha's team links Mo from the directory, logs a session and asks a question.
    const asha = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(asha.page, 'Asha Patel')
    await addMentor(asha.page, 'Mo Mentor')
    await asha.page.goto(`${HOOKED}#/`)
    await createProject(asha.page, 'Garden waste renewals')
    const gardenId = projectIdOf(asha.page)
    await sectionLink(asha.page, 'Mentors').click()
    await asha.page.getByRole('button', { name: 'Suggest Mo Mentor' }).click()
    const entry = asha.page.locator('.app-mentor-links__item').filter({ hasText: 'Mo Mentor' })
    await entry.getByRole('button', { name: 'Mark as requested for Mo Mentor' }).click()
    await entry.getByRole('button', { name: 'Mark as active for Mo Mentor' }).click()
    await expect(entry.locator('.govuk-tag')).toHaveText('Active')
    await asha.page.getByLabel('Agreed actions (optional)').fill('Try the renewal reminder letter')
    await asha.page.getByRole('button', { name: 'Log session' }).click()
    const ashaSession = asha.page.getByRole('region', { name: /^Session with Mo Mentor on / })
    await expect(ashaSession).toBeVisible()
    await sectionLink(asha.page, 'Discussion').click()
    const box = asha.page.getByLabel('Add a comment to the discussion')
    await mention(box, 'What did your council do about @Mo', /Mo Mentor/)
    await box.pressSequentially(' about late renewals?')
    await asha.page.getByRole('button', { name: 'Post comment' }).click()
    await expect(asha.page.locator('.app-comment').first()).toContainText('late renewals?')

    await openSharing(asha.page)
    await saveSyncSettings(asha.page, signaling.url)
    const code = await mentorInvite(asha.page, gardenId, 'Mo Mentor')
    await expect(asha.page.getByRole('heading', { name: 'Invite for a mentor: Mo Mentor' })).toBeVisible()
    await expectNoAxeViolations(asha.page, 'project sharing with a mentor invite named for a directory entry')
    // Asha keeps the project open, so her app relays it to Mo's.
    await asha.page.goto(`${HOOKED}#/projects/${gardenId}/mentors`)
    await expect(ashaSession).toBeVisible()

    // --- Mo joins from their own computer, in their own programme.
    const mo = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(mo.page, 'Mo Mentor')
    await joinWith(mo.page, code)
    await expect(mo.page.getByRole('heading', { level: 1, name: 'Garden waste renewals' })).toBeVisible({ timeout: 30_000 })

    // Mo's home: the project, the link, the last session, and Asha's question.
    await mo.page.getByRole('link', { name: 'Projects you mentor (1)' }).click()
    await expect(mo.page.getByRole('heading', { level: 1, name: 'Projects you mentor' })).toBeVisible()
    const home = mo.page.getByRole('list', { name: 'Projects you mentor' })
    const garden = home.getByRole('region', { name: 'Garden waste renewals' })
    await expect(garden).toContainText('Active', { timeout: 30_000 })
    await expect(garden).not.toContainText('No session logged yet')
    await expect(garden.getByTestId('mentor-home-questions')).toContainText('Asha Patel asked “What did your council do about @Mo Mentor about late renewals?”', {
      timeout: 30_000
    })
    await expectNoAxeViolations(mo.page, "the mentor's home")

    // A session note from Mo's side, through the comment channel.
    await mo.page.goto(`${HOOKED}#/projects/${gardenId}/mentors`)
    const moSession = mo.page.getByRole('region', { name: /^Session with Mo Mentor on / })
    await expect(moSession).toBeVisible({ timeout: 30_000 })
    // A mentor's copy offers no team buttons.
    await expect(mo.page.getByRole('button', { name: 'Log session' })).toHaveCount(0)
    await moSession.getByLabel('Add a comment on this session').fill('My notes: send the letter two weeks earlier.')
    await moSession.getByRole('button', { name: 'Post comment' }).click()
    await expect(moSession.locator('.app-comment')).toContainText('My notes: send the letter two weeks earlier.')
    await expectNoAxeViolations(mo.page, 'mentors section, as a mentor')
    // And a reply to Asha's question.
    await sectionLink(mo.page, 'Discussion').click()
    await mo.page.getByRole('button', { name: /^Reply/ }).first().click()
    await mo.page.getByLabel(/^Reply to /).fill('We sent reminders by text message; happy to share the wording.')
    await mo.page.getByRole('button', { name: 'Post reply' }).click()
    await expect(mo.page.getByRole('list', { name: /^Replies to / })).toContainText('We sent reminders by text message')

    // Asha sees both, marked as from the mentor room.
    await expect(ashaSession.locator('.app-comment')).toContainText('My notes: send the letter two weeks earlier.', { timeout: 30_000 })
    await expect(ashaSession.locator('.app-comment')).toContainText('via mentor room')
    await sectionLink(asha.page, 'Discussion').click()
    await expect(asha.page.getByRole('list', { name: /^Replies to / })).toContainText('We sent reminders by text message', { timeout: 30_000 })

    // --- Council 2: Bea's team invites Mo to a project in another programme.
    const bea = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(bea.page, 'Bea Jones')
    await createProject(bea.page, 'Library room bookings')
    const libraryId = projectIdOf(bea.page)
    await openSharing(bea.page)
    await saveSyncSettings(bea.page, signaling.url)
    const second = await mentorInvite(bea.page, libraryId, null)
    await bea.page.goto(`${HOOKED}#/projects/${libraryId}`)
    await expect(bea.page.getByRole('heading', { level: 1, name: 'Library room bookings' })).toBeVisible()

    await joinWith(mo.page, second)
    await expect(mo.page.getByRole('heading', { level: 1, name: 'Library room bookings' })).toBeVisible({ timeout: 30_000 })
    await mo.page.getByRole('link', { name: 'Projects you mentor (2)' }).click()
    await expect(home.getByRole('region', { name: 'Garden waste renewals' })).toBeVisible()
    await expect(home.getByRole('region', { name: 'Library room bookings' })).toContainText('The team has not recorded a mentor link for you yet', { timeout: 30_000 })
    await expect(home.getByRole('region', { name: 'Garden waste renewals' })).toContainText('Active')
    // The first council's project still syncs: Asha's new card reaches Mo.
    await asha.page.goto(`${HOOKED}#/projects/${gardenId}`)
    await asha.page.getByLabel('Add a card to To do').fill('Print the new letter')
    await asha.page.getByLabel('Add a card to To do').press('Enter')
    await mo.page.goto(`${HOOKED}#/projects/${gardenId}`)
    await expect(mo.page.getByRole('link', { name: 'Print the new letter' })).toBeVisible({ timeout: 30_000 })
    // Mo's own programme is untouched: neither project was added to it.
    await mo.page.goto(`${HOOKED}#/`)
    await expect(mo.page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
    await expect(mo.page.getByRole('list', { name: 'Change projects' }).getByRole('link', { name: 'Garden waste renewals' })).toHaveCount(0)
    await expectNoAxeViolations(mo.page, "the mentor's home page with two councils' projects")
  } finally {
    await signaling.close()
  }
})
