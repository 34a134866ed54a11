import * as Y from 'yjs'
import type { CardId } from '../domain/ids'
import { cardNoteOf } from './cards'
import { problemOf } from './project'

/**
 * Plain text of rich-text notes, for search and the board's filter box. Kept here because only
 * the doc layer may touch Yjs types; search code gets strings.
 */

// Block-level TipTap nodes: their text is separated from the next block's, so "end" + "Next" never
// runs together into "endNext".
const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'bulletList', 'orderedList', 'blockquote', 'codeBlock', 'hardBreak'])

function appendText(node: Y.XmlElement | Y.XmlFragment | Y.XmlText, out: string[]): void {
  if (node instanceof Y.XmlText) {
    // toDelta, not toString: toString wraps marked runs in tags (<bold>…</bold>).
    for (const op of node.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') out.push(op.insert)
    return
  }
  const block = node instanceof Y.XmlElement && BLOCKS.has(node.nodeName)
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText || child instanceof Y.XmlElement || child instanceof Y.XmlFragment) appendText(child, out)
  }
  if (block) out.push('\n')
}

// A fragment's text is rebuilt only after the fragment itself changed: re-reading 20,000 notes on
// every search refresh would be too slow. The version counter moves on any change inside it.
const textCache = new WeakMap<Y.XmlFragment, { version: number; text: string }>()
const versions = new WeakMap<Y.XmlFragment, number>()

function watchFragment(fragment: Y.XmlFragment): void {
  if (versions.has(fragment)) return
  versions.set(fragment, 0)
  fragment.observeDeep(() => versions.set(fragment, (versions.get(fragment) ?? 0) + 1))
}

/** The plain text of a rich-text fragment: blocks on their own lines, marks dropped. */
export function richTextPlain(fragment: Y.XmlFragment): string {
  watchFragment(fragment)
  const version = versions.get(fragment) ?? 0
  const hit = textCache.get(fragment)
  if (hit && hit.version === version) return hit.text
  const out: string[] = []
  appendText(fragment, out)
  const text = out.join('').replace(/\n+$/, '')
  textCache.set(fragment, { version, text })
  return text
}

/** A card's note as plain text ('' for a card with no note or an unknown card). */
export function readCardNoteText(doc: Y.Doc, id: CardId): string {
  const note = cardNoteOf(doc, id)
  return note ? richTextPlain(note) : ''
}

/** The project's problem statement as plain text. */
export function readProblemText(doc: Y.Doc): string {
  return richTextPlain(problemOf(doc))
}

/**
 * A short key that changes whenever the doc has taken in any change (its state vector). Lets a
 * search index skip re-reading a project that has not changed since it was last indexed.
 */
export function docChangeKey(doc: Y.Doc): string {
  const sv = Y.encodeStateVector(doc)
  let key = ''
  for (const b of sv) key += b.toString(16).padStart(2, '0')
  return key
}
