import { CHANNELS, type Channel, type FortnightApi } from './contract'

/** `ipcRenderer.invoke`, injected so the API can be built and tested without Electron. */
export type Invoke = (channel: Channel, payload: unknown) => Promise<unknown>

const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/

/**
 * Electron wraps a handler's error as "Error invoking remote method 'file:save': Error: <message>".
 * The renderer shows the message to people, so keep only the part main wrote.
 */
export function cleanIpcError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error)
  return new Error(message.replace(IPC_PREFIX, ''))
}

/**
 * Builds `window.fortnight` from the channel list: one method per channel, each a single
 * `invoke` on that channel and nothing else (no raw ipcRenderer, no event objects).
 */
export function buildApi(invoke: Invoke): FortnightApi {
  const methods: Record<string, (payload?: unknown) => Promise<unknown>> = {}
  for (const channel of Object.keys(CHANNELS) as Channel[]) {
    methods[CHANNELS[channel]] = (payload?: unknown) =>
      invoke(channel, payload).catch((error: unknown) => {
        throw cleanIpcError(error)
      })
  }
  // The cast is checked by construction: CHANNELS satisfies Record<string, ApiMethod> and
  // contract.ts fails to compile if a FortnightApi method has no channel.
  return Object.freeze({ platform: 'desktop', ...methods }) as FortnightApi
}
