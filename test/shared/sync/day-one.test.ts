// Issue 7, "Day one for a council team": a failed invite changes nothing; a dead address is
// explained; clearing an address means clearing it; another tab's changes are followed.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createProject, initProgrammeDoc, mirrorRoomsInUse, readTeamKeys } from '@shared/doc'
import type { ProgrammeId, ProjectId } from '@shared/domain/ids'
import { JoinError, MissingSignalingError, SyncManager } from '@shared/sync/session'
import { statusText } from '@shared/sync/status'
import { memoryStore } from '@shared/sync/store'
import { ALICE, BOB, ctxAt, newProject, PROJECT_ID } from '../support'
import { Hub, settle } from './hub'

const SIGNALING = 'ws://127.0.0.1:4444/?token=office-token-123456'

function manager(hub: Hub, store = memoryStore(), who = ALICE): SyncManager {
  return new SyncManager({ store, factory: hub.factory(), identity: { ...who, colour: '#1d70b8' } })
}

describe('a failed invite changes nothing', () => {
  it('with no signaling address, a project stays unshared: no key, no mirror room, the doc untouched', async () => {
    const store = memoryStore()
    const m = manager(new Hub(), store)
    const { doc } = newProject()
    m.attach(PROJECT_ID, 'project', doc)
    await settle()
    const before = Y.encodeStateVector(doc)
    const storeBefore = new Map(store.data)
    for (const role of ['team', 'mentor', 'viewer'] as const) {
      const err = await m.shareAndInvite(PROJECT_ID, 'project', role, { docName: 'Blue badges' }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(MissingSignalingError)
      expect((err as MissingSignalingError).field).toBe('signaling')
      expect((err as Error).message).toBe('Add a signaling address in the sync settings first, so the person you invite can find you')
    }
    expect(m.keyring.get(PROJECT_ID)).toBeUndefined()
    expect(m.role(PROJECT_ID)).toBeNull()
    expect(m.status(PROJECT_ID).state).toBe('not-shared')
    expect(mirrorRoomsInUse(doc).size).toBe(0)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    // Only the offline marker may appear, and only once sharing starts: nothing was written at all.
    expect(store.data).toEqual(storeBefore)
  })

  it('with no signaling address, a programme stays unshared and hands out no project keys', async () => {
    const m = manager(new Hub())
    const programme = new Y.Doc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'Change programme' })
    createProject(programme, new Y.Doc(), ctxAt(), { id: 'project-x' as ProjectId, name: 'Garden waste' })
    m.attach('prog-1', 'programme', programme)
    const before = Y.encodeStateVector(programme)
    await expect(m.shareAndInvite('prog-1', 'programme', 'team')).rejects.toThrow(MissingSignalingError)
    expect(m.keyring.list()).toEqual([])
    expect(readTeamKeys(programme).size).toBe(0)
    expect(Y.encodeStateVector(programme)).toEqual(before)
  })

  it('a mentor invite for a programme is refused before sharing starts', async () => {
    const m = manager(new Hub())
    await m.updateSettings({ ...m.getSettings(), signaling: [SIGNALING] })
    await expect(m.shareAndInvite('prog-1', 'programme', 'mentor')).rejects.toThrow(/project, not to the whole programme/)
    expect(m.keyring.list()).toEqual([])
  })

  it('with an address, the same button shares and invites', async () => {
    const m = manager(new Hub())
    await m.updateSettings({ ...m.getSettings(), signaling: [SIGNALING] })
    const { doc } = newProject()
    m.attach(PROJECT_ID, 'project', doc)
    const code = await m.shareAndInvite(PROJECT_ID, 'project', 'mentor', { docName: 'Blue badges' })
    expect(code).toMatch(/^FN1-/)
    expect(m.role(PROJECT_ID)).toBe('team')
    expect([...mirrorRoomsInUse(doc)]).toEqual(['mentor'])
  })
})

describe('what a dead address looks like to the session', () => {
  it('every shared doc, and the header, say which address cannot be reached', async () => {
    const hub = new Hub()
    hub.dead.add(SIGNALING)
    const m = manager(hub)
    await m.updateSettings({ ...m.getSettings(), signaling: [SIGNALING] })
    m.attach(PROJECT_ID, 'project', newProject().doc)
    await m.startSharing(PROJECT_ID, 'project')
    await settle()
    expect(m.status(PROJECT_ID).state).toBe('unreachable')
    expect(statusText(m.overallStatus())).toBe('Cannot reach the sync server at ws://127.0.0.1:4444 (tried 4 times, last at 10:42)')
  })
})

describe('clearing the signaling address', () => {
  it("stops dialling, and the invite's address does not silently come back", async () => {
    const hub = new Hub()
    const alice = manager(hub)
    await alice.updateSettings({ ...alice.getSettings(), signaling: [SIGNALING] })
    alice.attach(PROJECT_ID, 'project', newProject().doc)
    await alice.startSharing(PROJECT_ID, 'project')
    const code = await alice.createInvite(PROJECT_ID, 'team')

    const bob = manager(hub, memoryStore(), BOB)
    await bob.join(code)
    // Joining with no address set adopts the invite's.
    expect(bob.getSettings().signaling).toEqual([SIGNALING])
    expect(bob.keyring.get(PROJECT_ID)?.signaling).toEqual([SIGNALING])
    bob.attach(PROJECT_ID, 'project', new Y.Doc())
    await settle()
    expect(bob.status(PROJECT_ID).state).toBe('synced')
    const dialledBefore = hub.dialling.length

    await bob.updateSettings({ ...bob.getSettings(), signaling: [] })
    await settle()
    expect(hub.dialling.length).toBe(dialledBefore - 1)
    expect(bob.status(PROJECT_ID)).toMatchObject({ state: 'offline', problem: expect.stringMatching(/No signaling address/) })
    // Nor can Bob hand out an invite that nobody could use.
    await expect(bob.createInvite(PROJECT_ID, 'team')).rejects.toThrow(MissingSignalingError)
    expect(new MissingSignalingError()).toBeInstanceOf(JoinError)
  })
})

describe('another tab changes the settings or the keyring', () => {
  it('follows the shared store: starts syncing a doc shared in another tab, and picks up new settings', async () => {
    const hub = new Hub()
    const store = memoryStore()
    const tabA = manager(hub, store)
    const tabB = manager(hub, store)
    const docA = newProject().doc
    const docB = new Y.Doc()
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA))
    tabA.attach(PROJECT_ID, 'project', docA)
    tabB.attach(PROJECT_ID, 'project', docB)
    await tabA.updateSettings({ ...tabA.getSettings(), signaling: [SIGNALING] })
    await tabA.startSharing(PROJECT_ID, 'project')
    await settle()
    expect(tabB.status(PROJECT_ID).state).toBe('not-shared')
    expect(tabB.getSettings().signaling).toEqual([])

    await tabB.reloadFromStore()
    await settle()
    expect(tabB.getSettings().signaling).toEqual([SIGNALING])
    expect(tabB.role(PROJECT_ID)).toBe('team')
    expect(tabB.status(PROJECT_ID).state).toBe('synced')

    await tabA.setOnline(false)
    await tabB.reloadFromStore()
    expect(tabB.getSettings().online).toBe(false)
    expect(tabB.status(PROJECT_ID).state).toBe('offline')
  })
})
