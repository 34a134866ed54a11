import { describe, expect, it } from 'vitest'
import { ChunkLoadError, isChunkLoadError, loadOnce } from '../../src/renderer/components/lazyLoad'
import { errorMessage } from '../../src/renderer/components/errors'

describe('loadOnce (parts of Fortnight fetched when first needed)', () => {
  it('fetches once however many screens ask for the part', async () => {
    let calls = 0
    const load = loadOnce(async () => {
      calls++
      return { part: 'editor' }
    })
    const [a, b] = await Promise.all([load(), load()])
    await load()
    expect(a).toBe(b)
    expect(calls).toBe(1)
  })

  it('turns a failed download into a ChunkLoadError with a plain-English message, and tries again next time', async () => {
    let calls = 0
    const load = loadOnce(async () => {
      calls++
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module: app://fortnight/assets/TipTapEditor-x.js')
      return 'loaded'
    })
    const failure = await load().catch((e: unknown) => e)
    expect(isChunkLoadError(failure)).toBe(true)
    expect(failure).toBeInstanceOf(ChunkLoadError)
    // What a form's error summary would show (e.g. making an invite while the QR maker cannot be fetched).
    expect(errorMessage(failure)).toBe('Part of Fortnight could not be loaded. Reload Fortnight and try again')
    expect(errorMessage(failure)).not.toMatch(/dynamically imported|app:\/\//)
    await expect(load()).resolves.toBe('loaded')
    expect(calls).toBe(2)
  })

  it('tells a failed download apart from a bug in a screen', () => {
    expect(isChunkLoadError(new Error('Cannot read properties of undefined'))).toBe(false)
    expect(isChunkLoadError(new ChunkLoadError(new Error('offline')))).toBe(true)
  })
})
