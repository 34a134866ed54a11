import * as Y from 'yjs'
import type { ProjectId } from '../domain/ids'
import { LOCAL_ORIGIN } from './context'

/**
 * Project team keys, and how they travel between team members of a programme.
 *
 * ## Where they live (issue 8, attack 10)
 * A project's team secret is the key to its team room: whoever holds it can edit the real board.
 * It used to ride in the programme doc's top-level `teamKeys` map, and a relay is attached to the
 * programme doc, so a relay operator (or anyone reading its storage) got every project's key.
 *
 * Now each computer keeps its keys in its own keyring (never in a synced doc), and a team
 * member's keys reach the rest of the programme's team through a **keys doc**: a small in-memory
 * Y.Doc made here, synced only over WebRTC in its own room derived from the programme's *team*
 * secret (secrets.ts: deriveKeysRoom). It is never given to the relay, never mirrored into a
 * mentor or viewer room and never persisted; every team peer re-publishes the keys from its
 * keyring when it joins, so the keys doc needs no storage of its own.
 *
 * Yjs settles two concurrent writes for one project by client id; every peer adopts the
 * surviving value, and an older version never replaces a newer one.
 */
export const TEAM_KEYS = 'teamKeys'

export interface TeamKey {
  readonly secret: string
  readonly secretVersion: number
}

function teamKeysOf(doc: Y.Doc): Y.Map<TeamKey> {
  return doc.getMap<TeamKey>(TEAM_KEYS)
}

function isTeamKey(v: unknown): v is TeamKey {
  return typeof v === 'object' && v !== null && typeof (v as TeamKey).secret === 'string' && Number.isInteger((v as TeamKey).secretVersion)
}

/** A fresh keys doc (see above). Never attach it to a relay, a mirror or IndexedDB. */
export function createKeysDoc(): Y.Doc {
  return new Y.Doc()
}

/** Keys in a keys doc, or the legacy keys still in a programme doc (same map name). */
export function readTeamKeys(doc: Y.Doc): ReadonlyMap<ProjectId, TeamKey> {
  const out = new Map<ProjectId, TeamKey>()
  teamKeysOf(doc).forEach((v, k) => {
    if (isTeamKey(v)) out.set(k as ProjectId, { secret: v.secret, secretVersion: v.secretVersion })
  })
  return out
}

/** Publish a project's key to the keys doc. An older version never replaces a newer one. */
export function publishTeamKey(doc: Y.Doc, projectId: ProjectId, key: TeamKey): void {
  const current = teamKeysOf(doc).get(projectId)
  if (isTeamKey(current) && (current.secretVersion > key.secretVersion || (current.secretVersion === key.secretVersion && current.secret === key.secret))) return
  doc.transact(() => teamKeysOf(doc).set(projectId, { secret: key.secret, secretVersion: key.secretVersion }), LOCAL_ORIGIN)
}

export function subscribeTeamKeys(doc: Y.Doc, cb: () => void): () => void {
  const map = teamKeysOf(doc)
  const handler = (): void => cb()
  map.observe(handler)
  return () => map.unobserve(handler)
}

/**
 * Migration (issue 8): a programme doc written before keys moved out of it. Returns the keys it
 * still carries and deletes them from the programme doc (a team member does this: only the team
 * syncs a programme doc), so from then on the programme doc, and every relay attached to it,
 * holds no secret. Yjs garbage-collects the deleted values, so a relay that keeps the doc no
 * longer stores them either; what a relay saw before cannot be unseen (rotate those projects).
 */
export function takeLegacyTeamKeys(programme: Y.Doc): ReadonlyMap<ProjectId, TeamKey> {
  const found = readTeamKeys(programme)
  const map = teamKeysOf(programme)
  if (map.size > 0) programme.transact(() => map.clear(), LOCAL_ORIGIN)
  return found
}
