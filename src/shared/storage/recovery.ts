/**
 * Finding the programme again when this computer has lost which one it had open (a crash before
 * issue 11 could lose `fortnight.programmeId` while its docs sat safe in IndexedDB, and the home
 * page then said "No projects yet"). Pure: the renderer gathers the facts (recoverProgramme.ts).
 */

/** What is known about one programme whose doc is on this computer. */
export interface ProgrammeCandidate {
  readonly id: string
  /** The doc holds a programme record (not an empty doc from a first start or an unsynced join). */
  readonly hasProgramme: boolean
  /** This computer holds a sync key for it (joined with an invite: it may still be empty). */
  readonly joined: boolean
  readonly projectCount: number
  /** The newest `updatedAt` among its projects (0 when none). */
  readonly lastWrittenAt: number
  /** When "Your programmes" last had it open, if the list survived. */
  readonly lastOpenedAt: number | null
}

/** A name y-indexeddb stores a programme doc under: `fortnight:programme:<id>` (programmeDocName). */
export function programmeIdFromDbName(name: string): string | null {
  const m = /^fortnight:programme:(.{1,100})$/.exec(name)
  return m ? m[1]! : null
}

const hasWork = (c: ProgrammeCandidate): boolean => c.hasProgramme || c.joined || c.projectCount > 0

/**
 * The programme to open: among those with any work in them, the one last opened (when the list
 * of programmes says so), else the one most recently written, else the one with the most
 * projects; ties go to the smallest id, so the choice never depends on the order found. Null when
 * none holds any work (a computer where only an empty first-start doc was left: start afresh).
 */
export function chooseProgramme(candidates: readonly ProgrammeCandidate[]): string | null {
  const real = candidates.filter(hasWork)
  if (real.length === 0) return null
  const sorted = [...real].sort(
    (a, b) =>
      (b.lastOpenedAt ?? -1) - (a.lastOpenedAt ?? -1) ||
      b.lastWrittenAt - a.lastWrittenAt ||
      b.projectCount - a.projectCount ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
  return sorted[0]!.id
}
