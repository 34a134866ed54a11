/**
 * What each role may do, and which sync rooms it joins. The rooms are where the rules are really
 * enforced: a role can only reach the rooms whose secret it holds (see secrets.ts), so a UI check
 * here is a convenience, never the protection.
 */

export const ROLES = ['team', 'mentor', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/**
 * One room per kind per doc. `team` carries the real board; `mentor` and `viewer` carry copies
 * that the team relays (a later stage), and the team accepts only comments back from `mentor`.
 */
export const ROOM_KINDS = ['team', 'mentor', 'viewer'] as const
export type RoomKind = (typeof ROOM_KINDS)[number]

export interface Capabilities {
  readonly read: boolean
  readonly comment: boolean
  readonly editBoard: boolean
}

const CAPABILITIES: Readonly<Record<Role, Capabilities>> = {
  team: { read: true, comment: true, editBoard: true },
  mentor: { read: true, comment: true, editBoard: false },
  viewer: { read: true, comment: false, editBoard: false }
}

export function capabilitiesOf(role: Role): Capabilities {
  return CAPABILITIES[role]
}

/**
 * The rooms a role joins for one doc. The team joins all three because the team is what relays
 * the board outwards and takes comments in; mentors and viewers join only their own, so they
 * never meet the team's room (they could not derive its name or password anyway).
 */
export function roomKindsFor(role: Role): readonly RoomKind[] {
  switch (role) {
    case 'team':
      return ['team', 'mentor', 'viewer']
    case 'mentor':
      return ['mentor']
    case 'viewer':
      return ['viewer']
  }
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
