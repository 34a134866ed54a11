// Publishing status updates to a Pipeline-shaped server (test/support/pipelineServer.ts): each
// closed cycle once, whatever happens — a cycle closed twice, a lost ledger, two colleagues
// publishing at the same moment, a server that fails and recovers, an answer lost on the way back.
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeCycle, opContext, readCycleRules, readDecisions, readPipelineOrganisation, readPublished, setCycleGoal, updatePipelineSettings, type OpContext } from '@shared/doc'
import { fetchTransport, PipelineError, planPublish } from '@shared/pipeline/publish'
import { planProjectPublish, publishProjectUpdates, readProjectExport } from '@shared/pipeline/projectExport'
import { ASHA, BEN, IDS, london, pipelineProgramme, type PipelineFixture } from '../../fixtures/pipeline/programme'
import { startPipelineServer, type PipelineServer } from '../../support/pipelineServer'

let server: PipelineServer
let fx: PipelineFixture
const PAGE = 1234
const ctx = (author = ASHA, at = london(7, 1, 9)): OpContext => opContext(author, () => at)


const blue = (): Y.Doc => fx.projects.get(IDS.blueBadge)!
const publish = (programme = fx.programme, project = blue(), who = ctx()) => publishProjectUpdates(programme, project, who, fetchTransport(server.url))
const posts = (): number => server.requests.filter((r) => r.method === 'POST' && r.path === '/api/project-status/update').length

/** A copy of a doc, as on a colleague's computer. */
function copyOf(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  return other
}
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
}

describe('publishing status updates', () => {
  beforeEach(async () => {
    server = await startPipelineServer()
    fx = pipelineProgramme()
    updatePipelineSettings(fx.programme, ctx(), { address: server.url })
  })
  afterEach(async () => server.close())

  it('posts each closed cycle once, in the Pipeline’s shape, and remembers what it sent', async () => {
    const run = await publish()
    expect(run.outcomes.map((o) => [o.cycle, o.result])).toEqual([
      [1, 'posted'],
      [2, 'posted']
    ])
    const held = server.updatesOf(PAGE)
    expect(held.map((u) => Object.keys(u))).toEqual([
      ['Id', 'PageId', 'UpdateDate', 'Text', 'Author'],
      ['Id', 'PageId', 'UpdateDate', 'Text', 'Author']
    ])
    expect(held.map((u) => [u.PageId, u.UpdateDate, u.Author])).toEqual([
      [PAGE, '2026-06-12T16:30:00', 'Asha Patel'],
      [PAGE, '2026-06-26T15:05:30.5', 'Ben Hughes']
    ])
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({ Id: 0, PageId: PAGE })
    const ledger = readPublished(fx.programme)
    expect([...ledger.values()].map((r) => [r.key, r.remoteId, r.byName, r.found])).toEqual([
      [`${IDS.blueBadge}:cycle:1`, held[0]!.Id, 'Asha Patel', false],
      [`${IDS.blueBadge}:cycle:2`, held[1]!.Id, 'Asha Patel', false]
    ])

    // Again: nothing new, nothing posted (the ledger says both are there).
    const again = await publish()
    expect(again.outcomes).toEqual([])
    expect(posts()).toBe(2)
  })

  it('a cycle closed twice (two people at once, offline) publishes one status update', async () => {
    const doc = blue()
    const rules = readCycleRules(fx.programme)
    setCycleGoal(doc, ctx(ASHA, london(6, 29, 9)), 3, 'Phone renewals in one call')
    const bens = copyOf(doc)
    closeCycle(doc, ctx(ASHA, london(7, 10, 16)), { cycle: 3, rules, decision: { kind: 'persevere' } })
    closeCycle(bens, ctx(BEN, london(7, 10, 16, 1)), { cycle: 3, rules, decision: { kind: 'stop', reason: 'Funding ended' } })
    // Asha publishes before Ben's close reaches her: her decision goes out.
    await publish()
    expect(server.updatesOf(PAGE)).toHaveLength(3)
    expect(server.updatesOf(PAGE)[2]?.Text).toContain('Decision: Persevere.')

    // Ben's close arrives: it is the later, so the cycle's decision. Same key: the update is edited, not posted again.
    sync(doc, bens)
    expect(readDecisions(doc).filter((d) => d.cycle === 3).map((d) => [d.kind, d.superseded])).toEqual([
      ['persevere', true],
      ['stop', false]
    ])
    const plan = planProjectPublish(fx.programme, readProjectExport(doc, readPipelineOrganisation(fx.programme))!)
    expect(plan.planned.map((p) => p.state)).toEqual(['sent', 'sent', 'changed'])
    const run = await publish()
    expect(run.outcomes.map((o) => o.result)).toEqual(['edited'])
    const held = server.updatesOf(PAGE)
    expect(held).toHaveLength(3)
    expect(held[2]).toMatchObject({ Author: 'Ben Hughes', Text: expect.stringContaining('Decision: Stop. Reason: Funding ended') as unknown })
    expect(posts()).toBe(3)
  })

  it('a colleague whose copy decided the cycle differently edits the published update instead of posting a second one', async () => {
    const doc = blue()
    const rules = readCycleRules(fx.programme)
    setCycleGoal(doc, ctx(ASHA, london(6, 29, 9)), 3, 'Phone renewals in one call')
    // Ben's computer: a separate programme copy (its ledger has not synced) and a different decision.
    const other = pipelineProgramme()
    updatePipelineSettings(other.programme, ctx(), { address: server.url })
    const bens = copyOf(doc)
    closeCycle(doc, ctx(ASHA, london(7, 10, 16)), { cycle: 3, rules, decision: { kind: 'persevere' } })
    closeCycle(bens, ctx(BEN, london(7, 10, 16, 1)), { cycle: 3, rules, decision: { kind: 'stop', reason: 'Funding ended' } })
    await publish()
    expect(server.updatesOf(PAGE)).toHaveLength(3)
    const run = await publish(other.programme, bens, ctx(BEN))
    expect(run.outcomes.map((o) => o.result)).toEqual(['found', 'found', 'edited'])
    const held = server.updatesOf(PAGE)
    expect(held).toHaveLength(3)
    expect(held[2]?.Text).toContain('Decision: Stop. Reason: Funding ended')
  })

  it('a lost ledger (another computer, not synced yet) finds what is there and posts nothing twice', async () => {
    await publish()
    const fresh = pipelineProgramme()
    updatePipelineSettings(fresh.programme, ctx(), { address: server.url })
    const run = await publish(fresh.programme, fresh.projects.get(IDS.blueBadge)!, ctx(BEN))
    expect(run.outcomes.map((o) => o.result)).toEqual(['found', 'found'])
    expect(posts()).toBe(2)
    expect([...readPublished(fresh.programme).values()].map((r) => [r.remoteId, r.found])).toEqual([...readPublished(fx.programme).values()].map((r) => [r.remoteId, true]))
  })

  it('two colleagues publishing at the same moment leave one copy of each update, and agree on its id', async () => {
    const other = pipelineProgramme()
    updatePipelineSettings(other.programme, ctx(), { address: server.url })
    // Both read the Pipeline's list before either posts: the race the list check cannot see.
    const first = server.holdNext('create')
    const a = publish(fx.programme, blue(), ctx(ASHA))
    await first.reached
    const b = publish(other.programme, other.projects.get(IDS.blueBadge)!, ctx(BEN))
    await new Promise((r) => setTimeout(r, 50))
    first.release()
    const [ra, rb] = await Promise.all([a, b])
    expect(posts()).toBeGreaterThan(2)
    expect(ra.duplicatesRemoved + rb.duplicatesRemoved).toBeGreaterThan(0)
    const held = server.updatesOf(PAGE)
    expect(held.map((u) => u.UpdateDate)).toEqual(['2026-06-12T16:30:00', '2026-06-26T15:05:30.5'])
    const ids = (p: Y.Doc) => [...readPublished(p).values()].map((r) => r.remoteId)
    expect(ids(fx.programme)).toEqual(held.map((u) => u.Id))
    expect(ids(other.programme)).toEqual(held.map((u) => u.Id))
  })

  it('a server that fails and recovers gets every update exactly once, nothing lost', async () => {
    // 1. A 500 on the first post: cycle 1 fails, cycle 2 waits; both stay pending.
    server.failNext(1, '500')
    let run = await publish()
    expect(run.outcomes.map((o) => o.result)).toEqual(['failed', 'not-tried'])
    expect(run.outcomes[0]?.message).toBe(`The Pipeline at ${server.url} did not accept it: it had a problem of its own (500). It stays pending: try again`)
    expect(readPublished(fx.programme).size).toBe(0)

    // 2. The connection drops before the post is stored.
    server.failNext(1, 'drop')
    run = await publish()
    expect(run.outcomes.map((o) => o.result)).toEqual(['failed', 'not-tried'])
    expect(run.outcomes[0]?.message).toContain('could not be reached')

    // 3. The Pipeline stores cycle 1 but the answer is lost on the way back.
    server.failNext(1, 'drop-after-store')
    run = await publish()
    expect(run.outcomes.map((o) => o.result)).toEqual(['failed', 'not-tried'])
    expect(server.updatesOf(PAGE)).toHaveLength(1)

    // 4. Recovered: cycle 1 is found (not posted again), cycle 2 is posted.
    run = await publish()
    expect(run.outcomes.map((o) => o.result)).toEqual(['found', 'posted'])
    const held = server.updatesOf(PAGE)
    expect(held.map((u) => u.UpdateDate)).toEqual(['2026-06-12T16:30:00', '2026-06-26T15:05:30.5'])
    expect(new Set(held.map((u) => u.Text)).size).toBe(2)
    expect((await publish()).outcomes).toEqual([])
  })

  it('when the Pipeline’s list cannot be read, nothing is sent (it could be a duplicate)', async () => {
    server.failNext(1, '500', 'list')
    const run = await publish()
    expect(run.outcomes.map((o) => o.result)).toEqual(['failed', 'failed'])
    expect(run.outcomes[0]?.message).toContain('Nothing was sent')
    expect(posts()).toBe(0)
  })

  it('an update is "sent" only to the Pipeline and page it went to', async () => {
    await publish()
    const e = readProjectExport(blue(), readPipelineOrganisation(fx.programme))!
    const ledger = readPublished(fx.programme)
    expect(planPublish(e.statusUpdates, ledger, { address: server.url, pageId: PAGE }).map((p) => p.state)).toEqual(['sent', 'sent'])
    expect(planPublish(e.statusUpdates, ledger, { address: 'https://pipeline.example.org', pageId: PAGE }).map((p) => p.state)).toEqual(['pending', 'pending'])
    expect(planPublish(e.statusUpdates, ledger, { address: server.url, pageId: 99 }).map((p) => p.state)).toEqual(['pending', 'pending'])
  })

  it('a project without a Pipeline id, or a programme without an address, cannot publish', async () => {
    await expect(publish(fx.programme, fx.projects.get(IDS.hostile)!)).rejects.toThrow('Set the Pipeline’s address and the project’s Pipeline id first')
  })
})

describe('the Pipeline-shaped server', () => {
  beforeEach(async () => {
    server = await startPipelineServer()
  })
  afterEach(async () => server.close())

  it('validates shapes, assigns ids, edits and deletes; null for a project id below 1', async () => {
    const t = fetchTransport(server.url)
    const created = await t.create({ Id: 0, PageId: 5, UpdateDate: '2026-06-12T16:30:00', Text: 'Hello', Author: 'Asha' })
    expect(created).toEqual({ Id: 1, PageId: 5, UpdateDate: '2026-06-12T16:30:00', Text: 'Hello', Author: 'Asha' })
    await t.edit(1, { ...created, Text: 'Hello again' })
    expect(await t.list(5)).toEqual([{ ...created, Text: 'Hello again' }])
    await t.remove(1)
    expect(await t.list(5)).toEqual([])
    await expect(t.remove(1)).rejects.toMatchObject({ status: 404 })
    const bad = await fetch(`${server.url}/api/project-status/update`, { method: 'POST', body: JSON.stringify({ PageId: '5', Text: 1 }) })
    expect(bad.status).toBe(400)
    expect(await (await fetch(`${server.url}/api/project/0`)).json()).toBeNull()
    const pre = await fetch(`${server.url}/api/project-status/update`, { method: 'OPTIONS' })
    expect(pre.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('reports an unreachable Pipeline and one that answers nonsense as PipelineErrors', async () => {
    await server.close()
    await expect(fetchTransport(server.url).list(1)).rejects.toBeInstanceOf(PipelineError)
    const nonsense = fetchTransport('https://pipeline.example.org', async () => new Response('<html>Sign in</html>', { status: 200 }))
    await expect(nonsense.list(1)).rejects.toThrow('sent back something that is not JSON')
    const slow = fetchTransport('https://pipeline.example.org', (_url, init) => new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))), 20)
    await expect(slow.list(1)).rejects.toMatchObject({ kind: 'timeout' })
    server = await startPipelineServer() // for afterEach
  })
})
