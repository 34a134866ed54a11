// Issue 11, crash safety: kill -9 the browser at varying moments and check that every edit the
// screen showed as saved is there after a restart. An edit counts as "shown as saved" when, after
// it was visible, the header said "Saved on this computer". Kill moments come from a seeded
// generator: most after the header said saved (at a random delay), some right after an edit
// appeared (before saved was shown: those edits are not counted, but must not break anything).
//
//   npm run test:e2e -- crash                          the short run (8 trials), as in CI
//   npm run crash-trials                               100 trials (FORTNIGHT_CRASH_TRIALS=100)
//   FORTNIGHT_CRASH_SEED=123 npm run crash-trials      another sequence of kill moments
//
// Prints "N trials, M edits shown as saved, L lost" and writes test-results/crash-trials.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { addCard, column, completeWelcome, createProject } from './support/app'
import { expect, expectNoAxeViolations, test } from './support/fixtures'
import { createInvite, openSharing, saveSyncSettings, setOnline, startSignaling } from './support/peers'
import { WEBRTC_LOOPBACK_ARGS } from './support/browser'
import { launchCrashable, seededRandom, type CrashableBrowser } from './support/crashBrowser'

const TRIALS = Math.max(4, Number(process.env.FORTNIGHT_CRASH_TRIALS) || 8)
const SEED = Number(process.env.FORTNIGHT_CRASH_SEED) || 20261111
/** Trials of each special case (first run, join, cycle close); the rest are bursts of card edits. */
const SPECIAL = Math.max(1, Math.round(TRIALS * 0.05))
const BURSTS = TRIALS - 3 * SPECIAL
const random = seededRandom(SEED)
const SAVED_TEXT = 'Saved on this computer'

const VERBOSE = process.env.FORTNIGHT_CRASH_VERBOSE === '1'
let t0 = Date.now()
const lap = (what: string): void => {
  if (VERBOSE) console.log(`${what}: ${Date.now() - t0} ms`)
  t0 = Date.now()
}

const tally = { trials: 0, saved: 0, lost: 0, killedBeforeSaved: 0, losses: [] as string[] }

test.describe.configure({ mode: 'serial' })
test.setTimeout(60_000 + TRIALS * 8_000)

const dirs: string[] = []
function profileDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fortnight-crash-'))
  dirs.push(dir)
  return dir
}

test.afterAll(() => {
  const line = `${tally.trials} trials, ${tally.saved} edits shown as saved, ${tally.lost} lost`
  console.log(`crash trials (seed ${SEED}): ${line}; ${tally.killedBeforeSaved} kills came before "saved" was shown`)
  for (const loss of tally.losses) console.log(`  lost: ${loss}`)
  const out = resolve(import.meta.dirname, '../../test-results')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'crash-trials.json'), JSON.stringify({ seed: SEED, ...tally, line }, null, 2))
  if (tally.lost === 0) for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const header = (page: Page) => page.locator('.app-save-status')

/** True when the header says saved right now (read once, no waiting). */
async function showsSaved(page: Page): Promise<boolean> {
  return (await header(page).textContent({ timeout: 2_000 }).catch(() => null)) === SAVED_TEXT
}

type Plan = { readonly waitForSaved: boolean; readonly delayMs: number }
let plans = 0
/**
 * Most kills come after "saved" is shown, at a random delay (0 to 400 ms); one in five (the
 * 3rd, 8th, 13th…, so a short run has some too) right after an edit appears, before saved is shown.
 */
function killPlan(): Plan {
  return { waitForSaved: ++plans % 5 !== 3, delayMs: Math.floor(random() * 400) }
}

/** Follows the plan; returns whether the header was seen saying saved (after every edit so far). */
async function killAt(browser: CrashableBrowser, plan: Plan): Promise<boolean> {
  let saved = false
  if (plan.waitForSaved) {
    await expect(header(browser.page)).toHaveText(SAVED_TEXT)
    saved = true
    if (plan.delayMs > 0) await browser.page.waitForTimeout(plan.delayMs)
  } else {
    tally.killedBeforeSaved++
  }
  await browser.kill()
  tally.trials++
  return saved
}

function check(ok: boolean, what: string): void {
  if (!ok) {
    tally.lost++
    tally.losses.push(what)
  }
}

// ---- bursts of cards -------------------------------------------------------------------------

/** One card's titles in order; `saved` = how many of them the screen showed as saved. */
interface Tracked {
  titles: string[]
  saved: number
}

/** True once `locator` is visible (within `ms`), false if it never is. */
const appears = (locator: Locator, ms = 10_000): Promise<boolean> =>
  locator.first().waitFor({ timeout: ms }).then(
    () => true,
    () => false
  )

/** A browser we started ourselves has no baseURL: every address is made absolute here. */
let base = ''
const go = (page: Page, path: string): Promise<unknown> => page.goto(new URL(path, base).href)

async function boardCards(page: Page): Promise<Map<string, string>> {
  const rows = await page
    .getByRole('region', { name: 'Board' })
    .locator('li[data-card-id]')
    .evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-card-id') ?? '', li.querySelector('.app-card__title')?.textContent?.trim() ?? '']))
  return new Map(rows as [string, string][])
}

async function newCard(page: Page, title: string): Promise<string> {
  await addCard(page, 'To do', title)
  const id = await column(page, 'To do').locator('li[data-card-id]').filter({ has: page.getByRole('link', { name: title, exact: true }) }).getAttribute('data-card-id')
  if (!id) throw new Error(`no id for card ${title}`)
  return id
}

async function renameCard(page: Page, from: string, to: string): Promise<void> {
  await page.getByRole('link', { name: from, exact: true }).click()
  const dialog = page.getByRole('dialog', { name: from })
  await dialog.getByLabel('Title').fill(to)
  await dialog.getByRole('button', { name: 'Save title' }).click()
  await expect(page.getByRole('dialog', { name: to })).toBeVisible()
  await page.getByRole('dialog', { name: to }).getByRole('button', { name: 'Close card details' }).click()
  await expect(page.getByRole('link', { name: to, exact: true })).toBeVisible()
}

/** The titles a card may show: its last title shown as saved, or a later one. */
const acceptable = (card: Tracked): string[] => card.titles.slice(card.saved - 1)

/** Every card edit the screen showed as saved is on the board (or a later edit of that card is). */
async function verifyCards(page: Page, cards: Map<string, Tracked>, when: string): Promise<void> {
  const complete = (shown: Map<string, string>): boolean =>
    [...cards].every(([id, card]) => card.saved === 0 || acceptable(card).includes(shown.get(id) ?? ''))
  // The board fills in as the project loads: wait (a while) for everything expected, then judge.
  await expect.poll(async () => complete(await boardCards(page)), { timeout: 10_000 }).toBe(true).catch(() => undefined)
  const shown = await boardCards(page)
  for (const [id, card] of [...cards]) {
    const title = shown.get(id)
    if (card.saved > 0 && !acceptable(card).includes(title ?? '')) {
      check(false, `${when}: card “${card.titles[card.saved - 1]}” (${id}) shows ${title === undefined ? 'nothing' : `“${title}”`}`)
      cards.delete(id)
      continue
    }
    // A card not shown as saved that did not survive is simply gone.
    if (title === undefined) {
      cards.delete(id)
      continue
    }
    // What is on disk now is the card's state from here on (not counted as shown saved).
    const i = card.titles.indexOf(title)
    card.titles = card.titles.slice(0, i + 1)
    card.saved = i + 1
  }
}


test.beforeEach(({ baseURL }) => {
  base = baseURL ?? ''
})

test(`bursts of new cards and title edits, killed at ${BURSTS} moments`, async ({ baseURL }) => {
  const dir = profileDir()
  let browser = await launchCrashable(dir, baseURL!)
  await completeWelcome(browser.page)
  await createProject(browser.page, 'Crash trials 1')
  let projectId = /#\/projects\/([^/?]+)/.exec(browser.page.url())![1]!
  let projectNo = 1
  let cards = new Map<string, Tracked>()
  let counter = 0
  for (let trial = 1; trial <= BURSTS; trial++) {
    const page = browser.page
    // A board of at most 12 cards stays on screen whole (the board shows only visible cards).
    if (cards.size >= 12) {
      await go(page, '/#/')
      projectNo++
      await createProject(page, `Crash trials ${projectNo}`)
      projectId = /#\/projects\/([^/?]+)/.exec(page.url())![1]!
      cards = new Map()
    }
    const edits = 2 + Math.floor(random() * 4)
    const plan = killPlan()
    const killAfter = plan.waitForSaved ? edits : 1 + Math.floor(random() * edits)
    for (let e = 1; e <= killAfter; e++) {
      const renamable = [...cards.entries()].filter(([, c]) => c.titles.length < 4)
      if (renamable.length > 0 && random() < 0.3) {
        const [, card] = renamable[Math.floor(random() * renamable.length)]!
        const to = `Card ${++counter} (t${trial})`
        await renameCard(page, card.titles.at(-1)!, to)
        card.titles.push(to)
      } else {
        const title = `Card ${++counter} (t${trial})`
        const id = await newCard(page, title)
        cards.set(id, { titles: [title], saved: 0 })
      }
      // Seen saved after this edit was visible: it, and every edit before it, must survive.
      if (e < killAfter && random() < 0.5 && (await showsSaved(page))) markAllSaved(cards)
    }
    lap(`trial ${trial}: ${killAfter} edits`)
    if (await killAt(browser, plan)) markAllSaved(cards)
    lap('kill')
    // Straight to the board, as a person reopening the app on it would.
    browser = await launchCrashable(dir, new URL(`/#/projects/${projectId}`, baseURL).href)
    await expect(browser.page.getByRole('region', { name: 'Board' })).toBeVisible()
    lap('launch and board')
    await verifyCards(browser.page, cards, `trial ${trial}`)
    lap('verify')
  }
  await browser.close()
  expect(tally.losses).toEqual([])
})

function markAllSaved(cards: Map<string, Tracked>): void {
  for (const card of cards.values()) {
    if (card.saved < card.titles.length) tally.saved += card.titles.length - card.saved
    card.saved = card.titles.length
  }
}

// ---- right after the first-run welcome ---------------------------------------------------------

test(`right after the first-run welcome: profile, programme and first project survive (${SPECIAL}×)`, async ({ baseURL }) => {
  for (let i = 1; i <= SPECIAL; i++) {
    const dir = profileDir()
    let browser = await launchCrashable(dir, baseURL!)
    await completeWelcome(browser.page, 'Priya Shah')
    await createProject(browser.page, `First project ${i}`)
    await addCard(browser.page, 'To do', `First card ${i}`)
    const saved = await killAt(browser, killPlan())
    if (saved) tally.saved += 3 // the welcome (profile and programme), the project, the card
    browser = await launchCrashable(dir, baseURL!)
    const page = browser.page
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    if (saved) {
      check(await appears(page.getByRole('heading', { level: 1, name: 'Your change projects' })), `welcome ${i}: the welcome page came back`)
      check(await appears(page.getByRole('link', { name: 'Your profile: Priya Shah' }), 2_000), `welcome ${i}: the profile was lost`)
      const project = page.getByRole('link', { name: `First project ${i}` })
      const listed = await appears(project)
      check(listed, `welcome ${i}: the project is not on the home page`)
      if (listed) {
        await project.click()
        check(await appears(page.getByRole('link', { name: `First card ${i}` })), `welcome ${i}: the card was lost`)
      }
    }
    await browser.close()
  }
  expect(tally.losses).toEqual([])
})

// ---- right after joining with an invite --------------------------------------------------------

test(`right after joining with an invite: the joined programme and its key survive (${SPECIAL}×)`, async ({ launchApp, baseURL }) => {
  const signaling = await startSignaling()
  try {
    const asha = await launchApp({ webrtc: true })
    await completeWelcome(asha.page, 'Asha Patel')
    await createProject(asha.page, 'Garden waste renewals')
    await openSharing(asha.page)
    await saveSyncSettings(asha.page, signaling.url)
    for (let i = 1; i <= SPECIAL; i++) {
      const code = await createInvite(asha.page, 'Team member')
      const dir = profileDir()
      let ben = await launchCrashable(dir, baseURL!, WEBRTC_LOOPBACK_ARGS)
      await ben.page.context().grantPermissions(['microphone'], { origin: new URL(baseURL!).origin })
      await completeWelcome(ben.page, 'Ben Jones')
      await go(ben.page, '/#/join')
      await ben.page.getByLabel('Invite code or link').fill(code)
      await ben.page.getByRole('button', { name: 'Join' }).click()
      await expect(ben.page.getByRole('link', { name: 'Garden waste renewals' })).toBeVisible({ timeout: 30_000 })
      const saved = await killAt(ben, killPlan())
      if (saved) tally.saved += 2 // the joined programme (id and doc), its key
      // Asha goes offline: what Ben sees now comes from his own computer.
      await setOnline(asha.page, false)
      ben = await launchCrashable(dir, baseURL!, WEBRTC_LOOPBACK_ARGS)
      if (saved) {
        const project = ben.page.getByRole('link', { name: 'Garden waste renewals' })
        check(await appears(project, 15_000), `join ${i}: the joined programme's project is not on the home page`)
        await go(ben.page, '/#/sharing')
        const status = ben.page.getByTestId('doc-sync-status')
        await expect(status).toBeVisible()
        check(!/not shared yet/.test((await status.textContent()) ?? ''), `join ${i}: the programme's sync key was lost`)
      }
      await ben.close()
      await setOnline(asha.page, true)
      await openSharing(asha.page)
    }
    await asha.close()
  } finally {
    await signaling.close()
  }
  expect(tally.losses).toEqual([])
})

// ---- right after closing a cycle ---------------------------------------------------------------

/** A London time in December 2026 (GMT). */
const dec = (day: number, hour = 10): Date => new Date(Date.UTC(2026, 11, day, hour))

test(`right after closing a cycle: the decision and the next cycle survive (${SPECIAL}×)`, async ({ baseURL }) => {
  for (let i = 1; i <= SPECIAL; i++) {
    const dir = profileDir()
    let browser = await launchCrashable(dir, 'about:blank')
    let page = browser.page
    await page.clock.install({ time: dec(1) })
    await page.goto(baseURL!)
    await completeWelcome(page)
    await createProject(page, `Cycle project ${i}`)
    const projectUrl = page.url()
    await addCard(page, 'To do', 'Map the renewal journey')
    await addCard(page, 'To do', 'Interview five residents')
    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Cycles', exact: true }).click()
    await page.getByRole('link', { name: 'Plan and review cycle 1' }).click()
    await page.getByLabel('Goal: what will you ship in this cycle?').fill('Tenants can report a repair online')
    await page.getByRole('button', { name: 'Save goal' }).click()
    await expect(page.getByText('Goal saved.')).toBeVisible()
    const backlog = page.getByRole('group', { name: 'Commit cards from the backlog' })
    for (const title of ['Map the renewal journey', 'Interview five residents']) await backlog.getByLabel(title).check()
    await page.getByRole('button', { name: 'Commit to cycle 1' }).click()
    await expect(page.getByRole('list', { name: 'Committed cards' }).getByRole('listitem')).toHaveCount(2)
    await expect(header(page)).toHaveText(SAVED_TEXT)
    // A fortnight later (a page clock that jumps stalls Playwright's checks in a browser we
    // started ourselves, so the app is closed and opened again on the later date).
    await browser.close()
    browser = await launchCrashable(dir, 'about:blank')
    page = browser.page
    await page.clock.install({ time: dec(15) })
    await page.goto(`${projectUrl}/cycles`)
    await page.getByRole('link', { name: 'Cycle 1', exact: true }).first().click()
    await expect(page.getByRole('region', { name: 'Cycle 1' })).toContainText('In review')
    await page.getByLabel('Pivot').check()
    await page.getByLabel('The new direction').fill(`Start from the reminder letter ${i}`)
    await page.getByRole('button', { name: 'Record decision and close cycle 1' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Cycle 1 is closed' })).toBeVisible()
    const saved = await killAt(browser, killPlan())
    if (saved) tally.saved += 1
    // Reopened on today's real date: what the close wrote does not depend on it.
    browser = await launchCrashable(dir, `${projectUrl}/cycles`)
    page = browser.page
    if (saved) {
      const rows = page.getByRole('region', { name: 'All cycles' }).getByRole('row')
      check(await appears(rows.filter({ hasText: 'Cycle 2' }), 15_000), `cycle ${i}: the close (cycle 2) was lost`)
      await page.getByRole('link', { name: 'Cycle 1', exact: true }).first().click()
      check(await appears(page.getByText(`Start from the reminder letter ${i}`)), `cycle ${i}: the decision was lost`)
    }
    await browser.close()
  }
  expect(tally.losses).toEqual([])
})

// ---- finding a programme whose id was lost -----------------------------------------------------

/** As a crash before issue 11 could: these keys vanish from this computer's local store. */
async function forget(page: Page, keys: readonly string[]): Promise<void> {
  await page.evaluate(async (keys) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('fortnight-local')
      r.onsuccess = () => res(r.result)
      r.onerror = () => rej(r.error ?? new Error('open failed'))
    })
    await new Promise<void>((res, rej) => {
      const tx = db.transaction('values', 'readwrite')
      for (const k of keys) tx.objectStore('values').delete(k)
      tx.oncomplete = () => res()
      tx.onabort = () => rej(tx.error ?? new Error('aborted'))
    })
    db.close()
    for (const k of keys) localStorage.removeItem(k)
  }, keys)
}

test('a programme whose id was lost is found again: the home page lists its projects', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Blue badge renewals')
  await addCard(page, 'To do', 'Shadow the contact centre')
  await page.goto('/#/')
  await expect(page.getByRole('link', { name: 'Blue badge renewals' })).toBeVisible()
  await expect(header(page)).toHaveText(SAVED_TEXT)
  await forget(page, ['fortnight.programmeId'])
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Your change projects' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Blue badge renewals' })).toBeVisible()
  await expect(page.getByText('No projects yet')).toHaveCount(0)
  await page.getByRole('link', { name: 'Blue badge renewals' }).click()
  await expect(page.getByRole('link', { name: 'Shadow the contact centre' })).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('profile, programme id and programme list all lost: the welcome joins the programme found, not a new one', async ({ page, consoleErrors }) => {
  await page.goto('/')
  await completeWelcome(page)
  await createProject(page, 'Garden waste renewals')
  await addCard(page, 'To do', 'Call the depot')
  await page.goto('/#/')
  await expect(page.getByRole('link', { name: 'Garden waste renewals' })).toBeVisible()
  await expect(header(page)).toHaveText(SAVED_TEXT)
  await forget(page, ['fortnight.profile', 'fortnight.programmeId', 'fortnight.programmes'])
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Fortnight' })).toBeVisible()
  // It says what it found, and asks only who you are (the programme already has a name and council).
  await expect(page.getByText('Fortnight found your programme, Digital accelerator, on this computer.')).toBeVisible()
  await expect(page.getByLabel('Programme name (optional)')).toHaveCount(0)
  // Starting without saying who you are is explained where you look.
  await page.getByRole('button', { name: 'Start using Fortnight' }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText('Select who you are')
  await expect(page.getByRole('radio', { name: 'Asha Patel' })).toBeVisible()
  await expectNoAxeViolations(page, 'welcome after the profile was lost, with its error')
  // The person takes up who they were, rather than becoming a second "Asha Patel".
  await page.getByRole('group', { name: 'Are you one of these people?' }).getByLabel('Asha Patel').check()
  await page.getByRole('button', { name: 'Start using Fortnight' }).click()
  await expect(page.getByRole('link', { name: 'Garden waste renewals' })).toBeVisible()
  await expect(page.getByText('No projects yet')).toHaveCount(0)
  await page.getByRole('link', { name: 'Garden waste renewals' }).click()
  await page.getByRole('link', { name: 'Call the depot' }).click()
  await expect(page.getByRole('dialog').getByRole('group', { name: 'Assigned to' }).getByRole('checkbox')).toHaveCount(1)
  await page.keyboard.press('Escape')
  // And it stays found: the recovered id was saved.
  await expect(header(page)).toHaveText(SAVED_TEXT)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Garden waste renewals' })).toBeVisible()
  expect(consoleErrors).toEqual([])
})
