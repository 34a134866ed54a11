import * as Y from 'yjs'
import { TAB_ORIGIN } from './context'

/**
 * Keeps every open copy of a doc in one browser profile in step (several tabs, or several
 * Electron windows of one session), shared or not. Without it each copy only learns of the
 * others' edits from IndexedDB on its next load.
 *
 * One BroadcastChannel per doc, named `fortnight:tabs:<docName>` (y-webrtc's own channels are
 * named after opaque room names, so the two never meet). Every change to the doc is posted,
 * whatever its origin (an edit, a migration, an update from a colleague over WebRTC), except
 * the ones that came from this channel: every tab hears every other directly, so nothing needs
 * relaying. On open a tab says what it has (its state vector); each tab that hears it answers
 * with what the newcomer lacks plus its own state vector, and the newcomer answers that with
 * what the other lacks. A tab opened later thus catches up at once, even with changes that
 * IndexedDB has not stored yet.
 *
 * Messages come from code of the same origin, but a damaged or unexpected one must not break
 * the doc: they are checked before use, and a failure to apply is reported, not thrown.
 */
export interface TabChannel {
  close(): void
}

/** The largest update accepted from another tab: a whole doc's state fits with room to spare. */
export const MAX_TAB_MESSAGE_BYTES = 64 * 1024 * 1024
const MAX_STATE_VECTOR_BYTES = 1024 * 1024

type TabMessage =
  /** "Here is what I have": sent once on open. */
  | { readonly t: 'hello'; readonly from: string; readonly to?: undefined; readonly sv: Uint8Array }
  /** The answer to a hello: what the newcomer lacks, and what the answering tab has. */
  | { readonly t: 'reply'; readonly from: string; readonly to: string; readonly update: Uint8Array; readonly sv: Uint8Array }
  /** A change; also the newcomer's answer to a reply (addressed to that tab). */
  | { readonly t: 'update'; readonly from: string; readonly to?: string; readonly update: Uint8Array }

const ID = /^[A-Za-z0-9-]{1,64}$/

function bytes(v: unknown, max: number): v is Uint8Array {
  return v instanceof Uint8Array && v.byteLength <= max
}

/** The shape check every received message passes before anything is applied. */
export function parseTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null
  const m = data as Record<string, unknown>
  if (typeof m.from !== 'string' || !ID.test(m.from)) return null
  if (m.to !== undefined && (typeof m.to !== 'string' || !ID.test(m.to))) return null
  switch (m.t) {
    case 'hello':
      return bytes(m.sv, MAX_STATE_VECTOR_BYTES) ? { t: 'hello', from: m.from, sv: m.sv } : null
    case 'reply':
      return typeof m.to === 'string' && bytes(m.update, MAX_TAB_MESSAGE_BYTES) && bytes(m.sv, MAX_STATE_VECTOR_BYTES)
        ? { t: 'reply', from: m.from, to: m.to, update: m.update, sv: m.sv }
        : null
    case 'update':
      return bytes(m.update, MAX_TAB_MESSAGE_BYTES) ? { t: 'update', from: m.from, update: m.update, ...(typeof m.to === 'string' ? { to: m.to } : {}) } : null
    default:
      return null
  }
}

export function tabChannelName(docName: string): string {
  return `fortnight:tabs:${docName}`
}

function randomId(): string {
  const b = new Uint8Array(12)
  globalThis.crypto.getRandomValues(b)
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
}

/**
 * Connects `doc` to the other open copies of `docName` in this browser profile. Does nothing
 * where BroadcastChannel does not exist. `onError` hears updates that could not be applied and
 * messages that could not be sent.
 */
export function connectTabs(doc: Y.Doc, docName: string, opts: { onError(message: string, cause: unknown): void }): TabChannel {
  if (typeof globalThis.BroadcastChannel !== 'function') return { close: () => {} }
  const channel = new BroadcastChannel(tabChannelName(docName))
  const me = randomId()
  let closed = false

  const post = (m: TabMessage): void => {
    if (closed) return
    try {
      channel.postMessage(m)
    } catch (err) {
      opts.onError('A change could not be passed to your other Fortnight windows', err)
    }
  }
  const apply = (update: Uint8Array): boolean => {
    try {
      Y.applyUpdate(doc, update, TAB_ORIGIN)
      return true
    } catch (err) {
      opts.onError('A change from another Fortnight window could not be applied here', err)
      return false
    }
  }
  const diffFor = (sv: Uint8Array): Uint8Array | null => {
    try {
      return Y.encodeStateAsUpdate(doc, sv)
    } catch (err) {
      opts.onError('Another Fortnight window asked for changes this one could not work out', err)
      return null
    }
  }

  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === TAB_ORIGIN) return
    post({ t: 'update', from: me, update })
  }
  channel.onmessage = (ev: MessageEvent) => {
    const m = parseTabMessage(ev.data)
    if (!m || m.from === me || (m.to !== undefined && m.to !== me)) return
    switch (m.t) {
      case 'hello': {
        const update = diffFor(m.sv)
        if (update) post({ t: 'reply', from: me, to: m.from, update, sv: Y.encodeStateVector(doc) })
        return
      }
      case 'reply': {
        if (!apply(m.update)) return
        const update = diffFor(m.sv)
        // Only when the other tab lacks something (an empty update is 2 bytes).
        if (update && update.byteLength > 2) post({ t: 'update', from: me, to: m.from, update })
        return
      }
      case 'update':
        apply(m.update)
    }
  }
  doc.on('update', onUpdate)
  post({ t: 'hello', from: me, sv: Y.encodeStateVector(doc) })
  return {
    close() {
      if (closed) return
      closed = true
      doc.off('update', onUpdate)
      channel.onmessage = null
      channel.close()
    }
  }
}
