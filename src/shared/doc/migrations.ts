import type * as Y from 'yjs'
import { MIGRATION_ORIGIN } from './context'
import { metaOf, SCHEMA_VERSION, schemaVersionOf, type DocKind } from './schema'

/**
 * Ordered doc migrations. Rules (peers may run the same migration at the same moment):
 *  - only add or fill; never delete or rename;
 *  - idempotent: check before writing, write the same value every peer would write;
 *  - never create a nested shared type (two peers would create two, one would be lost);
 *  - never fill a default a reader can assume for a key people can edit: Yjs settles concurrent
 *    writes to one key by client id, so a stale peer's late default overwrites the real value a
 *    colleague set after migrating (an archived card comes back, a WIP limit vanishes).
 * Versions rise by exactly 1; a test asserts that and runs every migration.
 */
export interface Migration {
  readonly version: number
  readonly name: string
  migrate(doc: Y.Doc, kind: DocKind): void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial shape',
    migrate: () => {}
  },
  {
    version: 2,
    name: 'WIP limits, column tombstones, card archiving, programme default WIP limit',
    // Nothing to write: readers treat a missing wipLimit / defaultWipLimit as null and a missing
    // removed / archived as false. Writing those defaults raced colleagues' edits (see the rules above).
    migrate: () => {}
  },
  {
    version: 3,
    name: 'ship cycles: column roles, cycle rules, cycles, feedback and decisions',
    // Nothing to write. Readers infer a missing column role (by title, else first column to do,
    // last done, others doing), fill missing cycle rules with DEFAULT_CYCLE_RULES (cycle length
    // stays `cycleLengthDays`), and treat a card with no `cycle` as in the backlog. Cycles,
    // feedback and decisions live in top-level types that are created on first use. Writing any
    // of these defaults would let a stale peer overwrite a colleague's real choice.
    migrate: () => {}
  },
  {
    version: 4,
    name: 'activity archive: the live log keeps its newest entries, older ones in compact chunks',
    // Nothing to write here: compaction deletes from the live log, which a migration must never do
    // (a mentor's copy runs migrations too, and its writes are refused). A team member's app
    // compacts on its own (activity.ts compactActivity, projectProgress.ts compactOnOpen). The
    // version says "read the log through the archive": an older Fortnight opens it read-only.
    migrate: () => {}
  }
]

export type MigrationOutcome =
  | { readonly status: 'empty' }
  | { readonly status: 'current'; readonly version: number }
  | { readonly status: 'migrated'; readonly from: number; readonly to: number }
  /** Written by a newer Fortnight: open read-only and say so. */
  | { readonly status: 'newer'; readonly version: number }

export class MigrationError extends Error {
  override readonly name = 'MigrationError'
  constructor(
    message: string,
    readonly version: number,
    override readonly cause?: unknown
  ) {
    super(message)
  }
}

function kindOf(doc: Y.Doc): DocKind | null {
  const k = metaOf(doc).get('kind')
  return k === 'programme' || k === 'project' ? k : null
}

/** Bring a loaded doc up to SCHEMA_VERSION in one transaction with origin 'migration'. */
export function migrateDoc(doc: Y.Doc): MigrationOutcome {
  const kind = kindOf(doc)
  if (kind === null) return { status: 'empty' }
  const from = schemaVersionOf(doc)
  if (from > SCHEMA_VERSION) return { status: 'newer', version: from }
  if (from === SCHEMA_VERSION) return { status: 'current', version: from }
  const pending = MIGRATIONS.filter((m) => m.version > from)
  let current = from
  doc.transact(() => {
    for (const m of pending) {
      try {
        m.migrate(doc, kind)
      } catch (err) {
        throw new MigrationError(`Could not upgrade this ${kind} to version ${m.version} (${m.name})`, m.version, err)
      }
      current = m.version
    }
    metaOf(doc).set('schemaVersion', current)
  }, MIGRATION_ORIGIN)
  return { status: 'migrated', from, to: current }
}
