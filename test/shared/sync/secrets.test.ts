import { describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from '../../../src/shared/sync/base64url'
import { capabilitiesOf, roomKindsFor } from '../../../src/shared/sync/roles'
import { firstSecret, rotateSecret } from '../../../src/shared/sync/rotation'
import {
  deriveMentorSecret,
  deriveRoom,
  deriveViewerSecret,
  docKeys,
  generateSecret,
  isSecret,
  MissingRoomKeyError,
  roomsFor,
  secretForRole
} from '../../../src/shared/sync/secrets'

const docId = 'project-1'
const teamSecret = generateSecret()

async function room(kind: 'team' | 'mentor' | 'viewer', options: { docId?: string; secret?: string; secretVersion?: number } = {}) {
  const keys = await docKeys({ docId: options.docId ?? docId, role: 'team', secret: options.secret ?? teamSecret, secretVersion: options.secretVersion ?? 1 })
  return deriveRoom(keys, kind)
}

describe('secrets', () => {
  it('are 32 random bytes in base64url', () => {
    const a = generateSecret()
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(fromBase64Url(a)).toHaveLength(32)
    expect(isSecret(a)).toBe(true)
    expect(generateSecret()).not.toBe(a)
    expect(isSecret('x'.repeat(42))).toBe(false)
    expect(isSecret(`${a.slice(0, 42)}!`)).toBe(false)
  })

  it('base64url round-trips bytes and refuses non-canonical text', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(100))
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
    expect(fromBase64Url('ab+c')).toBeNull()
    expect(fromBase64Url('abc=')).toBeNull()
    expect(fromBase64Url('a')).toBeNull()
    expect(fromBase64Url('AB')).toBeNull() // "AA" is the canonical spelling of that byte
    expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]))
  })
})

describe('room names and passwords', () => {
  it('are deterministic, opaque and unrelated to each other', async () => {
    const a = await room('team')
    expect(await room('team')).toEqual(a)
    expect(a.name).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.name).not.toContain(docId)
    expect(a.password).not.toBe(a.name)
  })

  it('differ per doc, per room kind, per secret and per secret version', async () => {
    const names = await Promise.all([
      room('team'),
      room('mentor'),
      room('viewer'),
      room('team', { docId: 'project-2' }),
      room('team', { secret: generateSecret() }),
      room('team', { secretVersion: 2 })
    ])
    expect(new Set(names.map((r) => r.name)).size).toBe(names.length)
    expect(new Set(names.map((r) => r.password)).size).toBe(names.length)
  })

  it('give every role the rooms its invite secret reaches, and no others', async () => {
    const mentorSecret = await secretForRole(teamSecret, docId, 'mentor')
    const viewerSecret = await secretForRole(teamSecret, docId, 'viewer')
    expect(mentorSecret).toBe(await deriveMentorSecret(teamSecret, docId))
    expect(viewerSecret).toBe(await deriveViewerSecret(mentorSecret, docId))
    expect(new Set([teamSecret, mentorSecret, viewerSecret]).size).toBe(3)

    const team = await roomsFor({ docId, role: 'team', secret: teamSecret, secretVersion: 1 })
    const mentor = await roomsFor({ docId, role: 'mentor', secret: mentorSecret, secretVersion: 1 })
    const viewer = await roomsFor({ docId, role: 'viewer', secret: viewerSecret, secretVersion: 1 })
    expect(team.map((r) => r.kind)).toEqual(['team', 'mentor', 'viewer'])
    expect(mentor).toEqual([team[1]])
    expect(viewer).toEqual([team[2]])
  })

  it('never let a mentor or viewer secret reach the team room', async () => {
    const teamRoom = await room('team')
    const mentorSecret = await secretForRole(teamSecret, docId, 'mentor')
    const viewerSecret = await secretForRole(teamSecret, docId, 'viewer')

    const mentorKeys = await docKeys({ docId, role: 'mentor', secret: mentorSecret, secretVersion: 1 })
    expect(mentorKeys.team).toBeUndefined()
    await expect(deriveRoom(mentorKeys, 'team')).rejects.toThrow(MissingRoomKeyError)
    const viewerKeys = await docKeys({ docId, role: 'viewer', secret: viewerSecret, secretVersion: 1 })
    await expect(deriveRoom(viewerKeys, 'team')).rejects.toThrow(MissingRoomKeyError)
    await expect(deriveRoom(viewerKeys, 'mentor')).rejects.toThrow(/does not give access to the mentor room/)

    // Misusing a lower secret as if it were the team secret leads somewhere else entirely.
    for (const secret of [mentorSecret, viewerSecret]) {
      const pretend = await deriveRoom(await docKeys({ docId, role: 'team', secret, secretVersion: 1 }), 'team')
      expect(pretend.name).not.toBe(teamRoom.name)
      expect(pretend.password).not.toBe(teamRoom.password)
    }
  })

  it('refuse a malformed secret or doc id rather than deriving something', async () => {
    await expect(docKeys({ docId, role: 'team', secret: 'not-a-secret', secretVersion: 1 })).rejects.toThrow(/32 bytes/)
    await expect(docKeys({ docId: '', role: 'team', secret: teamSecret, secretVersion: 1 })).rejects.toThrow(/doc id/)
    await expect(docKeys({ docId, role: 'team', secret: teamSecret, secretVersion: 0 })).rejects.toThrow(/secretVersion/)
  })
})

describe('rotation', () => {
  it('gives a new secret and the next version, and with them new rooms for every kind', async () => {
    const first = firstSecret()
    expect(first.secretVersion).toBe(1)
    const second = rotateSecret(first)
    expect(second.secretVersion).toBe(2)
    expect(second.secret).not.toBe(first.secret)
    expect(isSecret(second.secret)).toBe(true)

    const before = await roomsFor({ docId, role: 'team', ...first })
    const after = await roomsFor({ docId, role: 'team', ...second })
    for (let i = 0; i < before.length; i++) {
      expect(after[i]!.name).not.toBe(before[i]!.name)
      expect(after[i]!.password).not.toBe(before[i]!.password)
    }
    // An old mentor invite now leads to a mentor room the team no longer uses.
    const oldMentor = await roomsFor({ docId, role: 'mentor', secret: await secretForRole(first.secret, docId, 'mentor'), secretVersion: 1 })
    expect(after.map((r) => r.name)).not.toContain(oldMentor[0]!.name)
  })
})

describe('roles', () => {
  it('give the team everything, mentors reading and comments, viewers reading only', () => {
    expect(capabilitiesOf('team')).toEqual({ read: true, comment: true, editBoard: true })
    expect(capabilitiesOf('mentor')).toEqual({ read: true, comment: true, editBoard: false })
    expect(capabilitiesOf('viewer')).toEqual({ read: true, comment: false, editBoard: false })
  })

  it('keep mentors and viewers out of the team room', () => {
    expect(roomKindsFor('team')).toEqual(['team', 'mentor', 'viewer'])
    expect(roomKindsFor('mentor')).toEqual(['mentor'])
    expect(roomKindsFor('viewer')).toEqual(['viewer'])
  })
})
