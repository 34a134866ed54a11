// The desktop app publishes through main (pipeline:request): the page's CSP allows no https
// connections. Main calls only https (or http on this computer), only the four status-update
// routes it builds itself, with a checked body.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FileDeps } from '../../../src/main/files'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createInvokeListener } from '../../../src/main/ipc/invoke'
import { checkPipelineAddress, handlePipelineRequest, originGate, PIPELINE_MAX_RESPONSE_CHARS, type FetchLike } from '../../../src/main/ipc/pipeline'
import type { PipelineRequestPayload } from '../../../src/preload/contract'
import { normalisePipelineAddress, pipelineAddressProblem } from '@shared/pipeline/pipelineSettings'
import { PipelineError, transportFrom, type PipelineRequest } from '@shared/pipeline/publish'
import { startPipelineServer, type PipelineServer } from '../../support/pipelineServer'

const APP = 'app://fortnight/index.html'
// No file is touched here: a dialog that is always cancelled.
const files: FileDeps = {
  defaultDir: '/nowhere',
  showSaveDialog: async () => ({ canceled: true }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  writeFile: async () => {},
  stat: async () => ({ size: 0, isFile: () => true }),
  readFile: async () => new Uint8Array()
}

function listenerWith(fetchImpl: FetchLike) {
  const handlers = createHandlers({ appVersion: () => '1', files, pipelineFetch: fetchImpl as typeof fetch })
  return createInvokeListener('pipeline:request', handlers['pipeline:request'], (url) => url === APP)
}

describe('pipeline:request', () => {
  let calls: { url: string; init: RequestInit }[] = []
  const fake: FetchLike = async (url, init) => {
    calls.push({ url, init })
    return new Response(JSON.stringify([]), { status: 200 })
  }
  beforeEach(() => (calls = []))

  it('builds the route from the action and calls only that', async () => {
    const invoke = listenerWith(fake)
    await invoke({ senderFrame: { url: APP } }, { address: 'https://pipeline.example.org/', action: 'list', pageId: 12 })
    await invoke({ senderFrame: { url: APP } }, { address: 'https://pipeline.example.org', action: 'create', update: { Id: 0, PageId: 12, UpdateDate: '2026-06-12T16:30:00', Text: 'Hi', Author: 'A' } })
    await invoke({ senderFrame: { url: APP } }, { address: 'https://pipeline.example.org', action: 'delete', id: 3 })
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['GET', 'https://pipeline.example.org/api/project-status/list/12'],
      ['POST', 'https://pipeline.example.org/api/project-status/update'],
      ['DELETE', 'https://pipeline.example.org/api/project-status/delete/3']
    ])
    expect(calls[1]?.init).toMatchObject({ credentials: 'omit', redirect: 'error', body: '{"Id":0,"PageId":12,"UpdateDate":"2026-06-12T16:30:00","Text":"Hi","Author":"A"}' })
  })

  it('refuses other senders, other shapes, paths smuggled in, and addresses that are not https', async () => {
    const invoke = listenerWith(fake)
    await expect(invoke({ senderFrame: { url: 'https://evil.example' } }, { address: 'https://p.example', action: 'list', pageId: 1 })).rejects.toThrow('refused')
    await expect(invoke({ senderFrame: { url: APP } }, { address: 'https://p.example', action: 'list', pageId: '1/../../admin' })).rejects.toThrow('refused an invalid request')
    await expect(invoke({ senderFrame: { url: APP } }, { address: 'https://p.example', action: 'list', pageId: 1, path: '/admin' })).rejects.toThrow('refused an invalid request')
    await expect(invoke({ senderFrame: { url: APP } }, { address: 'https://p.example', action: 'get', url: 'https://evil.example' })).rejects.toThrow('refused an invalid request')
    await expect(invoke({ senderFrame: { url: APP } }, { address: 'https://p.example', action: 'create', update: { Id: 0, PageId: 1, UpdateDate: 'soon', Text: '', Author: '' } })).rejects.toThrow(
      'must be a date and time'
    )
    for (const address of ['http://pipeline.example.org', 'file:///etc/passwd', 'https://u:p@pipeline.example.org', 'https://pipeline.example.org/?x=1', '']) {
      const r = await invoke({ senderFrame: { url: APP } }, { address, action: 'list', pageId: 1 })
      expect(r).toMatchObject({ ok: false, kind: 'blocked' })
    }
    expect(calls).toEqual([])
  })

  it('calls an origin only once the person allowed it (asked once per run), and never one they refused', async () => {
    const asked: string[] = []
    const gate = originGate(async (origin) => {
      asked.push(origin)
      return origin === 'https://pipeline.example.org'
    })
    const list = (address: string) => handlePipelineRequest(fake, { address, action: 'list', pageId: 1 }, 1_000, gate)
    expect((await list('https://pipeline.example.org')).ok).toBe(true)
    expect((await list('https://pipeline.example.org/')).ok).toBe(true)
    const refused = await list('https://intranet.council.local')
    expect(refused).toMatchObject({ ok: false, kind: 'blocked', message: expect.stringContaining('was not allowed on this computer') })
    await list('https://intranet.council.local')
    expect(asked).toEqual(['https://pipeline.example.org', 'https://intranet.council.local'])
    expect(calls.map((c) => c.url)).toEqual(['https://pipeline.example.org/api/project-status/list/1', 'https://pipeline.example.org/api/project-status/list/1'])
  })

  it('stops reading an answer far larger than any status list, without holding it all', async () => {
    let pulled = 0
    const endless: FetchLike = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(c) {
            pulled++
            c.enqueue(new TextEncoder().encode('['.padEnd(64 * 1024, ' ')))
          }
        }),
        { status: 200 }
      )
    const r = await handlePipelineRequest(endless, { address: 'https://pipeline.example.org', action: 'list', pageId: 1 }, 5_000)
    expect(r).toMatchObject({ ok: false, kind: 'response' })
    expect(pulled * 64 * 1024).toBeLessThan(PIPELINE_MAX_RESPONSE_CHARS * 2)
  })

  it('main’s address rule agrees with the settings form’s', () => {
    const addresses = ['https://pipeline.localgov.digital', 'https://Pipeline.Example.org/x/', 'http://localhost:8080', 'http://127.0.0.1:1/', 'http://[::1]:9/', 'http://pipeline.example.org', 'ftp://p', 'p.example', 'https://a:b@p.example', 'https://p.example/#x', 'https://p.example/?q']
    for (const a of addresses) {
      const main = checkPipelineAddress(a)
      const problem = pipelineAddressProblem(a)
      expect(main.ok, a).toBe(problem === null)
      if (main.ok) expect(main.address).toBe(normalisePipelineAddress(a))
      else expect(main.message).toBe(problem)
    }
  })

  describe('against the Pipeline-shaped server, as the renderer uses it', () => {
    let server: PipelineServer
    beforeEach(async () => (server = await startPipelineServer()))
    afterEach(async () => server.close())

    it('creates and lists through main; a failure comes back as a PipelineError with main’s message', async () => {
      const viaIpc = (req: PipelineRequest) => handlePipelineRequest((u, i) => fetch(u, i), { address: server.url, ...req } as PipelineRequestPayload)
      const t = transportFrom(server.url, async (req) => {
        const r = await viaIpc(req)
        if (!r.ok) throw new PipelineError(r.kind, r.message, r.status)
        return r.data
      })
      const created = await t.create({ Id: 0, PageId: 7, UpdateDate: '2026-06-12T16:30:00', Text: 'Cycle 1', Author: 'Asha' })
      expect(created.Id).toBe(1)
      expect(await t.list(7)).toEqual([created])
      server.failNext(1, 'drop')
      await expect(t.create({ ...created, Id: 0 })).rejects.toThrow(`The Pipeline at ${server.url} could not be reached`)
    })
  })
})
