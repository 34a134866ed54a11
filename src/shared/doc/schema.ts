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
  comments: 'comments'
} as const

/** Bump by exactly 1 with each migration in migrations.ts. */
export const SCHEMA_VERSION = 2

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
