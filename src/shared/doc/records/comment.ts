import { z } from 'zod'
import { storedId, storedText } from './common'

/**
 * A comment as stored: one plain value under `comments`, written by the team or arriving through
 * a mentor room. For the reader in comments.ts: `parseStored(storedCommentSchema, value, key, skip)`
 * (readProblems.ts), or `readRecords(doc, 'comment', commentsOf(doc).entries(), storedCommentSchema)`.
 * `at` must be a time `new Date()` can show: `at: NaN` once took the card screen down.
 */
export const storedCommentSchema = z.object({
  id: storedId,
  cardId: storedId.nullable().default(null),
  // Empty only in a removal's tombstone (`deleted: true`), which readers skip.
  text: z.string().max(10_000),
  by: storedId,
  byName: storedText(500),
  at: z.number().min(0).max(8.64e15),
  /** Fixed by the room a comment came through, never by what it says (roomMirror.ts). */
  via: z.enum(['team', 'mentor-room']).catch('team'),
  deleted: z.boolean().optional(),
  mentorClient: z.number().int().optional(),
  parentId: storedId.nullable().optional()
})
export type StoredComment = z.output<typeof storedCommentSchema>
