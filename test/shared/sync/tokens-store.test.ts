import { describe, expect, it } from 'vitest'
import type { KeyEntry } from '@shared/sync/keyring'
import { signalingFor } from '@shared/sync/session'
import { isRoomTokenUrl, roomToken, withRoomToken } from '@shared/sync/signalingTokens'
import { memoryStore, withSealedKey } from '@shared/sync/store'

const OFFICE = 'ws://10.0.0.5:4444/?token=office-token-123456'

function entry(signaling: string[]): KeyEntry {
  return { docId: 'p', kind: 'project', role: 'mentor', secret: 'x'.repeat(43), secretVersion: 1, signaling, addedAt: 0 }
}

describe('room tokens in invites', () => {
  it('swap the office token for one bound to the room, and leave addresses without a token alone', async () => {
    const url = await withRoomToken(OFFICE, 'R'.repeat(43))
    expect(url).not.toContain('office-token')
    expect(isRoomTokenUrl(url)).toBe(true)
    expect(new URL(url).searchParams.get('token')).toBe(await roomToken('office-token-123456', 'R'.repeat(43)))
    expect(await withRoomToken('ws://10.0.0.5:4444/', 'R'.repeat(43))).toBe('ws://10.0.0.5:4444/')
    expect(await withRoomToken(url, 'S'.repeat(43))).toBe(url)
  })

  it("a mentor on two projects dials each project's own room token for the same server, and never a server they did not set", async () => {
    const a = await withRoomToken(OFFICE, 'A'.repeat(43))
    const b = await withRoomToken(OFFICE, 'B'.repeat(43))
    expect(signalingFor([a], entry([b]))).toEqual([b])
    expect(signalingFor([a], entry(['ws://elsewhere:1/?token=r1.x.y']))).toEqual([a])
    expect(signalingFor([OFFICE], entry([b]))).toEqual([OFFICE])
  })
})

describe('withSealedKey', () => {
  it('keeps the sealed key out of the base store and hands every change to save', () => {
    const base = memoryStore()
    const saved: (string | null)[] = []
    const store = withSealedKey(base, 'k', '{"a":1}', (v) => saved.push(v))
    expect(store.getItem('k')).toBe('{"a":1}')
    store.setItem('k', '{"b":2}')
    store.setItem('other', 'x')
    store.removeItem('k')
    expect(store.getItem('k')).toBeNull()
    expect(saved).toEqual(['{"b":2}', null])
    expect([...base.data.entries()]).toEqual([['other', 'x']])
  })
})
