import { describe, expect, it } from 'vitest'
import { Keyring } from '@shared/sync/keyring'
import { firstSecret } from '@shared/sync/rotation'
import { loadSyncSettings, saveSyncSettings, DEFAULT_SYNC_SETTINGS } from '@shared/sync/settings'
import { computeStatus, statusText } from '@shared/sync/status'
import { memoryStore } from '@shared/sync/store'

const up = { reachable: true, webrtcPeers: 0, bcPeers: 0, synced: false }

describe('sync status: offline / connecting / connected to N peers / synced', () => {
  const base = { role: 'team' as const, online: true, hasSignaling: true, relay: null }
  it('walks through the states a person sees', () => {
    const steps = [
      computeStatus({ ...base, role: null, primary: null }),
      computeStatus({ ...base, online: false, primary: up }),
      computeStatus({ ...base, hasSignaling: false, primary: null }),
      computeStatus({ ...base, primary: { ...up, reachable: false } }),
      computeStatus({ ...base, primary: up }),
      computeStatus({ ...base, primary: { ...up, webrtcPeers: 2 } }),
      computeStatus({ ...base, primary: { ...up, webrtcPeers: 1, synced: true } })
    ]
    expect(steps.map((s) => s.state)).toEqual(['not-shared', 'offline', 'offline', 'connecting', 'connected', 'connected', 'synced'])
    expect(steps.map(statusText)).toEqual([
      'Not shared',
      'Offline (working on this computer only)',
      'Offline: No signaling address is set, so this computer cannot find colleagues',
      'Connecting…',
      'Connected, no colleagues online',
      'Connected to 2 colleagues, catching up…',
      'Up to date with 1 colleague'
    ])
  })
  it('counts the relay as a way to be up to date', () => {
    const s = computeStatus({ ...base, primary: up, relay: { ...up, synced: true } })
    expect([s.state, statusText(s)]).toEqual(['synced', 'Up to date with the relay'])
  })
})

describe('keyring', () => {
  it('keeps entries on this computer and drops damaged ones instead of trusting them', () => {
    const store = memoryStore()
    const ring = new Keyring(store)
    ring.set({ ...firstSecret(), docId: 'p1', kind: 'project', role: 'mentor', signaling: ['ws://127.0.0.1:4444/'], addedAt: 1 })
    expect(new Keyring(store).get('p1')?.role).toBe('mentor')
    const raw = JSON.parse(store.getItem('fortnight.sync.keyring')!) as Record<string, { secret: string }>
    raw.p1!.secret = 'short'
    store.setItem('fortnight.sync.keyring', JSON.stringify(raw))
    expect(new Keyring(store).get('p1')).toBeUndefined()
    expect(() => ring.set({ ...firstSecret(), docId: 'p2', kind: 'project', role: 'boss' as never, signaling: [], addedAt: 1 })).toThrow()
  })
})

describe('sync settings', () => {
  it('default to no signaling, no STUN and no relay, and refuse public signaling servers', () => {
    const store = memoryStore()
    expect(loadSyncSettings(store)).toEqual(DEFAULT_SYNC_SETTINGS)
    expect(() => saveSyncSettings(store, { ...DEFAULT_SYNC_SETTINGS, signaling: ['wss://signaling.yjs.dev'] })).toThrow(/public server/)
    expect(() => saveSyncSettings(store, { ...DEFAULT_SYNC_SETTINGS, relayUrl: 'http://relay' })).toThrow(/ws:\/\//)
    saveSyncSettings(store, { ...DEFAULT_SYNC_SETTINGS, signaling: ['ws://10.0.0.5:4444/?token=abc'] })
    expect(loadSyncSettings(store).signaling).toEqual(['ws://10.0.0.5:4444/?token=abc'])
  })
})
