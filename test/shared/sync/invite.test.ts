import { describe, expect, it } from 'vitest'
import { toBase64Url } from '../../../src/shared/sync/base64url'
import { decodeInvite, encodeInvite, inviteLink, InviteError, type Invite, type InviteErrorReason } from '../../../src/shared/sync/invite'
import { generateSecret } from '../../../src/shared/sync/secrets'

const invite: Invite = {
  v: 1,
  kind: 'project',
  docId: '3f2b8c1e-9a4d-4e7f-b6a5-0c1d2e3f4a5b',
  docName: 'Adult social care – Café referrals',
  role: 'mentor',
  secret: generateSecret(),
  signaling: ['ws://10.20.30.40:4444/?token=R-31q2_lcwJoThWh4py__P4oYD_pUFKHIMoURMveZ3A'],
  secretVersion: 3,
  issuedBy: 'Priya Shah',
  issuedAt: '2026-03-02T09:15:00.000Z'
}

async function reasonFor(text: string): Promise<InviteErrorReason> {
  try {
    await decodeInvite(text)
  } catch (error) {
    expect(error).toBeInstanceOf(InviteError)
    return (error as InviteError).reason
  }
  throw new Error('the invite was accepted')
}

async function errorFor(text: string): Promise<InviteError> {
  return decodeInvite(text).then(
    () => {
      throw new Error('the invite was accepted')
    },
    (error: unknown) => error as InviteError
  )
}

/** A correctly checksummed code around any payload, as a newer or a hostile sender could make. */
async function codeAround(payload: unknown, prefix = 'FN1-'): Promise<string> {
  const head = prefix + toBase64Url(new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload)))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(head)))
  return `${head}-${toBase64Url(digest).slice(0, 8)}`
}

describe('invite codes', () => {
  it('round-trips, and the same invite always gives the same code', async () => {
    const code = await encodeInvite(invite)
    expect(code).toMatch(/^FN1-[A-Za-z0-9_-]+-[A-Za-z0-9_-]{8}$/)
    expect(await decodeInvite(code)).toEqual(invite)
    expect(await encodeInvite({ ...invite })).toBe(code)
  })

  it('round-trips through the link form, which stays small enough for a QR code', async () => {
    const link = await inviteLink(invite)
    expect(link.startsWith('fortnight://join?code=FN1-')).toBe(true)
    expect(await decodeInvite(link)).toEqual(invite)
    // Version 25 at error correction level M holds 1,273 bytes; this is a generous invite.
    expect(link.length).toBeLessThan(900)
  })

  it('accepts the code carried in an http(s) link fragment, for the browser build', async () => {
    const code = await encodeInvite(invite)
    expect(await decodeInvite(`http://fortnight.council.local/#join=${code}`)).toEqual(invite)
  })

  it('survives what email and chat do to a long code', async () => {
    const code = await encodeInvite(invite)
    const wrapped = code.match(/.{1,40}/g)!.join('\r\n')
    expect(await decodeInvite(`  \n${wrapped}\n\n`)).toEqual(invite)
    expect(await decodeInvite(code.match(/.{1,30}/g)!.map((line) => `> ${line}`).join('\n'))).toEqual(invite)
    expect(await decodeInvite(`"${code}".`)).toEqual(invite)
    expect(await decodeInvite(`<${await inviteLink(invite)}>`)).toEqual(invite)
    expect(await decodeInvite(code.slice(0, 20) + '\u200b' + code.slice(20, 50) + '\u00ad' + code.slice(50))).toEqual(invite)
  })

  it('keeps a team invite without a doc name', async () => {
    const team: Invite = { ...invite, role: 'team', docName: undefined, kind: 'programme' }
    const decoded = await decodeInvite(await encodeInvite(team))
    expect(decoded.role).toBe('team')
    expect(decoded.docName).toBeUndefined()
  })
})

describe('invite codes that cannot be used', () => {
  it('calls a changed character damaged, wherever it is', async () => {
    const code = await encodeInvite(invite)
    for (const at of [4, Math.floor(code.length / 2), code.length - 12, code.length - 1]) {
      const swapped = code[at] === 'A' ? 'B' : 'A'
      const tampered = code.slice(0, at) + swapped + code.slice(at + 1)
      expect(await reasonFor(tampered)).toBe('damaged')
    }
    expect((await errorFor(code.slice(0, 30) + 'x' + code.slice(31))).message).toMatch(/damaged.*Copy the whole invite again/)
  })

  it('calls a truncated code damaged', async () => {
    const code = await encodeInvite(invite)
    for (const length of [5, 12, code.length - 20, code.length - 9, code.length - 1]) {
      expect(await reasonFor(code.slice(0, length))).toBe('damaged')
    }
    expect(await reasonFor((await inviteLink(invite)).slice(0, -3))).toBe('damaged')
  })

  it('says plainly when the text is not a Fortnight invite', async () => {
    const code = await encodeInvite(invite)
    for (const text of ['', '   ', 'hello', `XX1-${code.slice(4)}`, `fn1-${code.slice(4)}`, 'https://example.org/', 'mailto:someone@example.org']) {
      expect(await reasonFor(text)).toBe('not-an-invite')
    }
    expect(await reasonFor(`fortnight://open?code=${code}`)).toBe('not-an-invite')
    expect((await errorFor('hello')).message).toBe(
      'This is not a Fortnight invite. An invite starts with "FN1-", or is a link starting with "fortnight://join".'
    )
  })

  it('says an invite from a newer Fortnight needs an update, by prefix or by payload', async () => {
    expect(await reasonFor(await codeAround({ ...invite, v: 2 }, 'FN2-'))).toBe('unsupported-version')
    expect(await reasonFor(await codeAround({ ...invite, v: 2 }))).toBe('unsupported-version')
    expect((await errorFor(await codeAround({ ...invite, v: 2 }))).message).toMatch(/newer version of Fortnight\. Update Fortnight/)
  })

  it('explains invalid fields, even behind a correct checksum', async () => {
    const cases: [Partial<Record<keyof Invite, unknown>>, RegExp][] = [
      [{ signaling: ['http://10.0.0.1:4444/'] }, /signaling address must start with ws:\/\/ or wss:\/\//],
      [{ signaling: ['ws://user:pass@10.0.0.1:4444/'] }, /must not contain a user name or password/],
      [{ signaling: ['wss://y-webrtc-eu.fly.dev'] }, /public server/],
      [{ signaling: ['not a url'] }, /is not a web address/],
      [{ signaling: [] }, /at least one signaling address/],
      [{ role: 'owner' }, /the role must be team, mentor or viewer/],
      [{ secret: 'too-short' }, /the secret must be a 43-character secret/],
      [{ secretVersion: 1.5 }, /secret version must be a whole number/],
      [{ docId: '../../etc' }, /document id must be/],
      [{ issuedAt: 'last Tuesday' }, /date issued must be a date and time/],
      [{ issuedBy: undefined }, /the sender is missing/],
      [{ kind: 'folder' }, /type of document must be "programme" or "project"/]
    ]
    for (const [change, message] of cases) {
      const error = await errorFor(await codeAround({ ...invite, ...change }))
      expect(error.reason).toBe('invalid')
      expect(error.message).toMatch(/^This invite cannot be used: /)
      expect(error.message).toMatch(message)
    }
  })

  it('calls a correctly checksummed payload that is not an invite object damaged', async () => {
    for (const payload of ['not json', '[1,2]', 'null']) {
      expect(await reasonFor(await codeAround(payload))).toBe('damaged')
    }
  })

  it('refuses to encode an invalid invite', async () => {
    await expect(encodeInvite({ ...invite, signaling: ['https://10.0.0.1/'] })).rejects.toThrow(InviteError)
    await expect(encodeInvite({ ...invite, role: 'admin' as never })).rejects.toThrow(/role must be team, mentor or viewer/)
  })
})

describe('a mentor invite names the directory entry it is for', () => {
  it('round-trips the mentor, so the mentor app knows who "you" are in the project', async () => {
    const withMentor: Invite = { ...invite, mentor: { id: 'm-123', name: 'Dr Jo Bloggs' } }
    expect(await decodeInvite(await encodeInvite(withMentor))).toEqual(withMentor)
  })

  it('drops the mentor from team and viewer invites (it is a mentor-only claim)', async () => {
    const team: Invite = { ...invite, role: 'team', mentor: { id: 'm-123', name: 'Dr Jo Bloggs' } }
    expect((await decodeInvite(await encodeInvite(team))).mentor).toBeUndefined()
  })

  it('refuses a mentor id that could not be a key, with a message that names the field', async () => {
    const payload = { ...invite, mentor: { id: '__proto__/../x', name: 'Jo' } }
    const error = await errorFor(await codeAround(payload))
    expect(error.reason).toBe('invalid')
    expect(error.message).toContain('the mentor')
  })
})
