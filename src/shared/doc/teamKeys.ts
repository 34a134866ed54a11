import type * as Y from 'yjs'
import type { ProjectId } from '../domain/ids'
import { LOCAL_ORIGIN } from './context'

/**
 * Project secrets carried by the programme doc, so a team member who joins the programme gets
 * every project's team key with it ("joining a programme pulls its projects"), and a rotated
 * project secret reaches the rest of the team.
 *
 * Safe only because the programme doc is synced in its **team room alone**: it is never relayed
 * into a mentor or viewer room (roles.ts / the sync session never make a mirror of it). Project
 * docs, which are relayed, must never hold a secret.
 *
 * A top-level map, so it needs no migration (peers may create it at the same time). Yjs settles
 * two concurrent writes for one project by client id; every peer then adopts the surviving value.
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

export function readTeamKeys(doc: Y.Doc): ReadonlyMap<ProjectId, TeamKey> {
  const out = new Map<ProjectId, TeamKey>()
  teamKeysOf(doc).forEach((v, k) => {
    if (isTeamKey(v)) out.set(k as ProjectId, { secret: v.secret, secretVersion: v.secretVersion })
  })
  return out
}

/** Publish a project's key to the team. An older version never replaces a newer one. */
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
