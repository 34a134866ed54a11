/** Shared set-up for the document-layer tests: people, scripted clocks and a ready-made project. */
import { ZodError } from 'zod'
import type { PersonId, ProjectId } from '@shared/domain/ids'
import { createDoc, initProjectDoc, opContext, readActivity, readColumns, type ActivityEntry, type Column, type OpContext } from '@shared/doc'
import type * as Y from 'yjs'

export const ALICE = { id: 'person-alice' as PersonId, name: 'Alice Okafor' }
export const BOB = { id: 'person-bob' as PersonId, name: 'Bob Pryce' }

/** 10:00 London time (BST) on Monday 1 June 2026. */
export const T0 = Date.UTC(2026, 5, 1, 9, 0, 0)

/** A context whose clock always says `at`. */
export function ctxAt(at: number = T0, author = ALICE): OpContext {
  return opContext(author, () => at)
}

/** A context whose clock moves on a minute per reading, so entries have distinct, predictable times. */
export function steppingCtx(author = ALICE, start = T0, stepMs = 60_000): OpContext {
  let t = start - stepMs
  return opContext(author, () => (t += stepMs))
}

export const PROJECT_ID = 'project-1' as ProjectId

/** A fresh project doc with the default columns, created by Alice at T0. */
export function newProject(doc: Y.Doc = createDoc(), ctx: OpContext = ctxAt()): { doc: Y.Doc; todo: Column; doing: Column; done: Column } {
  initProjectDoc(doc, ctx, { id: PROJECT_ID, name: 'Blue badge renewals' })
  const [todo, doing, done] = readColumns(doc) as [Column, Column, Column]
  return { doc, todo, doing, done }
}

/** The user-facing messages of a validation failure (fails the test if `fn` does not throw one). */
export function zodMessages(fn: () => unknown): string[] {
  try {
    fn()
  } catch (err) {
    if (err instanceof ZodError) return err.issues.map((i) => i.message)
    throw err
  }
  throw new Error('Expected a validation error, but the operation succeeded')
}

/** The message of a plain Error (fails the test if `fn` does not throw). */
export function errorMessage(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    if (err instanceof Error) return err.message
    throw err
  }
  throw new Error('Expected an error, but the operation succeeded')
}

/** Activity entries added by `fn`. */
export function activityDuring(doc: Y.Doc, fn: () => void): ActivityEntry[] {
  const before = new Set(readActivity(doc).map((e) => e.id))
  fn()
  return readActivity(doc).filter((e) => !before.has(e.id))
}
