import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addCard,
  addComment,
  createProject,
  initProgrammeDoc,
  moveCard,
  readBoard,
  readCards,
  readComments,
  readProjectIndex,
  renameColumn
} from '@shared/doc'
import type { CardId, PersonId, ProgrammeId, ProjectId } from '@shared/domain/ids'
import { InviteError } from '@shared/sync/invite'
import { roomsFor } from '@shared/sync/secrets'
import { JoinError, SyncManager, type Identity } from '@shared/sync/session'
import { memoryStore } from '@shared/sync/store'
import { ALICE, BOB, ctxAt, newProject, PROJECT_ID } from '../support'
import { Hub, settle } from './hub'

const SIGNALING = 'ws://127.0.0.1:4444/?token=office-token-123456'
const CAROL = { id: 'person-carol' as PersonId, name: 'Carol Mentor' }
const DAN = { id: 'person-dan' as PersonId, name: 'Dan Viewer' }

function peer(hub: Hub, who: { id: PersonId; name: string }, colour = '#1d70b8'): SyncManager {
  const identity: Identity = { ...who, colour }
  const m = new SyncManager({ store: memoryStore(), factory: hub.factory(), identity })
  void m.updateSettings({ ...m.getSettings(), signaling: [SIGNALING] })
  return m
}

async function sharedProject(hub: Hub) {
  const alice = peer(hub, ALICE)
  const { doc, todo, doing } = newProject()
  const cardId = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Map the renewal journey' })
  alice.attach(PROJECT_ID, 'project', doc)
  await alice.startSharing(PROJECT_ID, 'project', 'Blue badge renewals')
  await settle()
  return { alice, aliceDoc: doc, todo, doing, cardId }
}

async function joinAs(hub: Hub, who: { id: PersonId; name: string }, code: string): Promise<{ m: SyncManager; doc: Y.Doc }> {
  const m = new SyncManager({ store: memoryStore(), factory: hub.factory(), identity: { ...who, colour: '#00703c' } })
  await m.join(code)
  const doc = new Y.Doc()
  m.attach(PROJECT_ID, 'project', doc)
  await settle()
  return { m, doc }
}

describe('roles enforced by the team peers, with a misbehaving mentor', () => {
  it("a mentor's board edits never reach the team; the mentor's comments do; a viewer's writes reach nobody on the team", async () => {
    const hub = new Hub()
    const { alice, aliceDoc, todo, cardId } = await sharedProject(hub)
    const bob = await joinAs(hub, BOB, await alice.createInvite(PROJECT_ID, 'team'))
    const carol = await joinAs(hub, CAROL, await alice.createInvite(PROJECT_ID, 'mentor'))
    const dan = await joinAs(hub, DAN, await alice.createInvite(PROJECT_ID, 'viewer'))

    // Everyone can read the board.
    for (const d of [bob.doc, carol.doc, dan.doc]) expect(readCards(d).map((c) => c.title)).toEqual(['Map the renewal journey'])
    expect(alice.role(PROJECT_ID)).toBe('team')
    expect(carol.m.role(PROJECT_ID)).toBe('mentor')

    // A comment is legal, and reaches the whole team and the viewers.
    addComment(carol.doc, ctxAt(undefined, CAROL), { cardId, text: 'Have you asked residents?' })
    await settle()
    for (const d of [aliceDoc, bob.doc, dan.doc]) expect(readComments(d, cardId).map((c) => c.text)).toEqual(['Have you asked residents?'])
    expect(alice.status(PROJECT_ID).refused).toBe(0)

    // Carol's app misbehaves: it writes to the board directly.
    renameColumn(carol.doc, ctxAt(undefined, CAROL), todo.id, 'Hacked by mentor')
    addCard(carol.doc, ctxAt(undefined, CAROL), { columnId: todo.id, title: 'Injected card' })
    await settle()
    for (const d of [aliceDoc, bob.doc]) {
      expect(readBoard(d).columns.map((c) => c.title)).toEqual(['To do', 'Doing', 'Done'])
      expect(readCards(d).map((c) => c.title)).toEqual(['Map the renewal journey'])
    }
    expect(alice.status(PROJECT_ID).refused).toBeGreaterThan(0)
    // After misbehaving, nothing more from that session is taken, comments included.
    addComment(carol.doc, ctxAt(undefined, CAROL), { cardId, text: 'sneaky follow-up' })
    await settle()
    expect(readComments(aliceDoc).map((c) => c.text)).toEqual(['Have you asked residents?'])

    // A viewer can neither comment nor edit, whatever its app does.
    addComment(dan.doc, ctxAt(undefined, DAN), { text: 'viewer comment' })
    renameColumn(dan.doc, ctxAt(undefined, DAN), todo.id, 'Hacked by viewer')
    await settle()
    for (const d of [aliceDoc, bob.doc]) expect(readComments(d).map((c) => c.text)).toEqual(['Have you asked residents?'])
    expect(readComments(carol.doc).map((c) => c.text)).not.toContain('viewer comment')
    expect(readBoard(aliceDoc).columns[0]!.title).toBe('To do')

    // The team's own edits keep flowing to everyone.
    addCard(bob.doc, ctxAt(undefined, BOB), { columnId: todo.id, title: 'Bob’s card' })
    await settle()
    for (const d of [aliceDoc, carol.doc, dan.doc]) expect(readCards(d).map((c) => c.title)).toContain('Bob’s card')
  })

  it('a mentor never holds the team secret, so cannot even find the team room', async () => {
    const hub = new Hub()
    const { alice } = await sharedProject(hub)
    const code = await alice.createInvite(PROJECT_ID, 'mentor')
    const carol = await joinAs(hub, CAROL, code)
    const entry = carol.m.keyring.get(PROJECT_ID)!
    const teamEntry = alice.keyring.get(PROJECT_ID)!
    expect(entry.secret).not.toBe(teamEntry.secret)
    const [teamRoom] = await roomsFor({ docId: PROJECT_ID, role: 'team', secret: teamEntry.secret, secretVersion: 1 })
    const mentorRooms = await roomsFor({ docId: PROJECT_ID, role: 'mentor', secret: entry.secret, secretVersion: 1 })
    expect(mentorRooms.map((r) => r.name)).not.toContain(teamRoom!.name)
    expect(code).not.toContain(teamEntry.secret)
  })
})

describe('mirror rooms only when needed', () => {
  it('team peers join the mentor and viewer rooms only once an invite for that role exists, and a mentor cannot open one', async () => {
    const hub = new Hub()
    const { alice, aliceDoc } = await sharedProject(hub)
    const bob = await joinAs(hub, BOB, await alice.createInvite(PROJECT_ID, 'team'))
    const key = alice.keyring.get(PROJECT_ID)!
    const [, mentorRoom, viewerRoom] = await roomsFor({ docId: PROJECT_ID, role: 'team', secret: key.secret, secretVersion: key.secretVersion })
    expect(hub.members(mentorRoom!.name, mentorRoom!.password)).toBe(0)
    expect(hub.members(viewerRoom!.name, viewerRoom!.password)).toBe(0)
    expect(alice.sync(PROJECT_ID)!.mirrorStats()).toEqual([])

    const carol = await joinAs(hub, CAROL, await alice.createInvite(PROJECT_ID, 'mentor'))
    await settle()
    // Alice's and Bob's mirrors (Bob heard of the invite through the team room), and Carol.
    expect(hub.members(mentorRoom!.name, mentorRoom!.password)).toBe(3)
    expect(hub.members(viewerRoom!.name, viewerRoom!.password)).toBe(0)
    expect(bob.m.sync(PROJECT_ID)!.mirrorStats().map((m) => m.mode)).toEqual(['comments'])

    // The flag is outside `comments`: a mentor's app setting it is refused like any board edit.
    carol.doc.getMap('mirrorRooms').set('viewer', true)
    await settle()
    expect(aliceDoc.getMap('mirrorRooms').get('viewer')).toBeUndefined()
    expect(hub.members(viewerRoom!.name, viewerRoom!.password)).toBe(0)

    await alice.createInvite(PROJECT_ID, 'viewer')
    await settle()
    expect(hub.members(viewerRoom!.name, viewerRoom!.password)).toBe(2)
  })
})

describe('rotation', () => {
  it('after rotating, an old invite leads to rooms where nobody is, and the team carries on', async () => {
    const hub = new Hub()
    const { alice, aliceDoc, todo } = await sharedProject(hub)
    const oldMentorCode = await alice.createInvite(PROJECT_ID, 'mentor')
    const oldTeamCode = await alice.createInvite(PROJECT_ID, 'team')
    const bob = await joinAs(hub, BOB, oldTeamCode)
    const oldKey = alice.keyring.get(PROJECT_ID)!
    const oldRooms = await roomsFor({ docId: PROJECT_ID, role: 'team', secret: oldKey.secret, secretVersion: oldKey.secretVersion })

    await alice.rotate(PROJECT_ID)
    await settle()
    // Bob still has the old key; Alice left the old rooms.
    for (const r of oldRooms) expect(hub.members(r.name, r.password)).toBeLessThanOrEqual(1)

    const late = await joinAs(hub, CAROL, oldMentorCode)
    addCard(aliceDoc, ctxAt(), { columnId: todo.id, title: 'After rotation' })
    await settle()
    // Bob (old key, not told: no shared programme here) still relays what he had; nothing new.
    expect(readCards(late.doc).map((c) => c.title)).not.toContain('After rotation')
    expect(readCards(bob.doc).map((c) => c.title)).not.toContain('After rotation')

    // A new invite works.
    const fresh = await joinAs(hub, DAN, await alice.createInvite(PROJECT_ID, 'viewer'))
    expect(readCards(fresh.doc).map((c) => c.title)).toContain('After rotation')
  })

  it('a wrong secret meets nobody', async () => {
    const hub = new Hub()
    const { alice, aliceDoc } = await sharedProject(hub)
    const real = alice.keyring.get(PROJECT_ID)!
    const stranger = new SyncManager({ store: memoryStore(), factory: hub.factory(), identity: { ...BOB, colour: '#000000' } })
    await stranger.updateSettings({ ...stranger.getSettings(), signaling: [SIGNALING] })
    stranger.keyring.set({ ...real, secret: 'A'.repeat(42) + 'A', addedAt: 0 })
    const doc = new Y.Doc()
    stranger.attach(PROJECT_ID, 'project', doc)
    await settle()
    expect(readCards(doc)).toEqual([])
    expect(readCards(aliceDoc)).toHaveLength(1)
    expect(stranger.status(PROJECT_ID).state).toBe('connected')
    expect(stranger.status(PROJECT_ID).peers).toBe(0)
  })
})

describe('while you were offline', () => {
  it('after both work offline and reconnect, each sees what the other changed, per person', async () => {
    const hub = new Hub()
    const { alice, aliceDoc, todo, doing, cardId } = await sharedProject(hub)
    const bob = await joinAs(hub, BOB, await alice.createInvite(PROJECT_ID, 'team'))
    expect(alice.status(PROJECT_ID).state).toBe('synced')
    // Live changes are not "while you were offline".
    addCard(bob.doc, ctxAt(undefined, BOB), { columnId: todo.id, title: 'Seen live' })
    await new Promise((r) => setTimeout(r, 400))

    await Promise.all([alice.setOnline(false), bob.m.setOnline(false)])
    expect(alice.status(PROJECT_ID).state).toBe('offline')
    addCard(aliceDoc, ctxAt(), { columnId: todo.id, title: 'Alice offline card' })
    moveCard(bob.doc, ctxAt(undefined, BOB), cardId as CardId, doing.id, 0)
    addCard(bob.doc, ctxAt(undefined, BOB), { columnId: todo.id, title: 'Bob offline card' })
    await Promise.all([alice.setOnline(true), bob.m.setOnline(true)])
    await settle()

    expect(readCards(aliceDoc).map((c) => c.title).sort()).toEqual(readCards(bob.doc).map((c) => c.title).sort())
    const forAlice = alice.sync(PROJECT_ID)!.offlineSummary()
    expect(forAlice?.people.map((p) => ({ name: p.name, added: p.added, moved: p.moved }))).toEqual([
      { name: BOB.name, added: ['Bob offline card'], moved: ['Map the renewal journey'] }
    ])
    const forBob = bob.m.sync(PROJECT_ID)!.offlineSummary()
    expect(forBob?.people.map((p) => ({ name: p.name, added: p.added }))).toEqual([{ name: ALICE.name, added: ['Alice offline card'] }])

    alice.sync(PROJECT_ID)!.dismissOfflineSummary()
    expect(alice.sync(PROJECT_ID)!.offlineSummary()).toBeNull()
  })
})

describe('presence', () => {
  it('each peer sees who is online and which card they are editing', async () => {
    const hub = new Hub()
    const { alice, cardId } = await sharedProject(hub)
    const bob = await joinAs(hub, BOB, await alice.createInvite(PROJECT_ID, 'team'))
    bob.m.sync(PROJECT_ID)!.setEditingCard(cardId)
    const seen = alice.sync(PROJECT_ID)!.presence()
    expect(seen.map((p) => [p.user.name, p.self, p.editingCardId])).toEqual([
      [ALICE.name, true, null],
      [BOB.name, false, cardId]
    ])
    await bob.m.detach(PROJECT_ID)
    expect(alice.sync(PROJECT_ID)!.presence().map((p) => p.user.name)).toEqual([ALICE.name])
  })
})

describe('joining', () => {
  it('turns damaged, tampered and unsuitable invites into messages a person can act on', async () => {
    const hub = new Hub()
    const { alice } = await sharedProject(hub)
    const code = await alice.createInvite(PROJECT_ID, 'mentor')
    const m = peer(hub, BOB)
    await expect(m.join(code.slice(0, -3))).rejects.toThrow(InviteError)
    await expect(m.join(code.slice(0, 30) + (code[30] === 'A' ? 'B' : 'A') + code.slice(31))).rejects.toThrow(/damaged/)
    await expect(m.join('hello')).rejects.toThrow(/not a Fortnight invite/)
    // Only the team invites; a mentor cannot be invited to a programme.
    await expect(m.createInvite(PROJECT_ID, 'viewer')).rejects.toThrow(JoinError)
    const programme = new Y.Doc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'P' })
    alice.attach('prog-1', 'programme', programme)
    await alice.startSharing('prog-1', 'programme')
    await expect(alice.createInvite('prog-1', 'mentor')).rejects.toThrow(/project, not to the whole programme/)
    // A team member is not silently downgraded by a viewer invite.
    await expect(alice.join(await alice.createInvite(PROJECT_ID, 'viewer'))).rejects.toThrow(/already on the team/)
  })

  it('without a signaling address there is nothing to invite through', async () => {
    const m = new SyncManager({ store: memoryStore(), factory: new Hub().factory(), identity: { ...ALICE, colour: '#000000' } })
    const doc = newProject().doc
    m.attach(PROJECT_ID, 'project', doc)
    await m.startSharing(PROJECT_ID, 'project')
    await expect(m.createInvite(PROJECT_ID, 'team')).rejects.toThrow(/Add a signaling address/)
    expect(m.status(PROJECT_ID).state).toBe('offline')
  })
})

describe('programme sharing', () => {
  it('joining the programme brings every project key, so its projects sync when opened', async () => {
    const hub = new Hub()
    const alice = peer(hub, ALICE)
    const programme = new Y.Doc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'Change programme' })
    const project = new Y.Doc()
    const projectId = 'project-x' as ProjectId
    createProject(programme, project, ctxAt(), { id: projectId, name: 'Garden waste' })
    alice.attach('prog-1', 'programme', programme)
    alice.attach(projectId, 'project', project)
    await alice.startSharing('prog-1', 'programme', 'Change programme')
    await settle()
    expect(alice.keyring.get(projectId)?.role).toBe('team')
    // The project was already open: it starts syncing at once, not on its next open.
    expect(alice.status(projectId).state).toBe('connected')

    const bob = new SyncManager({ store: memoryStore(), factory: hub.factory(), identity: { ...BOB, colour: '#00703c' } })
    await bob.join(await alice.createInvite('prog-1', 'team'))
    const bobProgramme = new Y.Doc()
    bob.attach('prog-1', 'programme', bobProgramme)
    await settle()
    expect(readProjectIndex(bobProgramme).map((p) => p.name)).toEqual(['Garden waste'])
    expect(bob.keyring.get(projectId)?.secret).toBe(alice.keyring.get(projectId)?.secret)
    const bobProject = new Y.Doc()
    bob.attach(projectId, 'project', bobProject)
    await settle()
    expect(readBoard(bobProject).columns).toHaveLength(3)

    // A rotated project key reaches Bob through the programme's keys room, and they meet again.
    await alice.rotate(projectId)
    await settle()
    expect(bob.keyring.get(projectId)?.secretVersion).toBe(2)
    addCard(project, ctxAt(), { columnId: readBoard(project).columns[0]!.id, title: 'After rotation' })
    await settle()
    expect(readCards(bobProject).map((c) => c.title)).toEqual(['After rotation'])
  })

  it('a manager with a programme viewer invite reads the programme but gets no project key and changes nothing', async () => {
    const hub = new Hub()
    const alice = peer(hub, ALICE)
    const programme = new Y.Doc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'Change programme' })
    const project = new Y.Doc()
    const projectId = 'project-x' as ProjectId
    createProject(programme, project, ctxAt(), { id: projectId, name: 'Garden waste' })
    alice.attach('prog-1', 'programme', programme)
    alice.attach(projectId, 'project', project)
    await alice.startSharing('prog-1', 'programme', 'Change programme')
    await settle()

    const manager = peer(hub, DAN)
    const invite = await alice.createInvite('prog-1', 'viewer')
    expect((await manager.join(invite)).role).toBe('viewer')
    const seen = new Y.Doc()
    manager.attach('prog-1', 'programme', seen)
    await settle()
    // The portfolio's source: every project's summary.
    expect(readProjectIndex(seen).map((p) => p.name)).toEqual(['Garden waste'])
    // No project key reaches a viewer: the keys room is derived from the programme's team secret.
    expect(manager.keyring.list().map((e) => [e.docId, e.role])).toEqual([['prog-1', 'viewer']])
    // A write from the manager's copy never reaches the team.
    createProject(seen, new Y.Doc(), ctxAt(), { id: 'project-y' as ProjectId, name: 'Planted by a viewer' })
    await settle()
    expect(readProjectIndex(programme).map((p) => p.name)).toEqual(['Garden waste'])
    // And team changes keep reaching the manager.
    createProject(programme, new Y.Doc(), ctxAt(), { id: 'project-z' as ProjectId, name: 'Library bookings' })
    await settle()
    expect(readProjectIndex(seen).map((p) => p.name)).toContain('Library bookings')
  })
})
