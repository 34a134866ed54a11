/**
 * Branded ids: a CardId can never be passed where a ColumnId is expected, which is how
 * "moved the card into a card" bugs are caught at compile time rather than in a user's data.
 */
declare const brand: unique symbol
export type Brand<T, B extends string> = T & { readonly [brand]: B }

export type ProgrammeId = Brand<string, 'ProgrammeId'>
export type ProjectId = Brand<string, 'ProjectId'>
export type ColumnId = Brand<string, 'ColumnId'>
export type CardId = Brand<string, 'CardId'>
export type ChecklistItemId = Brand<string, 'ChecklistItemId'>
export type PersonId = Brand<string, 'PersonId'>
export type ActivityId = Brand<string, 'ActivityId'>
export type MentorId = Brand<string, 'MentorId'>

/**
 * Random ids, not counters: peers create records offline at the same time and must never
 * collide. `crypto.randomUUID` exists in node 20, Chromium and Electron.
 */
export function newId<T extends string>(): T {
  return globalThis.crypto.randomUUID() as T
}
