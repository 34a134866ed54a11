// keys:load / keys:save: the sync keyring sealed with a (fake) safeStorage, through the IPC handlers.
import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createInvokeListener } from '../../src/main/ipc/invoke'
import { createKeyStore, type SafeStorageLike } from '../../src/main/sync/keyStore'

/** Reversible but not plain: enough to prove the file never holds the text. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`),
    decryptString: (bytes) => {
      const text = bytes.toString()
      if (!text.startsWith('sealed:')) throw new Error('bad')
      return Buffer.from(text.slice(7), 'hex').toString()
    },
    getSelectedStorageBackend: () => backend
  }
}

function setUp(safe = fakeSafeStorage()) {
  const files = new Map<string, Buffer>()
  const keyStore = createKeyStore({
    safeStorage: safe,
    path: '/profile/sync-keys.bin',
    readFile: async (p) => {
      const f = files.get(p)
      if (!f) throw Object.assign(new Error('missing'), { code: 'ENOENT' })
      return f
    },
    writeFile: async (p, d) => void files.set(p, d)
  })
  const handlers = createHandlers({ appVersion: () => '1', files: {} as never, keyStore })
  const frame = { senderFrame: { url: 'app://fortnight/index.html' } }
  const load = createInvokeListener('keys:load', handlers['keys:load'], (u) => u === 'app://fortnight/index.html')
  const save = createInvokeListener('keys:save', handlers['keys:save'], (u) => u === 'app://fortnight/index.html')
  return { files, frame, load, save }
}

const KEYRING = JSON.stringify({ 'project-1': { secret: 'S'.repeat(43) } })

describe('the sealed keyring', () => {
  it('saves encrypted and loads back, and nothing saved reads as null', async () => {
    const { files, frame, load, save } = setUp()
    expect(await load(frame, undefined)).toEqual({ data: null, protected: true })
    expect(await save(frame, { data: KEYRING })).toEqual({ protected: true })
    const onDisk = files.get('/profile/sync-keys.bin')!
    expect(onDisk.toString()).not.toContain('SSSS')
    expect(await load(frame, undefined)).toEqual({ data: KEYRING, protected: true })
  })

  it('validates the payload and the sender', async () => {
    const { frame, save, load } = setUp()
    await expect(save(frame, { data: 42 })).rejects.toThrow(/refused an invalid request/)
    await expect(save(frame, { data: 'x'.repeat(1024 * 1024 + 1) })).rejects.toThrow(/too large/)
    await expect(save(frame, { data: '{}', extra: 1 })).rejects.toThrow(/refused an invalid request/)
    await expect(load({ senderFrame: { url: 'https://evil.example/' } }, undefined)).rejects.toThrow(/own window/)
  })

  it('says when the keys are not protected by a real key store, and refuses to save without one', async () => {
    expect(await setUp(fakeSafeStorage(true, 'basic_text')).load({ senderFrame: { url: 'app://fortnight/index.html' } }, undefined)).toEqual({
      data: null,
      protected: false
    })
    const none = setUp(fakeSafeStorage(false))
    await expect(none.save(none.frame, { data: KEYRING })).rejects.toThrow(/key store is not available/)
  })

  it('a file sealed elsewhere is reported, not thrown as gibberish', async () => {
    const { files, frame, load } = setUp()
    files.set('/profile/sync-keys.bin', Buffer.from('copied from another computer'))
    await expect(load(frame, undefined)).rejects.toThrow(/cannot be unlocked/)
  })
})
