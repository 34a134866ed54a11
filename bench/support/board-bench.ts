/**
 * One big board in real Chromium: cold opens of the app and of the bare page (same visible
 * cards from a plain JSON array), then, in the last open page, keyboard moves, keystrokes in a
 * card note and the JS heap. Used by the big-backlog and stress scenarios.
 */
import * as Y from 'yjs'
import type { BrowserContext, Page } from 'playwright-core'
import { programmeDocName, projectDocName, readBoard } from '../../src/shared/doc'
import type { ProjectFixture } from '../generators/project'
import { heapAfterGc, openWatched, pause, reportFrom, seed, writeBareData, type Bench, type Marks, type Milestone } from './app-page'

/** The board is there: works before and after the virtualised board (first tile visible, not all N). */
export const BOARD_UNTIL = { selector: '.app-board li[data-card-id]', visible: true } as const

export interface BoardRun {
  readonly marks: Marks
}

export interface BoardMeasure {
  readonly app: readonly Marks[]
  readonly bare: readonly Marks[]
  readonly heap?: number
  readonly moves?: readonly number[]
  readonly keys?: readonly number[]
  /** Per input: the page's keydown handlers, → the frame that saw the change, → painted (ms). */
  readonly splits?: { readonly move: readonly Split[]; readonly key: readonly Split[] }
  /** The same keyboard moves and keystrokes on the bare page (bare-page.js), the physical limit. */
  readonly bareMoves?: readonly number[] | undefined
  readonly bareKeys?: readonly number[] | undefined
  readonly storedBytes?: number
  readonly problems: readonly string[]
}

export interface Split {
  readonly handlers: number
  readonly toFrame: number
  readonly paint: number
}

const splits: { move: Split[]; key: Split[]; bareMove: Split[]; bareKey: Split[] } = { move: [], key: [], bareMove: [], bareKey: [] }

type Fixture = Pick<ProjectFixture, 'programmeId' | 'projectId' | 'programmeUpdate' | 'projectUpdate' | 'profile'>

/** The plain JSON the bare page renders: the board's columns and every card, as readBoard sees them. */
export function bareBoard(projectUpdate: Uint8Array): { title: string; columns: { id: string; title: string }[]; cards: { id: string; title: string; columnId: string; rank: string; labels: readonly string[] }[] } {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, projectUpdate)
  const board = readBoard(doc)
  const out = {
    title: 'Board',
    columns: board.columns.map((c) => ({ id: c.id, title: c.title })),
    cards: board.columns.flatMap((c) => c.cards.map((k) => ({ id: k.id, title: k.title, columnId: c.id, rank: k.rank, labels: k.labels })))
  }
  doc.destroy()
  return out
}

export async function seedProject(context: BrowserContext, origin: string, f: Fixture): Promise<void> {
  await seed(context, origin, {
    docs: [
      { name: programmeDocName(f.programmeId), update: f.programmeUpdate },
      { name: projectDocName(f.projectId), update: f.projectUpdate }
    ],
    profile: f.profile,
    programmeId: f.programmeId
  })
}

/**
 * `runs` cold opens of the project and of the bare page, alternating (so both see the same machine
 * load). Each app open clicks the first card's handle as soon as it shows. `interact` runs in the
 * last app page before it closes.
 */
export async function measureBoard(
  bench: Bench,
  f: Fixture,
  o: {
    readonly name: string
    readonly runs: number
    readonly waitFor: Milestone
    readonly settleMs?: number
    readonly timeoutMs: number
    readonly log: (m: string) => void
    readonly heap?: boolean
    readonly moves?: number
    readonly keys?: number
  }
): Promise<BoardMeasure> {
  const context = await bench.newContext()
  const problems: string[] = []
  try {
    const t = performance.now()
    await seedProject(context, bench.server.origin, f)
    const plain = bareBoard(f.projectUpdate)
    const bareUrl = bench.server.origin + writeBareData(bench.root, `board-${o.name}`, plain)
    o.log(`${o.name}: seeded IndexedDB and wrote the bare page's JSON in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const projectDb = projectDocName(f.projectId)
    const url = `${bench.server.origin}/#/projects/${encodeURIComponent(f.projectId)}`
    const app: Marks[] = []
    const bare: Marks[] = []
    let heap: number | undefined
    let moves: number[] | undefined
    let keys: number[] | undefined
    let bareMoves: number[] | undefined
    let bareKeys: number[] | undefined
    const first = plain.cards.find((c) => c.columnId === plain.columns[0]?.id)
    for (let r = 0; r < o.runs; r++) {
      const b = await openWatched(context, bareUrl, { until: BOARD_UNTIL, settleMs: o.settleMs }, { waitFor: o.waitFor, click: true, timeoutMs: 30_000 })
      bare.push(b.marks)
      await b.page.close()
      await pause(300)
      const a = await openWatched(context, url, { until: BOARD_UNTIL, projectDb, settleMs: o.settleMs }, { waitFor: o.waitFor, click: true, timeoutMs: o.timeoutMs })
      app.push(a.marks)
      o.log(
        `${o.name}: run ${r + 1}/${o.runs}: shown ${Math.round(a.marks.shown ?? NaN)} ms, click answered ${Math.round(a.marks.answered ?? NaN)} ms` +
          (a.marks.longestAfterPaint !== undefined ? `, longest task after paint ${a.marks.longestAfterPaint} ms` : '') +
          ` (bare: ${Math.round(b.marks.shown ?? NaN)} ms), ${a.marks.cardsInDom} cards in the DOM`
      )
      if (r === o.runs - 1) {
        try {
          if (o.heap) heap = await heapAfterGc(context, a.page)
          if (o.moves && first)
            moves = await keyboardMoves(a.page, first, o.moves).catch(async (e: unknown) => {
              problems.push(`moves: ${String(e)}`)
              await a.page.keyboard.press('Escape')
              return undefined
            })
          if (o.keys && first) keys = await noteKeystrokes(a.page, f.projectId, first.id, o.keys).catch((e: unknown) => (problems.push(`keystrokes: ${String(e)}`), undefined))
        } finally {
          await a.page.close()
        }
        // The same inputs on the bare page: the least a browser must do to show them (a frame
        // has to come round, and be painted, whatever the page does).
        if (first && (o.moves || o.keys)) {
          const b2 = await openWatched(context, bareUrl, { until: BOARD_UNTIL, settleMs: o.settleMs }, { waitFor: 'shown', timeoutMs: 30_000 })
          if (o.moves) bareMoves = await keyboardMoves(b2.page, first, o.moves, 'bareMove').catch((e: unknown) => (problems.push(`bare moves: ${String(e)}`), undefined))
          await b2.page.close()
          if (o.keys) {
            const editorUrl = bench.server.origin + writeBareData(bench.root, `editor-${o.name}`, { text: 'Notes from the repairs desk.' })
            const b3 = await openWatched(context, editorUrl, { until: { selector: '.ProseMirror', visible: true }, settleMs: o.settleMs }, { waitFor: 'shown', timeoutMs: 30_000 })
            bareKeys = await typeInEditor(b3.page, o.keys, 'bareKey').catch((e: unknown) => (problems.push(`bare keystrokes: ${String(e)}`), undefined))
            await b3.page.close()
          }
        }
      } else await a.page.close()
      await pause(500)
    }
    splits.bareMove.splice(0)
    splits.bareKey.splice(0)
    return { app, bare, heap, moves, keys, bareMoves, bareKeys, splits: { move: splits.move.splice(0), key: splits.key.splice(0) }, storedBytes: app[0]?.idbBytes, problems }
  } finally {
    await context.close().catch(() => {})
  }
}

const nextTask = (page: Page): Promise<unknown> => page.evaluate(() => new Promise((r) => setTimeout(r, 0)))
const nextFrame = (page: Page): Promise<unknown> => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))))

/**
 * Keyboard moves of the first card of the first column, as a person does them: focus its handle,
 * Space, ArrowDown (or ArrowUp, to put it back), Space. The clock runs from the dropping Space's
 * keydown to the painted frame after the DOM shows the card in its new place.
 */
async function keyboardMoves(page: Page, card: { id: string; title: string }, count: number, into: 'move' | 'bareMove' = 'move'): Promise<number[]> {
  const out: number[] = []
  const handle = page.getByRole('button', { name: `Move card: ${card.title}`, exact: true })
  for (let i = 0; i < count; i++) {
    // A drag that starts while the previous drop is still settling is ignored by dnd-kit.
    await page.locator('.app-card--overlay').waitFor({ state: 'detached', timeout: 10_000 })
    await handle.focus({ timeout: 10_000 })
    await page.keyboard.press('Space')
    // As test/e2e/support/app.ts expectPickedUp: the announcement ("… is over position n in …"),
    // then a task, because dnd-kit's keyboard sensor listens for arrows only from a setTimeout
    // after the pick-up.
    const live = (): Promise<string> => page.evaluate(() => document.querySelector('[id^=DndLiveRegion]')?.textContent ?? '')
    await page.waitForFunction(() => /is over position/.test(document.querySelector('[id^=DndLiveRegion]')?.textContent ?? ''), null, { timeout: 10_000 })
    const picked = await live()
    await nextTask(page)
    await page.keyboard.press(i % 2 === 0 ? 'ArrowDown' : 'ArrowUp')
    await page.waitForFunction((was) => { const t = document.querySelector('[id^=DndLiveRegion]')?.textContent ?? ''; return t !== was && /is over position/.test(t) }, picked, { timeout: 10_000 })
    await nextFrame(page)
    const reported = reportFrom<{ ms: number; split: Split }>(page, 'latency', 10_000)
    const from = await page.evaluate((id) => (globalThis as unknown as { __benchWatch: { arm(k: string, id: string): number } }).__benchWatch.arm('move', id), card.id)
    if (from < 0) throw new Error(`card "${card.title}" is not in the DOM`)
    await page.keyboard.press('Space')
    const got = await reported
    out.push(got.ms)
    splits[into].push(got.split)
    await nextFrame(page)
  }
  return out
}

/** Keystrokes at the end of a card's note (TipTap's .ProseMirror), opened from the board in-app. */
async function noteKeystrokes(page: Page, projectId: string, cardId: string, count: number): Promise<number[]> {
  await page.evaluate((hash) => (location.hash = hash), `#/projects/${encodeURIComponent(projectId)}/cards/${encodeURIComponent(cardId)}`)
  return typeInEditor(page, count)
}

/** Keystrokes at the end of the page's `.ProseMirror` (the app's note, or the bare page's contenteditable). */
async function typeInEditor(page: Page, count: number, into: 'key' | 'bareKey' = 'key'): Promise<number[]> {
  const editor = page.locator('.ProseMirror').first()
  await editor.waitFor({ timeout: 20_000 })
  await editor.click()
  await page.keyboard.press('Control+End')
  const out: number[] = []
  const text = 'the quick brown fox jumps over the lazy dog '
  for (let i = 0; i < count; i++) {
    const reported = reportFrom<{ ms: number; split: Split }>(page, 'latency', 10_000)
    await page.evaluate(() => (globalThis as unknown as { __benchWatch: { arm(k: string): number } }).__benchWatch.arm('type'))
    await page.keyboard.press(text[i % text.length] === ' ' ? 'Space' : (text[i % text.length] as string))
    const got = await reported
    out.push(got.ms)
    splits[into].push(got.split)
    await nextFrame(page)
  }
  return out
}
