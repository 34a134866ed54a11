import type { PersonId } from '../domain/ids'

/** Who is acting. The name is copied into the activity log so history reads well offline. */
export interface Author {
  readonly id: PersonId
  readonly name: string
}

/** Passed to every write: who, and a clock (injectable so tests can script time). */
export interface OpContext {
  readonly author: Author
  readonly now: () => number
}

export function opContext(author: Author, now: () => number = Date.now): OpContext {
  return { author, now }
}

/**
 * The origin of every local user edit. Y.UndoManager tracks only this origin, so undo never
 * reverts a colleague's change that arrived over sync, nor a migration.
 */
export const LOCAL_ORIGIN: { readonly kind: 'local' } = Object.freeze({ kind: 'local' as const })
export const MIGRATION_ORIGIN = 'migration'

/**
 * The origin of changes that arrived from another tab or window of this browser profile
 * (doc/tabChannel.ts). Not tracked by undo, and never posted back to the other tabs.
 */
export const TAB_ORIGIN: { readonly kind: 'tab' } = Object.freeze({ kind: 'tab' as const })
