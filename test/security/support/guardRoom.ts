/**
 * A small world for attacking the mentor room: N team peers linked in a team room (synchronous,
 * both ways), each with a mirror (roomMirror.ts) in one mentor room, plus mentor docs in that room.
 * Mirrors take room updates through their transport hook (`receive`), the way the session wires
 * them; `hostile.send(bytes)` delivers hand-made bytes to every room member as a hostile
 * mentor's app would. Helpers read what a person would notice: the board, the comments.
 */
import * as Y from 'yjs'
import { expect } from 'vitest'
import { addCard, addComment, createRoomMirror, KEYS, readBoard, readComments, type RoomMirror } from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { BOB, ctxAt, newProject } from '../../shared/support'

interface RoomMember {
  readonly doc: Y.Doc
  deliver(update: Uint8Array, origin: unknown): void
}

/** One room: every member's own updates go to every other member (origin = the room). */
export class Room {
  private readonly members: { m: RoomMember; origin: object }[] = []

  add(m: RoomMember): void {
    const origin = { room: this }
    for (const other of this.members) {
      m.deliver(Y.encodeStateAsUpdate(other.m.doc), origin)
      other.m.deliver(Y.encodeStateAsUpdate(m.doc), other.origin)
    }
    this.members.push({ m, origin })
    m.doc.on('update', (u: Uint8Array, o: unknown) => {
      if (o === origin) return
      for (const other of this.members) if (other.m !== m) other.m.deliver(u, other.origin)
    })
  }

  /** Bytes from outside any member doc (a hostile app's hand-made update). */
  send(update: Uint8Array): void {
    for (const other of this.members) other.m.deliver(update, other.origin)
  }
}

/** Link team docs both ways (the team room). */
export function teamRoom(docs: readonly Y.Doc[]): void {
  const origins = docs.map(() => ({ team: true }))
  docs.forEach((a, i) => {
    docs.forEach((b, j) => {
      if (i !== j) Y.applyUpdate(b, Y.encodeStateAsUpdate(a), origins[j])
    })
  })
  docs.forEach((a, i) => {
    a.on('update', (u: Uint8Array, o: unknown) => {
      if (o === origins[i]) return
      docs.forEach((b, j) => j !== i && Y.applyUpdate(b, u, origins[j]))
    })
  })
}

export interface World {
  readonly team: readonly Y.Doc[]
  readonly mirrors: readonly RoomMirror[]
  readonly room: Room
  /** An honest mentor (its own doc in the room). */
  readonly mentor: Y.Doc
  readonly cardId: CardId
  readonly columnId: string
  flush(): void
}

/** Two (or `n`) team peers with a card and a team comment, their mirrors, and one honest mentor. */
export function world(n = 2): World {
  const { doc: first, todo } = newProject()
  const cardId = addCard(first, ctxAt(), { columnId: todo.id, title: 'Map the renewal journey' })
  addComment(first, ctxAt(), { cardId, text: 'Budget is £40k' })
  const team = [first]
  for (let i = 1; i < n; i++) {
    const d = new Y.Doc()
    Y.applyUpdate(d, Y.encodeStateAsUpdate(first))
    team.push(d)
  }
  teamRoom(team)
  const room = new Room()
  const mirrors = team.map((t) => createRoomMirror(t, 'comments', { reauthorDelayMs: 0 }))
  for (const m of mirrors) room.add({ doc: m.doc, deliver: (u, o) => m.receive(u, o) })
  const mentor = new Y.Doc()
  room.add({ doc: mentor, deliver: (u, o) => Y.applyUpdate(mentor, u, o) })
  const flush = (): void => {
    for (let k = 0; k < 3; k++) mirrors.forEach((m) => m.flush())
  }
  flush()
  return { team, mirrors, room, mentor, cardId, columnId: todo.id, flush }
}

/**
 * Everything but comments, at the level of Yjs structs: every struct (id, length, deleted, key,
 * content) whose top-level type is not `comments`, in client and clock order. Two docs with the
 * same string hold the same board, byte for byte, whatever they have under `comments`.
 */
export function nonComments(doc: Y.Doc): string {
  const names = new Map<unknown, string>()
  for (const [name, type] of doc.share) names.set(type, name)
  const rootName = (s: Y.Item): string => {
    let t = s.parent as Y.AbstractType<unknown> | null
    for (let i = 0; t && t._item && i < 100_000; i++) t = t._item.parent as Y.AbstractType<unknown> | null
    return names.get(t) ?? '?'
  }
  const out: string[] = []
  for (const client of [...doc.store.clients.keys()].sort((a, b) => a - b)) {
    for (const s of doc.store.clients.get(client)!) {
      if (s instanceof Y.Item && rootName(s) === KEYS.comments) continue
      const content = s instanceof Y.Item && !s.deleted ? JSON.stringify(s.content.getContent().map((c) => (c instanceof Y.AbstractType ? 'type' : c))) : ''
      out.push(`${client}:${s.id.clock}+${s.length}${s.deleted ? 'x' : ''}:${s instanceof Y.Item ? (s.parentSub ?? '') : 'gc'}:${content}`)
    }
  }
  return out.join('\n')
}

export function commentTexts(doc: Y.Doc): string[] {
  return readComments(doc).map((c) => `${c.via}:${c.byName}:${c.text}`)
}

/** Snapshot of what every team peer shows. */
export function teamView(w: World): { board: string[]; comments: string[][]; titles: string[] } {
  return {
    board: w.team.map(nonComments),
    comments: w.team.map(commentTexts),
    titles: w.team.map((d) => readBoard(d).columns.map((c) => c.title).join(','))
  }
}

/** After an attack: an honest comment still goes through to every team peer, and comes back to the mentor re-authored. */
export function assertStillFlowing(w: World, text = `Still listening ${Math.random().toString(36).slice(2, 7)}`): void {
  // A mentor who joins now and meets only the team's mirrors (mentors who took an attacker's
  // bytes straight from the attacker keep them: nobody can filter another app's copy).
  const fresh = new Y.Doc()
  const clean = new Room()
  for (const m of w.mirrors) clean.add({ doc: m.doc, deliver: (u, o) => m.receive(u, o) })
  clean.add({ doc: fresh, deliver: (u, o) => Y.applyUpdate(fresh, u, o) })
  addComment(fresh, ctxAt(undefined, BOB), { text })
  w.flush()
  for (const t of w.team) expect(readComments(t).map((c) => c.text)).toContain(text)
  for (const t of w.team) expect(readComments(t).find((c) => c.text === text)?.via).toBe('mentor-room')
  // ...and a team edit still reaches the mentor room.
  const title = `Team edit ${text}`
  addCard(w.team[0]!, ctxAt(), { columnId: w.columnId as never, title })
  w.flush()
  expect(JSON.stringify(fresh.getMap('cards').toJSON())).toContain(title)
  for (const m of w.mirrors) expect(m.stats().stuck).toBeNull()
}

/** A hostile mentor's doc: a copy of the room's state, so its updates refer to real items. */
export function hostileCopy(w: World, clientID?: number): Y.Doc {
  const d = new Y.Doc()
  Y.applyUpdate(d, Y.encodeStateAsUpdate(w.mirrors[0]!.doc))
  // After loading: Yjs gives a doc a new client id when a remote update carries its own.
  if (clientID !== undefined) d.clientID = clientID
  return d
}

/** What `edit` adds to `doc`, as one update. */
export function diff(doc: Y.Doc, edit: (d: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  edit(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

export function refusals(w: World): number {
  return w.mirrors.reduce((n, m) => n + m.stats().refused, 0)
}
