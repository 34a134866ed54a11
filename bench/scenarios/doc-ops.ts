import * as Y from 'yjs'
import { addCard, moveCard, opContext, readBoard, readColumns } from '../../src/shared/doc'
import { projectFixture } from '../generators/project'
import { cardsLabel, collectGarbage, median, time } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * The document layer on its own, in node: how big a project doc gets and how long the
 * operations the board depends on take as the card count grows. No browser, no React.
 */
export const scenario: Scenario = {
  name: 'doc-ops',
  description: 'Yjs project doc with N cards: build, encode, load, readBoard, moveCard, heap',
  async run(opts) {
    const sizes = opts.quick ? [500] : [500, 5_000, 20_000]
    const repeats = opts.quick ? 3 : 5
    const gcOn = collectGarbage()
    if (!gcOn) opts.log('doc-ops: node was started without --expose-gc, so heap figures include garbage')
    const figures: Figure[] = []
    const details: Record<string, unknown>[] = []

    for (const n of sizes) {
      const label = cardsLabel(n)
      opts.log(`doc-ops: building ${label} with the domain ops…`)
      const fixture = projectFixture(n)
      const update = fixture.projectUpdate
      const ctx = opContext({ id: fixture.profile.id, name: fixture.profile.name })

      const loads: number[] = []
      const cold: number[] = []
      const warm: number[] = []
      const moves: number[] = []
      const adds: number[] = []
      const heap = measureHeap(update)
      // Fewer repeats of the heavy size: each one is a fresh load of the whole doc.
      const runs = n >= 20_000 ? Math.min(repeats, 3) : repeats
      for (let r = 0; r < runs; r++) {
        const doc = new Y.Doc()
        loads.push(time(() => Y.applyUpdate(doc, update)).ms)
        const first = time(() => readBoard(doc))
        cold.push(first.ms)
        if (first.value.cardCount !== n) throw new Error(`readBoard saw ${first.value.cardCount} cards, expected ${n}`)
        warm.push(median([0, 1, 2].map(() => time(() => readBoard(doc)).ms)))
        // A cross-column move of the last card of the first column to the top of the second:
        // the op itself (which reads the target column) plus the board re-read the UI does next.
        const columns = readColumns(doc)
        const from = first.value.columns[0]
        const moving = from?.cards[from.cards.length - 1]
        const to = columns[1]
        if (!moving || !to) throw new Error('The generated board has no card to move')
        moves.push(
          time(() => {
            moveCard(doc, ctx, moving.id, to.id, 0)
            return readBoard(doc)
          }).ms
        )
        // What one more card costs on a board this size (addCard reads the column it adds to).
        adds.push(time(() => addCard(doc, ctx, { columnId: to.id, title: 'One more card' })).ms)
        doc.destroy()
      }

      const note = `median of ${runs}`
      figures.push(
        {
          name: `build ${label} (domain ops)`,
          value: fixture.buildMs,
          unit: 'ms',
          note: `${fixture.ops.toLocaleString('en-GB')} ops${fixture.peers > 1 ? ` by ${fixture.peers} peers, merged` : ''}, one run`
        },
        { name: `encoded update, ${label}`, value: update.byteLength, unit: 'bytes', note: 'Y.encodeStateAsUpdate' },
        { name: `load update, ${label}`, value: median(loads), unit: 'ms', note: `Y.applyUpdate into a fresh doc, ${note}` },
        { name: `readBoard cold, ${label}`, value: median(cold), unit: 'ms', note: `first read after load, ${note}` },
        { name: `readBoard warm, ${label}`, value: median(warm), unit: 'ms', note: `per-card cache hot, ${note}` },
        { name: `moveCard + readBoard, ${label}`, value: median(moves), unit: 'ms', note },
        { name: `addCard, ${label}`, value: median(adds), unit: 'ms', note: `one card on the loaded board, ${note}` },
        {
          name: `heap after load, ${label}`,
          value: heap.afterLoad,
          unit: 'bytes',
          note: gcOn ? 'heapUsed delta after GC' : 'heapUsed delta, no GC available'
        },
        {
          name: `heap after load + readBoard, ${label}`,
          value: heap.afterRead,
          unit: 'bytes',
          note: 'the same doc plus readBoard\'s plain-card cache'
        }
      )
      details.push({ cards: n, ops: fixture.ops, buildMs: fixture.buildMs, bytes: update.byteLength, loads, cold, warm, moves, adds, heap })
    }
    return { figures, details }
  }
}

/**
 * Heap held by one loaded doc (and then by its board read), as heapUsed deltas after full GCs.
 * Its own function on purpose: a doc left in a caller's local variable (even a finished loop
 * iteration's) can stay reachable from the interpreter frame and skew the next measurement.
 */
function measureHeap(update: Uint8Array): { afterLoad: number; afterRead: number } {
  collectGarbage()
  const before = process.memoryUsage().heapUsed
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  collectGarbage()
  const afterLoad = process.memoryUsage().heapUsed - before
  readBoard(doc)
  collectGarbage()
  const afterRead = process.memoryUsage().heapUsed - before
  doc.destroy()
  return { afterLoad, afterRead }
}
