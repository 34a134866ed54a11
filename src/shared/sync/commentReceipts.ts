import type { CommentSubjectKind } from '../doc/comments'
/**
 * Mentor side: did the team take my comments?
 *
 * A team peer never stores a mentor's comment as the mentor sent it: it writes its own copy
 * (doc/comments.ts `reauthorMentorComment`: `via: 'mentor-room'`, `mentorClient` = the mentor's
 * Yjs client id), which flows back through the mirror into the mentor room. That copy is the
 * receipt (when that copy lost the same-key conflict in the mirror it arrives without content:
 * its arrival is the receipt). A comment with no receipt after `timeoutMs` of being connected to someone in the room
 * was not accepted: most often because an earlier change of this session was refused, so the
 * team's mirrors treat everything after it as a gap (attack 11 in issue 8). The mentor is told,
 * and the app starts a fresh session (a new Yjs client id) and posts the comments again, under
 * new ids, so the next comment gets through.
 *
 * Receipts guard against honest failure, not against another mentor: anyone in the room can write
 * something that looks like one (nothing in the room is signed).
 *
 * Pure: no Yjs, no timers. The session feeds it what happened (`wrote`, `echo`, `connected`) and
 * asks `check(now)`; doc/comments.ts `watchCommentWrites` turns doc transactions into those calls.
 */

export interface WrittenComment {
  readonly id: string
  readonly cardId: string | null
  readonly text: string
  readonly deleted?: boolean
  /** Where it sits in a thread (issue 9), so a comment posted again keeps its place. */
  readonly subject?: { readonly kind: CommentSubjectKind; readonly id: string }
  readonly parentId?: string
  readonly mentions?: readonly string[]
}

export interface ReceiptCheck {
  /** Comments written this session and not yet acknowledged by the team. */
  readonly waiting: number
  /** Unacknowledged for longer than the timeout while connected: tell the mentor, start afresh. */
  readonly notAccepted: readonly WrittenComment[]
}

export interface CommentReceipts {
  /** This session's Yjs client id (receipts name it). */
  readonly clientId: number
  /** The mentor wrote (or changed, or removed) a comment in this session. */
  wrote(comment: WrittenComment, now: number): void
  /**
   * An entry that arrived under `comments` from the room: its key and value, or undefined when it
   * arrived without content (the team's copy that lost a same-key conflict in the mirror).
   */
  echo(key: string, value: unknown): void
  /** Whether the mentor's app is connected to anyone in the room; time waits only while it is. */
  connected(isConnected: boolean, now: number): void
  check(now: number): ReceiptCheck
  /**
   * Starts a fresh session under `newClientId` (the caller sets the doc's client id): forgets
   * this session's receipts and returns the comments to post again (new ids: the old keys may
   * be unknown to the team's mirrors, and a change to them would be refused as well).
   */
  freshSession(newClientId: number, now: number): readonly WrittenComment[]
}

export const RECEIPT_TIMEOUT_MS = 15_000

interface Waiting {
  comment: WrittenComment
  /** Connected time waited so far, up to `since`. */
  waitedMs: number
  since: number
}

/** True when `value` is the team's receipt for `comment` from session `clientId`. */
export function isReceiptFor(value: unknown, clientId: number, comment: WrittenComment): boolean {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  if (v.via !== 'mentor-room' || v.mentorClient !== clientId || v.id !== comment.id) return false
  if (comment.deleted === true) return v.deleted === true
  return v.deleted !== true && v.text === comment.text
}

export function createCommentReceipts(clientId: number, opts: { timeoutMs?: number } = {}): CommentReceipts {
  const timeoutMs = opts.timeoutMs ?? RECEIPT_TIMEOUT_MS
  let session = clientId
  let isConnected = false
  const waiting = new Map<string, Waiting>()

  const advance = (now: number): void => {
    for (const w of waiting.values()) {
      if (isConnected && now > w.since) w.waitedMs += now - w.since
      w.since = now
    }
  }

  return {
    get clientId() {
      return session
    },
    wrote(comment, now) {
      advance(now)
      waiting.set(comment.id, { comment, waitedMs: 0, since: now })
    },
    echo(key, value) {
      const w = waiting.get(key)
      if (w && (value === undefined || isReceiptFor(value, session, w.comment))) waiting.delete(key)
    },
    connected(next, now) {
      advance(now)
      isConnected = next
    },
    check(now) {
      advance(now)
      const notAccepted = [...waiting.values()].filter((w) => w.waitedMs >= timeoutMs).map((w) => w.comment)
      return { waiting: waiting.size, notAccepted }
    },
    freshSession(newClientId, now) {
      advance(now)
      const again = [...waiting.values()].map((w) => w.comment).filter((c) => c.deleted !== true)
      waiting.clear()
      session = newClientId
      return again
    }
  }
}
