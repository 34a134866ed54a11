// zod schemas for every IPC payload. Each one is typed against the contract, so a schema that
// drifts from FortnightApi fails to compile.
import { z } from 'zod'
import type { OpenFileRequest, PipelineRequestPayload, SaveFileRequest } from '../../preload/contract'

export const MEGABYTE = 1024 * 1024
/** Default and ceiling for file:open. */
export const DEFAULT_OPEN_MAX_BYTES = 10 * MEGABYTE
export const OPEN_MAX_BYTES_CEILING = 100 * MEGABYTE
/** Exports are JSON/CSV text; anything bigger than this is a bug, not a file. */
export const SAVE_MAX_CHARS = 50 * MEGABYTE

const extension = z
  .string()
  .regex(/^(\*|[A-Za-z0-9]+(\.[A-Za-z0-9]+)*)$/, 'must be letters and digits without a leading dot, e.g. "json"')
  .max(20)

export const fileFiltersSchema = z
  .array(
    z.strictObject({
      name: z.string().trim().min(1).max(100),
      extensions: z.array(extension).min(1).max(20)
    })
  )
  .max(10)

/** A file name only: the save dialog decides the folder. */
export const fileNameSchema = z
  .string()
  .trim()
  .min(1, 'a file name is needed')
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name), 'must be a file name, not a path')
  .refine((name) => name !== '.' && name !== '..', 'must be a file name, not a path')

export const noPayloadSchema = z.undefined({ error: 'this call takes no argument' })

export const saveFileRequestSchema = z.strictObject({
  suggestedName: fileNameSchema,
  content: z.string().max(SAVE_MAX_CHARS, 'the file is too large to save'),
  filters: fileFiltersSchema.optional()
}) satisfies z.ZodType<SaveFileRequest>

export const openFileRequestSchema = z.strictObject({
  filters: fileFiltersSchema.optional(),
  maxBytes: z.number().int().positive().max(OPEN_MAX_BYTES_CEILING).optional()
}) satisfies z.ZodType<OpenFileRequest>

/** "suggestedName: must be a file name, not a path; content: expected string, received number" */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}

/** sync:host-start: an optional port; 0 would pick a random one colleagues could not be told in advance. */
export const hostSyncStartSchema = z.strictObject({
  port: z.number().int().min(1024, 'the port must be 1024 or higher').max(65535).optional(),
  /** Checked again against this computer's addresses by the host. */
  address: z.ipv4({ error: 'choose one of this computer’s network addresses' })
})

/** The keyring's JSON: a few hundred bytes per shared doc. */
export const KEYS_MAX_CHARS = 1024 * 1024
export const keysSaveSchema = z.strictObject({
  data: z.string().max(KEYS_MAX_CHARS, 'the keyring is too large')
})

/** pipeline:request: ids as the Pipeline's `int` columns hold them; texts bounded like the shapes. */
const pipelineId = z.number().int().min(1).max(2_147_483_647)
const pipelineUpdateSchema = z.strictObject({
  Id: z.number().int().min(0).max(2_147_483_647),
  PageId: pipelineId,
  UpdateDate: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/, 'must be a date and time like 2026-06-12T16:30:00'),
  Text: z.string().max(100_000, 'the status update is too long'),
  Author: z.string().max(2_000)
})
const pipelineAddress = z.string().max(500, 'the Pipeline address is too long')
export const pipelineRequestSchema = z.discriminatedUnion('action', [
  z.strictObject({ address: pipelineAddress, action: z.literal('list'), pageId: pipelineId }),
  z.strictObject({ address: pipelineAddress, action: z.literal('create'), update: pipelineUpdateSchema }),
  z.strictObject({ address: pipelineAddress, action: z.literal('edit'), id: pipelineId, update: pipelineUpdateSchema }),
  z.strictObject({ address: pipelineAddress, action: z.literal('delete'), id: pipelineId })
]) satisfies z.ZodType<PipelineRequestPayload>
