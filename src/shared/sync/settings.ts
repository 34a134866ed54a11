/**
 * Sync settings for this computer. Defaults are deliberately "nothing leaves the LAN": no
 * signaling address until the office sets one (never y-webrtc's public servers), no STUN/TURN
 * (none is needed on one LAN, and a public STUN server would learn who is working), no relay.
 */
import { z } from 'zod'
import { signalingUrlProblem } from './invite'
import { readJson, type KeyValueStore } from './store'

export interface IceServer {
  readonly urls: string | readonly string[]
  readonly username?: string
  readonly credential?: string
}

export interface SyncSettings {
  /** ws:// or wss:// addresses of the office's signaling server(s), token in `?token=`. */
  readonly signaling: readonly string[]
  /** The council's own STUN/TURN servers, if any. Empty by default. */
  readonly iceServers: readonly IceServer[]
  /** Optional y-websocket relay for cross-site work (sees document content: see docs/sync.md). */
  readonly relayUrl: string | null
  /** False while the person has chosen "Work offline". */
  readonly online: boolean
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { signaling: [], iceServers: [], relayUrl: null, online: true }

const wsUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(500, `The ${what} must be 500 characters or fewer`)
    .superRefine((url, ctx) => {
      const problem = signalingUrlProblem(url)
      if (problem) ctx.addIssue({ code: 'custom', message: `The ${what} ${problem}` })
    })

export const syncSettingsSchema = z.object({
  signaling: z.array(wsUrl('signaling address')).max(5, 'List at most 5 signaling addresses'),
  iceServers: z
    .array(
      z.object({
        urls: z.union([z.string().regex(/^(stun|stuns|turn|turns):/, 'ICE server addresses start with stun: or turn:'), z.array(z.string().regex(/^(stun|stuns|turn|turns):/))]),
        username: z.string().max(200).optional(),
        credential: z.string().max(500).optional()
      })
    )
    .max(5),
  relayUrl: wsUrl('relay address').nullable(),
  online: z.boolean()
})

/** The store key (the renderer watches its localStorage mirror for changes made in other tabs). */
export const SETTINGS_KEY = 'fortnight.sync.settings'
const KEY = SETTINGS_KEY

export function loadSyncSettings(store: KeyValueStore): SyncSettings {
  const parsed = syncSettingsSchema.safeParse({ ...DEFAULT_SYNC_SETTINGS, ...((readJson(store, KEY) as object | undefined) ?? {}) })
  return parsed.success ? parsed.data : DEFAULT_SYNC_SETTINGS
}

/** Validates (throws a ZodError with messages to show) and saves. */
export function saveSyncSettings(store: KeyValueStore, settings: SyncSettings): SyncSettings {
  const parsed = syncSettingsSchema.parse(settings)
  store.setItem(KEY, JSON.stringify(parsed))
  return parsed
}

/** Split a textarea of addresses (one per line) into a list. */
export function parseAddressList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}
