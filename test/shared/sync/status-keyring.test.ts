import { describe, expect, it } from 'vitest'
import { Keyring } from '@shared/sync/keyring'
import { firstSecret } from '@shared/sync/rotation'
import { loadSyncSettings, saveSyncSettings, DEFAULT_SYNC_SETTINGS } from '@shared/sync/settings'
import { computeStatus, isUnreachable, settingsLine, statusText, unreachableSummary } from '@shared/sync/status'
import { memoryStore } from '@shared/sync/store'

const up = { reachable: true, webrtcPeers: 0, bcPeers: 0, synced: false, addresses: [] }

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
    expect(steps.map((s) => statusText(s))).toEqual([
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

describe('sync status that explains itself', () => {
  const base = { role: 'team' as const, online: true, hasSignaling: true, relay: null }
  // 10:42 in London on 1 June 2026 is 09:42 UTC (British Summer Time).
  const at = Date.UTC(2026, 5, 1, 9, 42, 30)
  const dead = (url: string, tries = 4, via: 'signaling' | 'relay' = 'signaling') => ({ via, url, connected: false, tries, lastTryAt: at, since: at - 2_000, unreachable: true })
  const down = { reachable: false, webrtcPeers: 0, bcPeers: 0, synced: false }

  it('names the address it cannot reach, how many tries and when the last was (London time), never the token', () => {
    const s = computeStatus({ ...base, primary: { ...down, addresses: [dead('ws://10.1.2.3:4444/?token=secret-office-token')] } })
    expect(s.state).toBe('unreachable')
    expect(statusText(s)).toBe('Cannot reach the sync server at ws://10.1.2.3:4444 (tried 4 times, last at 10:42)')
    expect(statusText(s)).not.toContain('secret-office-token')
    expect(unreachableSummary(s)).toBe('Cannot reach the sync server at ws://10.1.2.3:4444')
    // In winter London is on GMT.
    const winter = computeStatus({ ...base, primary: { ...down, addresses: [{ ...dead('ws://h:1/'), tries: 1, lastTryAt: Date.UTC(2026, 11, 1, 9, 5) }] } })
    expect(statusText(winter)).toBe('Cannot reach the sync server at ws://h:1 (tried 1 time, last at 09:05)')
  })

  it('says "connecting" while some address is still being tried, and "cannot reach" only when every one has failed', () => {
    const trying = { ...dead('ws://b:1/'), unreachable: false, tries: 1 }
    const mixed = computeStatus({ ...base, primary: { ...down, addresses: [dead('ws://a:1/'), trying] } })
    expect([mixed.state, statusText(mixed)]).toEqual(['connecting', 'Connecting…'])
    const both = computeStatus({ ...base, primary: { ...down, addresses: [dead('ws://a:1/'), dead('ws://b:1/', 2)] } })
    expect(statusText(both)).toBe('Cannot reach the sync server at ws://a:1 (tried 4 times, last at 10:42) or the sync server at ws://b:1 (tried 2 times, last at 10:42)')
  })

  it('explains a dead relay too, on its own or beside a working signaling server', () => {
    const relayOnly = computeStatus({ ...base, hasSignaling: false, primary: { ...down, addresses: [] }, relay: { ...down, addresses: [dead('wss://relay.council.example/?token=x', 3, 'relay')] } })
    expect(statusText(relayOnly)).toBe('Cannot reach the relay at wss://relay.council.example (tried 3 times, last at 10:42)')
    const ok = { via: 'signaling' as const, url: 'ws://a:1/', connected: true, tries: 0, lastTryAt: null, since: 0, unreachable: false }
    const partly = computeStatus({ ...base, primary: { ...down, reachable: true, addresses: [ok] }, relay: { ...down, addresses: [dead('wss://r/', 3, 'relay')] } })
    expect(statusText(partly)).toBe('Connected, no colleagues online; cannot reach the relay at wss://r (tried 3 times, last at 10:42)')
  })

  it("does not count this browser's other tabs as colleagues (they are the same person)", () => {
    const s = computeStatus({ ...base, primary: { ...down, bcPeers: 1, addresses: [dead('ws://a:1/')] } })
    expect([s.state, s.peers, s.bcPeers]).toEqual(['unreachable', 0, 1])
  })

  it('decides "cannot reach" from the tries, or from time passing when the first try never ends', () => {
    expect(isUnreachable({ connected: false, tries: 0, since: 0 }, 60_000)).toBe(false)
    expect(isUnreachable({ connected: false, tries: 2, since: 0 }, 1_000)).toBe(false)
    expect(isUnreachable({ connected: false, tries: 3, since: 0 }, 1_000)).toBe(true)
    expect(isUnreachable({ connected: false, tries: 1, since: 0 }, 4_999)).toBe(false)
    expect(isUnreachable({ connected: false, tries: 1, since: 0 }, 5_000)).toBe(true)
    expect(isUnreachable({ connected: true, tries: 9, since: 0 }, 60_000)).toBe(false)
  })

  it('the sync settings say whether sync really works, not only that it is switched on', () => {
    const settings = { online: true, signaling: ['ws://a:1/'], relayUrl: null }
    const unreachable = computeStatus({ ...base, primary: { ...down, addresses: [dead('ws://a:1/?token=t')] } })
    expect(settingsLine(unreachable, settings)).toBe('Sync is on, but this computer cannot reach the sync server at ws://a:1 (tried 4 times, last at 10:42).')
    const synced = computeStatus({ ...base, primary: { reachable: true, webrtcPeers: 1, bcPeers: 0, synced: true, addresses: [] } })
    expect(settingsLine(synced, settings)).toBe('Sync is on. Up to date with 1 colleague.')
    expect(settingsLine(computeStatus({ ...base, primary: { ...down, reachable: true, addresses: [] } }), settings)).toBe('Sync is on. Connected, no colleagues online.')
    expect(settingsLine(synced, { ...settings, online: false })).toMatch(/^You are working offline/)
    expect(settingsLine(synced, { ...settings, signaling: [] })).toBe('Sync is on, but no signaling address is set, so this computer cannot find colleagues.')
    expect(settingsLine(computeStatus({ ...base, role: null, primary: null }), settings)).toBe('Sync is on. Nothing is shared from this computer yet.')
  })
})

describe('keyring and settings changed by another tab', () => {
  it('reload reads the store again, reports what changed, and writes nothing', () => {
    const store = memoryStore()
    const mine = new Keyring(store)
    const other = new Keyring(store)
    const heard: string[] = []
    mine.onChange((id) => heard.push(id))
    other.set({ ...firstSecret(), docId: 'p1', kind: 'project', role: 'team', signaling: [], addedAt: 1 })
    expect(mine.get('p1')).toBeUndefined()
    const writes = store.data.get('fortnight.sync.keyring')
    expect(mine.reload()).toEqual(['p1'])
    expect(mine.get('p1')?.role).toBe('team')
    expect(heard).toEqual(['p1'])
    expect(mine.reload()).toEqual([])
    expect(store.data.get('fortnight.sync.keyring')).toBe(writes)
    other.remove('p1')
    expect(mine.reload()).toEqual(['p1'])
    expect(mine.list()).toEqual([])
  })
})
