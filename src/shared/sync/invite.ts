/**
 * Invite codes: how a doc's secret, its signaling address and a role travel from one person to
 * another by chat, email or QR code.
 *
 * Code:  `FN1-<base64url(JSON)>-<checksum>`  where checksum = first 8 characters of
 *        base64url(SHA-256("FN1-" + payload)). The checksum is fixed-length, so the code splits
 *        unambiguously even though base64url itself contains "-".
 * Link:  `fortnight://join?code=<code>`  (the code is URL-safe as it is, so the link is the code
 *        plus 22 characters and fits a QR code; the desktop app registers the scheme). Decoding
 *        also accepts any http(s) link carrying the code as `#join=<code>`, for the browser build
 *        served on the LAN: a fragment never reaches the web server's logs.
 *
 * The checksum catches a truncated paste, a mistyped character or an email client's meddling.
 * It is not a signature and cannot be one: the recipient has no key to check it against yet.
 * So an invite is a password: whoever holds it can join with its role. Send it privately.
 *
 * Decoding is forgiving about presentation (whitespace and line breaks from email wrapping,
 * zero-width characters, `>` quoting, surrounding quotes or angle brackets, a trailing full stop)
 * and strict about content, with errors a person can act on (InviteError).
 */
import { z } from 'zod'
import { fromBase64Url, toBase64Url } from './base64url'
import { ROLES, type Role } from './roles'
import { isSecret } from './secrets'

export const INVITE_VERSION = 1
export const INVITE_PREFIX = `FN${INVITE_VERSION}-`
export const INVITE_LINK_PREFIX = 'fortnight://join?code='
const CHECKSUM_LENGTH = 8
/** Far above any real invite; stops a pasted novel before any work is done on it. */
const MAX_INVITE_TEXT = 8_000

/**
 * y-webrtc's built-in defaults. Fortnight never signals through public servers, and an invite
 * naming one is refused rather than quietly leaking room names to the internet.
 */
export const PUBLIC_SIGNALING_HOSTS: ReadonlySet<string> = new Set([
  'y-webrtc-eu.fly.dev',
  'signaling.yjs.dev',
  'y-webrtc-signaling-eu.herokuapp.com',
  'y-webrtc-signaling-us.herokuapp.com'
])

/** Why a signaling address is unusable, or null if it is fine. */
export function signalingUrlProblem(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'is not a web address'
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return 'must start with ws:// or wss://'
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password'
  if (url.hash !== '') return 'must not contain a # part'
  if (PUBLIC_SIGNALING_HOSTS.has(url.hostname.toLowerCase())) return "is a public server; Fortnight only uses your organisation's own"
  return null
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

const inviteSchema = z.object({
  v: z.literal(INVITE_VERSION),
  kind: z.enum(['programme', 'project'], { error: 'must be "programme" or "project"' }),
  docId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"'),
  docName: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .refine((name) => !CONTROL_CHARACTERS.test(name), 'must not contain control characters')
    .optional(),
  role: z.enum(ROLES, { error: 'must be team, mentor or viewer' }),
  secret: z.string().refine(isSecret, 'must be a 43-character secret'),
  signaling: z
    .array(
      z
        .string()
        .max(500, 'must be at most 500 characters')
        .superRefine((url, ctx) => {
          const problem = signalingUrlProblem(url)
          if (problem) ctx.addIssue({ code: 'custom', message: problem })
        })
    )
    .min(1, 'needs at least one signaling address')
    .max(5, 'may list at most 5 signaling addresses'),
  secretVersion: z.int({ error: 'must be a whole number' }).min(1, 'must be 1 or more').max(1_000_000),
  issuedBy: z.string().trim().min(1, 'must name who sent the invite').max(100, 'must be at most 100 characters'),
  issuedAt: z.iso.datetime({ offset: true, error: 'must be a date and time' }),
  mentor: z
    .object({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"'),
      name: z
        .string()
        .trim()
        .min(1)
        .max(200, 'must be at most 200 characters')
        .refine((name) => !CONTROL_CHARACTERS.test(name), 'must not contain control characters')
    })
    .optional()
})

export interface Invite {
  readonly v: typeof INVITE_VERSION
  readonly kind: 'programme' | 'project'
  readonly docId: string
  /** For display only ("You have been invited to …"); never used to find a room. */
  readonly docName?: string
  readonly role: Role
  /** teamSecret for `team`, mentorSecret for `mentor`, viewerSecret for `viewer` (secrets.ts). */
  readonly secret: string
  /** ws:// or wss:// addresses; the access token may ride in the query (`?token=`). */
  readonly signaling: readonly string[]
  readonly secretVersion: number
  readonly issuedBy: string
  /** ISO 8601 with offset. */
  readonly issuedAt: string
  /**
   * Mentor invites made from a mentor link: the directory entry it is for, so the mentor's app
   * knows which mentor "you" are in this project (mentions, open questions, the mentor home).
   * A claim by the sender, for display and matching only: it grants nothing.
   */
  readonly mentor?: { readonly id: string; readonly name: string }
}

// Compile-time check that the schema and the interface describe the same thing.
const _schemaMatchesInvite: z.ZodType<Invite> = inviteSchema
void _schemaMatchesInvite

export type InviteErrorReason = 'not-an-invite' | 'damaged' | 'unsupported-version' | 'invalid'

const MESSAGES: Record<Exclude<InviteErrorReason, 'invalid'>, string> = {
  'not-an-invite': 'This is not a Fortnight invite. An invite starts with "FN1-", or is a link starting with "fortnight://join".',
  damaged:
    'This invite is damaged: part of it is missing or has been changed. Copy the whole invite again, or ask the sender for a new one.',
  'unsupported-version': 'This invite was made by a newer version of Fortnight. Update Fortnight, then try the invite again.'
}

export class InviteError extends Error {
  constructor(
    readonly reason: InviteErrorReason,
    message: string = reason === 'invalid' ? 'This invite cannot be used.' : MESSAGES[reason]
  ) {
    super(message)
    this.name = 'InviteError'
  }
}

const FIELD_NAMES: Record<string, string> = {
  kind: 'type of document',
  docId: 'document id',
  docName: 'document name',
  role: 'role',
  secret: 'secret',
  signaling: 'signaling address',
  secretVersion: 'secret version',
  issuedBy: 'sender',
  issuedAt: 'date issued',
  mentor: 'mentor'
}

function invalid(error: z.ZodError): InviteError {
  const details = error.issues.map((issue) => {
    const field = typeof issue.path[0] === 'string' ? (FIELD_NAMES[issue.path[0]] ?? issue.path[0]) : 'invite'
    // zod's own wording ("Invalid input: expected string, received undefined") is for developers.
    const ours = !(issue.code === 'invalid_type' && issue.message.startsWith('Invalid input'))
    return `the ${field} ${ours ? issue.message : 'is missing or of the wrong type'}`
  })
  return new InviteError('invalid', `This invite cannot be used: ${[...new Set(details)].join('; ')}.`)
}

async function checksum(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return toBase64Url(new Uint8Array(digest)).slice(0, CHECKSUM_LENGTH)
}

/** Validates, then encodes. Field order is fixed so the same invite always gives the same code. */
export async function encodeInvite(invite: Invite): Promise<string> {
  const parsed = inviteSchema.safeParse(invite)
  if (!parsed.success) throw invalid(parsed.error)
  const i = parsed.data
  const ordered = {
    v: i.v,
    kind: i.kind,
    docId: i.docId,
    ...(i.docName ? { docName: i.docName } : {}),
    role: i.role,
    secret: i.secret,
    signaling: i.signaling,
    secretVersion: i.secretVersion,
    issuedBy: i.issuedBy,
    issuedAt: i.issuedAt,
    ...(i.mentor && i.role === 'mentor' ? { mentor: { id: i.mentor.id, name: i.mentor.name } } : {})
  }
  const head = INVITE_PREFIX + toBase64Url(new TextEncoder().encode(JSON.stringify(ordered)))
  return `${head}-${await checksum(head)}`
}

export async function inviteLink(invite: Invite): Promise<string> {
  return INVITE_LINK_PREFIX + (await encodeInvite(invite))
}

/** Undo what email, chat and copy-paste do to a long token. */
function tidy(text: string): string {
  return text
    .replace(/^[ \t]*>+/gm, '') // "> " quoting in replies
    .replace(/[\s\u00ad\u200b-\u200d\u2060\ufeff]+/g, '') // wrapping, soft hyphens, zero-width characters
    .replace(/^["'“‘<(]+/, '')
    .replace(/["'”’>).,;:!]+$/, '')
}

/** The code inside a link, the text itself if it is not a link, or null for a link of the wrong kind. */
function codeFrom(text: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) return text
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.protocol === 'fortnight:') return url.host === 'join' ? url.searchParams.get('code') : null
  if (url.protocol === 'https:' || url.protocol === 'http:') return new URLSearchParams(url.hash.slice(1)).get('join')
  return null
}

/** Accepts a code or a link, as pasted; throws InviteError with a message to show as it is. */
export async function decodeInvite(text: string): Promise<Invite> {
  if (typeof text !== 'string' || text.length > MAX_INVITE_TEXT) throw new InviteError('not-an-invite')
  const code = codeFrom(tidy(text))
  const version = code === null ? null : /^FN(\d+)-/i.exec(code)
  if (code === null || !version) throw new InviteError('not-an-invite')
  if (Number(version[1]) !== INVITE_VERSION) {
    throw new InviteError(Number(version[1]) > INVITE_VERSION ? 'unsupported-version' : 'not-an-invite')
  }
  if (!code.startsWith(INVITE_PREFIX)) throw new InviteError('not-an-invite') // "fn1-": codes are case-sensitive

  const head = code.slice(0, -CHECKSUM_LENGTH - 1)
  const payload = head.slice(INVITE_PREFIX.length)
  if (payload.length === 0 || code[head.length] !== '-' || (await checksum(head)) !== code.slice(-CHECKSUM_LENGTH)) {
    throw new InviteError('damaged')
  }

  let json: unknown
  try {
    const bytes = fromBase64Url(payload)
    if (!bytes) throw new Error('not base64url')
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new InviteError('damaged')
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InviteError('damaged')
  const v = (json as { v?: unknown }).v
  if (typeof v === 'number' && Number.isInteger(v) && v > INVITE_VERSION) throw new InviteError('unsupported-version')

  const parsed = inviteSchema.safeParse(json)
  if (!parsed.success) throw invalid(parsed.error)
  return parsed.data
}
