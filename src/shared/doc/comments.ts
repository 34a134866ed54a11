import * as Y from 'yjs'
import { z } from 'zod'
import { newId, type Brand, type CardId, type PersonId } from '../domain/ids'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { KEYS } from './schema'
import { readRecords } from './readProblems'
import { storedCommentSchema } from './records/comment'

/**
 * Comments: the one part of a project doc that mentors may write.
 *
 * Every comment write touches ONLY the top-level `comments` map (no activity entry, no
 * `updatedAt` on a card, nothing else). Each comment is one plain value under its own random id,
 * so two people commenting at once never conflict. Removing a comment overwrites it with a
 * tombstone (`deleted: true`) rather than deleting the key: an overwrite is a struct with an
 * author (a Yjs client id) that a team peer can check belongs to the comment's writer, whereas a
 * bare deletion carries no author at all (commentGuard.ts).
 *
 * Comments from the mentor room are never stored as the mentor wrote them: a team peer validates
 * the plain record it received through its mirror (`commentRecordSchema`) and writes its own copy
 * (`reauthorMentorComment`), marked `via: 'mentor-room'`, so what a mentor's app says about who
 * wrote it (`by`, `byName`) is shown only as "via mentor room", never as a team member's comment.
 */
export type CommentId = Brand<string, 'CommentId'>

/** Which room a comment came through: the team's own, or the mentor room (fixed by the team peer that took it). */
export type CommentVia = 'team' | 'mentor-room'

export interface Comment {
  readonly id: CommentId
  /** The card it is about, or null for the project as a whole. */
  readonly cardId: CardId | null
  readonly text: string
  readonly by: PersonId
  readonly byName: string
  readonly at: number
  /** 'mentor-room': the name is what the mentor's app claimed; show it as "via mentor room". */
  readonly via: CommentVia
}

/** Bounds of a comment record: what a team peer accepts from the mentor room. */
export const COMMENT_LIMITS = Object.freeze({
  text: 2000,
  id: 64,
  name: 100,
  /** 1 Jan 2000 .. 1 Jan 2100: a finite time that `new Date()` can show. */
  earliest: Date.UTC(2000, 0, 1),
  latest: Date.UTC(2100, 0, 1),
  /** Bytes of the whole record as JSON (text is at most 2,000 UTF-16 units, up to 3 bytes each). */
  recordBytes: 8 * 1024
})

export const commentTextSchema = z
  .string()
  .trim()
  .min(1, 'Enter a comment')
  .max(COMMENT_LIMITS.text, 'Comment must be 2,000 characters or fewer')

const idSchema = z
  .string()
  .min(1)
  .max(COMMENT_LIMITS.id)
  .regex(/^[A-Za-z0-9_-]+$/)

/**
 * A comment record as it may arrive from the mentor room: flat plain data, strict bounds.
 * Unknown extra fields are dropped (not refused), so a newer mentor app's extra field does not
 * cut its comments off; the team peer re-authors only the fields below. `parentId` is reserved
 * for threaded comments. A tombstone (`deleted: true`) has empty text.
 */
export const commentRecordSchema = z
  .object({
    id: idSchema,
    cardId: idSchema.nullable(),
    text: z.string().max(COMMENT_LIMITS.text),
    by: z.string().max(COMMENT_LIMITS.id),
    byName: z.string().max(COMMENT_LIMITS.name),
    at: z.number().finite().min(COMMENT_LIMITS.earliest).max(COMMENT_LIMITS.latest),
    parentId: idSchema.nullable().optional(),
    deleted: z.literal(true).optional()
  })
  .refine((c) => (c.deleted === true ? c.text === '' : c.text.trim().length > 0), 'text must be non-empty (or empty for a removed comment)')
export type CommentRecord = z.output<typeof commentRecordSchema>

/** What the team doc stores for a comment that came through the mentor room. */
export interface ReauthoredComment extends CommentRecord {
  readonly via: 'mentor-room'
  /** The Yjs client id of the mentor session that wrote it: only that session may change it. */
  readonly mentorClient: number
}

/**
 * Parses a value from the mentor room. Never throws. Rejects anything but a plain JSON object
 * within `COMMENT_LIMITS.recordBytes`.
 */
export function parseCommentRecord(value: unknown): CommentRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  try {
    if (JSON.stringify(value).length > COMMENT_LIMITS.recordBytes) return null
  } catch {
    return null
  }
  const parsed = commentRecordSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

/**
 * The team's copy of a mentor's comment: a pure function of the record and the mentor session,
 * so two team peers re-authoring the same comment write equal values and converge.
 */
export function reauthorMentorComment(record: CommentRecord, mentorClient: number): ReauthoredComment {
  const out: ReauthoredComment = {
    id: record.id,
    cardId: record.cardId,
    text: record.text,
    by: record.by,
    byName: record.byName,
    at: record.at,
    via: 'mentor-room',
    mentorClient
  }
  if (record.parentId != null) (out as { parentId?: string }).parentId = record.parentId
  if (record.deleted === true) (out as { deleted?: true }).deleted = true
  return out
}

export function commentsOf(doc: Y.Doc): Y.Map<Comment> {
  return doc.getMap<Comment>(KEYS.comments)
}

export function addComment(doc: Y.Doc, ctx: OpContext, input: { cardId?: CardId | null; text: string }): CommentId {
  const text = commentTextSchema.parse(input.text)
  const id = newId<CommentId>()
  const comment = { id, cardId: input.cardId ?? null, text, by: ctx.author.id, byName: ctx.author.name.slice(0, COMMENT_LIMITS.name), at: ctx.now() }
  doc.transact(() => commentsOf(doc).set(id, comment as Comment), LOCAL_ORIGIN)
  return id
}

/**
 * Only the author may remove a comment (a UI rule here; the team's mirror enforces it for the
 * mentor room by Yjs client). Writes a tombstone: see the module comment for why not a deletion.
 */
export function removeComment(doc: Y.Doc, ctx: OpContext, id: CommentId): void {
  const existing = commentsOf(doc).get(id) as unknown as Record<string, unknown> | undefined
  if (!existing || existing.deleted === true) return
  if (existing.by !== ctx.author.id) throw new Error('You can only remove your own comments')
  const { cardId, by, byName, at } = existing
  const tombstone = { id, cardId: cardId ?? null, text: '', by, byName, at, deleted: true }
  doc.transact(() => commentsOf(doc).set(id, tombstone as unknown as Comment), LOCAL_ORIGIN)
}

/** Comments in time order (ties by id, so every peer lists them the same way); optionally for one card. */
export function readComments(doc: Y.Doc, cardId?: CardId | null): readonly Comment[] {
  // One validator for stored comments (records/comment.ts): anything malformed (a misbehaving
  // peer wrote it) is skipped and reported rather than crashing the screen.
  const out: Comment[] = []
  for (const c of readRecords(doc, 'comment', commentsOf(doc).entries(), storedCommentSchema)) {
    if (c.deleted === true || c.text === '') continue
    if (cardId !== undefined && c.cardId !== cardId) continue
    out.push({ id: c.id as CommentId, cardId: c.cardId as CardId | null, text: c.text, by: c.by as PersonId, byName: c.byName, at: c.at, via: c.via })
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * For a mentor's receipts (sync/commentReceipts.ts): calls `onLocal` with each comment this app
 * wrote (LOCAL_ORIGIN), and `onRemote` with the key and plain value of every entry that arrived
 * under `comments` from elsewhere. The value is undefined when it arrived without content: the
 * team's copy that lost a same-key conflict to this app's own value in the mirror reaches this app
 * already emptied (Yjs clears deleted content before encoding the update), but it still arrives.
 */
export function watchCommentWrites(
  doc: Y.Doc,
  handlers: { onLocal(comment: { id: string; cardId: string | null; text: string; deleted?: boolean }): void; onRemote(key: string, value: unknown): void }
): () => void {
  const comments = commentsOf(doc) as unknown as Y.AbstractType<unknown>
  const listener = (tr: Y.Transaction): void => {
    try {
      const changed = tr.changed.get(comments as Y.AbstractType<Y.YEvent<any>>) // eslint-disable-line @typescript-eslint/no-explicit-any
      if (!changed) return
      if (tr.origin === LOCAL_ORIGIN) {
        for (const key of changed) {
          if (typeof key !== 'string') continue
          const v = commentsOf(doc).get(key) as unknown as Record<string, unknown> | undefined
          if (v && typeof v.text === 'string') {
            handlers.onLocal({ id: key, cardId: typeof v.cardId === 'string' ? v.cardId : null, text: v.text, ...(v.deleted === true ? { deleted: true } : {}) })
          }
        }
        return
      }
      for (const [client, after] of tr.afterState) {
        const before = tr.beforeState.get(client) ?? 0
        if (after <= before) continue
        const structs = doc.store.clients.get(client) ?? []
        for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
          const s = structs[i]
          if (!(s instanceof Y.Item) || s.parent !== comments || typeof s.parentSub !== 'string') continue
          if (s.content instanceof Y.ContentAny) handlers.onRemote(s.parentSub, s.content.arr[s.content.arr.length - 1])
          else if (s.content instanceof Y.ContentDeleted) handlers.onRemote(s.parentSub, undefined)
        }
      }
    } catch (err) {
      console.error('Could not read comment receipts', err)
    }
  }
  doc.on('afterTransaction', listener)
  return () => doc.off('afterTransaction', listener)
}
