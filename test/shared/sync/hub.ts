/**
 * An in-memory stand-in for signaling + WebRTC: a TransportFactory whose rooms are keyed by name
 * AND password, like y-webrtc's encrypted rooms (a wrong password never meets anyone). Updates are
 * delivered synchronously; awareness travels through y-protocols' real encoding.
 */
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import type { RoomTransport, TransportFactory, TransportStatus } from '@shared/sync/transports'

interface Member {
  doc: Y.Doc
  awareness: Awareness
  changed: () => void
  /** The transport's inbound hook (a mirror's gate), as y-webrtc gets one (inboundHook.ts). */
  receive?: ((update: Uint8Array) => void) | undefined
}

export class Hub {
  readonly rooms = new Map<string, Set<Member>>()
  /** Signaling addresses where nothing answers: a transport dialling only these meets nobody. */
  readonly dead = new Set<string>()
  /** Signaling addresses of every transport not yet destroyed (what this computer is dialling). */
  readonly dialling: string[] = []
  /** Every room name anyone ever asked for (what a signaling server would see). */
  readonly roomNamesSeen = new Set<string>()
  relayRooms = new Map<string, Set<Member>>()

  members(name: string, password: string): number {
    return this.rooms.get(`${name}\u0000${password}`)?.size ?? 0
  }

  /**
   * Transports hand room updates to the mirror's gate, as y-webrtc does through inboundHook.ts.
   * False plays a transport without the hook (updates go straight into the mirror doc).
   */
  inboundHook = true

  private unreachable(signaling: readonly string[], awareness: Awareness): RoomTransport {
    const addresses = signaling.map((url) => ({ via: 'signaling' as const, url, connected: false, tries: 4, lastTryAt: Date.UTC(2026, 5, 1, 9, 42), since: 0, unreachable: true }))
    return {
      via: 'webrtc',
      awareness,
      status: () => ({ reachable: false, webrtcPeers: 0, bcPeers: 0, synced: false, addresses }),
      onChange: () => () => {},
      destroy: async () => {}
    }
  }

  private join(
    key: string,
    rooms: Map<string, Set<Member>>,
    doc: Y.Doc,
    awareness: Awareness,
    via: 'webrtc' | 'relay',
    urls: readonly string[] = [],
    receive?: (update: Uint8Array) => void
  ): RoomTransport {
    let room = rooms.get(key)
    if (!room) rooms.set(key, (room = new Set()))
    const members = room
    const listeners = new Set<() => void>()
    const origin = { hub: key }
    const me: Member = { doc, awareness, changed: () => listeners.forEach((l) => l()), receive }
    const deliver = (m: Member, update: Uint8Array): void => (m.receive && this.inboundHook ? m.receive(update) : Y.applyUpdate(m.doc, update, origin))
    const onUpdate = (update: Uint8Array, o: unknown): void => {
      if (o === origin) return
      for (const m of members) if (m !== me) deliver(m, update)
    }
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, o: unknown): void => {
      if (o === origin) return
      const u = encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed])
      for (const m of members) if (m !== me) applyAwarenessUpdate(m.awareness, u, origin)
    }
    // Sync step: exchange full states both ways.
    for (const m of members) {
      deliver(m, Y.encodeStateAsUpdate(doc))
      deliver(me, Y.encodeStateAsUpdate(m.doc))
      applyAwarenessUpdate(awareness, encodeAwarenessUpdate(m.awareness, [...m.awareness.getStates().keys()]), origin)
    }
    members.add(me)
    doc.on('update', onUpdate)
    awareness.on('update', onAwareness)
    members.forEach((m) => m.changed())
    const addresses = urls.map((url) => ({ via: via === 'relay' ? ('relay' as const) : ('signaling' as const), url, connected: true, tries: 0, lastTryAt: null, since: 0, unreachable: false }))
    const status = (): TransportStatus => ({ reachable: true, webrtcPeers: via === 'webrtc' ? members.size - 1 : 0, bcPeers: 0, synced: true, addresses })
    return {
      via,
      awareness,
      status,
      onChange(cb) {
        listeners.add(cb)
        return () => listeners.delete(cb)
      },
      async destroy() {
        doc.off('update', onUpdate)
        awareness.off('update', onAwareness)
        removeAwarenessStates(awareness, [doc.clientID], 'left')
        for (const m of members) if (m !== me) removeAwarenessStates(m.awareness, [doc.clientID], origin)
        members.delete(me)
        members.forEach((m) => m.changed())
        listeners.clear()
      }
    }
  }

  factory(): TransportFactory {
    return {
      webrtc: async ({ room, doc, signaling, awareness, receive }) => {
        if (signaling.length === 0) throw new Error('no signaling')
        const a = awareness ?? new Awareness(doc as Y.Doc)
        const t = signaling.every((u) => this.dead.has(u)) ? this.unreachable(signaling, a) : this.join(`${room.name}\u0000${room.password}`, this.rooms, doc as Y.Doc, a, 'webrtc', signaling, receive)
        if (t.status().reachable) this.roomNamesSeen.add(room.name)
        this.dialling.push(...signaling)
        const destroy = t.destroy
        return {
          ...t,
          destroy: async () => {
            for (const u of signaling) this.dialling.splice(this.dialling.indexOf(u), 1)
            await destroy()
          }
        }
      },
      relay: async ({ roomName, doc, awareness }) => this.join(roomName, this.relayRooms, doc as Y.Doc, awareness, 'relay')
    }
  }
}

/** Let queued promise chains (restarts, key derivation) run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0))
}
