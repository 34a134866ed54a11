import * as Y from 'yjs'
import type { IsoDate } from '../domain/dates'
import type { CardId, ChecklistItemId, ColumnId, PersonId } from '../domain/ids'
import { samePlainData } from '../domain/samePlainData'
import { collect, problemReason, reportReadProblem } from './readProblems'
import { parseStoredCard } from './records/card'
import { KEYS } from './schema'

export interface ChecklistItem {
  readonly id: ChecklistItemId
  readonly text: string
  readonly done: boolean
  readonly rank: string
}

export interface Card {
  readonly id: CardId
  /** The column the card was put in; see `effectiveColumnId` in board.ts for removed columns. */
  readonly columnId: ColumnId
  readonly rank: string
  readonly title: string
  readonly labels: readonly string[]
  readonly assignees: readonly PersonId[]
  readonly dueDate: IsoDate | null
  readonly checklist: readonly ChecklistItem[]
  readonly archived: boolean
  readonly createdBy: PersonId
  readonly createdAt: number
  readonly updatedBy: PersonId
  readonly updatedAt: number
  /** Present when the card was made from an action agreed in a mentor session (mentorLinks.ts `actionToCard`). */
  readonly fromSession?: CardSource
  /** The cycle the card is committed to (cycles.ts `commitCard`), when it is; the cycle may since have ended. */
  readonly cycle?: number
}

/** The mentor session action a card was made from. Written once, with the card. */
export interface CardSource {
  readonly sessionId: string
  readonly actionId: string
}

export function cardsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(KEYS.cards)
}

// ---- reading, kept up to date incrementally ------------------------------------------------
// A board re-renders on every keystroke anywhere in the doc; rebuilding 20,000 plain cards each
// time would be far too slow. So each doc keeps every card's plain copy (or the reason it could
// not be read), and a deep observer marks only the cards a transaction touched. The next read
// re-parses just those; a card whose plain data did not change (a keystroke in its note) keeps
// the same object, so whatever was built from it (a column, a tile) can be reused as is.
// Every card passes its stored-data schema (records/card.ts): one a peer wrote wrongly is
// skipped and reported (readProblems.ts), never thrown into a screen.
type Read = { readonly card: Card } | { readonly reason: string }

interface DocCards {
  readonly reads: Map<string, Read>
  /** Cards touched since the last refresh; `all` until the first full read. */
  dirty: Set<string> | 'all'
  /** readCards' answer, rebuilt only after a change. */
  list: readonly Card[] | null
  /** Keys whose read changed since `takeChangedCardKeys` last ran (the board's column index). */
  changedForBoard: Set<string> | 'all'
  /** Cards that could not be read, and why: reported (readProblems.ts) whenever this changes. */
  readonly unreadable: Map<string, string>
}

const states = new WeakMap<Y.Doc, DocCards>()

function stateOf(doc: Y.Doc): DocCards {
  let s = states.get(doc)
  if (s) return s
  const state: DocCards = { reads: new Map(), dirty: 'all', list: null, changedForBoard: 'all', unreadable: new Map() }
  states.set(doc, state)
  const cards = cardsOf(doc)
  // Before any observer runs (not from a deep observer, which Yjs calls last): an observer that
  // reads a card must already see the change that fired it.
  doc.on('beforeObserverCalls', (tr: Y.Transaction) => {
    if (state.dirty === 'all') return
    const dirty = state.dirty
    tr.changed.forEach((keys, type) => {
      if (type === (cards as unknown)) {
        for (const key of keys) if (key !== null) dirty.add(key)
        return
      }
      let t: Y.AbstractType<unknown> | null = type as Y.AbstractType<unknown>
      while (t && t._item && t.parent !== cards) t = t.parent as Y.AbstractType<unknown> | null
      const key = t && t.parent === cards ? t._item?.parentSub : null
      if (typeof key === 'string') dirty.add(key)
    })
  })
  s = state
  return s
}

function parse(key: string, m: unknown): Read {
  const r = parseStoredCard(key, m)
  return r.ok ? { card: r.card } : { reason: problemReason(r.reason) }
}

function sameRead(a: Read, b: Read): boolean {
  if ('card' in a && 'card' in b) return samePlainData(a.card, b.card)
  return 'reason' in a && 'reason' in b && a.reason === b.reason
}

/** Inside a transaction the observer has not run yet: reads then go to the Y.Map itself. */
function inTransaction(doc: Y.Doc): boolean {
  return doc._transaction !== null
}

function refresh(doc: Y.Doc, s: DocCards): void {
  const cards = cardsOf(doc)
  if (s.dirty === 'all') {
    s.reads.clear()
    s.unreadable.clear()
    cards.forEach((m, key) => {
      const r = parse(key, m)
      s.reads.set(key, r)
      if ('reason' in r) s.unreadable.set(key, r.reason)
    })
    s.dirty = new Set()
    s.list = null
    s.changedForBoard = 'all'
    report(doc, s)
    return
  }
  if (s.dirty.size === 0) return
  let changed = false
  let problemsChanged = false
  for (const key of s.dirty) {
    const m = cards.get(key)
    const before = s.reads.get(key)
    const next = m === undefined ? undefined : parse(key, m)
    if (before !== undefined && next !== undefined && sameRead(before, next)) continue
    if (before === undefined && next === undefined) continue
    if (next === undefined) s.reads.delete(key)
    else s.reads.set(key, next)
    const reason = next && 'reason' in next ? next.reason : undefined
    if (reason !== s.unreadable.get(key)) {
      if (reason === undefined) s.unreadable.delete(key)
      else s.unreadable.set(key, reason)
      problemsChanged = true
    }
    changed = true
    if (s.changedForBoard !== 'all') s.changedForBoard.add(key)
  }
  s.dirty.clear()
  if (changed) s.list = null
  if (problemsChanged) report(doc, s)
}

/** Tell readProblems.ts which cards cannot be read (it notifies only when that changed). */
function report(doc: Y.Doc, s: DocCards): void {
  const problems = collect(doc, 'card')
  for (const [key, reason] of s.unreadable) problems.skip(key, reason)
  problems.done()
}

function readAllNow(doc: Y.Doc): readonly Card[] {
  const out: Card[] = []
  const problems = collect(doc, 'card')
  cardsOf(doc).forEach((m, key) => {
    const r = parse(key, m)
    if ('card' in r) out.push(r.card)
    else problems.skip(key, r.reason)
  })
  problems.done()
  return out
}

/** Every readable card (unordered). The same array until a card changes. */
export function readCards(doc: Y.Doc): readonly Card[] {
  if (inTransaction(doc)) return readAllNow(doc)
  const s = stateOf(doc)
  refresh(doc, s)
  if (s.list) return s.list
  const out: Card[] = []
  for (const r of s.reads.values()) if ('card' in r) out.push(r.card)
  s.list = out
  return out
}

export function readCard(doc: Y.Doc, id: CardId): Card | null {
  let r: Read | undefined
  if (inTransaction(doc)) {
    const m = cardsOf(doc).get(id)
    r = m === undefined ? undefined : parse(id, m)
  } else {
    const s = stateOf(doc)
    refresh(doc, s)
    r = s.reads.get(id)
  }
  if (r === undefined) return null
  if ('card' in r) return r.card
  reportReadProblem(doc, 'card', id, r.reason)
  return null
}

/**
 * The cards whose plain data changed since the last call ('all': start again from readCards),
 * for the board's column index (board.ts), its only caller: each call hands the changes over.
 */
export function takeChangedCardKeys(doc: Y.Doc): ReadonlySet<string> | 'all' {
  const s = stateOf(doc)
  refresh(doc, s)
  const taken = s.changedForBoard
  s.changedForBoard = new Set()
  return taken
}

/** A card's plain copy as last read (after `takeChangedCardKeys`), or null if unreadable or gone. */
export function cachedCard(doc: Y.Doc, key: string): Card | null {
  const r = stateOf(doc).reads.get(key)
  return r && 'card' in r ? r.card : null
}

/** The card's rich-text note, for TipTap's Collaboration extension. */
export function cardNoteOf(doc: Y.Doc, id: CardId): Y.XmlFragment | null {
  const note = cardsOf(doc).get(id)?.get('note')
  return note instanceof Y.XmlFragment ? note : null
}
