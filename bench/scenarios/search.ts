import * as Y from 'yjs'
import { addComment, cardNoteOf, opContext, readCards, readProject } from '../../src/shared/doc'
import { readProjectEntries, SearchIndex } from '../../src/shared/search'
import { projectFixture } from '../generators/project'
import { cardsLabel, collectGarbage, median, time } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * Search everything (issue 7), in node: a project of N cards, each with a note of 8–30 words
 * (a vocabulary of a few thousand words, some common, most rare, as real notes are), labels and
 * checklists from the shared fixture, and a comment on every tenth card. Measures reading the doc
 * into entries plus building the MiniSearch index (what the search screen does per project), the
 * incremental re-index after one note edit, and queries as a person types them.
 */
export const scenario: Scenario = {
  name: 'search',
  description: 'Search index over N cards with notes and labels: index time, re-index after an edit, query median/p95',
  async run(opts) {
    const sizes = opts.quick ? [500] : [500, 20_000]
    const runs = opts.quick ? 2 : 3
    const figures: Figure[] = []
    const details: Record<string, unknown>[] = []
    for (const n of sizes) {
      const label = cardsLabel(n)
      opts.log(`search: building ${label} and writing notes…`)
      const update = withNotes(projectFixture(n).projectUpdate, n)

      const indexMs: number[] = []
      let index = new SearchIndex()
      let doc = new Y.Doc()
      for (let r = 0; r < runs; r++) {
        doc.destroy()
        doc = new Y.Doc()
        Y.applyUpdate(doc, update)
        collectGarbage()
        index = new SearchIndex()
        const ix = index
        const d = doc
        const t = time(() => {
          const entries = readProjectEntries(d)
          ix.setProject(entries[0]!.projectId, entries)
          return entries.length
        })
        indexMs.push(t.ms)
        if (t.value < n) throw new Error(`indexed ${t.value} entries for ${n} cards`)
      }
      const projectId = readProject(doc)!.id

      // One note edited, as typing in the card dialog does, then the project re-read.
      const edits: number[] = []
      const cards = readCards(doc)
      for (let r = 0; r < 5; r++) {
        const card = cards[(r * 7919) % cards.length]!
        const note = cardNoteOf(doc, card.id)!
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(`Edited with zanzibarite ${r}`)])
        note.insert(note.length, [p])
        edits.push(time(() => index.setProject(projectId, readProjectEntries(doc))).ms)
      }
      if (index.search('zanzibarite').total !== 5) throw new Error('the edited notes were not found')

      // Queries as typed: short and longer prefixes, whole words, a typo, several words, common and rare words.
      const queries = ['lib', 'library', 'libary', 'residents', 'contact centre', 'accessibility', 'check service', 'council', 'quorvex', 'bin collection form', 'form', 're']
      for (const q of queries) index.search(q) // warm-up
      const queryMs: number[] = []
      const hits: Record<string, number> = {}
      const perQuery: Record<string, number[]> = {}
      const rounds = opts.quick ? 5 : 10
      for (let r = 0; r < rounds; r++)
        for (const q of queries) {
          const t = time(() => index.search(q))
          queryMs.push(t.ms)
          hits[q] = t.value.total
          ;(perQuery[q] ??= []).push(t.ms)
        }
      const medianByQuery = Object.fromEntries(Object.entries(perQuery).map(([q, ms]) => [q, median(ms)]))
      queryMs.sort((a, b) => a - b)
      const p95 = queryMs[Math.min(queryMs.length - 1, Math.ceil(queryMs.length * 0.95) - 1)]!

      const heap = measureIndexHeap(doc)
      doc.destroy()
      const target = n >= 20_000 ? { value: 50, better: 'lower' as const } : undefined
      figures.push(
        { name: `read + index ${label}`, value: median(indexMs), unit: 'ms', note: `${index.size.toLocaleString('en-GB')} entries, notes included; median of ${runs}` },
        { name: `re-index after one note edit, ${label}`, value: median(edits), unit: 'ms', note: 'whole project re-read, one entry re-indexed; median of 5' },
        { name: `query median, ${label}`, value: median(queryMs), unit: 'ms', ...(target ? { target } : {}), note: `${queries.length} queries × ${rounds}, best 100 kept` },
        { name: `query p95, ${label}`, value: p95, unit: 'ms', ...(target ? { target } : {}), note: `${queryMs.length} queries` },
        { name: `index heap, ${label}`, value: heap, unit: 'bytes', note: 'heapUsed delta after GC: entries + MiniSearch' }
      )
      details.push({ cards: n, entries: index.size, indexMs, edits, queryMs, hits, medianByQuery, heap })
    }
    return { figures, details }
  }
}

const COMMON = ['the', 'residents', 'council', 'library', 'contact', 'centre', 'service', 'form', 'letter', 'data', 'team', 'call', 'check', 'users', 'journey']
const SYLLABLES = ['ba', 'ker', 'lo', 'mi', 'nor', 'pex', 'qu', 'ra', 'sto', 'tul', 'ven', 'wy', 'zan', 'or', 'vex', 'di']

/** A deterministic vocabulary: 15 common words and 16³ = 4,096 made-up rarer ones. */
function vocabulary(): string[] {
  const words: string[] = []
  for (const a of SYLLABLES) for (const b of SYLLABLES) for (const c of SYLLABLES) words.push(a + b + c)
  return words
}

/** The fixture with a note on every card and a comment on every tenth, as one update. */
function withNotes(base: Uint8Array, n: number): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, base)
  const words = vocabulary()
  const ctx = opContext({ id: 'bench-person-0001' as never, name: 'Bench Officer' }, () => Date.UTC(2026, 1, 2, 9))
  // mulberry32: a small seeded generator whose low bits are random too (an LCG's are not).
  let seed = 12345
  const rand = (k: number): number => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return (((t ^ (t >>> 14)) >>> 0) % k)
  }
  const cards = readCards(doc)
  doc.transact(() => {
    cards.forEach((card) => {
      const note = cardNoteOf(doc, card.id)
      if (!note) return
      const count = 8 + rand(23)
      const text: string[] = []
      for (let w = 0; w < count; w++) text.push(rand(4) === 0 ? COMMON[rand(COMMON.length)]! : words[rand(words.length)]!)
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText(`${text.join(' ')}.`)])
      note.insert(0, [p])
    })
  })
  cards.forEach((card, i) => {
    if (i % 10 === 0) addComment(doc, ctx, { cardId: card.id, text: `Checked with the contact centre about ${words[rand(words.length)]}` })
  })
  if (readCards(doc).length !== n) throw new Error('the fixture changed size')
  const out = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return out
}

/** Heap held by the entries and index of one project (the doc itself excluded). */
function measureIndexHeap(doc: Y.Doc): number {
  const entries = readProjectEntries(doc)
  collectGarbage()
  const before = process.memoryUsage().heapUsed
  const index = new SearchIndex()
  index.setProject(entries[0]!.projectId, entries)
  collectGarbage()
  const after = process.memoryUsage().heapUsed - before
  if (index.size === 0) throw new Error('empty index')
  return after
}
