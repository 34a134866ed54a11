// Turns a HandlerSpec into an ipcMain.handle listener: check the sender, validate the payload,
// run the handler. Every failure is a rejected invoke with a message; nothing crashes main.
import type { Channel } from '../../preload/contract'
import type { HandlerMap, HandlerSpec } from './handlers'
import { describeIssues } from './schemas'

/** The part of IpcMainInvokeEvent the listener reads. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null
}

export type InvokeListener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>

export function createInvokeListener<C extends Channel>(
  channel: C,
  spec: HandlerSpec<C>,
  isTrustedSender: (frameUrl: string | null | undefined) => boolean
): InvokeListener {
  return async (event, ...args) => {
    const frameUrl = event.senderFrame?.url
    if (!isTrustedSender(frameUrl)) {
      throw new Error(`${channel} refused: the request did not come from Fortnight's own window.`)
    }
    if (args.length > 1) throw new Error(`${channel} refused an invalid request: expected one argument, got ${args.length}`)
    const payload = args[0]
    const parsed = spec.schema.safeParse(payload)
    if (!parsed.success) {
      throw new Error(`${channel} refused an invalid request: ${describeIssues(parsed.error)}`)
    }
    return spec.handle({ senderUrl: frameUrl ?? '' }, parsed.data)
  }
}

/** The slice of ipcMain used to register handlers (injected so tests need no Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void
}

export function registerHandlers(
  ipcMain: IpcMainLike,
  handlers: HandlerMap,
  isTrustedSender: (frameUrl: string | null | undefined) => boolean
): Channel[] {
  const channels = Object.keys(handlers) as Channel[]
  for (const channel of channels) {
    const listener = createInvokeListener(channel, handlers[channel] as HandlerSpec<typeof channel>, isTrustedSender)
    ipcMain.handle(channel, listener)
  }
  return channels
}
