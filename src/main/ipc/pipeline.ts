// pipeline:request — publishing status updates to a Pipeline from the desktop app (issue 10).
//
// Why main and not the page: the app:// page's Content-Security-Policy allows connections to
// itself and to WebSocket signaling only (src/main/security.ts: connect-src 'self' ws: wss:), so a
// fetch to https://pipeline… from the renderer is blocked, and widening connect-src to every https
// address would let any script injected into the page send the programme's data anywhere. Main
// makes the call instead, and only this one: to an address that is https (or http on this
// computer, for a test server), without credentials, query or fragment, on one of the four
// status-update routes built here from the request's action, with a body checked against the
// StatusUpdate shape (schemas.ts). The renderer checks the answer's shape (shared/pipeline/publish.ts).
//
// Self-contained on purpose: main's TypeScript project does not take in src/shared, so the address
// rule is repeated here from shared/pipeline/pipelineSettings.ts (test/shared/pipeline/ipc.test.ts
// checks the two agree).
import type { PipelineRequestPayload, PipelineResponse } from '../../preload/contract'

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export const PIPELINE_TIMEOUT_MS = 15_000
export const PIPELINE_MAX_RESPONSE_CHARS = 5 * 1024 * 1024
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The address to call, or why it may not be called. */
export function checkPipelineAddress(raw: string): { ok: true; address: string } | { ok: false; message: string } {
  const a = raw.trim()
  if (a === '') return { ok: false, message: 'Enter the Pipeline’s address in Programme settings first' }
  let u: URL
  try {
    u = new URL(a)
  } catch {
    return { ok: false, message: 'Enter the Pipeline address in full, starting with https://, like https://pipeline.localgov.digital' }
  }
  const loopback = LOOPBACK_HOSTS.has(u.hostname.toLowerCase())
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) return { ok: false, message: 'The Pipeline address must start with https:// (http:// only for a test server on this computer)' }
  if (u.username || u.password) return { ok: false, message: 'Remove the user name and password from the Pipeline address' }
  if (u.search || u.hash || a.includes('#') || a.includes('?')) return { ok: false, message: 'Enter the Pipeline address without anything after a ? or #' }
  return { ok: true, address: `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}` }
}

function route(req: PipelineRequestPayload): { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown } {
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
 * Reads at most `max` characters of a response, aborting past it: a wrong address or a hostile
 * server cannot stream gigabytes into main. Null when it is longer.
 */
async function readLimited(res: Response, max: number, ctrl: AbortController): Promise<string | null> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > max * 4) {
    ctrl.abort()
    return null
  }
  if (!res.body) return ''
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
    if (text.length > max) {
      ctrl.abort()
      await reader.cancel().catch(() => {})
      return null
    }
  }
  return text + decoder.decode()
}

/**
 * Which origins main may call for this app run: the person approves each one the first time
 * (a dialog shown by main, not the page), so a script injected into the page cannot make main
 * talk to another server on the council network.
 */
export interface PipelineOriginGate {
  approve(origin: string): Promise<boolean>
}

export function originGate(ask: (origin: string) => Promise<boolean>): PipelineOriginGate {
  const approved = new Set<string>()
  const refused = new Set<string>()
  return {
    async approve(origin) {
      if (approved.has(origin)) return true
      if (refused.has(origin)) return false
      const yes = await ask(origin).catch(() => false)
      ;(yes ? approved : refused).add(origin)
      return yes
    }
  }
}

export async function handlePipelineRequest(
  fetchImpl: FetchLike,
  req: PipelineRequestPayload,
  timeoutMs = PIPELINE_TIMEOUT_MS,
  gate?: PipelineOriginGate
): Promise<PipelineResponse> {
  const checked = checkPipelineAddress(req.address)
  if (!checked.ok) return { ok: false, kind: 'blocked', message: checked.message }
  const { address } = checked
  const origin = new URL(address).origin
  if (gate && !(await gate.approve(origin))) {
    return { ok: false, kind: 'blocked', message: `Publishing to ${origin} was not allowed on this computer. Publish again and choose Allow if this is your Pipeline` }
  }
  const { method, path, body } = route(req)
  const ctrl = new AbortController()
  const timer = setTimeout(() => ctrl.abort(), timeoutMs)
  try {
    let res: Response
    try {
      res = await fetchImpl(`${address}${path}`, {
        method,
        headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ctrl.signal,
        credentials: 'omit',
        redirect: 'error'
      })
    } catch {
      return ctrl.signal.aborted
        ? { ok: false, kind: 'timeout', message: `The Pipeline at ${address} did not answer within ${Math.round(timeoutMs / 1000)} seconds` }
        : { ok: false, kind: 'network', message: `The Pipeline at ${address} could not be reached (the connection failed or was dropped)` }
    }
    if (!res.ok) return { ok: false, kind: 'http', status: res.status, message: `The Pipeline at ${address} did not accept it: ${describeHttp(res.status)}` }
    let text: string | null
    try {
      text = await readLimited(res, PIPELINE_MAX_RESPONSE_CHARS, ctrl)
    } catch {
      return { ok: false, kind: ctrl.signal.aborted ? 'timeout' : 'network', message: `The Pipeline at ${address} stopped answering part-way through` }
    }
    if (text === null) return { ok: false, kind: 'response', message: `The Pipeline at ${address} sent back far more than a list of status updates` }
    if (req.action === 'delete') return { ok: true, data: null }
    try {
      return { ok: true, data: JSON.parse(text) as unknown }
    } catch {
      return { ok: false, kind: 'response', message: `The Pipeline at ${address} sent back something that is not JSON` }
    }
  } finally {
    clearTimeout(timer)
  }
}
