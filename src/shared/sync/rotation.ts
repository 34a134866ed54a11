/**
 * Revoking access by rotating a doc's secret.
 *
 * `rotateSecret` returns a fresh random team secret and `secretVersion + 1`. Every room name and
 * password is derived from both (secrets.ts), so after rotation the team's peers meet in new
 * rooms and anyone still using an old invite arrives in rooms where nobody is.
 *
 * What rotation does and does not do (say so in the interface, too):
 * - It stops **new connections** with old invites. It cannot take back what someone already
 *   synced: their local copy stays on their machine.
 * - Peers still connected in the old rooms keep talking to each other until they reconnect with
 *   the new secret, so every team peer should leave the old rooms as soon as it learns the new one.
 * - Mentors and viewers are revoked by rotating and then handing the new secret to the team
 *   through the old team room (they were never in it). To revoke a **team** member, the new
 *   secret must reach the remaining team by new invites, not through the old team room: the
 *   person being removed is still in it.
 * - `secretVersion` lets the app tell "your invite is out of date" apart from "nobody is online".
 */
import { generateSecret } from './secrets'

export interface DocSecret {
  readonly secret: string
  /** 1 for the first secret; rises by exactly 1 on each rotation. */
  readonly secretVersion: number
}

export function firstSecret(): DocSecret {
  return { secret: generateSecret(), secretVersion: 1 }
}

export function rotateSecret(old: DocSecret): DocSecret {
  if (!Number.isInteger(old.secretVersion) || old.secretVersion < 1) throw new TypeError('secretVersion must be a whole number from 1.')
  return { secret: generateSecret(), secretVersion: old.secretVersion + 1 }
}
