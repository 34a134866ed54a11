/**
 * The one contract between the renderer and the main process.
 *
 * - The renderer imports only types from here (through src/renderer/platform.ts).
 * - The sandboxed preload imports `CHANNELS` to build `window.fortnight`.
 * - Main keys its handler map (src/main/ipc/handlers.ts) by the same `Channel` type, so a channel
 *   without a handler, or a handler without a channel, is a type error.
 *
 * This file must stay free of runtime imports: the sandboxed preload can only `require('electron')`,
 * and electron-vite externalises npm dependencies, so importing zod here would break the preload at
 * start-up. Payload schemas live next to the handlers in src/main/ipc/schemas.ts.
 *
 * Adding a channel (e.g. `backup:list`):
 *   1. here: a method on `FortnightApi`           listBackups(): Promise<BackupSummary[]>
 *   2. here: its entry in `CHANNELS`              'backup:list': 'listBackups',
 *   3. main: its entry in the handler map          'backup:list': { schema: z.undefined(), handle: ... }
 */

export interface FileFilter {
  name: string
  extensions: string[]
}

export interface SaveFileRequest {
  suggestedName: string
  content: string
  filters?: FileFilter[]
}

export type SaveFileResult = { saved: true; path: string } | { saved: false }

export interface OpenFileRequest {
  filters?: FileFilter[]
  /** Files larger than this are refused. Defaults to 10 MB. */
  maxBytes?: number
}

export type OpenFileResult = { name: string; content: string } | null

/** A network address this computer could host sync on, with its interface's name. */
export interface HostInterface {
  name: string
  address: string
}

/** The signaling server the desktop app hosts for the office ("Host sync on this computer"). */
export interface SyncHostStatus {
  running: boolean
  port?: number
  /** The one address it listens on (the person's choice). */
  address?: string
  /** Addresses (token included) to put in colleagues' sync settings. */
  urls: string[]
  connections?: number
}

/** `window.fortnight`, present only in the desktop app. */
export interface FortnightApi {
  readonly platform: 'desktop'
  appVersion(): Promise<string>
  saveFile(req: SaveFileRequest): Promise<SaveFileResult>
  openFile(req: OpenFileRequest): Promise<OpenFileResult>
  /** Asks the person (a system dialog) before it listens on `address`. */
  hostSyncStart(req: { port?: number; address: string }): Promise<SyncHostStatus>
  hostSyncStop(): Promise<SyncHostStatus>
  hostSyncStatus(): Promise<SyncHostStatus>
  hostSyncInterfaces(): Promise<HostInterface[]>
  /** This computer's sync keyring, decrypted by main with safeStorage (null: nothing saved yet). */
  keysLoad(): Promise<KeyStoreLoad>
  /** Saves the keyring's JSON, encrypted by main with safeStorage. */
  keysSave(req: { data: string }): Promise<{ protected: boolean }>
  /** Publishing to a Pipeline (issue 10): https, or http to this computer only; the answer's JSON, or why it failed. */
  pipelineRequest(req: PipelineRequestPayload): Promise<PipelineResponse>
}

/** A status update as the Pipeline's API types it (src/shared/pipeline/shapes.ts). */
export interface PipelineStatusUpdate {
  Id: number
  PageId: number
  UpdateDate: string
  Text: string
  Author: string
}

/**
 * One call to a Pipeline's status-update routes, made by main (the app:// page's CSP allows no
 * https connections). Main builds the route from `action`; the renderer never chooses a path.
 */
export type PipelineRequestPayload = { address: string } & (
  | { action: 'list'; pageId: number }
  | { action: 'create'; update: PipelineStatusUpdate }
  | { action: 'edit'; id: number; update: PipelineStatusUpdate }
  | { action: 'delete'; id: number }
)

export type PipelineResponse =
  | { ok: true; data: unknown }
  | { ok: false; kind: 'network' | 'timeout' | 'http' | 'response' | 'blocked'; status?: number; message: string }

export interface KeyStoreLoad {
  data: string | null
  /** True when the operating system's key store protects the keys. */
  protected: boolean
}

export type ApiMethod = Exclude<keyof FortnightApi, 'platform'>

/** Every IPC channel (`namespace:action`) and the `window.fortnight` method it backs. */
export const CHANNELS = {
  'app:version': 'appVersion',
  'file:save': 'saveFile',
  'file:open': 'openFile',
  'sync:host-start': 'hostSyncStart',
  'sync:host-stop': 'hostSyncStop',
  'sync:host-status': 'hostSyncStatus',
  'sync:host-interfaces': 'hostSyncInterfaces',
  'keys:load': 'keysLoad',
  'keys:save': 'keysSave',
  'pipeline:request': 'pipelineRequest'
} as const satisfies Record<`${string}:${string}`, ApiMethod>

export type Channel = keyof typeof CHANNELS
export type MethodOf<C extends Channel> = (typeof CHANNELS)[C]
/** The payload the renderer sends (undefined for methods without an argument). */
export type RequestOf<C extends Channel> = Parameters<FortnightApi[MethodOf<C>]>[0]
/** What the renderer's promise resolves with. */
export type ResponseOf<C extends Channel> = Awaited<ReturnType<FortnightApi[MethodOf<C>]>>

// Compile-time check: every method of FortnightApi is backed by a channel (tsc fails otherwise).
type AssertTrue<T extends true> = T
type _EveryMethodHasAChannel = AssertTrue<[Exclude<ApiMethod, MethodOf<Channel>>] extends [never] ? true : false>
