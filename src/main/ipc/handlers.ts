// The single source of truth for what main exposes: one entry per channel of the contract,
// pairing the payload schema with the handler. `satisfies HandlerMap` makes a missing or
// extra channel a type error.
import type { z } from 'zod'
import type { Channel, RequestOf, ResponseOf } from '../../preload/contract'
import { openFile, saveFile, type FileDeps } from '../files'
import type { SyncHost } from '../sync/host'
import type { KeyStore } from '../sync/keyStore'
import { handlePipelineRequest, type FetchLike, type PipelineOriginGate } from './pipeline'
import { hostSyncStartSchema, keysSaveSchema, noPayloadSchema, openFileRequestSchema, pipelineRequestSchema, saveFileRequestSchema } from './schemas'

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
  /** The embedded signaling server (desktop only; absent in tests that do not need it). */
  syncHost?: SyncHost
  /** The keyring sealed with safeStorage (desktop only). */
  keyStore?: KeyStore
  /** How main reaches a Pipeline (Electron's `net.fetch` honours the system proxy); node's fetch when absent. */
  pipelineFetch?: FetchLike
  /** Asks the person, once per origin and run, before main calls a Pipeline (desktop: a dialog). */
  pipelineGate?: PipelineOriginGate
}

export function createHandlers(deps: HandlerDeps) {
  return {
    'app:version': { schema: noPayloadSchema, handle: async () => deps.appVersion() },
    'file:save': { schema: saveFileRequestSchema, handle: (_ctx, req) => saveFile(deps.files, req) },
    'file:open': { schema: openFileRequestSchema, handle: (_ctx, req) => openFile(deps.files, req) },
    'sync:host-start': { schema: hostSyncStartSchema, handle: (_ctx, req) => requireHost(deps).start(req) },
    'sync:host-stop': { schema: noPayloadSchema, handle: () => requireHost(deps).stop() },
    'sync:host-status': { schema: noPayloadSchema, handle: async () => requireHost(deps).status() },
    'sync:host-interfaces': { schema: noPayloadSchema, handle: async () => requireHost(deps).interfaces() },
    'keys:load': { schema: noPayloadSchema, handle: () => requireKeyStore(deps).load() },
    'keys:save': { schema: keysSaveSchema, handle: (_ctx, req) => requireKeyStore(deps).save(req.data) },
    'pipeline:request': { schema: pipelineRequestSchema, handle: (_ctx, req) => handlePipelineRequest(deps.pipelineFetch ?? fetch, req, undefined, deps.pipelineGate) }
  } satisfies HandlerMap
}

function requireHost(deps: HandlerDeps): SyncHost {
  if (!deps.syncHost) throw new Error('Hosting sync is not available here.')
  return deps.syncHost
}

function requireKeyStore(deps: HandlerDeps): KeyStore {
  if (!deps.keyStore) throw new Error('Encrypted key storage is not available here.')
  return deps.keyStore
}
