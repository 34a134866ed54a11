import { z } from 'zod'

/**
 * The programme's Pipeline settings: which organisation it reports as, and which Pipeline it
 * publishes status updates to. Stored in the programme doc's top-level `pipeline` map, one key
 * per setting so two people changing different settings at once both keep theirs
 * (doc/pipelineLedger.ts). Pure rules here: what may be typed, and what an address may be.
 */
export interface PipelineSettings {
  /** The organisation's id on the Pipeline (`orgid`); null until someone looks it up. */
  readonly organisationId: number | null
  /** The organisation's name as the Pipeline shows it; empty means "the programme's council". */
  readonly organisationName: string
  /** The Pipeline's address for publishing (`https://…`; `http://localhost…` for a local test server); empty: not set. */
  readonly address: string
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = Object.freeze({ organisationId: null, organisationName: '', address: '' })

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Why an address cannot be a Pipeline to publish to, or null when it can. Status updates name
 * people and what residents said, so they travel only over https; plain http is allowed only to
 * this computer (a test server). No user name or password in the address (it would be stored in
 * the programme doc every colleague syncs), no query or fragment (routes are appended to it).
 */
export function pipelineAddressProblem(address: string): string | null {
  const a = address.trim()
  if (a === '') return null
  let u: URL
  try {
    u = new URL(a)
  } catch {
    return 'Enter the Pipeline address in full, starting with https://, like https://pipeline.localgov.digital'
  }
  const loopback = LOOPBACK_HOSTS.has(u.hostname.toLowerCase())
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) return 'The Pipeline address must start with https:// (http:// only for a test server on this computer)'
  if (u.username || u.password) return 'Remove the user name and password from the Pipeline address'
  if (u.search || u.hash || a.includes('#') || a.includes('?')) return 'Enter the Pipeline address without anything after a ? or #'
  return null
}

/** The address as stored: trimmed, without trailing slashes (routes are appended as `/api/…`). */
export function normalisePipelineAddress(address: string): string {
  const a = address.trim()
  if (a === '') return ''
  try {
    const u = new URL(a)
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`
  } catch {
    return a
  }
}

/** True for an address the publisher may use (see `pipelineAddressProblem`); false for an empty one. */
export function isPublishableAddress(address: string): boolean {
  return address.trim() !== '' && pipelineAddressProblem(address) === null
}

/** What the settings form sends; each setting optional so a patch changes only what it names. */
export const pipelineSettingsPatchSchema = z
  .object({
    organisationId: z
      .number({ message: 'Enter the organisation id as a whole number, like 42' })
      .int('Enter the organisation id as a whole number, like 42')
      .min(1, 'Enter an organisation id of 1 or more')
      .max(2_147_483_647, 'Enter the organisation id as the Pipeline shows it')
      .nullable(),
    organisationName: z.string().trim().max(200, 'Enter an organisation name of 200 characters or fewer'),
    address: z
      .string()
      .trim()
      .max(500, 'Enter a Pipeline address of 500 characters or fewer')
      .superRefine((a, ctx) => {
        const problem = pipelineAddressProblem(a)
        if (problem) ctx.addIssue({ code: 'custom', message: problem })
      })
      .transform(normalisePipelineAddress)
  })
  .partial()
export type PipelineSettingsPatch = z.input<typeof pipelineSettingsPatchSchema>

/** Stored values as a peer may have written them: a bad one reads as its default (and is reported). */
export const storedPipelineSettingsFields = {
  organisationId: z.union([z.number().int().min(1).max(2_147_483_647), z.null()]).default(null),
  organisationName: z.string().max(2_000).default(''),
  address: z
    .string()
    .max(2_000)
    .refine((a) => pipelineAddressProblem(a) === null, 'not an address Fortnight may publish to')
    .default('')
} as const
