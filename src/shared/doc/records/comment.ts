import { z } from 'zod'
import { storedId, storedText } from './common'

/** What a comment can be about (issue 9). Kept here so the stored and the room schemas share it. */
export const COMMENT_SUBJECT_KINDS = ['card', 'project', 'cycle', 'feedback', 'mentor-session'] as const

/** Mentions kept when reading: more than a comment may carry (20), fewer than would hurt. */
const STORED_MENTIONS = 50

const storedCommentTime = z.number().min(0).max(8.64e15)

/**
 * A comment as stored: one plain value under `comments`, written by the team or arriving through
 * a mentor room. For the reader in comments.ts: `parseStored(storedCommentSchema, value, key, skip)`
 * (readProblems.ts), or `readRecords(doc, 'comment', commentsOf(doc).entries(), storedCommentSchema)`.
 * `at` must be a time `new Date()` can show: `at: NaN` once took the card screen down.
 *
 * Issue 9 added, all optional so comments stored before read as they did (`cardId` only: a card
 * comment, or the project's when null): `subjectKind`/`subjectId` (what it is about), `parentId`
 * (a reply: the thread's first comment), `mentions` (ids), `editedAt`, and on a thread's first
 * comment `resolved`. A subject kind this version does not know (a newer app's) is kept as text,
 * and the reader leaves such comments out; mentions that fail their bounds read as none rather
 * than hiding the comment.
 */
export const storedCommentSchema = z.object({
  id: storedId,
  cardId: storedId.nullable().default(null),
  subjectKind: z.string().max(40).optional(),
  subjectId: storedId.optional(),
  parentId: storedId.nullable().optional(),
  // Empty only in a removal's tombstone (`deleted: true`), which readers skip.
  text: z.string().max(10_000),
  by: storedId,
  byName: storedText(500),
  at: storedCommentTime,
  editedAt: storedCommentTime.nullable().optional().catch(undefined),
  mentions: z.array(storedId).max(STORED_MENTIONS).optional().catch(undefined),
  resolved: z
    .object({
      by: storedId,
      byName: storedText(500),
      at: storedCommentTime,
      /** 'mentor-room': claimed by a mentor's app (re-authored); otherwise a colleague's. */
      via: z.enum(['team', 'mentor-room']).catch('team')
    })
    .nullable()
    .optional()
    .catch(undefined),
  /** Fixed by the room a comment came through, never by what it says (roomMirror.ts). */
  via: z.enum(['team', 'mentor-room']).catch('team'),
  deleted: z.boolean().optional(),
  mentorClient: z.number().int().optional()
})
export type StoredComment = z.output<typeof storedCommentSchema>

/**
 * A thread's resolution, kept apart from its first comment (issue 9 review): one plain value per
 * thread under the top-level `commentResolutions` map (thread's first comment id → this), written
 * by the team only. Apart, so that someone editing the first comment and someone resolving the
 * thread at the same moment both keep what they did (each used to rewrite the whole record), and
 * so that a mentor's app, which may change its own comment record, can never reopen or resolve a
 * thread: the mentor room's gate takes nothing outside `comments`. `resolved: false` is a reopen
 * (it must win over an older resolution, so it is a value, not a removed key).
 */
export const storedCommentResolutionSchema = z.object({
  resolved: z.boolean(),
  by: storedId,
  byName: storedText(500),
  at: storedCommentTime
})
export type StoredCommentResolution = z.output<typeof storedCommentResolutionSchema>
