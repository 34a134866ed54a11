import type { PublishedRecord } from '../doc/pipelineLedger'
import { sameDateTime, statusUpdateSchema, type StatusUpdate } from './shapes'
import { statusUpdateFingerprint, type KeyedStatusUpdate } from './statusUpdates'

/**
 * Publishing status updates to a Pipeline: each closed cycle's update goes to
 * `POST {address}/api/project-status/update` once, and the programme's ledger remembers it
 * (doc/pipelineLedger.ts: key → the Id the Pipeline gave it, when, by whom).
 *
 * Nothing twice:
 *  1. the ledger: an update recorded as sent to this address and page is not posted again;
 *  2. the Pipeline's own list: before posting, `GET /api/project-status/list/{pageId}` is read, and
 *     an update already there with the same UpdateDate and Text is recorded as found, not posted.
 *     This covers a lost or not-yet-synced ledger, and a post whose answer was lost (the Pipeline
 *     stored it but the connection dropped before its Id came back);
 *  3. after posting, the list is read again: if the same update is there twice (two colleagues
 *     published at the same moment, each reading the list before the other's post landed), the
 *     copy with the lowest Id is kept and the others are deleted, by every publisher alike.
 * The residual race: between two publishers' reads and posts both copies exist for a moment, and
 * the Pipeline e-mails watchers when an update is created, so they may get that e-mail twice; if
 * the clean-up delete fails, the duplicate stays and is reported.
 *
 * Nothing lost: updates are posted oldest first, each recorded as soon as it is accepted; at the
 * first failure the project's remaining updates are left pending (they are computed from the
 * closed cycles, so "pending" needs no storage) and the person is told, with a retry.
 */

export type PipelineErrorKind = 'network' | 'timeout' | 'http' | 'response' | 'blocked'

/** A failed call to a Pipeline, with a message a person can act on (never a library's own). */
export class PipelineError extends Error {
  override readonly name = 'PipelineError'
  constructor(
    readonly kind: PipelineErrorKind,
    message: string,
    readonly status?: number
  ) {
    super(message)
  }
}

/** The Pipeline's status-update routes, however they are reached (fetch, or the desktop's IPC). */
export interface PipelineTransport {
  list(pageId: number): Promise<readonly StatusUpdate[]>
  create(update: StatusUpdate): Promise<StatusUpdate>
  edit(id: number, update: StatusUpdate): Promise<StatusUpdate>
  remove(id: number): Promise<void>
}

export const PIPELINE_TIMEOUT_MS = 15_000
/** A list of status updates is a few kilobytes; anything past this is not a Pipeline answering. */
export const PIPELINE_MAX_RESPONSE_CHARS = 5 * 1024 * 1024

export type PipelineRequest =
  | { readonly action: 'list'; readonly pageId: number }
  | { readonly action: 'create'; readonly update: StatusUpdate }
  | { readonly action: 'edit'; readonly id: number; readonly update: StatusUpdate }
  | { readonly action: 'delete'; readonly id: number }

/** The route and method of each request: callers never choose a path. */
export function routeOf(req: PipelineRequest): { readonly method: 'GET' | 'POST' | 'DELETE'; readonly path: string; readonly body?: StatusUpdate } {
  switch (req.action) {
    case 'list':
      return { method: 'GET', path: `/api/project-status/list/${req.pageId}` }
    case 'create':
      return { method: 'POST', path: '/api/project-status/update', body: req.update }
    case 'edit':
      return { method: 'POST', path: `/api/project-status/edit/${req.id}`, body: req.update }
    case 'delete':
      return { method: 'DELETE', path: `/api/project-status/delete/${req.id}` }
  }
}

function describeHttp(status: number): string {
  if (status === 404) return 'it does not know that route or project (404)'
  if (status === 401 || status === 403) return `it refused the request (${status}): it may need you to sign in`
  if (status >= 500) return `it had a problem of its own (${status})`
  return `it refused the request (${status})`
}

/**
 * Run one request with `fetch` (the browser, and the desktop app's main process). The answer is
 * the route's JSON, checked: a list of updates, an update, or nothing for a delete.
 */
export async function pipelineFetch(address: string, req: PipelineRequest, fetchImpl: typeof fetch = fetch, timeoutMs = PIPELINE_TIMEOUT_MS): Promise<unknown> {
  const { method, path, body } = routeOf(req)
  const ctrl = new AbortController()
  const timer = setTimeout(() => ctrl.abort(), timeoutMs)
  let res: Response
  let text: string
  try {
    try {
      res = await fetchImpl(`${address}${path}`, {
        method,
        headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
        signal: ctrl.signal,
        credentials: 'omit',
        redirect: 'error'
      })
    } catch {
      if (ctrl.signal.aborted) throw new PipelineError('timeout', `The Pipeline at ${address} did not answer within ${Math.round(timeoutMs / 1000)} seconds`)
      throw new PipelineError('network', `The Pipeline at ${address} could not be reached (the connection failed or was dropped)`)
    }
    if (!res.ok) throw new PipelineError('http', `The Pipeline at ${address} did not accept it: ${describeHttp(res.status)}`, res.status)
    try {
      text = await res.text()
    } catch {
      throw new PipelineError(ctrl.signal.aborted ? 'timeout' : 'network', `The Pipeline at ${address} stopped answering part-way through`)
    }
  } finally {
    clearTimeout(timer)
  }
  if (req.action === 'delete') return null
  if (text.length > PIPELINE_MAX_RESPONSE_CHARS) throw new PipelineError('response', `The Pipeline at ${address} sent back far more than a list of status updates`)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new PipelineError('response', `The Pipeline at ${address} sent back something that is not JSON`)
  }
}

/** Check what a Pipeline sent back: the shape the route promises, or a PipelineError. */
export function checkPipelineAnswer(address: string, req: PipelineRequest, answer: unknown): readonly StatusUpdate[] | StatusUpdate | null {
  const bad = (): PipelineError => new PipelineError('response', `The Pipeline at ${address} sent back status updates Fortnight could not read`)
  if (req.action === 'delete') return null
  if (req.action === 'list') {
    if (!Array.isArray(answer)) throw bad()
    const out: StatusUpdate[] = []
    // One malformed item (someone else's odd update) does not hide the others.
    for (const item of answer) {
      const r = statusUpdateSchema.safeParse(item)
      if (r.success) out.push(r.data)
    }
    if (answer.length > 0 && out.length === 0) throw bad()
    return out
  }
  const r = statusUpdateSchema.safeParse(answer)
  if (!r.success || r.data.Id < 1) throw bad()
  return r.data
}

/** A transport over `fetch`. */
export function fetchTransport(address: string, fetchImpl: typeof fetch = fetch, timeoutMs = PIPELINE_TIMEOUT_MS): PipelineTransport {
  return transportFrom(address, (req) => pipelineFetch(address, req, fetchImpl, timeoutMs))
}

/** A transport from any way of running a request (fetch here; the desktop app's IPC in the renderer). */
export function transportFrom(address: string, run: (req: PipelineRequest) => Promise<unknown>): PipelineTransport {
  const call = async (req: PipelineRequest): Promise<readonly StatusUpdate[] | StatusUpdate | null> => checkPipelineAnswer(address, req, await run(req))
  return {
    list: async (pageId) => (await call({ action: 'list', pageId })) as readonly StatusUpdate[],
    create: async (update) => (await call({ action: 'create', update })) as StatusUpdate,
    edit: async (id, update) => (await call({ action: 'edit', id, update })) as StatusUpdate,
    remove: async (id) => {
      await call({ action: 'delete', id })
    }
  }
}

// ---- what to publish ---------------------------------------------------------------------------------

export type PublishState = 'sent' | 'pending' | 'changed'

export interface PlannedUpdate {
  readonly key: string
  readonly cycle: number
  /** The update as it would be sent now (PageId = the project's Pipeline id). */
  readonly update: StatusUpdate
  readonly state: PublishState
  /** The ledger's record, for 'sent' and 'changed'. */
  readonly record: PublishedRecord | null
}

export interface PublishTarget {
  readonly address: string
  readonly pageId: number
}

/**
 * Each status update of a project against the ledger: sent (to this Pipeline and page, as it reads
 * now), changed since it was sent (a colleague's concurrent close arrived later), or pending.
 */
export function planPublish(updates: readonly KeyedStatusUpdate[], published: ReadonlyMap<string, PublishedRecord>, target: PublishTarget): readonly PlannedUpdate[] {
  return updates.map((u) => {
    const update: StatusUpdate = { ...u.update, Id: 0, PageId: target.pageId }
    const rec = published.get(u.key)
    const here = rec !== undefined && rec.address === target.address && rec.pageId === target.pageId
    const state: PublishState = !here ? 'pending' : rec.fingerprint === statusUpdateFingerprint(update) ? 'sent' : 'changed'
    return { key: u.key, cycle: u.cycle, update, state, record: here ? rec : null }
  })
}

export type PublishResult = 'posted' | 'found' | 'edited' | 'failed' | 'not-tried'

export interface PublishOutcome {
  readonly key: string
  readonly cycle: number
  readonly result: PublishResult
  readonly remoteId?: number
  /** For 'failed' and 'not-tried': what happened, for the person. */
  readonly message?: string
}

export interface PublishRun {
  readonly outcomes: readonly PublishOutcome[]
  /** Duplicates removed after posting (two publishers at once), and any that could not be. */
  readonly duplicatesRemoved: number
  readonly duplicatesLeft: number
}

const sameText = (a: string, b: string): boolean => a.replace(/\r\n?/g, '\n').trim() === b.replace(/\r\n?/g, '\n').trim()
const sameUpdate = (a: StatusUpdate, b: StatusUpdate): boolean => sameDateTime(a.UpdateDate, b.UpdateDate) && sameText(a.Text, b.Text)
/**
 * The cycle an update is about: its first line, "Cycle 3 (1 June 2026 to 12 June 2026)"
 * (statusUpdates.ts). Two colleagues whose copies disagreed about a cycle's decision post different
 * texts for the same cycle; this is what says they are one update.
 */
const cycleLine = (u: StatusUpdate): string => u.Text.replace(/\r\n?/g, '\n').trim().split('\n')[0] ?? ''
const sameCycle = (a: StatusUpdate, b: StatusUpdate): boolean => /^Cycle \d+ /.test(cycleLine(a)) && cycleLine(a) === cycleLine(b)

export type RecordPublished = (rec: Omit<PublishedRecord, 'sentAt' | 'by' | 'byName'>) => void

function errorText(e: unknown): string {
  return e instanceof PipelineError ? e.message : 'Something went wrong while talking to the Pipeline'
}

/**
 * Publish one project's pending and changed updates (see the note at the top). `record` writes the
 * ledger; it is called once per update the Pipeline has, as soon as it is known.
 */
export async function publishProject(opts: {
  readonly planned: readonly PlannedUpdate[]
  readonly target: PublishTarget
  readonly transport: PipelineTransport
  readonly record: RecordPublished
}): Promise<PublishRun> {
  const { target, transport, record } = opts
  const todo = opts.planned.filter((p) => p.state !== 'sent').sort((a, b) => a.cycle - b.cycle)
  if (todo.length === 0) return { outcomes: [], duplicatesRemoved: 0, duplicatesLeft: 0 }
  const rec = (p: PlannedUpdate, remoteId: number, found: boolean): void =>
    record({ key: p.key, remoteId, address: target.address, pageId: target.pageId, fingerprint: statusUpdateFingerprint(p.update), found })

  let remote: StatusUpdate[]
  try {
    remote = [...(await transport.list(target.pageId))]
  } catch (e) {
    const message = `${errorText(e)}. Nothing was sent: Fortnight reads the project’s updates on the Pipeline first, so none is sent twice`
    return { outcomes: todo.map((p) => ({ key: p.key, cycle: p.cycle, result: 'failed', message })), duplicatesRemoved: 0, duplicatesLeft: 0 }
  }

  const outcomes: PublishOutcome[] = []
  const posted: PlannedUpdate[] = []
  let failed: string | null = null
  for (const p of todo) {
    if (failed !== null) {
      outcomes.push({ key: p.key, cycle: p.cycle, result: 'not-tried', message: `Not sent after the earlier failure: it stays pending` })
      continue
    }
    const there = remote.filter((r) => sameUpdate(r, p.update)).sort((a, b) => a.Id - b.Id)[0]
    try {
      if (there) {
        // Already on the Pipeline (a lost answer, a lost ledger, or a colleague's publish).
        rec(p, there.Id, true)
        outcomes.push({ key: p.key, cycle: p.cycle, result: 'found', remoteId: there.Id })
      } else if (
        (p.state === 'changed' && p.record && remote.some((r) => r.Id === p.record?.remoteId)) ||
        remote.some((r) => sameCycle(r, p.update))
      ) {
        // Our changed update, or the same cycle published by a colleague whose copy said otherwise:
        // edit that one in place (the lowest Id), never post a second update for the cycle.
        const id =
          p.record && remote.some((r) => r.Id === p.record?.remoteId)
            ? p.record.remoteId
            : remote.filter((r) => sameCycle(r, p.update)).sort((a, b) => a.Id - b.Id)[0]!.Id
        await transport.edit(id, { ...p.update, Id: id })
        rec(p, id, false)
        remote = remote.map((r) => (r.Id === id ? { ...p.update, Id: id } : r))
        posted.push(p)
        outcomes.push({ key: p.key, cycle: p.cycle, result: 'edited', remoteId: id })
      } else {
        const created = await transport.create({ ...p.update, Id: 0 })
        rec(p, created.Id, false)
        remote.push({ ...p.update, Id: created.Id })
        posted.push(p)
        outcomes.push({ key: p.key, cycle: p.cycle, result: 'posted', remoteId: created.Id })
      }
    } catch (e) {
      failed = errorText(e)
      outcomes.push({ key: p.key, cycle: p.cycle, result: 'failed', message: `${failed}. It stays pending: try again` })
    }
  }

  // Two publishers at once: keep the lowest Id of each cycle's update, delete the other copies.
  let duplicatesRemoved = 0
  let duplicatesLeft = 0
  if (posted.length > 0) {
    let after: readonly StatusUpdate[] | null = null
    try {
      after = await transport.list(target.pageId)
    } catch {
      after = null // the posts stand; the next publish checks again
    }
    for (const p of after ? posted : []) {
      const copies = (after ?? []).filter((r) => sameUpdate(r, p.update) || sameCycle(r, p.update)).sort((a, b) => a.Id - b.Id)
      const keep = copies[0]
      const i = outcomes.findIndex((o) => o.key === p.key)
      if (!keep) continue
      // A colleague's copy with a lower Id is the one everybody keeps (theirs may have removed ours already).
      if (keep.Id !== outcomes[i]?.remoteId) {
        rec(p, keep.Id, false)
        if (i >= 0) outcomes[i] = { ...outcomes[i]!, remoteId: keep.Id }
      }
      for (const extra of copies.slice(1)) {
        try {
          await transport.remove(extra.Id)
          duplicatesRemoved++
        } catch (e) {
          // Gone already: the other publisher removed the same copy.
          if (e instanceof PipelineError && e.status === 404) duplicatesRemoved++
          else duplicatesLeft++
        }
      }
    }
  }
  return { outcomes, duplicatesRemoved, duplicatesLeft }
}
