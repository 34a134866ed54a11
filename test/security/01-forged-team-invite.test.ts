// Attack 1 (issue 8): a mentor forges a *team* invite for the project they mentor, with their own
// secret and a huge secretVersion, and gets a team member to paste it. Before the fix, join()
// replaced the member's team key: their real doc moved into a room the mentor controls.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCard, createProject, initProgrammeDoc, readCards } from '@shared/doc'
import type { PersonId, ProgrammeId, ProjectId } from '@shared/domain/ids'
import { decodeInvite, encodeInvite } from '@shared/sync/invite'
import { generateSecret } from '@shared/sync/secrets'
import { JoinConfirmationNeeded, SyncManager, TeamKeyConflictError } from '@shared/sync/session'
import { memoryStore } from '@shared/sync/store'
import { ALICE, BOB, ctxAt, newProject, PROJECT_ID } from '../shared/support'
import { Hub, settle } from '../shared/sync/hub'

const SIGNALING = 'ws://127.0.0.1:4444/?token=office-token-123456'
const CAROL = { id: 'person-carol' as PersonId, name: 'Carol Mentor' }

function peer(hub: Hub, who: { id: PersonId; name: string }): SyncManager {
  const m = new SyncManager({ store: memoryStore(), factory: hub.factory(), identity: { ...who, colour: '#1d70b8' } })
  void m.updateSettings({ ...m.getSettings(), signaling: [SIGNALING] })
  return m
}

/** What Carol's modified app does: a well-formed team invite carrying her own secret. */
async function forgeTeamInvite(genuineMentorInvite: string, over: Partial<{ docId: string; kind: 'programme' | 'project' }> = {}): Promise<{ code: string; secret: string }> {
  const seen = await decodeInvite(genuineMentorInvite)
  const secret = generateSecret()
  const code = await encodeInvite({ ...seen, ...over, role: 'team', secret, secretVersion: 999_999, issuedBy: 'Alice Okafor' })
  return { code, secret }
}

async function setUp() {
  const hub = new Hub()
  const alice = peer(hub, ALICE)
  const { doc: aliceDoc, todo } = newProject()
  addCard(aliceDoc, ctxAt(), { columnId: todo.id, title: 'Real card' })
  alice.attach(PROJECT_ID, 'project', aliceDoc)
  await alice.startSharing(PROJECT_ID, 'project', 'Blue badge renewals')
  const bob = peer(hub, BOB)
  await bob.join(await alice.createInvite(PROJECT_ID, 'team'))
  const bobDoc = new Y.Doc()
  bob.attach(PROJECT_ID, 'project', bobDoc)
  const mentorInvite = await alice.createInvite(PROJECT_ID, 'mentor')
  await settle()
  return { hub, alice, aliceDoc, todo, bob, bobDoc, mentorInvite }
}

describe('attack 1: a forged team invite re-keys a team member', () => {
  it("is refused, even when the member confirms: Bob's key, room and board stay the team's", async () => {
    const { alice, aliceDoc, todo, bob, bobDoc, mentorInvite } = await setUp()
    const before = bob.keyring.get(PROJECT_ID)
    const forged = await forgeTeamInvite(mentorInvite)

    await expect(bob.join(forged.code)).rejects.toBeInstanceOf(TeamKeyConflictError)
    await expect(bob.join(forged.code, { confirmed: true })).rejects.toBeInstanceOf(TeamKeyConflictError)
    expect(bob.keyring.get(PROJECT_ID)).toEqual(before)
    expect(bob.keyring.get(PROJECT_ID)?.secret).not.toBe(forged.secret)

    // Bob is still in the team's room: Alice's next edit reaches him.
    addCard(aliceDoc, ctxAt(), { columnId: todo.id, title: 'After the attack' })
    await settle()
    expect(readCards(bobDoc).map((c) => c.title).sort()).toEqual(['After the attack', 'Real card'])
    // And a genuine invite is not "out of date": pasting it again changes nothing and is accepted.
    await expect(bob.join(await alice.createInvite(PROJECT_ID, 'team'))).resolves.toMatchObject({ role: 'team' })
    expect(bob.keyring.get(PROJECT_ID)).toEqual(before)
  })

  it("a forged programme invite cannot move a team member's programme (and with it every project key)", async () => {
    const hub = new Hub()
    const alice = peer(hub, ALICE)
    const programme = new Y.Doc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'Change programme' })
    createProject(programme, new Y.Doc(), ctxAt(), { id: 'project-x' as ProjectId, name: 'Garden waste' })
    alice.attach('prog-1', 'programme', programme)
    await alice.startSharing('prog-1', 'programme', 'Change programme')
    const bob = peer(hub, BOB)
    const genuine = await alice.createInvite('prog-1', 'team')
    await bob.join(genuine)
    const before = bob.keyring.get('prog-1')
    const forged = await encodeInvite({ ...(await decodeInvite(genuine)), secret: generateSecret(), secretVersion: 50, issuedBy: 'Alice Okafor' })
    await expect(bob.join(forged, { confirmed: true })).rejects.toBeInstanceOf(TeamKeyConflictError)
    expect(bob.keyring.get('prog-1')).toEqual(before)
  })

  it('a mentor or viewer asked to swap their access is asked first, and nothing changes until they say yes', async () => {
    const { hub, alice, mentorInvite } = await setUp()
    const carol = peer(hub, CAROL)
    await carol.join(mentorInvite)
    const before = carol.keyring.get(PROJECT_ID)
    const forged = await forgeTeamInvite(mentorInvite)
    const asked = await carol.join(forged.code).catch((e: unknown) => e)
    expect(asked).toBeInstanceOf(JoinConfirmationNeeded)
    expect((asked as JoinConfirmationNeeded).existing.role).toBe('mentor')
    expect(carol.keyring.get(PROJECT_ID)).toEqual(before)
    // A genuine team invite after confirmation upgrades her (the person said yes).
    await carol.join(await alice.createInvite(PROJECT_ID, 'team'), { confirmed: true })
    expect(carol.role(PROJECT_ID)).toBe('team')
  })
})
