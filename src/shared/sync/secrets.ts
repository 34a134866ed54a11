/**
 * Per-doc secrets, and the opaque room names and passwords derived from them.
 *
 * ## Why
 * Colleagues sync over y-webrtc through a signaling server on the council LAN. Whoever runs (or
 * watches) that server sees room names and who subscribes to them; whoever knows a room's name
 * and password can join it and write to the doc. So:
 *
 * - **Room names are opaque.** A name is an HMAC of the doc's secret, never the project name or
 *   the doc id, so the server learns nothing about what is being worked on.
 * - **Every room has a password** (y-webrtc encrypts its signaling with it, so a hostile signaling
 *   server cannot join or impersonate peers). The password is a *separate* HMAC of the same
 *   secret with a different label: knowing a room's name reveals nothing about its password.
 *
 * ## Key chain, one per doc (programme doc, each project doc)
 * ```
 * teamSecret    32 random bytes                      held by the team
 *   └ mentorSecret = HMAC(teamSecret,   ["mentor-secret", docId])   held by mentors
 *       └ viewerSecret = HMAC(mentorSecret, ["viewer-secret", docId]) held by viewers
 * room(kind)    name     = HMAC(keyOf(kind), ["room-name",     docId, kind, secretVersion])
 *               password = HMAC(keyOf(kind), ["room-password", docId, kind, secretVersion])
 * keyOf: team → teamSecret, mentor → mentorSecret, viewer → viewerSecret
 * ```
 * HMAC-SHA256 is one-way, so each secret yields the ones below it and never the ones above:
 * a mentor can derive the mentor and viewer rooms but **never the team room**, which is the
 * only room where the real board is written. A viewer can derive only the viewer room, so a
 * viewer cannot even post into the room whose comments the team accepts. (The issue sketched
 * one shared "reader" secret for mentors and viewers; that would have let any viewer comment.)
 *
 * ## What a later stage must do with this
 * A team peer joins all three rooms (roles.ts) and relays board state into `mentor` and
 * `viewer`, and from `mentor` accepts **comments only**: a mentor holds that room's password, so
 * the room itself cannot stop a mentor writing anything else there. Project secrets must never
 * be relayed out of the team room (e.g. if they are stored in the programme doc, that map stays
 * out of the relayed copy).
 *
 * ## Rotation (rotation.ts)
 * Rotating replaces `teamSecret` with fresh random bytes and bumps `secretVersion`; every room
 * name and password changes, so old invites lead to empty rooms. See rotation.ts for the limits.
 *
 * Pure WebCrypto (`globalThis.crypto`): runs in the renderer, in node and in tests.
 */
import { fromBase64Url, toBase64Url } from './base64url'
import { roomKindsFor, type Role, type RoomKind } from './roles'

/** 256 bits: as strong as the HMAC key can use. */
export const SECRET_BYTES = 32
/** Length of a secret in base64url. */
export const SECRET_LENGTH = 43

const LABEL = 'fortnight/v1'

/** A fresh per-doc team secret. */
export function generateSecret(): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))
}

export function isSecret(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== SECRET_LENGTH) return false
  return fromBase64Url(value)?.length === SECRET_BYTES
}

async function hmac(secret: string, parts: readonly string[]): Promise<string> {
  const keyBytes = fromBase64Url(secret)
  if (keyBytes?.length !== SECRET_BYTES) throw new TypeError('A doc secret must be 32 bytes of base64url.')
  const subtle = globalThis.crypto.subtle
  const key = await subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  // JSON of an array is an unambiguous encoding: ("a:b", "c") and ("a", "b:c") never collide.
  const message = new TextEncoder().encode(JSON.stringify([LABEL, ...parts]))
  return toBase64Url(new Uint8Array(await subtle.sign('HMAC', key, message)))
}

function requireDocId(docId: string): void {
  if (typeof docId !== 'string' || docId.length === 0) throw new TypeError('A doc id is needed to derive its rooms.')
}

export function deriveMentorSecret(teamSecret: string, docId: string): Promise<string> {
  requireDocId(docId)
  return hmac(teamSecret, ['mentor-secret', docId])
}

export function deriveViewerSecret(mentorSecret: string, docId: string): Promise<string> {
  requireDocId(docId)
  return hmac(mentorSecret, ['viewer-secret', docId])
}

/** The secret an invite for `role` carries: the lowest one in the chain that is enough for it. */
export async function secretForRole(teamSecret: string, docId: string, role: Role): Promise<string> {
  if (role === 'team') return teamSecret
  const mentorSecret = await deriveMentorSecret(teamSecret, docId)
  return role === 'mentor' ? mentorSecret : deriveViewerSecret(mentorSecret, docId)
}

/**
 * The keys a holder of `secret` (given as `role`) can reach for one doc. Missing keys stay
 * missing: the types make "a mentor tried to open the team room" a visible case, not a
 * silently different room.
 */
export interface DocKeys {
  readonly docId: string
  readonly secretVersion: number
  readonly team?: string
  readonly mentor?: string
  readonly viewer: string
}

export async function docKeys(input: { docId: string; role: Role; secret: string; secretVersion: number }): Promise<DocKeys> {
  const { docId, role, secret, secretVersion } = input
  requireDocId(docId)
  if (!Number.isInteger(secretVersion) || secretVersion < 1) throw new TypeError('secretVersion must be a whole number from 1.')
  if (role === 'viewer') return { docId, secretVersion, viewer: secret }
  const team = role === 'team' ? secret : undefined
  const mentor = team === undefined ? secret : await deriveMentorSecret(team, docId)
  return { docId, secretVersion, team, mentor, viewer: await deriveViewerSecret(mentor, docId) }
}

/** What y-webrtc needs to join one room: `new WebrtcProvider(name, doc, { password, signaling })`. */
export interface RoomCredentials {
  readonly kind: RoomKind
  readonly name: string
  readonly password: string
}

export class MissingRoomKeyError extends Error {
  constructor(readonly kind: RoomKind) {
    super(`This invite does not give access to the ${kind} room.`)
    this.name = 'MissingRoomKeyError'
  }
}

export async function deriveRoom(keys: DocKeys, kind: RoomKind): Promise<RoomCredentials> {
  const key = keys[kind]
  if (key === undefined) throw new MissingRoomKeyError(kind)
  const context = [keys.docId, kind, String(keys.secretVersion)]
  const [name, password] = await Promise.all([hmac(key, ['room-name', ...context]), hmac(key, ['room-password', ...context])])
  return { kind, name, password }
}

/** Every room `role` joins for this doc (roles.ts decides which). */
export async function roomsFor(input: { docId: string; role: Role; secret: string; secretVersion: number }): Promise<RoomCredentials[]> {
  const keys = await docKeys(input)
  return Promise.all(roomKindsFor(input.role).map((kind) => deriveRoom(keys, kind)))
}

/**
 * The programme's keys room (doc/teamKeys.ts): where team members pass project team keys to
 * each other. Derived from the programme's **team** secret with its own label, so it is a
 * different room from the programme doc's team room (which a relay may mirror) and nobody
 * without the team secret can find it. WebRTC only; never relayed.
 */
export async function deriveKeysRoom(keys: DocKeys): Promise<RoomCredentials> {
  if (keys.team === undefined) throw new MissingRoomKeyError('team')
  const context = [keys.docId, 'team-keys', String(keys.secretVersion)]
  const [name, password] = await Promise.all([hmac(keys.team, ['room-name', ...context]), hmac(keys.team, ['room-password', ...context])])
  return { kind: 'team', name, password }
}
