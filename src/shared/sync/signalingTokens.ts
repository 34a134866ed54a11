/**
 * Signaling access tokens per role (issue 8, attack 9).
 *
 * The office's signaling server has one **office token** (what `npm run signal` prints and what
 * "Host sync on this computer" makes). Team members keep it in their sync settings and team
 * invites carry it. A mentor or viewer invite carries a **room token** instead:
 *
 *     r1.<room name>.<base64url(HMAC-SHA256(office token, "fortnight/room-token/v1\0" + room name))>
 *
 * The server recomputes the HMAC from its office token (no list to keep, nothing to configure),
 * and a connection that presented a room token may subscribe to that one room only, with a small
 * connection cap per token. So a viewer's token cannot be used to exhaust the server, and because
 * rotation changes every room name (secrets.ts), rotating a project makes its old room tokens
 * useless too. A team member can mint room tokens because it holds the office token; a mentor
 * cannot mint one for any other room.
 *
 * Node's `crypto.createHmac` gives the same bytes (src/main/signaling/server.ts verifies there;
 * test/security/09-*.test.ts checks the two agree).
 */
import { toBase64Url } from './base64url'

export const ROOM_TOKEN_PREFIX = 'r1.'
const LABEL = 'fortnight/room-token/v1\u0000'

export async function roomToken(officeToken: string, roomName: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(roomName)) throw new TypeError('A room name is base64url.')
  const enc = new TextEncoder()
  const key = await globalThis.crypto.subtle.importKey('raw', enc.encode(officeToken), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = toBase64Url(new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, enc.encode(LABEL + roomName))))
  return `${ROOM_TOKEN_PREFIX}${roomName}.${mac}`
}

/** True when a signaling address carries a room token (a mentor's or viewer's), not the office's. */
export function isRoomTokenUrl(url: string): boolean {
  try {
    return (new URL(url).searchParams.get('token') ?? '').startsWith(ROOM_TOKEN_PREFIX)
  } catch {
    return false
  }
}

/**
 * The address to put in a mentor's or viewer's invite: the same server, its office token
 * swapped for a token good for `roomName` only. An address without a token, or one that already
 * carries a room token, is returned as it is.
 */
export async function withRoomToken(url: string, roomName: string): Promise<string> {
  const parsed = new URL(url)
  const office = parsed.searchParams.get('token')
  if (!office || office.startsWith(ROOM_TOKEN_PREFIX)) return url
  parsed.searchParams.set('token', await roomToken(office, roomName))
  return parsed.toString()
}
