// Issue 8 end to end: a mentor whose app has been changed to attack the team. Two SEPARATE
// Chromium processes in the loopback-only network namespace scripts/e2e.mjs runs Playwright in,
// over real WebRTC through the project's own signaling server. Mo's app misbehaves through the test
// hooks (src/renderer/sync/testHooks.ts): it forges a team invite and sends a nested-comment bomb.
// Asha's board, her key and the comment flow in both directions must come through unchanged, and
// her Sharing screen must show the refusals.
import type { Page } from '@playwright/test'
import { addCard, cardTitles, column, completeWelcome, createProject } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'
import { connections, createInvite, HOOKED, joinWith, openSharing, projectIdOf, saveSyncSettings, startSignaling, waitForTestHooks } from './support/peers'

test.setTimeout(120_000)

const PROJECT = 'Bulky waste collections'
const COLUMNS = ['To do', 'Doing', 'Done'] as const

async function openProject(page: Page, projectId: string): Promise<void> {
  await page.goto(`${HOOKED}#/projects/${projectId}`)
  await expect(page.getByRole('heading', { level: 1, name: PROJECT })).toBeVisible({ timeout: 20_000 })
}

/** What a person sees of the board: column headings, then each column's card titles. */
async function boardOnScreen(page: Page): Promise<{ columns: string[]; cards: Record<string, string[]> }> {
  const columns = await page.getByRole('region', { name: 'Board' }).getByRole('heading', { level: 2 }).allInnerTexts()
  const cards: Record<string, string[]> = {}
  for (const title of COLUMNS) cards[title] = await cardTitles(page, title)
  return { columns, cards }
}

async function postComment(page: Page, card: string, text: string): Promise<void> {
  await page.getByRole('link', { name: card }).click()
  const dialog = page.getByRole('dialog', { name: card })
  await dialog.getByLabel('Add a comment').fill(text)
  await dialog.getByRole('button', { name: 'Post comment' }).click()
  await expect(dialog.getByTestId('comments')).toContainText(text)
  await dialog.getByRole('button', { name: 'Close card details' }).click()
}

async function expectComment(page: Page, card: string, text: string): Promise<void> {
  await page.getByRole('link', { name: card }).click()
  const dialog = page.getByRole('dialog', { name: card })
  await expect(dialog.getByTestId('comments')).toContainText(text, { timeout: 20_000 })
  await dialog.getByRole('button', { name: 'Close card details' }).click()
}

test("a mentor's app that forges a team invite and sends a nested-comment bomb changes nothing of the team's", async ({ launchApp }) => {
  const signaling = await startSignaling()
  try {
    // Asha shares the project and invites Mo as a mentor.
    const asha = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(asha.page, 'Asha Patel')
    await createProject(asha.page, PROJECT)
    const projectId = projectIdOf(asha.page)
    await addCard(asha.page, 'To do', 'Book a collection online')
    await addCard(asha.page, 'Doing', 'Check prices with finance')
    await openSharing(asha.page)
    await saveSyncSettings(asha.page, signaling.url)
    await asha.page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
    const mentorInvite = await createInvite(asha.page, 'Mentor')
    await openProject(asha.page, projectId)
    const boardBefore = await boardOnScreen(asha.page)
    expect(boardBefore.cards['To do']).toEqual(['Book a collection online'])
    await waitForTestHooks(asha.page)
    const keyBefore = await asha.page.evaluate((id) => window.__fortnightTest!.keyFingerprint(id), projectId)
    expect(keyBefore).toMatchObject({ role: 'team', secretVersion: 1 })

    // Mo joins with the mentor invite and sees the board.
    const mo = await launchApp({ webrtc: true, path: HOOKED })
    await completeWelcome(mo.page, 'Mo Mentor')
    await joinWith(mo.page, mentorInvite)
    await expect(column(mo.page, 'To do').getByRole('link', { name: 'Book a collection online' })).toBeVisible({ timeout: 20_000 })
    await expect.poll(async () => (await connections(mo.page, projectId)).webrtcConns, { timeout: 20_000 }).toBeGreaterThan(0)
    expect((await connections(mo.page, projectId)).bcConns).toBe(0)

    // (a) Mo's app forges a TEAM invite for the same project, with its own secret and a huge version.
    const forged = await mo.page.evaluate((id) => window.__fortnightTest!.forgeTeamInvite(id), projectId)
    expect(forged).toMatch(/^FN1-/)
    await joinWith(asha.page, forged)
    await expect(asha.page.getByRole('heading', { level: 1, name: 'Join with an invite' })).toBeVisible()
    const summary = asha.page.locator('.govuk-error-summary')
    await expect(summary).toContainText('You are already on the team for this, and this invite carries a different team key, so it was not used.')
    await expect(asha.page.locator('#invite-text-error')).toContainText('different team key')
    await expect(asha.page.getByRole('button', { name: 'Yes, replace my access' })).toHaveCount(0)
    await expectNoAxeViolations(asha.page, 'join page refusing a forged team invite')
    await waitForTestHooks(asha.page)
    expect(await asha.page.evaluate((id) => window.__fortnightTest!.keyFingerprint(id), projectId)).toEqual(keyBefore)

    // (b) Mo's app writes one comment of 9,000 nested maps behind the interface; it goes to the room.
    await openProject(asha.page, projectId)
    await expect
      .poll(async () => (await asha.page.evaluate((id) => window.__fortnightTest!.mirrorConnections(id), projectId)).find((m) => m.kind === 'mentor')?.webrtcConns ?? 0, {
        timeout: 20_000
      })
      .toBeGreaterThan(0)
    const mentorRoom = async (): Promise<{ refused: number; lastRefusal: string | null; stuck?: string | null }> => {
      const all = (await asha.page.evaluate((id) => window.__fortnightTest!.mirrorStats(id), projectId)) as { mode: string; refused: number; lastRefusal: string | null; stuck?: string | null }[]
      const room = all.find((m) => m.mode === 'comments')
      if (!room) throw new Error('no mentor-room mirror on Asha\'s computer')
      return room
    }
    expect((await mentorRoom()).refused).toBe(0)
    const bytes = await mo.page.evaluate((id) => window.__fortnightTest!.sendNestedCommentBomb(id, 9_000), projectId)
    expect(bytes).toBeGreaterThan(50_000)
    // Refused by the gate's rules (not by an exception inside it: 'error'), and the mirror is not stuck.
    await expect.poll(async () => (await mentorRoom()).refused, { timeout: 20_000 }).toBeGreaterThanOrEqual(1)
    const afterBomb = await mentorRoom()
    expect(afterBomb.lastRefusal).not.toBeNull()
    expect(afterBomb.lastRefusal).not.toBe('error')
    expect(afterBomb.stuck ?? null).toBeNull()

    // Asha's Sharing screen shows the refusal, counted for the mentor room.
    await asha.page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
    await expect(asha.page.getByRole('heading', { level: 2, name: 'Sharing' })).toBeVisible({ timeout: 20_000 })
    const main = asha.page.locator('main')
    await expect(main).toContainText(/Changes refused from the mentor room\D*[1-9]\d*/, { timeout: 20_000 })
    const refused = Number(/Changes refused from the mentor room\D*([1-9]\d*)/.exec(await main.innerText())?.[1])
    expect(refused).toBeGreaterThanOrEqual(1)
    await expectNoAxeViolations(asha.page, 'project sharing showing refusals from the mentor room')

    // The board is as it was, and the key is still the team's.
    await openProject(asha.page, projectId)
    expect(await boardOnScreen(asha.page)).toEqual(boardBefore)
    expect(await asha.page.evaluate((id) => window.__fortnightTest!.keyFingerprint(id), projectId)).toEqual(keyBefore)

    // Comments still flow both ways: Mo's honest comment through the card's comment form...
    await postComment(mo.page, 'Book a collection online', 'Could residents pick a time slot?')
    await expectComment(asha.page, 'Book a collection online', 'Could residents pick a time slot?')
    // ...and Asha's reply to Mo.
    await postComment(asha.page, 'Book a collection online', 'Yes, morning or afternoon.')
    await expectComment(mo.page, 'Book a collection online', 'Yes, morning or afternoon.')

    // Still the same board on both computers after all of it.
    expect(await boardOnScreen(asha.page)).toEqual(boardBefore)
    expect(await boardOnScreen(mo.page)).toEqual(boardBefore)
    expect(asha.consoleErrors.filter((e) => !/WebSocket|ERR_CONNECTION/.test(e))).toEqual([])
  } finally {
    await signaling.close()
  }
})
