import type * as Y from 'yjs'
import { z } from 'zod'
import { newId, type Brand, type CardId, type PersonId } from '../domain/ids'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { KEYS } from './schema'

/**
 * Comments: the one part of a project doc that mentors may write.
 *
 * Every comment write touches ONLY the top-level `comments` map (no activity entry, no
 * `updatedAt` on a card, nothing else). That is what lets a team peer accept a mentor's update
 * after checking that it changes nothing outside `comments` (commentGuard.ts): a comment that
 * also wrote to the activity log would be refused as a board edit.
 *
 * Each comment is one immutable plain value under its own random id, so two people commenting
 * at once never conflict, and a deletion removes exactly one comment.
 */
export type CommentId = Brand<string, 'CommentId'>

export interface Comment {
  readonly id: CommentId
  /** The card it is about, or null for the project as a whole. */
  readonly cardId: CardId | null
  readonly text: string
  readonly by: PersonId
  readonly byName: string
  readonly at: number
}

export const commentTextSchema = z
  .string()
  .trim()
  .min(1, 'Enter a comment')
  .max(2000, 'Comment must be 2,000 characters or fewer')

export function commentsOf(doc: Y.Doc): Y.Map<Comment> {
  return doc.getMap<Comment>(KEYS.comments)
}

export function addComment(doc: Y.Doc, ctx: OpContext, input: { cardId?: CardId | null; text: string }): CommentId {
  const text = commentTextSchema.parse(input.text)
  const id = newId<CommentId>()
  const comment: Comment = { id, cardId: input.cardId ?? null, text, by: ctx.author.id, byName: ctx.author.name, at: ctx.now() }
  doc.transact(() => commentsOf(doc).set(id, comment), LOCAL_ORIGIN)
  return id
}

/** Only the author may remove a comment (a UI rule; the doc cannot know who is typing). */
export function removeComment(doc: Y.Doc, ctx: OpContext, id: CommentId): void {
  const existing = commentsOf(doc).get(id)
  if (!existing) return
  if (existing.by !== ctx.author.id) throw new Error('You can only remove your own comments')
  doc.transact(() => commentsOf(doc).delete(id), LOCAL_ORIGIN)
}

function isComment(value: unknown): value is Comment {
  if (typeof value !== 'object' || value === null) return false
  const c = value as Record<string, unknown>
  return typeof c.id === 'string' && typeof c.text === 'string' && typeof c.at === 'number' && typeof c.by === 'string'
}

/** Comments in time order (ties by id, so every peer lists them the same way); optionally for one card. */
export function readComments(doc: Y.Doc, cardId?: CardId | null): readonly Comment[] {
  const out: Comment[] = []
  commentsOf(doc).forEach((value) => {
    // Anything malformed (a misbehaving peer wrote it) is skipped rather than crashing the screen.
    if (!isComment(value)) return
    if (cardId !== undefined && (value.cardId ?? null) !== cardId) return
    out.push({ ...value, cardId: value.cardId ?? null, byName: String(value.byName ?? '') })
  })
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
