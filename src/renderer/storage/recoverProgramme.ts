/**
 * At start, before the app renders: if this computer has no open programme id but IndexedDB holds
 * programme docs, find the programme again (src/shared/storage/recovery.ts chooses) and make it
 * the open one, so the home page lists its projects instead of "No projects yet". When the
 * profile was lost too, the welcome page appears as on a first start, and the programme it then
 * opens is the one found here, not a new one.
 */
import type { ProgrammeId } from '@shared/domain/ids'
import { chooseProgramme, programmeIdFromDbName, type ProgrammeCandidate } from '@shared/storage/recovery'
import { Keyring } from '@shared/sync/keyring'
import type { KeyValueStore } from '@shared/sync/store'
import { PROGRAMME_KEY, PROGRAMMES_KEY } from '../workspace/profile'

/** What was recovered on this start (null: nothing needed recovering). */
let recovered: ProgrammeId | null = null
const names = new Map<string, string>()
/** The people who work in each programme found (team members), so a lost profile can be taken up again. */
const teams = new Map<string, readonly RecoveredPerson[]>()

export interface RecoveredPerson {
  readonly id: string
  readonly name: string
  readonly colour: string
}

/** The team of the programme found again on this start (empty when nothing was recovered). */
export function recoveredPeople(): readonly RecoveredPerson[] {
  return recovered === null ? [] : (teams.get(recovered) ?? [])
}

/** The programme found again on this start, if any (the welcome page may say so). */
export function recoveredProgrammeId(): ProgrammeId | null {
  return recovered
}

/** The name of the programme found again on this start ('' when it has none), or null. */
export function recoveredProgrammeName(): string | null {
  return recovered === null ? null : (names.get(recovered) ?? '')
}

function listedOpenTimes(store: KeyValueStore): Map<string, number> {
  const out = new Map<string, number>()
  try {
    const raw = JSON.parse(store.getItem(PROGRAMMES_KEY) ?? '[]') as unknown
    for (const item of Array.isArray(raw) ? raw : []) {
      const { id, lastOpenedAt } = (item ?? {}) as { id?: unknown; lastOpenedAt?: unknown }
      if (typeof id === 'string' && typeof lastOpenedAt === 'number' && Number.isFinite(lastOpenedAt)) out.set(id, lastOpenedAt)
    }
  } catch {
    // A damaged list says nothing about when programmes were opened.
  }
  return out
}

async function describe(id: string, store: KeyValueStore, opened: Map<string, number>): Promise<ProgrammeCandidate | null> {
  try {
    // The doc layer is loaded only when there is something to recover, not on every start.
    const { openLocalDoc, programmeDocName, readPeople, readProgramme, readProjectIndex } = await import('@shared/doc')
    const local = await openLocalDoc(programmeDocName(id), { timeoutMs: 5_000 })
    try {
      const programme = readProgramme(local.doc)
      const projects = readProjectIndex(local.doc)
      if (programme) names.set(id, programme.name)
      teams.set(
        id,
        readPeople(local.doc)
          .filter((p) => p.role === 'team')
          .map((p) => ({ id: p.id, name: p.name, colour: p.colour }))
      )
      return {
        id,
        hasProgramme: programme !== null,
        joined: new Keyring(store).get(id) !== undefined,
        projectCount: projects.length,
        lastWrittenAt: projects.reduce((t, p) => Math.max(t, p.updatedAt), 0),
        lastOpenedAt: opened.get(id) ?? null
      }
    } finally {
      await local.close()
    }
  } catch (err) {
    console.error('A programme on this computer could not be read while looking for yours', err)
    return null
  }
}

/**
 * Sets the open programme id when it is missing and a programme is found. Never throws: at worst
 * nothing is recovered and the app starts as it would have.
 */
export async function recoverProgrammeId(store: KeyValueStore, idb: IDBFactory = indexedDB): Promise<ProgrammeId | null> {
  if (store.getItem(PROGRAMME_KEY)) return null
  try {
    if (typeof idb.databases !== 'function') return null
    const ids = (await idb.databases()).map((d) => (d.name ? programmeIdFromDbName(d.name) : null)).filter((id): id is string => id !== null)
    if (ids.length === 0) return null
    const opened = listedOpenTimes(store)
    const candidates: ProgrammeCandidate[] = []
    // One at a time: a computer with many programmes should not open them all at once.
    for (const id of [...new Set(ids)].sort()) {
      const c = await describe(id, store, opened)
      if (c) candidates.push(c)
    }
    const chosen = chooseProgramme(candidates) as ProgrammeId | null
    if (!chosen || store.getItem(PROGRAMME_KEY)) return null
    store.setItem(PROGRAMME_KEY, chosen)
    recovered = chosen
    await relistOthers(candidates)
    console.info(`Fortnight found programme ${chosen} on this computer and opened it again`)
    return chosen
  } catch (err) {
    console.error('Could not look for a programme on this computer', err)
    return null
  }
}

/** The other programmes with work in them go back on "Your programmes" too (the list may have been lost with the id). */
async function relistOthers(candidates: readonly ProgrammeCandidate[]): Promise<void> {
  try {
    const { knownProgrammes, rememberProgramme } = await import('../workspace/programmes')
    const listed = new Set<string>(knownProgrammes().map((p) => p.id))
    for (const c of candidates)
      if (!listed.has(c.id) && (c.hasProgramme || c.joined || c.projectCount > 0))
        rememberProgramme({ id: c.id as ProgrammeId, ...(names.has(c.id) ? { name: names.get(c.id) } : {}) }, { opened: false })
  } catch (err) {
    // The one found is open; the list is a convenience, and "Your programmes" can be rebuilt by opening each.
    console.error('Could not put the other programmes found back on the list', err)
  }
}
