/**
 * This computer's keyring: for each shared doc, which role this person has and the secret that
 * goes with it. Kept on this computer (the durable local store in the app) and never in a synced doc.
 *
 * In browser mode the store is the durable local store (IndexedDB, mirrored to localStorage for
 * other tabs), readable by anything running in the app's origin and
 * by anyone with access to the browser profile (the Sharing page says so). In the desktop app the
 * keyring is held in memory and saved encrypted by main with Electron's `safeStorage` (DPAPI,
 * Keychain, libsecret), so a copied profile folder is useless elsewhere (store.ts: withSealedKey,
 * src/main/sync/keyStore.ts; docs/sync.md).
 */
import { z } from 'zod'
import { ROLES, type Role } from './roles'
import { isSecret } from './secrets'
import { readJson, type KeyValueStore } from './store'

export type DocKindName = 'programme' | 'project'

export interface KeyEntry {
  readonly docId: string
  readonly kind: DocKindName
  readonly role: Role
  /** teamSecret for team, mentorSecret for mentor, viewerSecret for viewer. */
  readonly secret: string
  readonly secretVersion: number
  /**
   * Signaling addresses that came with the invite, for the record. Not dialled: only the sync
   * settings' list is (a person who clears it has asked for no dialling; see session.ts).
   */
  readonly signaling: readonly string[]
  /** For display only. */
  readonly docName?: string
  readonly addedAt: number
  /** A mentor invite's directory entry: who "you" are in this project (invite.ts). */
  readonly mentor?: { readonly id: string; readonly name: string }
}

const entrySchema = z.object({
  docId: z.string().min(1).max(64),
  kind: z.enum(['programme', 'project']),
  role: z.enum(ROLES),
  secret: z.string().refine(isSecret),
  secretVersion: z.int().min(1),
  signaling: z.array(z.string()).max(5),
  docName: z.string().max(200).optional(),
  addedAt: z.number(),
  mentor: z.object({ id: z.string().min(1).max(64), name: z.string().max(200) }).optional()
})

/** The store key (the renderer watches its localStorage mirror for changes made in other tabs). */
export const KEYRING_KEY = 'fortnight.sync.keyring'
const KEY = KEYRING_KEY

function read(store: KeyValueStore): Map<string, KeyEntry> {
  const entries = new Map<string, KeyEntry>()
  const raw = readJson(store, KEY)
  if (raw && typeof raw === 'object') {
    for (const value of Object.values(raw as Record<string, unknown>)) {
      const parsed = entrySchema.safeParse(value)
      // A damaged entry is dropped rather than trusted: the doc simply is not shared here.
      if (parsed.success) entries.set(parsed.data.docId, parsed.data)
    }
  }
  return entries
}

export class Keyring {
  private entries: Map<string, KeyEntry>
  private readonly listeners = new Set<(docId: string) => void>()
  private listed: readonly KeyEntry[] | null = null

  constructor(private readonly store: KeyValueStore) {
    this.entries = read(store)
  }

  /**
   * Reads the store again (another tab or window changed it) without writing. Returns the doc
   * ids whose entry was added, changed or removed, and tells the listeners about each.
   */
  reload(): string[] {
    const next = read(this.store)
    const changed: string[] = []
    for (const id of new Set([...this.entries.keys(), ...next.keys()])) {
      if (JSON.stringify(this.entries.get(id)) !== JSON.stringify(next.get(id))) changed.push(id)
    }
    if (changed.length === 0) return changed
    this.entries = next
    this.listed = null
    changed.forEach((id) => this.listeners.forEach((l) => l(id)))
    return changed
  }

  get(docId: string): KeyEntry | undefined {
    return this.entries.get(docId)
  }

  /** Stable between changes (safe for useSyncExternalStore). */
  list(): readonly KeyEntry[] {
    this.listed ??= [...this.entries.values()].sort((a, b) => a.addedAt - b.addedAt || (a.docId < b.docId ? -1 : 1))
    return this.listed
  }

  set(entry: KeyEntry): void {
    const parsed = entrySchema.parse(entry)
    this.entries.set(parsed.docId, parsed)
    this.persist()
    this.listeners.forEach((l) => l(parsed.docId))
  }

  remove(docId: string): void {
    if (!this.entries.delete(docId)) return
    this.persist()
    this.listeners.forEach((l) => l(docId))
  }

  onChange(cb: (docId: string) => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private persist(): void {
    this.listed = null
    this.store.setItem(KEY, JSON.stringify(Object.fromEntries(this.entries)))
  }
}
