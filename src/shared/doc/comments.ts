import * as Y from 'yjs'
import { z } from 'zod'
import { newId, type Brand, type CardId, type PersonId } from '../domain/ids'
import { InputError } from '../domain/inputError'
import { MAX_MENTIONS } from '../domain/mentions'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { KEYS } from './schema'
import { collect, parseStored } from './readProblems'
import {
  COMMENT_SUBJECT_KINDS,
  storedCommentResolutionSchema,
  storedCommentSchema,
  type StoredComment,
  type StoredCommentResolution
} from './records/comment'

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
 *
 * Threads (issue 9): a comment is about a subject (a card, the project, a cycle's review, a
 * feedback item, a mentor session); a reply names its thread's first comment (`parentId`). Each
 * is a field of the one plain record, never a nested shared type, so the mentor room's gate still
 * sees flat records only. A thread's resolution is kept apart, under `commentResolutions`, and
 * written by the team only (`setThreadResolved`). Stored comments from before have only `cardId`
 * and read as before: a card's comment, or the project's.
 */
export type CommentId = Brand<string, 'CommentId'>

/** Which room a comment came through: the team's own, or the mentor room (fixed by the team peer that took it). */
export type CommentVia = 'team' | 'mentor-room'

export { COMMENT_SUBJECT_KINDS }
export type CommentSubjectKind = (typeof COMMENT_SUBJECT_KINDS)[number]

/**
 * What a comment is about. `id` is the card's, the cycle's number as text (`String(n)`), the
 * feedback item's or the mentor session's; for the project it is the project's id (any id reads
 * as the project: there is one per doc).
 */
export interface CommentSubject {
  readonly kind: CommentSubjectKind
  readonly id: string
}

/**
 * Who resolved a thread. `via: 'mentor-room'`: a mentor's app said so on its own first comment,
 * which only docs from before resolutions were kept apart can hold (nothing takes it now).
 */
export interface CommentResolution {
  readonly by: PersonId
  readonly byName: string
  readonly at: number
  readonly via: CommentVia
}

export interface Comment {
  readonly id: CommentId
  /** The card it is about (card comments, and replies in a card's thread), else null. */
  readonly cardId: CardId | null
  readonly subject: CommentSubject
  /** The thread's first comment when this is a reply, else null. */
  readonly parentId: CommentId | null
  readonly text: string
  readonly by: PersonId
  readonly byName: string
  readonly at: number
  /** When the author last changed the text (the comment keeps its place by `at`). */
  readonly editedAt: number | null
  /** Person and mentor ids (programme people, mentor directory). */
  readonly mentions: readonly string[]
  /** Thread's first comment only: resolved, and by whom (`setThreadResolved`); null when open. */
  readonly resolved: CommentResolution | null
  /** 'mentor-room': the name is what the mentor's app claimed; show it as "via mentor room". */
  readonly via: CommentVia
  /** The mentor session (Yjs client id) that wrote a 'mentor-room' comment: only it may change it. */
  readonly mentorClient: number | null
}

/** Bounds of a comment record: what a team peer accepts from the mentor room. */
export const COMMENT_LIMITS = Object.freeze({
  text: 2000,
  id: 64,
  name: 100,
  /** People and mentors one comment may mention. */
  mentions: MAX_MENTIONS,
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

const roomTime = z.number().finite().min(COMMENT_LIMITS.earliest).max(COMMENT_LIMITS.latest)

/**
 * A comment record as it may arrive from the mentor room: flat plain data, strict bounds.
 * Unknown extra fields are dropped (not refused), so a newer mentor app's extra field does not
 * cut its comments off; the team peer re-authors only the fields below. A tombstone
 * (`deleted: true`) has empty text.
 *
 * Threads (issue 9), all optional so older mentor apps' comments pass as before: `subjectKind` and
 * `subjectId` come together (a card's subject is its `cardId`; any other subject has no card);
 * `parentId` makes a reply, which cannot itself be resolved; `mentions` is at most 20 ids;
 * `editedAt` is a sane time; `resolved` holds who/when (plain values: nothing nests a shared type).
 * A bounded `resolved` still passes (an app from before resolutions were kept apart sends it) but
 * is not taken: the team resolves threads (`reauthorMentorComment`).
 */
export const commentRecordSchema = z
  .object({
    id: idSchema,
    cardId: idSchema.nullable(),
    subjectKind: z.enum(COMMENT_SUBJECT_KINDS).optional(),
    subjectId: idSchema.optional(),
    parentId: idSchema.nullable().optional(),
    text: z.string().max(COMMENT_LIMITS.text),
    by: z.string().max(COMMENT_LIMITS.id),
    byName: z.string().max(COMMENT_LIMITS.name),
    at: roomTime,
    editedAt: roomTime.nullable().optional(),
    mentions: z.array(idSchema).max(COMMENT_LIMITS.mentions).optional(),
    resolved: z
      .object({ by: z.string().max(COMMENT_LIMITS.id), byName: z.string().max(COMMENT_LIMITS.name), at: roomTime })
      .nullable()
      .optional(),
    deleted: z.literal(true).optional()
  })
  .refine((c) => (c.deleted === true ? c.text === '' : c.text.trim().length > 0), 'text must be non-empty (or empty for a removed comment)')
  .refine((c) => (c.subjectKind === undefined) === (c.subjectId === undefined), 'subjectKind and subjectId come together')
  .refine(
    (c) => c.subjectKind === undefined || (c.subjectKind === 'card' ? c.cardId === c.subjectId : c.cardId === null),
    'a card comment names its card in cardId; other subjects have none'
  )
  .refine((c) => c.parentId == null || c.resolved == null, 'only a thread’s first comment can be resolved')
export type CommentRecord = z.output<typeof commentRecordSchema>

/** What the team doc stores for a comment that came through the mentor room. */
export interface ReauthoredComment extends Omit<CommentRecord, 'resolved'> {
  /** Only ever carried over from the team's copy (a resolution stored on a comment before resolutions were kept apart). */
  readonly resolved?: (NonNullable<CommentRecord['resolved']> & { readonly via: 'team' | 'mentor-room' }) | null
  readonly via: 'mentor-room'
  /** The Yjs client id of the mentor session that wrote it: only that session may change it. */
  readonly mentorClient: number
}

/** What the team doc already holds about a mentor's record: the facts the record may not change. */
export interface TeamCopies {
  /** The team's copy under the record's id: the mentor session's own comment, taken before. */
  readonly existing: StoredComment | null
  /** For a reply the team has not taken yet: the team's copy of the thread's first comment (null: not here). */
  readonly root: StoredComment | null
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

/** The subject fields a reply takes from its thread's first comment, as the team doc has them. */
function threadFieldsOf(root: StoredComment): Record<string, unknown> {
  if (root.subjectKind !== undefined && root.subjectId !== undefined) return { cardId: root.cardId, subjectKind: root.subjectKind, subjectId: root.subjectId }
  return root.cardId ? { cardId: root.cardId, subjectKind: 'card', subjectId: root.cardId } : { cardId: null }
}

/**
 * The team's copy of a mentor's comment, or null when it is not taken (now).
 *
 * What a mentor's app may decide is only what a person editing their own comment decides: the
 * text, its mentions, when it was edited, and removing it. Everything that places the comment or
 * says who wrote it when (`id`, `cardId`, the subject, `parentId`, `by`, `byName`, `at`) comes
 * from the team's copy once there is one, whatever a later record claims: a mentor's app cannot
 * move its comment into another thread, another card, or another person's name, nor pull replies
 * along with it. A new reply takes its thread's subject and card from the team's copy of the
 * thread's first comment (as `addComment` does), never from its own claim, and joins that first
 * comment; a reply whose thread the team doc does not have is not taken (null) rather than taken
 * as a thread of its own: team peers that lack the thread write nothing, the ones that have it
 * all write the same copy, so they never race two different values for one key (a peer retries
 * when its team doc changes; the mentor's receipts post it again otherwise). A claimed
 * `resolved` is ignored: threads are resolved by the team only (`setThreadResolved`).
 *
 * Pure: a function of the record, the team's copies and the mentor session, written in a fixed
 * field order, so every team peer re-authoring the same comment writes an equal value and they
 * converge.
 */
export function reauthorMentorComment(record: CommentRecord, mentorClient: number, team: TeamCopies): ReauthoredComment | null {
  const existing = team.existing
  if (existing && existing.via !== 'mentor-room') return null // a team member's comment: never a mentor's to change
  const out: Record<string, unknown> = { id: record.id }
  if (existing) {
    Object.assign(out, { cardId: existing.cardId, text: record.text, by: existing.by, byName: existing.byName, at: existing.at })
  } else if (record.parentId != null) {
    if (!team.root) return null
    Object.assign(out, { cardId: threadFieldsOf(team.root).cardId, text: record.text, by: record.by, byName: record.byName, at: record.at })
  } else {
    Object.assign(out, { cardId: record.cardId, text: record.text, by: record.by, byName: record.byName, at: record.at })
  }
  out.via = 'mentor-room'
  out.mentorClient = mentorClient
  if (existing) {
    if (existing.subjectKind !== undefined && existing.subjectId !== undefined) Object.assign(out, { subjectKind: existing.subjectKind, subjectId: existing.subjectId })
    if (existing.parentId != null) out.parentId = existing.parentId
  } else if (record.parentId != null && team.root) {
    const fields = threadFieldsOf(team.root)
    if (fields.subjectKind !== undefined) Object.assign(out, { subjectKind: fields.subjectKind, subjectId: fields.subjectId })
    out.parentId = team.root.id
  } else if (record.subjectKind !== undefined && record.subjectId !== undefined) {
    Object.assign(out, { subjectKind: record.subjectKind, subjectId: record.subjectId })
  }
  if (record.deleted !== true) {
    if (record.mentions !== undefined && record.mentions.length > 0) out.mentions = [...new Set(record.mentions)]
    if (record.editedAt != null) out.editedAt = record.editedAt
  }
  if (existing?.resolved != null && existing.parentId == null) out.resolved = { ...existing.resolved }
  if (record.deleted === true) out.deleted = true
  return out as unknown as ReauthoredComment
}

/**
 * The team's copy of a mentor's record, looked up in the team doc: `reauthorMentorComment` with
 * the team's copy of the comment and, for a new reply, of its thread's first comment. `pending`:
 * copies this peer is about to write in the same batch (a mentor's new thread and a reply to it
 * can arrive together).
 */
export function reauthorFromTeam(team: Y.Doc, record: CommentRecord, mentorClient: number, pending?: ReadonlyMap<string, unknown>): ReauthoredComment | null {
  const lookup = (id: string): StoredComment | null => {
    const raw = pending?.has(id) ? pending.get(id) : (commentsOf(team).get(id) as unknown)
    if (raw === undefined) return null
    const parsed = storedCommentSchema.safeParse(raw)
    return parsed.success ? parsed.data : null
  }
  const existing = lookup(record.id)
  const root = !existing && record.parentId != null ? threadRootIn(lookup, record.parentId) : null
  return reauthorMentorComment(record, mentorClient, { existing, root })
}

export function commentsOf(doc: Y.Doc): Y.Map<Comment> {
  return doc.getMap<Comment>(KEYS.comments)
}

// ---- writing ----------------------------------------------------------------------------------

const subjectSchema = z.object({ kind: z.enum(COMMENT_SUBJECT_KINDS), id: idSchema })

export interface NewComment {
  /** What it is about (default: the card in `cardId`, else the project). Ignored for a reply. */
  readonly subject?: CommentSubject
  /** The older way to say "about this card" (still accepted). */
  readonly cardId?: CardId | null
  /** Reply to this comment's thread (a reply to a reply joins the same thread). */
  readonly parentId?: CommentId | null
  readonly text: string
  /** Ids the text mentions (domain/mentions.ts `parseMentions`). */
  readonly mentions?: readonly string[]
}

/**
 * Which comments this app wrote in its current Yjs session (id → the doc's client id then). A
 * mentor's app may change only those (the gate checks the session, not the person), so its
 * screens offer Edit and Resolve only for them (`writtenThisSession`).
 */
const sessionWrites = new WeakMap<Y.Doc, Map<string, number>>()

function noteWrite(doc: Y.Doc, id: string): void {
  let m = sessionWrites.get(doc)
  if (!m) sessionWrites.set(doc, (m = new Map()))
  m.set(id, doc.clientID)
}

function checkMentions(mentions: readonly string[] | undefined): string[] {
  const ids = [...new Set(mentions ?? [])]
  if (ids.length > COMMENT_LIMITS.mentions) throw new InputError('text', `You can mention up to ${COMMENT_LIMITS.mentions} people in one comment`)
  for (const id of ids) if (!idSchema.safeParse(id).success) throw new InputError('text', 'Choose people to mention from the list')
  return ids
}

/** The plain record stored under `id` (validated), or null. */
function storedRecord(doc: Y.Doc, id: string): StoredComment | null {
  const raw = commentsOf(doc).get(id) as unknown
  if (raw === undefined) return null
  const parsed = storedCommentSchema.safeParse(raw)
  return parsed.success ? parsed.data : null
}

/** A stored record written back with the same fields (and only known ones), in a fixed order. */
function recordOf(c: StoredComment, patch: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id, cardId: c.cardId }
  if (c.subjectKind !== undefined && c.subjectId !== undefined) {
    out.subjectKind = c.subjectKind
    out.subjectId = c.subjectId
  }
  if (c.parentId != null) out.parentId = c.parentId
  Object.assign(out, { text: c.text, by: c.by, byName: c.byName, at: c.at })
  if (c.mentions !== undefined && c.mentions.length > 0) out.mentions = c.mentions
  if (c.editedAt != null) out.editedAt = c.editedAt
  if (c.resolved !== undefined) out.resolved = c.resolved === null ? null : c.resolved.via === 'mentor-room' ? c.resolved : { by: c.resolved.by, byName: c.resolved.byName, at: c.resolved.at }
  if (c.via === 'mentor-room') {
    out.via = 'mentor-room'
    if (c.mentorClient !== undefined) out.mentorClient = c.mentorClient
  }
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k]
    else out[k] = v
  }
  return out
}

/**
 * The thread's first comment for a reply to `parentId` (one level: a reply to a reply joins its
 * thread), found through `lookup`; null when `parentId` is not there.
 */
function threadRootIn(lookup: (id: string) => StoredComment | null, parentId: string): StoredComment | null {
  let current = lookup(parentId)
  for (let i = 0; current && current.parentId != null && i < 8; i++) {
    const up = lookup(current.parentId)
    if (!up) break
    current = up
  }
  return current
}

function threadRootFor(doc: Y.Doc, parentId: string): StoredComment {
  const root = threadRootIn((id) => storedRecord(doc, id), parentId)
  if (!root) throw new InputError('text', 'The comment you are replying to is no longer here')
  return root
}

function subjectFields(subject: CommentSubject): { cardId: string | null; subjectKind: CommentSubjectKind; subjectId: string } {
  return { cardId: subject.kind === 'card' ? subject.id : null, subjectKind: subject.kind, subjectId: subject.id }
}

/**
 * Posts a comment (a new thread), or a reply when `parentId` is given. A reply takes its thread's
 * subject and joins the thread's first comment: one level of threading, as in GitHub and Slack, so
 * a conversation stays one list however people click "Reply". Card comments keep `cardId`, so an
 * older app still lists them (flat) on the card.
 */
export function addComment(doc: Y.Doc, ctx: OpContext, input: NewComment): CommentId {
  const text = commentTextSchema.parse(input.text)
  const mentions = checkMentions(input.mentions)
  const id = newId<CommentId>()
  const comment: Record<string, unknown> = { id }
  if (input.parentId != null) {
    const root = threadRootFor(doc, input.parentId)
    // The thread's subject as its first comment stores it (an older one has only `cardId`).
    Object.assign(comment, threadFieldsOf(root))
    comment.parentId = root.id
  } else if (input.subject) {
    const s = subjectSchema.safeParse(input.subject)
    if (!s.success) throw new InputError('text', 'This comment has nothing to be about')
    Object.assign(comment, subjectFields(s.data))
  } else {
    comment.cardId = input.cardId ?? null
    if (input.cardId) Object.assign(comment, { subjectKind: 'card', subjectId: input.cardId })
  }
  Object.assign(comment, { text, by: ctx.author.id, byName: ctx.author.name.slice(0, COMMENT_LIMITS.name), at: ctx.now() })
  if (mentions.length > 0) comment.mentions = mentions
  doc.transact(() => commentsOf(doc).set(id, comment as unknown as Comment), LOCAL_ORIGIN)
  noteWrite(doc, id)
  return id
}

/**
 * The author changes their comment's text (and so its mentions). It keeps its time and place;
 * `editedAt` says it changed. Only the author: a UI rule here for colleagues, and for the mentor
 * room the team's mirror refuses a change from any session but the writer's.
 */
export function editComment(doc: Y.Doc, ctx: OpContext, id: CommentId, input: { text: string; mentions?: readonly string[] }): void {
  const text = commentTextSchema.parse(input.text)
  const mentions = checkMentions(input.mentions)
  const existing = storedRecord(doc, id)
  if (!existing || existing.deleted === true) throw new InputError('text', 'This comment has been removed')
  if (existing.by !== ctx.author.id) throw new InputError('text', 'You can only edit your own comments')
  const next = recordOf(existing, { text, mentions: mentions.length > 0 ? mentions : undefined, editedAt: ctx.now() })
  doc.transact(() => commentsOf(doc).set(id, next as unknown as Comment), LOCAL_ORIGIN)
  noteWrite(doc, id)
}

/** Thread resolutions (first comment id → `StoredCommentResolution`): see records/comment.ts. */
export function commentResolutionsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(KEYS.commentResolutions)
}

/**
 * Resolves (or reopens) a thread, by the team. Written apart from the comment (under
 * `commentResolutions`), so an edit of the first comment at the same moment keeps both, and the
 * first comment's author (a mentor's app included) cannot undo it by rewriting their comment.
 *
 * Team only: a mentor's app must not call this (the team's mirror refuses anything outside
 * `comments`, and would then stop taking that session's comments until it starts afresh), so its
 * screens offer no Resolve. The simplest sound rule: a mentor's claim about a resolution has no
 * time the team could trust to order it against the team's, so it is not taken at all; a mentor
 * asks in a reply and the team resolves.
 */
export function setThreadResolved(doc: Y.Doc, ctx: OpContext, rootId: CommentId, resolved: boolean): void {
  const existing = storedRecord(doc, rootId)
  if (!existing || existing.deleted === true) throw new Error('This thread’s first comment has been removed, so it cannot be resolved')
  if (existing.parentId != null) throw new Error('Only a whole thread can be resolved')
  const isResolved = resolutionOf(doc, rootId, existing) !== null
  if (isResolved === resolved) return
  const value = { resolved, by: ctx.author.id, byName: ctx.author.name.slice(0, COMMENT_LIMITS.name), at: ctx.now() }
  doc.transact(() => commentResolutionsOf(doc).set(rootId, value), LOCAL_ORIGIN)
}

/** A stored resolution as read: null when the thread is open. */
function resolutionFrom(r: StoredCommentResolution): CommentResolution | null {
  return r.resolved ? { by: r.by as PersonId, byName: r.byName, at: r.at, via: 'team' } : null
}

/** A stored comment's own `resolved` (from before resolutions were kept apart). */
function legacyResolution(c: StoredComment): CommentResolution | null {
  return c.parentId == null && c.resolved ? { by: c.resolved.by as PersonId, byName: c.resolved.byName, at: c.resolved.at, via: c.resolved.via } : null
}

/** The thread's resolution: the team's entry when there is one (it wins), else what its first comment says. */
function resolutionOf(doc: Y.Doc, rootId: string, root: StoredComment | null): CommentResolution | null {
  const raw = commentResolutionsOf(doc).get(rootId)
  if (raw !== undefined) {
    const parsed = storedCommentResolutionSchema.safeParse(raw)
    if (parsed.success) return resolutionFrom(parsed.data)
  }
  return root ? legacyResolution(root) : null
}

/**
 * Only the author may remove a comment (a UI rule here; the team's mirror enforces it for the
 * mentor room by Yjs client). Writes a tombstone: see the module comment for why not a deletion.
 * The tombstone keeps the subject and thread, so replies to a removed first comment stay together.
 */
export function removeComment(doc: Y.Doc, ctx: OpContext, id: CommentId): void {
  const raw = commentsOf(doc).get(id) as unknown as Record<string, unknown> | undefined
  if (!raw || raw.deleted === true) return
  if (raw.by !== ctx.author.id) throw new Error('You can only remove your own comments')
  const existing = storedRecord(doc, id)
  const tombstone: Record<string, unknown> = existing
    ? recordOf(existing, { text: '', mentions: undefined, editedAt: undefined, resolved: undefined, deleted: true })
    : { id, cardId: (raw.cardId as string | null | undefined) ?? null, text: '', by: raw.by, byName: raw.byName, at: raw.at, deleted: true }
  doc.transact(() => commentsOf(doc).set(id, tombstone as unknown as Comment), LOCAL_ORIGIN)
  noteWrite(doc, id)
}

/**
 * True when this app may change the comment (edit, remove, resolve): on a mentor's app, only a
 * comment written in its current Yjs session, which is what the team's mirror checks
 * (`mentorClient`). A colleague's app needs no such check (`by` is theirs).
 */
export function writtenThisSession(doc: Y.Doc, comment: Pick<Comment, 'id' | 'mentorClient'>): boolean {
  if (comment.mentorClient !== null && comment.mentorClient === doc.clientID) return true
  return sessionWrites.get(doc)?.get(comment.id) === doc.clientID
}

// ---- reading ----------------------------------------------------------------------------------

function isSubjectKind(kind: string): kind is CommentSubjectKind {
  return (COMMENT_SUBJECT_KINDS as readonly string[]).includes(kind)
}

/** A stored comment's subject; null for a kind this version does not know. */
function subjectOfStored(c: StoredComment): CommentSubject | null {
  if (c.subjectKind === undefined || c.subjectId === undefined) return c.cardId ? { kind: 'card', id: c.cardId } : { kind: 'project', id: '' }
  return isSubjectKind(c.subjectKind) ? { kind: c.subjectKind, id: c.subjectId } : null
}

/** Same subject: same kind and id (any two project subjects are the same: one project per doc). */
export function sameSubject(a: CommentSubject, b: CommentSubject): boolean {
  return a.kind === b.kind && (a.kind === 'project' || a.id === b.id)
}

interface ReadComment extends Comment {
  readonly deleted: boolean
}

function toComment(c: StoredComment, resolutions: ReadonlyMap<string, CommentResolution | null>): ReadComment | null {
  const subject = subjectOfStored(c)
  if (!subject) return null
  return {
    id: c.id as CommentId,
    cardId: (subject.kind === 'card' ? subject.id : c.cardId) as CardId | null,
    subject,
    parentId: (c.parentId ?? null) as CommentId | null,
    text: c.text,
    by: c.by as PersonId,
    byName: c.byName,
    at: c.at,
    editedAt: c.editedAt ?? null,
    mentions: c.mentions ?? [],
    resolved: c.parentId != null ? null : resolutions.has(c.id) ? resolutions.get(c.id)! : legacyResolution(c),
    via: c.via,
    mentorClient: c.via === 'mentor-room' && c.mentorClient !== undefined ? c.mentorClient : null,
    deleted: c.deleted === true || c.text === ''
  }
}

const byTime = (a: Comment, b: Comment): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function strip(c: ReadComment): Comment {
  const { deleted: _deleted, ...rest } = c
  return rest
}

/**
 * One conversation: a first comment and its replies. `root` is null when the first comment was
 * removed (or has not arrived yet) but replies remain: they stay together under it.
 */
export interface CommentThreadData {
  readonly id: CommentId
  readonly subject: CommentSubject
  readonly root: Comment | null
  readonly replies: readonly Comment[]
  /** The team's resolution (`commentResolutions`), else what the first comment says (older docs). */
  readonly resolved: CommentResolution | null
  /** The latest time anything in it was posted or edited. */
  readonly lastAt: number
}

/** Everything the comment readers need, read once per change of the comments (see `indexOf`). */
interface CommentIndex {
  /** Every comment record, tombstones included, in time order. */
  readonly all: readonly ReadComment[]
  /** Every thread, in the order they were started. */
  readonly threads: readonly CommentThreadData[]
  /** The same threads by `subjectKey`. */
  readonly bySubject: ReadonlyMap<string, readonly CommentThreadData[]>
}

/** Any two project subjects are the same (one project per doc). */
function subjectKey(s: CommentSubject): string {
  return s.kind === 'project' ? 'project' : `${s.kind}\u0000${s.id}`
}

/**
 * One read of the comments per change of them, shared by every reader of the doc: a screen with
 * many comment boxes (a feedback list, a card page) used to validate every comment once per box
 * on every change to the doc, a keystroke in a card's note included. Dropped (before any observer
 * runs) by the transaction that changes `comments` or `commentResolutions`; nothing else can
 * change what it holds. The values are plain and frozen in use: readers must not change them.
 */
const indexes = new WeakMap<Y.Doc, CommentIndex>()
const watched = new WeakSet<Y.Doc>()

type AnyType = Y.AbstractType<Y.YEvent<any>> // eslint-disable-line @typescript-eslint/no-explicit-any

/** True when `tr` changed the comments or the resolutions. */
function touchesComments(doc: Y.Doc, tr: Y.Transaction): boolean {
  return tr.changed.has(commentsOf(doc) as unknown as AnyType) || tr.changed.has(commentResolutionsOf(doc) as unknown as AnyType)
}

function watch(doc: Y.Doc): void {
  if (watched.has(doc)) return
  watched.add(doc)
  doc.on('beforeObserverCalls', (tr: Y.Transaction) => {
    if (touchesComments(doc, tr)) indexes.delete(doc)
  })
}

function indexOf(doc: Y.Doc): CommentIndex {
  // Inside a transaction that changed them, read afresh (the read is dropped only at its end).
  const open = (doc as unknown as { _transaction: Y.Transaction | null })._transaction
  if (open && touchesComments(doc, open)) return buildIndex(doc)
  const cached = indexes.get(doc)
  if (cached) return cached
  watch(doc)
  const index = buildIndex(doc)
  indexes.set(doc, index)
  return index
}

function buildIndex(doc: Y.Doc): CommentIndex {
  // One validator for stored comments (records/comment.ts): anything malformed (a misbehaving
  // peer wrote it) is skipped and reported rather than crashing the screen.
  const problems = collect(doc, 'comment')
  const resolutions = new Map<string, CommentResolution | null>()
  for (const [key, value] of commentResolutionsOf(doc).entries()) {
    const r = parseStored(storedCommentResolutionSchema, value, `resolution ${key}`, problems.skip)
    if (r) resolutions.set(key, resolutionFrom(r))
  }
  const all: ReadComment[] = []
  for (const [key, value] of commentsOf(doc).entries()) {
    const s = parseStored(storedCommentSchema, value as unknown, key, problems.skip)
    const c = s ? toComment(s, resolutions) : null
    if (c) all.push(c)
  }
  problems.done()
  all.sort(byTime)

  const byId = new Map(all.map((c) => [c.id as string, c]))
  const rootIdOf = (c: ReadComment): string => {
    let current = c
    const seen = new Set<string>([c.id])
    for (let i = 0; current.parentId !== null && i < 16; i++) {
      const up = byId.get(current.parentId)
      if (!up) return current.parentId
      if (seen.has(up.id)) return up.id
      seen.add(up.id)
      current = up
    }
    return current.id
  }
  const groups = new Map<string, { root: ReadComment | undefined; replies: ReadComment[] }>()
  for (const c of all) {
    const rootId = rootIdOf(c)
    let g = groups.get(rootId)
    if (!g) groups.set(rootId, (g = { root: byId.get(rootId), replies: [] }))
    if (c.id !== rootId && !c.deleted) g.replies.push(c)
  }
  const started: { thread: CommentThreadData; at: number }[] = []
  for (const [id, g] of groups) {
    const root = g.root && !g.root.deleted ? strip(g.root) : null
    if (!root && g.replies.length === 0) continue
    const subject = g.root?.subject ?? g.replies[0]!.subject
    const replies = g.replies.map(strip)
    const times = [root, ...replies].filter((c): c is Comment => c !== null).map((c) => Math.max(c.at, c.editedAt ?? 0))
    // A removed first comment's thread keeps the team's resolution (resolving needs the first comment).
    const resolved = root ? root.resolved : (resolutions.get(id) ?? null)
    started.push({
      thread: { id: id as CommentId, subject, root, replies, resolved, lastAt: Math.max(...times) },
      at: g.root?.at ?? g.replies[0]!.at
    })
  }
  const threads = started.sort((a, b) => a.at - b.at || (a.thread.id < b.thread.id ? -1 : a.thread.id > b.thread.id ? 1 : 0)).map((x) => x.thread)
  const bySubject = new Map<string, CommentThreadData[]>()
  for (const t of threads) {
    const key = subjectKey(t.subject)
    let list = bySubject.get(key)
    if (!list) bySubject.set(key, (list = []))
    list.push(t)
  }
  return { all, threads, bySubject }
}

/** Comments in time order (ties by id, so every peer lists them the same way); optionally for one card. Flat: replies included. */
export function readComments(doc: Y.Doc, cardId?: CardId | null): readonly Comment[] {
  const out: Comment[] = []
  for (const c of indexOf(doc).all) {
    if (c.deleted) continue
    if (cardId !== undefined && c.cardId !== cardId) continue
    out.push(strip(c))
  }
  return out
}

const NO_THREADS: readonly CommentThreadData[] = Object.freeze([])

/**
 * Threads in the order they were started (ties by id), optionally about one subject. A reply's
 * thread is found by walking `parentId` up (bounded; a loop stops), so a reply to a reply that an
 * app wrote anyway still joins the right thread; the thread's subject is its first comment's.
 *
 * Cheap to call again: the comments are read once per change of them (`indexOf`), and the same
 * arrays are returned until then, so many boxes on one screen cost one read.
 */
export function readThreads(doc: Y.Doc, subject?: CommentSubject): readonly CommentThreadData[] {
  const index = indexOf(doc)
  if (!subject) return index.threads
  return index.bySubject.get(subjectKey(subject)) ?? NO_THREADS
}

/** How many comments (first comments and replies) are about one subject: "Comments (3)". */
export function countComments(doc: Y.Doc, subject: CommentSubject): number {
  return readThreads(doc, subject).reduce((n, t) => n + (t.root ? 1 : 0) + t.replies.length, 0)
}

/**
 * Calls `cb` (a microtask after the change) whenever a comment is added, changed or removed,
 * and not for other edits: "For you" counts re-read comments only when they changed, not at
 * every keystroke in a card's note. Returns unsubscribe.
 */
export function observeComments(doc: Y.Doc, cb: () => void): () => void {
  const map = commentsOf(doc)
  let queued = false
  let live = true
  const handler = (): void => {
    if (queued) return
    queued = true
    queueMicrotask(() => {
      queued = false
      if (live) cb()
    })
  }
  map.observe(handler)
  return () => {
    live = false
    map.unobserve(handler)
  }
}

// ---- for you ----------------------------------------------------------------------------------

/** Who "you" are for "For you": your person id(s) in programmes, and your mentor directory id(s). */
export interface CommentMe {
  readonly personIds: readonly string[]
  readonly mentorIds: readonly string[]
}

export interface ForYouItem {
  readonly comment: Comment
  readonly threadId: CommentId
  readonly subject: CommentSubject
  /** 'mention': it mentions you; 'reply': a reply in a thread you started or replied in. */
  readonly reason: 'mention' | 'reply'
  readonly threadResolved: boolean
  /**
   * Posted, or last edited, for showing and sorting: never later than `now` when one was given
   * (`shownTime`), so a time from a wrong clock or a mentor's app cannot sit on top for years.
   */
  readonly changedAt: number
  /**
   * Which version of the comment this is (`editedAt ?? at`, as written): what "read" is kept
   * against on this computer, per comment, so an edit is new again and no time, however far in
   * the future or the past, marks other comments as read.
   */
  readonly version: number
}

/**
 * A time to show or sort by: `t`, or `now` when `t` is later. A comment may carry any time up to
 * 2100 (a colleague's clock that is wrong, or a mentor's app that says so): it then reads as
 * "now" until the clock passes it, rather than as a date years ahead.
 */
export function shownTime(t: number, now: number): number {
  return Math.min(t, now)
}

/**
 * True when a comment is yours: your person id, and written where that id means you. On a team
 * app that is a comment from the team (`via: 'team'`): a comment from the mentor room says whose
 * it is only because that mentor's app claimed so. On a mentor's own app, its comments come back
 * as the team's copies (`via: 'mentor-room'`) naming the app's session (`mentorClient`), whose
 * structs that doc holds: a team doc never holds a mentor session's structs (the team peer writes
 * its own copy), so there the second case never applies. The rest: on a mentor's app, another
 * mentor in the same room could still claim to be you (nothing in the room is signed).
 */
function isMine(doc: Y.Doc, c: Comment, mine: ReadonlySet<string>): boolean {
  if (!mine.has(c.by)) return false
  if (c.via === 'team') return true
  return c.mentorClient !== null && doc.store.clients.has(c.mentorClient)
}

function forYouIn(doc: Y.Doc, thread: CommentThreadData, me: CommentMe, now: number | undefined): ForYouItem[] {
  const mine = new Set(me.personIds)
  const ids = new Set([...me.personIds, ...me.mentorIds])
  const out: ForYouItem[] = []
  let joined = false
  const consider = (c: Comment, isReply: boolean): void => {
    if (isMine(doc, c, mine)) {
      joined = true
      return
    }
    const mentioned = c.mentions.some((m) => ids.has(m))
    if (!mentioned && !(isReply && joined)) return
    const changed = Math.max(c.at, c.editedAt ?? 0)
    out.push({
      comment: c,
      threadId: thread.id,
      subject: thread.subject,
      reason: mentioned ? 'mention' : 'reply',
      threadResolved: thread.resolved !== null,
      changedAt: now === undefined ? changed : shownTime(changed, now),
      version: c.editedAt ?? c.at
    })
  }
  if (thread.root) consider(thread.root, false)
  thread.replies.forEach((r) => consider(r, true))
  return out
}

const newestFirst = (a: ForYouItem, b: ForYouItem): number => b.changedAt - a.changedAt || (a.comment.id < b.comment.id ? -1 : a.comment.id > b.comment.id ? 1 : 0)

/**
 * Comments for you in this project, newest first: those that mention you (as a person or as a
 * mentor), and replies by others in threads you started or replied in (after you joined). Your
 * own comments are never in it; which are yours: `isMine`. With `now`, times later than it are
 * shown and sorted as `now` (`shownTime`).
 */
export function forYou(doc: Y.Doc, me: CommentMe, now?: number): readonly ForYouItem[] {
  return readThreads(doc).flatMap((t) => forYouIn(doc, t, me, now)).sort(newestFirst)
}

/** How many items are not read (`isRead`: read at the item's current `version`, on this computer). */
export function unreadCount(items: readonly ForYouItem[], isRead: (item: ForYouItem) => boolean): number {
  return items.reduce((n, i) => (isRead(i) ? n : n + 1), 0)
}

export interface OpenQuestion {
  readonly thread: CommentThreadData
  /** The newest comment in it that is for you. */
  readonly latest: ForYouItem
}

/**
 * Unresolved threads addressed to you (a mention of you, or a reply to you), the most recently
 * active first: what a mentor's home lists as "open questions". `now`: as for `forYou`.
 */
export function openQuestionsFor(doc: Y.Doc, me: CommentMe, now?: number): readonly OpenQuestion[] {
  const out: OpenQuestion[] = []
  for (const t of readThreads(doc)) {
    if (t.resolved !== null) continue
    const items = forYouIn(doc, t, me, now).sort(newestFirst)
    if (items.length > 0) out.push({ thread: t, latest: items[0]! })
  }
  return out.sort((a, b) => newestFirst(a.latest, b.latest))
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
  handlers: {
    onLocal(comment: {
      id: string
      cardId: string | null
      text: string
      deleted?: boolean
      /** Threads (issue 9), so a comment posted again in a fresh session keeps its place. */
      subject?: CommentSubject
      parentId?: string
      mentions?: readonly string[]
    }): void
    onRemote(key: string, value: unknown): void
  }
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
            const stored = storedCommentSchema.safeParse(v)
            const subject = stored.success ? subjectOfStored(stored.data) : null
            handlers.onLocal({
              id: key,
              cardId: typeof v.cardId === 'string' ? v.cardId : null,
              text: v.text,
              ...(v.deleted === true ? { deleted: true } : {}),
              ...(subject && stored.success && stored.data.subjectKind !== undefined ? { subject } : {}),
              ...(stored.success && stored.data.parentId ? { parentId: stored.data.parentId } : {}),
              ...(stored.success && stored.data.mentions?.length ? { mentions: stored.data.mentions } : {})
            })
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
