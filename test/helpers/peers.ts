/**
 * A Yjs-style TestConnector (after yjs/tests/testHelper.js): N docs that exchange updates through
 * queues a seeded random generator drains in random order, with duplicate deliveries, disconnects
 * and reconnects. Every update is applied with origin REMOTE, so a peer's local UndoManager (which
 * tracks only LOCAL_ORIGIN) never captures a colleague's change. After `reconnectAll()` +
 * `flushAll()` every doc must hold the same state: assert it with `assertConverged()` and by
 * comparing what the domain layer reads.
 */
import * as prng from 'lib0/prng'
import * as Y from 'yjs'

export const REMOTE = 'remote'

interface Message {
  readonly update: Uint8Array
  /** Already re-queued once as a duplicate (so the queues always drain). */
  readonly duplicate: boolean
}

export interface ConnectorOptions {
  /** Chance that a delivered update is delivered again later. */
  readonly duplicateRate?: number
}

export class TestConnector {
  readonly docs: readonly Y.Doc[]
  readonly gen: prng.PRNG
  private readonly online: boolean[]
  /** inbox[receiver] = updates waiting to be applied, in no particular order. */
  private readonly inbox: Message[][]
  private readonly duplicateRate: number
  /** Counts for tests of the connector itself. */
  delivered = 0
  duplicatesDelivered = 0

  constructor(n: number, seed: number, opts: ConnectorOptions = {}) {
    this.gen = prng.create(seed)
    this.duplicateRate = opts.duplicateRate ?? 0.2
    const docs: Y.Doc[] = []
    for (let i = 0; i < n; i++) {
      const doc = new Y.Doc()
      // Seeded client ids: Yjs breaks concurrent-insert ties by client id, so this makes a seed's
      // outcome reproducible.
      doc.clientID = prng.uint32(this.gen, 1, 0x7fffffff)
      docs.push(doc)
    }
    this.docs = docs
    this.online = docs.map(() => true)
    this.inbox = docs.map(() => [])
    docs.forEach((doc, i) => {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE || !this.online[i]) return
        this.broadcast(i, update)
      })
    })
  }

  /** Give every doc the state `init` writes into the first one (delivered immediately, in order). */
  seed(init: (doc: Y.Doc) => void): this {
    const first = this.docs[0]
    if (!first) throw new Error('No docs')
    init(first)
    this.inbox.forEach((q) => (q.length = 0))
    const state = Y.encodeStateAsUpdate(first)
    for (const doc of this.docs.slice(1)) Y.applyUpdate(doc, state, REMOTE)
    return this
  }

  doc(i: number): Y.Doc {
    const d = this.docs[i]
    if (!d) throw new Error(`No doc ${i}`)
    return d
  }

  isOnline(i: number): boolean {
    return this.online[i] === true
  }

  pending(): number {
    return this.inbox.reduce((n, q) => n + q.length, 0)
  }

  private broadcast(from: number, update: Uint8Array): void {
    this.inbox.forEach((q, to) => {
      if (to !== from && this.online[to]) q.push({ update, duplicate: false })
    })
  }

  /** Stop sending and receiving. Updates already in flight to this peer are dropped (as on a real network). */
  disconnect(i: number): void {
    this.online[i] = false
    const q = this.inbox[i]
    if (q) q.length = 0
  }

  disconnectAll(): void {
    this.docs.forEach((_, i) => this.disconnect(i))
  }

  /**
   * Come back online: exchange what the other online peers are missing in both directions
   * (state-vector sync, like y-protocols' sync step 1/2). The updates are queued, not applied.
   */
  reconnect(i: number): void {
    if (this.online[i]) return
    this.online[i] = true
    const me = this.doc(i)
    this.docs.forEach((other, j) => {
      if (j === i || !this.online[j]) return
      this.inbox[i]?.push({ update: Y.encodeStateAsUpdate(other, Y.encodeStateVector(me)), duplicate: false })
      this.inbox[j]?.push({ update: Y.encodeStateAsUpdate(me, Y.encodeStateVector(other)), duplicate: false })
    })
  }

  reconnectAll(): void {
    this.docs.forEach((_, i) => this.reconnect(i))
  }

  /** Deliver one queued update, chosen at random; sometimes keep a copy to deliver again. */
  flushRandom(): boolean {
    const receivers = this.inbox.map((q, i) => (q.length > 0 ? i : -1)).filter((i) => i >= 0)
    if (receivers.length === 0) return false
    const to = prng.oneOf(this.gen, receivers)
    const q = this.inbox[to] as Message[]
    const [msg] = q.splice(prng.int32(this.gen, 0, q.length - 1), 1) as [Message]
    if (!msg.duplicate && prng.real53(this.gen) < this.duplicateRate) q.push({ update: msg.update, duplicate: true })
    if (msg.duplicate) this.duplicatesDelivered++
    this.delivered++
    Y.applyUpdate(this.doc(to), msg.update, REMOTE)
    return true
  }

  /** Deliver some queued updates at random (for interleaving with edits). */
  flushSome(max: number): void {
    const n = prng.int32(this.gen, 0, max)
    for (let k = 0; k < n && this.flushRandom(); k++);
  }

  /** Deliver everything queued, in random order, until the queues are empty. */
  flushAll(): void {
    while (this.flushRandom());
  }

  /**
   * Every doc has integrated the same updates: nothing pending, and equal snapshots (state vector
   * plus delete set), which for docs fed the same updates means equal content. Tests compare what
   * the domain layer reads on top of this.
   */
  assertConverged(): void {
    const first = Y.snapshot(this.doc(0))
    this.docs.forEach((doc, i) => {
      if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
        throw new Error(`Doc ${i} still holds updates it could not apply`)
      if (!Y.equalSnapshots(first, Y.snapshot(doc))) throw new Error(`Doc ${i} has not seen the same changes as doc 0`)
    })
  }

  destroy(): void {
    this.docs.forEach((d) => d.destroy())
  }
}

/** A seeded UUID v4-shaped string, for making `newId()` reproducible per seed (vi.spyOn(crypto, 'randomUUID')). */
export function seededUuid(gen: prng.PRNG): `${string}-${string}-${string}-${string}-${string}` {
  const hex = (n: number): string =>
    Array.from({ length: n }, () => prng.int32(gen, 0, 15).toString(16)).join('')
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`
}
