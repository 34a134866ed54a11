import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '../../src/preload/contract'
import type { FileDeps } from '../../src/main/files'
import { createHandlers } from '../../src/main/ipc/handlers'
import { registerHandlers, type InvokeEventLike, type InvokeListener } from '../../src/main/ipc/invoke'
import { validateSender } from '../../src/main/security'

let dir: string
let saveTarget: string | undefined
let openTarget: string | undefined
let dialogCalls: { kind: 'save' | 'open'; options: unknown }[]

function realFileDeps(): FileDeps {
  return {
    defaultDir: dir,
    showSaveDialog: async (options) => {
      dialogCalls.push({ kind: 'save', options })
      return saveTarget ? { canceled: false, filePath: saveTarget } : { canceled: true }
    },
    showOpenDialog: async (options) => {
      dialogCalls.push({ kind: 'open', options })
      return openTarget ? { canceled: false, filePaths: [openTarget] } : { canceled: true, filePaths: [] }
    },
    writeFile: (path, content) => writeFile(path, content, 'utf8'),
    stat: (path) => stat(path),
    readFile: (path) => readFile(path)
  }
}

/** A fake ipcMain that records listeners, and an invoke that calls them like Electron does. */
function setUp() {
  const listeners = new Map<string, InvokeListener>()
  const registered = registerHandlers(
    { handle: (channel, listener) => void listeners.set(channel, listener) },
    createHandlers({ appVersion: () => '1.2.3', files: realFileDeps() }),
    (url) => validateSender(url)
  )
  const invoke = (channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> => {
    const listener = listeners.get(channel)
    if (!listener) throw new Error(`no handler for ${channel}`)
    const event: InvokeEventLike = { senderFrame: frameUrl === null ? null : { url: frameUrl } }
    return listener(event, ...args)
  }
  const app = (channel: Channel, ...args: unknown[]) => invoke(channel, 'app://fortnight/index.html', ...args)
  return { registered, invoke, app }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fortnight-ipc-'))
  saveTarget = undefined
  openTarget = undefined
  dialogCalls = []
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('handler map', () => {
  it('registers exactly the channels of the contract', () => {
    const { registered } = setUp()
    expect(registered.sort()).toEqual(Object.keys(CHANNELS).sort())
    for (const channel of registered) expect(channel).toMatch(/^[a-z]+:[a-z-]+$/)
  })
})

describe('sender validation', () => {
  it.each([
    ['a web page', 'https://evil.com/'],
    ['a file:// page', 'file:///tmp/evil.html'],
    ['another app:// host', 'app://evil/index.html'],
    ['a dev server when not in development', 'http://localhost:5173/'],
    ['a destroyed frame', null]
  ])('refuses %s', async (_label, frameUrl) => {
    const { invoke } = setUp()
    await expect(invoke('app:version', frameUrl)).rejects.toThrow(/app:version refused: .*Fortnight's own window/)
    saveTarget = join(dir, 'out.json')
    await expect(invoke('file:save', frameUrl, { suggestedName: 'x.json', content: 'x' })).rejects.toThrow(/refused/)
    expect(dialogCalls).toEqual([])
  })

  it('answers the app', async () => {
    const { app } = setUp()
    await expect(app('app:version')).resolves.toBe('1.2.3')
  })
})

describe('payload validation', () => {
  it.each([
    ['app:version', ['surprise'], /app:version refused an invalid request: this call takes no argument/],
    ['file:save', [undefined], /file:save refused an invalid request/],
    ['file:save', [{ suggestedName: 'a.json' }], /content: .*expected string/i],
    ['file:save', [{ suggestedName: 'a.json', content: 42 }], /content: .*expected string/i],
    ['file:save', [{ suggestedName: '', content: 'x' }], /suggestedName: a file name is needed/],
    ['file:save', [{ suggestedName: '../../.bashrc', content: 'x' }], /suggestedName: must be a file name, not a path/],
    ['file:save', [{ suggestedName: 'C:\\Windows\\win.ini', content: 'x' }], /must be a file name, not a path/],
    ['file:save', [{ suggestedName: 'a.json', content: 'x', extra: true }], /unrecognized key/i],
    ['file:save', [{ suggestedName: 'a.json', content: 'x', filters: [{ name: 'JSON', extensions: ['.json'] }] }], /filters\.0\.extensions\.0/],
    ['file:open', [{ maxBytes: -1 }], /maxBytes/],
    ['file:open', [{ maxBytes: 1e12 }], /maxBytes/],
    ['file:open', [{ maxBytes: 1.5 }], /maxBytes/],
    ['file:open', ['{"maxBytes":1}'], /expected object/i],
    ['file:open', [{}, 'second argument'], /expected one argument, got 2/]
  ] as const)('%s rejects %j with a clear message', async (channel, args, message) => {
    const { app } = setUp()
    saveTarget = join(dir, 'should-not-exist.json')
    openTarget = join(dir, 'should-not-exist.json')
    await expect(app(channel, ...args)).rejects.toThrow(message)
    expect(dialogCalls).toEqual([])
  })
})

describe('file:save', () => {
  it('writes the content where the person chose, starting the dialog in the default folder', async () => {
    const { app } = setUp()
    saveTarget = join(dir, 'chosen.json')
    const result = await app('file:save', {
      suggestedName: 'export.json',
      content: '{"cards":[]}\n',
      filters: [{ name: 'JSON', extensions: ['json'] }]
    })
    expect(result).toEqual({ saved: true, path: saveTarget })
    expect(await readFile(saveTarget, 'utf8')).toBe('{"cards":[]}\n')
    expect(dialogCalls[0]).toEqual({
      kind: 'save',
      options: { defaultPath: join(dir, 'export.json'), filters: [{ name: 'JSON', extensions: ['json'] }] }
    })
  })

  it('reports a cancelled dialog as not saved', async () => {
    const { app } = setUp()
    await expect(app('file:save', { suggestedName: 'a.json', content: 'x' })).resolves.toEqual({ saved: false })
  })

  it('surfaces a write failure as a rejected promise naming the file and the reason', async () => {
    const { app } = setUp()
    // A regular file used as a folder cannot be written into, even by root.
    await writeFile(join(dir, 'not-a-folder'), 'x')
    saveTarget = join(dir, 'not-a-folder', 'export.json')
    await expect(app('file:save', { suggestedName: 'export.json', content: 'x' })).rejects.toThrow(
      "Couldn't save export.json: part of the path is not a folder (ENOTDIR)."
    )
  })

  it('surfaces writing onto a folder as an error', async () => {
    const { app } = setUp()
    saveTarget = dir
    await expect(app('file:save', { suggestedName: 'export.json', content: 'x' })).rejects.toThrow(/it is a folder \(EISDIR\)/)
  })
})

describe('file:open', () => {
  it('returns the name and text of the chosen file', async () => {
    const { app } = setUp()
    openTarget = join(dir, 'programme.json')
    await writeFile(openTarget, '\uFEFF{"name":"Ffestiniog"}')
    await expect(app('file:open', { filters: [{ name: 'Fortnight files', extensions: ['json'] }] })).resolves.toEqual({
      name: 'programme.json',
      content: '{"name":"Ffestiniog"}'
    })
    expect(dialogCalls[0]).toEqual({ kind: 'open', options: { filters: [{ name: 'Fortnight files', extensions: ['json'] }] } })
  })

  it('returns null when the person cancels', async () => {
    const { app } = setUp()
    await expect(app('file:open', {})).resolves.toBeNull()
  })

  it('refuses a file over the limit, saying how big it is', async () => {
    const { app } = setUp()
    openTarget = join(dir, 'big.json')
    await writeFile(openTarget, 'x'.repeat(2048))
    await expect(app('file:open', { maxBytes: 1024 })).rejects.toThrow(
      "big.json is 2 KB, more than the 1 KB limit, so Fortnight didn't open it."
    )
    await expect(app('file:open', { maxBytes: 2048 })).resolves.toMatchObject({ name: 'big.json' })
  })

  it('applies a 10 MB limit by default', async () => {
    const { app } = setUp()
    openTarget = join(dir, 'huge.json')
    await writeFile(openTarget, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20))
    await expect(app('file:open', {})).rejects.toThrow(/huge\.json is 10 MB, more than the 10 MB limit/)
  })

  it.each([
    ['a NUL byte', Buffer.from([0x7b, 0x00, 0x7d])],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['a PNG header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])]
  ])('refuses binary content (%s)', async (_label, bytes) => {
    const { app } = setUp()
    openTarget = join(dir, 'picture.json')
    await writeFile(openTarget, bytes)
    await expect(app('file:open', {})).rejects.toThrow("picture.json isn't a text file, so Fortnight can't open it.")
  })

  it('reports a missing file and a folder clearly', async () => {
    const { app } = setUp()
    openTarget = join(dir, 'gone.json')
    await expect(app('file:open', {})).rejects.toThrow("Couldn't open gone.json: the file no longer exists (ENOENT).")
    openTarget = dir
    await expect(app('file:open', {})).rejects.toThrow(/isn't a file/)
  })
})
