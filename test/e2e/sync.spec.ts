// Issue 4 end to end: two (or three) SEPARATE Chromium processes with their own user-data dirs,
// inside the loopback-only network namespace scripts/e2e.mjs runs Playwright in, syncing over
// real WebRTC through the project's own signaling server (no STUN, no public servers).
import type { Page } from '@playwright/test'
import { addCard, cardTitles, column, completeWelcome, createProject } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'
import { connections, createInvite, HOOKED, joinWith, openSharing, projectIdOf, saveSyncSettings, setOnline, startRelay, startSignaling } from './support/peers'
import { encodeInvite, decodeInvite } from '../../src/shared/sync/invite'
import { generateSecret } from '../../src/shared/sync/secrets'

test.describe.configure({ mode: 'serial' })
test.setTimeout(180_000)

async function openProject(page: Page, projectId: string, name: string): Promise<void> {
  await page.goto(`${HOOKED}#/projects/${projectId}`)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 20_000 })
}

async function moveWithDialog(page: Page, title: string, to: string): Promise<void> {
  await page.getByRole('link', { name: title }).click()
  const dialog = page.getByRole('dialog', { name: title })
  await dialog.getByLabel('Column', { exact: true }).selectOption({ label: to })
  await dialog.getByRole('button', { name: 'Move card', exact: true }).click()
  await dialog.getByRole('button', { name: 'Close card details' }).click()
}

test('two colleagues share a programme over WebRTC: edits, moves, notes, presence, and "while you were offline"', async ({ launchApp }) => {
  const signaling = await startSignaling()
  try {
    const asha = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(asha.page, 'Asha Patel')
    await createProject(asha.page, 'Garden waste renewals')
    const projectId = projectIdOf(asha.page)
    await addCard(asha.page, 'To do', 'Map the renewal journey')

    await openSharing(asha.page)
    await expectNoAxeViolations(asha.page, 'sharing page, not shared yet')
    await saveSyncSettings(asha.page, signaling.url)
    const code = await createInvite(asha.page, 'Team member')
    await expect(asha.page.getByRole('img', { name: /QR code of the invite/ })).toBeVisible()
    await expectNoAxeViolations(asha.page, 'sharing page with an invite')

    const ben = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(ben.page, 'Ben Jones')
    // Mistakes are explained, not swallowed.
    await joinWith(ben.page, 'hello there')
    await expect(ben.page.getByText('This is not a Fortnight invite', { exact: false }).first()).toBeVisible()
    await expectNoAxeViolations(ben.page, 'join page with an error')
    const tampered = code.slice(0, 40) + (code[40] === 'x' ? 'y' : 'x') + code.slice(41)
    await joinWith(ben.page, tampered)
    await expect(ben.page.getByText('This invite is damaged', { exact: false }).first()).toBeVisible()
    await joinWith(ben.page, code)
    // Joining the programme pulls it, and its projects.
    await expect(ben.page.getByRole('link', { name: 'Garden waste renewals' })).toBeVisible({ timeout: 20_000 })
    // A project syncs while someone who has it has it open (project docs open lazily).
    await openProject(asha.page, projectId, 'Garden waste renewals')
    await openProject(ben.page, projectId, 'Garden waste renewals')
    await expect(column(ben.page, 'To do').getByRole('link', { name: 'Map the renewal journey' })).toBeVisible({ timeout: 20_000 })

    // Over WebRTC, not BroadcastChannel.
    await expect.poll(() => connections(asha.page, projectId), { timeout: 20_000 }).toMatchObject({ bcConns: 0 })
    await expect.poll(async () => (await connections(ben.page, projectId)).webrtcConns, { timeout: 20_000 }).toBeGreaterThan(0)
    expect((await connections(ben.page, projectId)).bcConns).toBe(0)
    await expect(asha.page.getByRole('link', { name: /Sync: Up to date with 1 colleague/ })).toBeVisible({ timeout: 20_000 })

    // Presence: both see both.
    for (const page of [asha.page, ben.page]) {
      const presence = page.getByTestId('presence')
      await expect(presence).toContainText('Asha Patel')
      await expect(presence).toContainText('Ben Jones')
    }
    await expectNoAxeViolations(asha.page, 'shared board with presence')

    // Edits and moves reach the other computer.
    await addCard(ben.page, 'To do', 'Interview residents')
    await expect(column(asha.page, 'To do').getByRole('link', { name: 'Interview residents' })).toBeVisible()
    await moveWithDialog(asha.page, 'Map the renewal journey', 'Doing')
    await expect.poll(() => cardTitles(ben.page, 'Doing')).toEqual(['Map the renewal journey'])

    // Note typing, with Ben's card marked as being edited on Asha's board.
    await ben.page.getByRole('link', { name: 'Interview residents' }).click()
    const benDialog = ben.page.getByRole('dialog', { name: 'Interview residents' })
    await expect(column(asha.page, 'To do').locator('li[data-card-id]').filter({ hasText: 'Interview residents' })).toContainText('Ben Jones is editing')
    await benDialog.getByRole('textbox', { name: 'Notes' }).click()
    await ben.page.keyboard.type('Ask the library for a room.')
    await asha.page.getByRole('link', { name: 'Interview residents' }).click()
    await expect(asha.page.getByRole('dialog').getByRole('textbox', { name: 'Notes' })).toHaveText(/Ask the library for a room\./)
    await asha.page.getByRole('dialog').getByRole('button', { name: 'Close card details' }).click()
    await benDialog.getByRole('button', { name: 'Close card details' }).click()

    // Both work offline, both change things, both come back.
    await setOnline(asha.page, false)
    await setOnline(ben.page, false)
    await openProject(asha.page, projectId, 'Garden waste renewals')
    await openProject(ben.page, projectId, 'Garden waste renewals')
    await addCard(asha.page, 'Done', 'Asha offline card')
    await addCard(ben.page, 'To do', 'Ben offline card')
    await moveWithDialog(ben.page, 'Interview residents', 'Done')
    await expect(column(asha.page, 'To do').getByRole('link', { name: 'Ben offline card' })).toHaveCount(0)
    await setOnline(asha.page, true)
    await setOnline(ben.page, true)
    await openProject(asha.page, projectId, 'Garden waste renewals')
    await openProject(ben.page, projectId, 'Garden waste renewals')
    for (const page of [asha.page, ben.page]) {
      await expect.poll(() => cardTitles(page, 'Done'), { timeout: 20_000 }).toEqual(expect.arrayContaining(['Asha offline card', 'Interview residents']))
      await expect.poll(() => cardTitles(page, 'To do')).toEqual(['Ben offline card'])
    }
    const forAsha = asha.page.getByTestId('offline-summary')
    await expect(forAsha).toBeVisible({ timeout: 20_000 })
    await expect(forAsha).toContainText('Ben Jones')
    await expect(forAsha).toContainText('“Ben offline card”')
    await expect(forAsha).toContainText('moved “Interview residents”')
    await expect(forAsha).not.toContainText('Asha offline card')
    await expect(ben.page.getByTestId('offline-summary')).toContainText('“Asha offline card”')
    await expectNoAxeViolations(asha.page, 'board with the while-you-were-offline summary')
    await forAsha.getByRole('button', { name: /Dismiss/ }).click()
    await expect(forAsha).toBeHidden()
    expect(asha.consoleErrors.filter((e) => !/WebSocket|ERR_CONNECTION/.test(e))).toEqual([])
  } finally {
    await signaling.close()
  }
})

test("a mentor reads the board and comments, and a misbehaving mentor's board edit never reaches the team", async ({ launchApp }) => {
  const signaling = await startSignaling()
  try {
    const asha = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(asha.page, 'Asha Patel')
    await createProject(asha.page, 'Blue badge renewals')
    const projectId = projectIdOf(asha.page)
    await addCard(asha.page, 'To do', 'Draft eligibility questions')
    await openSharing(asha.page)
    await saveSyncSettings(asha.page, signaling.url)
    await asha.page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
    const code = await createInvite(asha.page, 'Mentor')
    await expectNoAxeViolations(asha.page, 'project sharing with a mentor invite')

    await openProject(asha.page, projectId, 'Blue badge renewals')
    const mo = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(mo.page, 'Mo Mentor')
    await joinWith(mo.page, code)
    await expect(mo.page.getByRole('heading', { level: 1, name: 'Blue badge renewals' })).toBeVisible({ timeout: 20_000 })
    await expect(column(mo.page, 'To do').getByRole('link', { name: 'Draft eligibility questions' })).toBeVisible({ timeout: 20_000 })
    // Read-only board: no way to add a card.
    await expect(mo.page.getByLabel('Add a card to To do')).toHaveCount(0)
    await expect.poll(async () => (await connections(mo.page, projectId)).webrtcConns, { timeout: 20_000 }).toBeGreaterThan(0)

    // A legal comment reaches the team.
    await mo.page.getByRole('link', { name: 'Draft eligibility questions' }).click()
    const dialog = mo.page.getByRole('dialog', { name: 'Draft eligibility questions' })
    await dialog.getByLabel('Add a comment').fill('Have you tested this with residents?')
    await dialog.getByRole('button', { name: 'Post comment' }).click()
    await expectNoAxeViolations(mo.page, 'card dialog with comments, as a mentor')
    await asha.page.getByRole('link', { name: 'Draft eligibility questions' }).click()
    await expect(asha.page.getByRole('dialog').getByTestId('comments')).toContainText('Have you tested this with residents?', { timeout: 20_000 })
    await asha.page.getByRole('dialog').getByRole('button', { name: 'Close card details' }).click()

    // Mo's app misbehaves on purpose: it writes to the board behind the interface.
    expect(await mo.page.evaluate((id) => window.__fortnightTest!.misbehaveRenameFirstColumn(id, 'Hacked by mentor'), projectId)).toBe(true)
    expect(await mo.page.evaluate((id) => window.__fortnightTest!.firstColumnTitle(id), projectId)).toBe('Hacked by mentor')
    await asha.page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
    await expect(asha.page.getByTestId('refused-count')).toContainText('refused', { timeout: 20_000 })
    expect(await asha.page.evaluate((id) => window.__fortnightTest!.firstColumnTitle(id), projectId)).toBe('To do')
    await openProject(asha.page, projectId, 'Blue badge renewals')
    await expect(asha.page.getByRole('heading', { level: 2, name: 'To do', exact: true })).toBeVisible()
    await expect(asha.page.getByRole('heading', { level: 2, name: 'Hacked by mentor' })).toHaveCount(0)
  } finally {
    await signaling.close()
  }
})

test('a peer with a rotated or a wrong secret gets nothing', async ({ launchApp }) => {
  const signaling = await startSignaling()
  try {
    const asha = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(asha.page, 'Asha Patel')
    await createProject(asha.page, 'Council tax discounts')
    const projectId = projectIdOf(asha.page)
    await addCard(asha.page, 'To do', 'Secret card')
    await openSharing(asha.page)
    await saveSyncSettings(asha.page, signaling.url)
    await asha.page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
    const oldCode = await createInvite(asha.page, 'Viewer')
    await asha.page.getByRole('button', { name: 'Change the secret' }).click()
    await expectNoAxeViolations(asha.page, 'rotation warning')
    await asha.page.getByRole('button', { name: 'Yes, change the secret' }).click()
    await expect(asha.page.getByText('The secret was changed (version 2)')).toBeVisible()
    await openProject(asha.page, projectId, 'Council tax discounts')

    // A forged invite: right document, right format, wrong secret.
    const real = await decodeInvite(oldCode)
    const wrongCode = await encodeInvite({ ...real, secret: generateSecret(), secretVersion: 2 })

    for (const [who, invite] of [
      ['Old invite', oldCode],
      ['Wrong secret', wrongCode]
    ] as const) {
      const peer = await launchApp({ webrtc: true, path: HOOKED })
      await completeWelcome(peer.page, who)
      await joinWith(peer.page, invite)
      // It reached the signaling server, and nobody there can open its room.
      await expect(peer.page.getByText('Waiting for this project to arrive from colleagues… (Connected, no colleagues online)')).toBeVisible({ timeout: 20_000 })
      // Give WebRTC ample time to find anyone it could.
      await peer.page.waitForTimeout(4_000)
      await expect(peer.page.getByRole('heading', { level: 1, name: 'Council tax discounts' })).toHaveCount(0)
      expect(await connections(peer.page, projectId)).toEqual({ webrtcConns: 0, bcConns: 0 })
      await peer.close()
    }
  } finally {
    await signaling.close()
  }
})

test('through the relay (the real y-websocket server), two offline editors converge', async ({ launchApp }) => {
  const relay = await startRelay()
  // A signaling address where nothing listens: the only way between the two is the relay.
  const deadSignaling = 'ws://127.0.0.1:9/?token=nobody-listens-here-000'
  try {
    const asha = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(asha.page, 'Asha Patel')
    await createProject(asha.page, 'Cross-site project')
    const projectId = projectIdOf(asha.page)
    await addCard(asha.page, 'To do', 'First card')
    await openSharing(asha.page)
    await saveSyncSettings(asha.page, deadSignaling, relay.url)
    await asha.page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
    const code = await createInvite(asha.page, 'Team member')

    await openProject(asha.page, projectId, 'Cross-site project')
    const ben = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(ben.page, 'Ben Jones')
    await openSharing(ben.page)
    await saveSyncSettings(ben.page, deadSignaling, relay.url)
    await joinWith(ben.page, code)
    await expect(column(ben.page, 'To do').getByRole('link', { name: 'First card' })).toBeVisible({ timeout: 20_000 })
    await expect(ben.page.getByRole('link', { name: /Sync: Up to date with the relay/ })).toBeVisible({ timeout: 20_000 })
    expect(await connections(ben.page, projectId)).toEqual({ webrtcConns: 0, bcConns: 0 })

    await setOnline(asha.page, false)
    await setOnline(ben.page, false)
    await openProject(asha.page, projectId, 'Cross-site project')
    await openProject(ben.page, projectId, 'Cross-site project')
    await addCard(asha.page, 'Doing', 'Asha via relay')
    await addCard(ben.page, 'Done', 'Ben via relay')
    // Ben reconnects first, so his work is waiting at the relay when Asha comes back.
    await setOnline(ben.page, true)
    await openProject(ben.page, projectId, 'Cross-site project')
    await expect(ben.page.getByRole('link', { name: /Sync: Up to date with the relay/ })).toBeVisible({ timeout: 20_000 })
    await setOnline(asha.page, true)
    await openProject(asha.page, projectId, 'Cross-site project')
    for (const page of [asha.page, ben.page]) {
      await expect.poll(() => cardTitles(page, 'Doing'), { timeout: 20_000 }).toEqual(['Asha via relay'])
      await expect.poll(() => cardTitles(page, 'Done'), { timeout: 20_000 }).toEqual(['Ben via relay'])
    }
    await expect(asha.page.getByTestId('offline-summary')).toContainText('“Ben via relay”', { timeout: 20_000 })
  } finally {
    await relay.stop()
  }
})
