import { useEffect, useSyncExternalStore } from 'react'
import { z } from 'zod'
import { onSaveStateChange, readProgramme, subscribeDocLater, unsavedDocCount, type ProgrammeDoc } from '@shared/doc'
import type { ProgrammeId } from '@shared/domain/ids'
import { durableStore, localStore } from '../storage/localStore'
import { loadProgrammeId, PROGRAMMES_KEY, saveProgrammeId } from './profile'

/**
 * The programmes known on this computer, so joining a second programme (another council's, a
 * mentor's) never hides the first: each stays listed on "Your programmes" and one click switches.
 *
 * Kept in the durable local store (src/renderer/storage) next to `fortnight.programmeId` (which says which one is open) and never
 * in a doc. Each programme's data stays in its own IndexedDB database, and its sync keys in the
 * keyring, which is keyed by doc id (src/shared/sync/keyring.ts): switching never moves or mixes
 * keys. The list is only names for the switcher: what is read from it is validated, and a bad
 * entry is dropped (the programme's data is untouched; opening it again lists it again).
 */

export interface KnownProgramme {
  readonly id: ProgrammeId
  /** '' until the programme's doc has been opened (or an invite named it). */
  readonly name: string
  readonly council: string
  readonly addedAt: number
  readonly lastOpenedAt: number
}

export { PROGRAMMES_KEY }
const LIST_KEY = PROGRAMMES_KEY
const MAX_PROGRAMMES = 200

const entrySchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200).catch(''),
  council: z.string().max(200).catch(''),
  addedAt: z.number().min(0).max(8.64e15).catch(0),
  lastOpenedAt: z.number().min(0).max(8.64e15).catch(0)
})

const listeners = new Set<() => void>()
const tell = (): void => listeners.forEach((l) => l())

function readStored(): KnownProgramme[] {
  let raw: unknown
  try {
    const text = localStore().getItem(LIST_KEY)
    raw = text === null ? [] : JSON.parse(text)
  } catch {
    raw = []
  }
  const out: KnownProgramme[] = []
  const seen = new Set<string>()
  for (const item of Array.isArray(raw) ? raw.slice(0, MAX_PROGRAMMES) : []) {
    const r = entrySchema.safeParse(item)
    if (!r.success || seen.has(r.data.id)) continue
    seen.add(r.data.id)
    out.push({ ...r.data, id: r.data.id as ProgrammeId })
  }
  return out
}

function writeStored(list: readonly KnownProgramme[]): void {
  try {
    localStore().setItem(LIST_KEY, JSON.stringify(list))
  } catch (err) {
    // Storage full or blocked: the switcher lists fewer programmes, nothing else is lost.
    console.error('The list of programmes on this computer could not be saved', err)
  }
  tell()
}

/**
 * Every programme known on this computer, oldest first. The open one is always there: a computer
 * that had only `fortnight.programmeId` (before this list) has it added on the first read.
 */
export function knownProgrammes(now: () => number = Date.now): readonly KnownProgramme[] {
  const { list, added } = withCurrent(readStored(), now)
  if (added) writeStored(list)
  return list
}

function withCurrent(list: KnownProgramme[], now: () => number): { list: KnownProgramme[]; added: boolean } {
  const current = loadProgrammeId()
  if (!current || list.some((p) => p.id === current)) return { list, added: false }
  const t = now()
  return { list: [...list, { id: current, name: '', council: '', addedAt: t, lastOpenedAt: t }], added: true }
}

/**
 * Add a programme to the list, or update its name and council (left as they are when not given:
 * a joined programme's doc is empty until it has synced). `opened` marks it as opened now.
 */
export function rememberProgramme(
  p: { readonly id: ProgrammeId; readonly name?: string; readonly council?: string },
  opts: { readonly opened?: boolean; readonly now?: () => number } = {}
): void {
  const now = opts.now ?? Date.now
  const list = [...knownProgrammes(now)]
  const i = list.findIndex((x) => x.id === p.id)
  const before = i === -1 ? null : list[i]!
  const t = now()
  const next: KnownProgramme = {
    id: p.id,
    name: (p.name ?? before?.name ?? '').slice(0, 200),
    council: (p.council ?? before?.council ?? '').slice(0, 200),
    addedAt: before?.addedAt ?? t,
    lastOpenedAt: opts.opened ? t : (before?.lastOpenedAt ?? t)
  }
  if (before && before.name === next.name && before.council === next.council && before.lastOpenedAt === next.lastOpenedAt) return
  if (i === -1) list.push(next)
  else list[i] = next
  writeStored(list)
}

/**
 * Open another programme: it becomes this computer's workspace, and the app restarts on its home
 * page, once the new programme id is on disk (a restart before that could open the old one).
 */
export function switchProgramme(
  id: ProgrammeId,
  restart: () => void = () => {
    window.location.hash = '#/'
    window.location.reload()
  }
): void {
  rememberProgramme({ id })
  saveProgrammeId(id)
  const durable = durableStore()
  if (!durable || durable.pending() === 0) restart()
  // whenSaved also settles when the write failed: restarting then would reopen the old programme.
  // The header says "Not saved" and what to do instead.
  else void durable.whenSaved().then(() => (durable.problem() === null ? restart() : undefined))
}

/** A new programme's name and council, as the "Start a new programme" form sends them. */
export const newProgrammeSchema = z.object({
  name: z.string().trim().min(1, 'Enter a programme name').max(200, 'Enter a programme name of 200 characters or fewer'),
  council: z.string().trim().max(200, 'Enter a council name of 200 characters or fewer')
})

/**
 * Resolves once every change made on this computer has reached its storage, so a switch (which
 * restarts the app) never loses the last keystrokes; fails with a message a person can act on when
 * saving takes longer than `timeoutMs`.
 */
export function whenAllSaved(timeoutMs = 5_000): Promise<void> {
  if (unsavedDocCount() === 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error('Your latest changes are still being saved. Wait until the page says “Saved on this computer”, then try again'))
    }, timeoutMs)
    const off = onSaveStateChange(() => {
      if (unsavedDocCount() !== 0) return
      clearTimeout(timer)
      off()
      resolve()
    })
  })
}

/** What "Your programmes" shows for a programme with no name yet. */
export function programmeLabel(p: Pick<KnownProgramme, 'name'>): string {
  return p.name.trim() || 'Unnamed programme'
}

// ---- React -----------------------------------------------------------------------------------

let cache: { readonly raw: string | null; readonly current: string | null; readonly list: readonly KnownProgramme[] } | null = null

function snapshot(): readonly KnownProgramme[] {
  const raw = localStore().getItem(LIST_KEY)
  const current = loadProgrammeId()
  if (cache && cache.raw === raw && cache.current === current) return cache.list
  // Read only: never written during a render (the list is saved by the writers above).
  const list = withCurrent(readStored(), Date.now).list
  cache = { raw, current, list }
  return list
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb)
  // Another tab or window of this browser profile changed the list.
  const onStorage = (e: StorageEvent): void => {
    if (e.key === LIST_KEY || e.key === null) cb()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(cb)
    window.removeEventListener('storage', onStorage)
  }
}

/** The programmes known on this computer, kept up to date (also with other tabs). */
export function useKnownProgrammes(): readonly KnownProgramme[] {
  return useSyncExternalStore(subscribe, snapshot)
}

/**
 * Keep the open programme in the list with its current name and council (read from its doc once
 * it has loaded; renamed in settings, or arriving over sync, it follows). For ProgrammeLoader in
 * App.tsx: `useRememberProgramme(programmeId, state.status === 'ready' ? state.local.doc : null)`.
 */
export function useRememberProgramme(programmeId: ProgrammeId, doc: ProgrammeDoc | null): void {
  useEffect(() => {
    const note = (opened: boolean): void => {
      const p = doc ? readProgramme(doc) : null
      rememberProgramme({ id: programmeId, ...(p ? { name: p.name, council: p.council } : {}) }, { opened })
    }
    note(true)
    if (!doc) return
    return subscribeDocLater(doc, () => note(false))
  }, [programmeId, doc])
}
