import { readBoard, readCardNoteText, type Card, type ProjectDoc } from '../doc'
import type { CardId } from '../domain/ids'

/**
 * The board's filter box: a card matches when every word typed appears (anywhere, any case) in
 * its title, labels, note or checklist. Substring rather than whole-word matching, because the
 * list narrows as each letter is typed.
 */
export function filterWords(query: string): readonly string[] {
  return query
    .toLocaleLowerCase('en-GB')
    .split(/\s+/)
    .filter((w) => w.length > 0)
}

/** True when every word is in `haystack` (already lower-cased by readCardFilterTexts). */
export function matchesFilter(haystack: string, words: readonly string[]): boolean {
  return words.every((w) => haystack.includes(w))
}

const textCache = new WeakMap<Card, { note: string; text: string }>()

function cardText(doc: ProjectDoc, card: Card): string {
  const note = readCardNoteText(doc, card.id)
  const hit = textCache.get(card)
  if (hit && hit.note === note) return hit.text
  const text = [card.title, card.labels.join(' '), note, card.checklist.map((i) => i.text).join(' ')].join('\n').toLocaleLowerCase('en-GB')
  textCache.set(card, { note, text })
  return text
}

/**
 * Each card on the board (not archived ones) with its searchable text, lower-cased: one reader for
 * useDocValue, so a note edited while the filter is on updates the matches too.
 */
export function readCardFilterTexts(doc: ProjectDoc): ReadonlyMap<CardId, string> {
  const out = new Map<CardId, string>()
  for (const col of readBoard(doc).columns) for (const card of col.cards) out.set(card.id, cardText(doc, card))
  return out
}
