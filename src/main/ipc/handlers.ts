// The single source of truth for what main exposes: one entry per channel of the contract,
// pairing the payload schema with the handler. `satisfies HandlerMap` makes a missing or
// extra channel a type error.
import type { z } from 'zod'
import type { Channel, RequestOf, ResponseOf } from '../../preload/contract'
import { openFile, saveFile, type FileDeps } from '../files'
import { noPayloadSchema, openFileRequestSchema, saveFileRequestSchema } from './schemas'

/** What a handler may know about its caller (already checked to be the app's own frame). */
export interface InvokeContext {
  readonly senderUrl: string
}

export interface HandlerSpec<C extends Channel> {
  readonly schema: z.ZodType<RequestOf<C>>
  readonly handle: (ctx: InvokeContext, payload: RequestOf<C>) => Promise<ResponseOf<C>>
}

export type HandlerMap = { readonly [C in Channel]: HandlerSpec<C> }

export interface HandlerDeps {
  appVersion(): string
  files: FileDeps
}

export function createHandlers(deps: HandlerDeps) {
  return {
    'app:version': { schema: noPayloadSchema, handle: async () => deps.appVersion() },
    'file:save': { schema: saveFileRequestSchema, handle: (_ctx, req) => saveFile(deps.files, req) },
    'file:open': { schema: openFileRequestSchema, handle: (_ctx, req) => openFile(deps.files, req) }
  } satisfies HandlerMap
}
