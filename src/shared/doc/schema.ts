import * as Y from 'yjs'

/**
 * Key names of every shared type, in one place. Top-level types (doc.getMap(name)) are safe
 * for peers to "create" concurrently; nested shared types are only ever created together with
 * the record that owns them, in the same transaction (a nested type created twice by two peers
 * keeps one and silently drops the other's contents).
 */
export const KEYS = {
  meta: 'meta',
  // programme doc
  programme: 'programme',
  projectIndex: 'projects',
  people: 'people',
  // project doc
  project: 'project',
  tags: 'tags',
  problem: 'problem',
  columns: 'columns',
  cards: 'cards',
  activity: 'activity',
  comments: 'comments',
  // programme doc (issue 3): extra non-working days as a set (date → true), so two people adding
  // different bank holidays at once both keep theirs
  nonWorkingDays: 'nonWorkingDays',
  // project doc (issue 3): the set of cycle numbers (String(n) → true); each cycle's own record,
  // notes and retro are top-level types named by `cycleKey(n)` so peers creating them at once merge
  cycles: 'cycles',
  feedback: 'feedback',
  decisions: 'decisions',
  // programme doc (issue 9): the mentor directory (mentorId → Y.Map) and random pairing rounds
  mentors: 'mentors',
  pairingRounds: 'pairingRounds',
  pairingOptIns: 'pairingOptIns',
  // project doc (issue 9): mentor links (linkId → plain value; a Y.Map in the first version) and
  // their session logs (sessionId → Y.Map); a link's history is the top-level array
  // `mentorLinkHistoryKey(id)`, a session's rich-text notes the top-level fragment `mentorSessionNotesKey(id)`
  mentorLinks: 'mentorLinks',
  // programme doc (issue 10): each project's progress for the portfolio (projectId → plain value)
  projectProgress: 'projectProgress',
  mentorSessions: 'mentorSessions',
  commentResolutions: 'commentResolutions', // project doc (issue 9): thread → resolution, team-written only (comments.ts)
  pipeline: 'pipeline', // programme doc (issue 10): Pipeline settings, one key each (pipelineLedger.ts)
  pipelineExports: 'pipelineExports', // programme doc (issue 10): projectId → last export snapshot (pipelineLedger.ts)
  pipelinePublished: 'pipelinePublished', // programme doc (issue 10): status-update key → what the Pipeline has (pipelineLedger.ts)
  // project doc (issue 11): the activity log's older entries, chunk key → plain chunk value
  // `{ v: 1, count, firstAt, lastAt, data, src }` (records/activityArchive.ts). The live `activity`
  // array keeps the newest ACTIVITY_LIVE_MAX entries; compaction (activity.ts) moves older ones here
  // so opening a project does not decode a year of history. Schema version 4 (migrations.ts): an
  // older Fortnight would read only the live log, so its cycle graphs, velocity, Pipeline export
  // ("created by" comes from the first entry) and portfolio basis would be wrong; it opens version-4
  // docs read-only instead and says so.
  activityArchive: 'activityArchive'
} as const

/** Top-level name of one mentor session's notes (top-level, so two peers creating it merge). */
export function mentorSessionNotesKey(sessionId: string): string {
  return `mentorSession:${sessionId}:notes`
}

/**
 * Top-level name of one mentor link's history (steps appended, never changed). Top-level, so two
 * people linking the same mentor at once, each creating "the" history, append to one list.
 */
export function mentorLinkHistoryKey(linkId: string): string {
  return `mentorLink:${linkId}:history`
}

/**
 * Top-level names of one cycle's record and notes. Top-level types merge by name, so two peers
 * generating or editing cycle 4 at once never hold two competing copies (a nested map created by
 * each would keep one and silently drop the other's fields).
 */
export function cycleKey(n: number, part?: 'showAndTell' | 'retro'): string {
  return part ? `cycle:${n}:${part}` : `cycle:${n}`
}

/** Bump by exactly 1 with each migration in migrations.ts. */
export const SCHEMA_VERSION = 4

export type DocKind = 'programme' | 'project'

/** The same Y.Doc type under names that say what the doc holds. */
export type ProgrammeDoc = Y.Doc
export type ProjectDoc = Y.Doc
export type AnyDoc = Y.Doc
/** A rich-text note: TipTap binds to it through the Collaboration extension. */
export type RichText = Y.XmlFragment

/** Persisted doc names. Stable forever: changing them orphans users' local data. */
export function programmeDocName(id: string): string {
  return `fortnight:programme:${id}`
}
export function projectDocName(id: string): string {
  return `fortnight:project:${id}`
}

export function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(KEYS.meta)
}

export function schemaVersionOf(doc: Y.Doc): number {
  const v = metaOf(doc).get('schemaVersion')
  return typeof v === 'number' ? v : 0
}

/** A fresh in-memory doc (tests, benchmarks, import previews). */
export function createDoc(): Y.Doc {
  return new Y.Doc()
}
