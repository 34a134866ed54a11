// This computer's sync keyring, sealed with Electron's safeStorage (issue 8): the operating
// system's key store (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux) encrypts
// it, so a copied profile folder is useless on another machine or to another user account.
// Pure node: safeStorage and the file system are passed in, so it is unit-tested with fakes.

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only: 'basic_text' means no real key store (the key is a constant in Chromium). */
  getSelectedStorageBackend?(): string
}

export interface KeyStoreDeps {
  safeStorage: SafeStorageLike
  path: string
  readFile(path: string): Promise<Buffer>
  writeFile(path: string, data: Buffer): Promise<void>
}

export interface KeyStoreLoad {
  /** The keyring's JSON, or null when nothing is saved yet. */
  data: string | null
  /** True when the operating system's key store protects it. */
  protected: boolean
}

export interface KeyStore {
  load(): Promise<KeyStoreLoad>
  save(data: string): Promise<{ protected: boolean }>
}

export function osProtected(s: SafeStorageLike): boolean {
  return s.isEncryptionAvailable() && s.getSelectedStorageBackend?.() !== 'basic_text'
}

export function createKeyStore(deps: KeyStoreDeps): KeyStore {
  const { safeStorage } = deps
  return {
    async load() {
      const isProtected = osProtected(safeStorage)
      let bytes: Buffer
      try {
        bytes = await deps.readFile(deps.path)
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return { data: null, protected: isProtected }
        throw new Error(`The sync keys on this computer could not be read: ${(error as Error).message}`)
      }
      if (!safeStorage.isEncryptionAvailable()) throw new Error('The sync keys on this computer cannot be unlocked: the system’s key store is not available.')
      try {
        return { data: safeStorage.decryptString(bytes), protected: isProtected }
      } catch {
        throw new Error('The sync keys on this computer cannot be unlocked (they were saved by another user or computer). Join your projects again with new invites.')
      }
    },
    async save(data) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('The system’s key store is not available, so sync keys cannot be saved encrypted.')
      await deps.writeFile(deps.path, safeStorage.encryptString(data))
      return { protected: osProtected(safeStorage) }
    }
  }
}
