import { describe, expect, it } from 'vitest'
import { buildApi, cleanIpcError } from '../../src/preload/api'
import { CHANNELS } from '../../src/preload/contract'

describe('buildApi', () => {
  it('exposes one method per channel plus the platform, and nothing else', () => {
    const api = buildApi(async () => undefined)
    expect(Object.keys(api).sort()).toEqual(['platform', ...Object.values(CHANNELS)].sort())
    expect(api.platform).toBe('desktop')
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('sends each method on its own channel with the payload as the only argument', async () => {
    const calls: [string, unknown][] = []
    const api = buildApi(async (channel, payload) => {
      calls.push([channel, payload])
      return channel === 'app:version' ? '9.9.9' : { saved: false }
    })
    await expect(api.appVersion()).resolves.toBe('9.9.9')
    const req = { suggestedName: 'a.json', content: '{}' }
    await expect(api.saveFile(req)).resolves.toEqual({ saved: false })
    await api.openFile({ maxBytes: 5 })
    expect(calls).toEqual([
      ['app:version', undefined],
      ['file:save', req],
      ['file:open', { maxBytes: 5 }]
    ])
  })

  it("passes main's error message to the renderer without Electron's wrapping", async () => {
    const api = buildApi(async () => {
      throw new Error("Error invoking remote method 'file:save': Error: Couldn't save a.json: the disk is full (ENOSPC).")
    })
    await expect(api.saveFile({ suggestedName: 'a.json', content: '' })).rejects.toThrow(
      /^Couldn't save a\.json: the disk is full \(ENOSPC\)\.$/
    )
  })
})

describe('cleanIpcError', () => {
  it('keeps messages that were not wrapped', () => {
    expect(cleanIpcError(new Error('plain')).message).toBe('plain')
    expect(cleanIpcError('a string').message).toBe('a string')
    expect(cleanIpcError(new Error("Error invoking remote method 'x:y': TypeError: bad")).message).toBe('bad')
  })
})
