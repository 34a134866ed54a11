// A small Pipeline-shaped server for tests: the routes and JSON shapes of LocalGov Digital's
// Pipeline API (shared/PIPELINE.md), in plain node:http. The real app is ASP.NET and cannot run
// here. Used by the publish tests (vitest) and the export spec (Playwright), on loopback only.
//
//   GET    /api/project                       ProjectDetailSummary[] (seeded)
//   GET    /api/project/{id}                  ProjectViewModel, or JSON null for an id below 1 (or unknown)
//   GET    /api/project-status/list/{pageId}  StatusUpdate[] of that page, oldest Id first
//   POST   /api/project-status/update         creates one (assigns Id) and returns it
//   POST   /api/project-status/edit/{id}      edits one and returns it
//   DELETE /api/project-status/delete/{id}    deletes one
//
// Every body is validated against the Pipeline's shapes (400 with a message otherwise). Failure
// injection: `failNext(n, mode, route)` makes the next n matching requests fail with a 500, drop
// the connection before doing anything, or store the update and then drop the connection (the
// answer is lost but the Pipeline has it). CORS headers on every answer, so a page may call it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { statusUpdateSchema, type ProjectDetailSummary, type ProjectViewModel, type StatusUpdate } from '../../src/shared/pipeline/shapes'

export type FailureMode = '500' | 'drop' | 'drop-after-store'
export type FailRoute = 'create' | 'edit' | 'delete' | 'list' | 'any'

export interface LoggedRequest {
  readonly method: string
  readonly path: string
  readonly body: unknown
  readonly status: number | 'dropped'
}

export interface PipelineServer {
  readonly url: string
  readonly port: number
  /** Status updates held, by Id. */
  readonly updates: ReadonlyMap<number, StatusUpdate>
  readonly requests: readonly LoggedRequest[]
  /** Status updates of one page, oldest Id first. */
  updatesOf(pageId: number): StatusUpdate[]
  seedProject(summary: ProjectDetailSummary, viewModel: ProjectViewModel): void
  /** Put an update on the Pipeline as if someone else had posted it; returns it with its Id. */
  seedUpdate(update: Omit<StatusUpdate, 'Id'>): StatusUpdate
  failNext(times: number, mode?: FailureMode, route?: FailRoute): void
  /** Hold the next matching request until `release()` (to line up two publishers). */
  holdNext(route: FailRoute): { readonly reached: Promise<void>; release(): void }
  close(): Promise<void>
}

const MAX_BODY = 1024 * 1024

export async function startPipelineServer(options: { port?: number; host?: string; listBug?: boolean } = {}): Promise<PipelineServer> {
  const updates = new Map<number, StatusUpdate>()
  const projects = new Map<number, { summary: ProjectDetailSummary; viewModel: ProjectViewModel }>()
  const requests: LoggedRequest[] = []
  const failures: { route: FailRoute; mode: FailureMode }[] = []
  const holds: { route: FailRoute; reached: () => void; gate: Promise<void> }[] = []
  const sockets = new Set<Socket>()
  let nextId = 1

  const routeOf = (method: string, path: string): FailRoute | null => {
    if (method === 'POST' && path === '/api/project-status/update') return 'create'
    if (method === 'POST' && path.startsWith('/api/project-status/edit/')) return 'edit'
    if (method === 'DELETE' && path.startsWith('/api/project-status/delete/')) return 'delete'
    if (method === 'GET' && path.startsWith('/api/project-status/list/')) return 'list'
    return null
  }

  const cors = (res: ServerResponse): void => {
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS')
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept')
    res.setHeader('Access-Control-Max-Age', '600')
  }

  const send = (req: LoggedRequest, res: ServerResponse, status: number, body: unknown): void => {
    requests.push({ ...req, status })
    cors(res)
    res.statusCode = status
    if (body === undefined) return void res.end()
    res.setHeader('Content-Type', 'application/json; charset=utf-8')
    res.end(JSON.stringify(body))
  }

  const readBody = (req: IncomingMessage): Promise<string | null> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = []
      let size = 0
      req.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_BODY) {
          resolve(null)
          req.destroy()
        } else chunks.push(c)
      })
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      req.on('error', () => resolve(null))
    })

  const idFrom = (path: string, prefix: string): number | null => {
    const rest = path.slice(prefix.length)
    return /^-?\d{1,10}$/.test(rest) ? Number(rest) : null
  }

  const validUpdate = (raw: string | null): { ok: true; update: StatusUpdate } | { ok: false; message: string } => {
    if (raw === null) return { ok: false, message: 'The request body is too large.' }
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      return { ok: false, message: 'The request body is not JSON.' }
    }
    const r = statusUpdateSchema.safeParse(json)
    if (!r.success) return { ok: false, message: `Not a StatusUpdate: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }
    if (r.data.PageId < 1) return { ok: false, message: 'PageId must be the id of a project page.' }
    return { ok: true, update: r.data }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET'
      const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '')
      const raw = method === 'POST' ? await readBody(req) : ''
      let body: unknown = raw
      try {
        body = raw ? JSON.parse(raw) : undefined
      } catch {
        body = raw
      }
      const logged = { method, path, body, status: 0 as number | 'dropped' }
      if (method === 'OPTIONS') return send(logged, res, 204, undefined)

      const route = routeOf(method, path)
      const hold = route ? holds.findIndex((h) => h.route === route || h.route === 'any') : -1
      if (hold >= 0) {
        const [h] = holds.splice(hold, 1)
        h!.reached()
        await h!.gate
      }
      const fail = route ? failures.findIndex((f) => f.route === route || f.route === 'any') : -1
      const failure = fail >= 0 ? failures.splice(fail, 1)[0]! : null
      const drop = (): void => {
        requests.push({ ...logged, status: 'dropped' })
        req.socket.destroy()
      }
      if (failure?.mode === '500') return send(logged, res, 500, { Message: 'An error has occurred.' })
      if (failure?.mode === 'drop') return drop()

      if (method === 'GET' && path === '/api/project') {
        // The real list endpoint has a bug and answers []: `listBug` reproduces it.
        return send(logged, res, 200, options.listBug ? [] : [...projects.values()].map((p) => p.summary))
      }
      if (method === 'GET' && path.startsWith('/api/project/')) {
        const id = idFrom(path, '/api/project/')
        if (id === null) return send(logged, res, 404, { Message: 'No route matches.' })
        return send(logged, res, 200, id < 1 ? null : (projects.get(id)?.viewModel ?? null))
      }
      if (route === 'list') {
        const pageId = idFrom(path, '/api/project-status/list/')
        if (pageId === null) return send(logged, res, 404, { Message: 'No route matches.' })
        return send(logged, res, 200, [...updates.values()].filter((u) => u.PageId === pageId).sort((a, b) => a.Id - b.Id))
      }
      if (route === 'create') {
        const v = validUpdate(raw)
        if (!v.ok) return send(logged, res, 400, { Message: v.message })
        const created: StatusUpdate = { ...v.update, Id: nextId++ }
        updates.set(created.Id, created)
        if (failure?.mode === 'drop-after-store') return drop()
        return send(logged, res, 200, created)
      }
      if (route === 'edit') {
        const id = idFrom(path, '/api/project-status/edit/')
        const v = validUpdate(raw)
        if (id === null || !updates.has(id)) return send(logged, res, 404, { Message: 'No such status update.' })
        if (!v.ok) return send(logged, res, 400, { Message: v.message })
        const edited: StatusUpdate = { ...v.update, Id: id }
        updates.set(id, edited)
        if (failure?.mode === 'drop-after-store') return drop()
        return send(logged, res, 200, edited)
      }
      if (route === 'delete') {
        const id = idFrom(path, '/api/project-status/delete/')
        if (id === null || !updates.has(id)) return send(logged, res, 404, { Message: 'No such status update.' })
        updates.delete(id)
        if (failure?.mode === 'drop-after-store') return drop()
        return send(logged, res, 200, undefined)
      }
      return send(logged, res, 404, { Message: 'No route matches.' })
    })().catch(() => {
      res.statusCode = 500
      res.end()
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = options.host ?? '127.0.0.1'

  return {
    url: `http://${host}:${port}`,
    port,
    updates,
    requests,
    updatesOf: (pageId) => [...updates.values()].filter((u) => u.PageId === pageId).sort((a, b) => a.Id - b.Id),
    seedProject(summary, viewModel) {
      projects.set(summary.Id, { summary, viewModel })
    },
    seedUpdate(update) {
      const u = { ...update, Id: nextId++ }
      updates.set(u.Id, u)
      return u
    },
    failNext(times, mode = '500', route = 'create') {
      for (let i = 0; i < times; i++) failures.push({ route, mode })
    },
    holdNext(route) {
      let reached!: () => void
      let release!: () => void
      const reachedP = new Promise<void>((r) => (reached = r))
      const gate = new Promise<void>((r) => (release = r))
      holds.push({ route, reached, gate })
      return { reached: reachedP, release }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
