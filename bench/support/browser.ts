import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import { extname, join, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { cspHeader } from '../../src/main/security'

export const projectRoot = resolve(import.meta.dirname, '../..')
/** The bench builds its own copy, so it never empties out/web under a concurrent e2e run. */
export const benchWebRoot = join(projectRoot, 'bench/results/web')

/** The same launch flags as the end-to-end tests (measured on these machines, TESTING_HERE.md). */
export { CHROMIUM_ARGS } from '../../test/e2e/support/browser'

/** scripts/find-chromium.mjs when it is there (it knows every usual place), else Debian's path. */
export async function chromiumPath(log: (m: string) => void): Promise<string> {
  const finder = join(projectRoot, 'scripts/find-chromium.mjs')
  if (existsSync(finder)) {
    const mod = (await import(pathToFileURL(finder).href)) as { findChromium?: (o: { install?: boolean; quiet?: boolean }) => string }
    if (mod.findChromium) return mod.findChromium({ install: false, quiet: true })
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  log('no scripts/find-chromium.mjs and no /usr/bin/chromium')
  throw new Error('No Chromium found. On Debian: apt-get install -y chromium (or set FORTNIGHT_CHROMIUM).')
}

export function chromiumVersion(path: string): string | null {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 })
  return r.status === 0 ? (/\d+(\.\d+)+/.exec(r.stdout)?.[0] ?? null) : null
}

let builtThisRun: string | null = null

/**
 * Build the web renderer (vite.web.config.ts, with the test hooks) into bench/results/web, once per bench run however
 * many scenarios ask, or with --no-build reuse that build (or out/web). Vite runs with this node,
 * not npx.
 */
export function webRoot(opts: { noBuild: boolean; log(m: string): void }): string {
  if (builtThisRun) return builtThisRun
  if (opts.noBuild) {
    for (const dir of [benchWebRoot, join(projectRoot, 'out/web')]) if (existsSync(join(dir, 'index.html'))) return dir
    throw new Error('--no-build, but there is no earlier web build (bench/results/web or out/web). Run without --no-build once.')
  }
  const vite = join(createRequire(join(projectRoot, 'package.json')).resolve('vite/package.json'), '../bin/vite.js')
  opts.log('building the web renderer (vite.web.config.ts → bench/results/web)…')
  const started = performance.now()
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.web.config.ts', '--outDir', benchWebRoot, '--logLevel', 'warn'], {
    cwd: projectRoot,
    // The sync bench drives the test hooks (window.__fortnightTest), which only a build with this flag has.
    env: { ...process.env, VITE_FORTNIGHT_TEST_HOOKS: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  })
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status}):\n${r.stderr || r.stdout}`)
  opts.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  builtThisRun = benchWebRoot
  return benchWebRoot
}

export interface RunningServer {
  readonly origin: string
  close(): Promise<void>
}

/**
 * Serve `root` on 127.0.0.1 with the desktop app's CSP. Uses test/e2e/support/static-server.mjs
 * (the e2e tests' server) when it exists, so both load the build the same way; otherwise a
 * minimal server of our own.
 */
export async function serve(root: string): Promise<RunningServer> {
  const shared = join(projectRoot, 'test/e2e/support/static-server.mjs')
  return existsSync(shared) ? serveWith(shared, root) : serveInProcess(root)
}

function serveWith(script: string, root: string): Promise<RunningServer> {
  return new Promise((resolveServer, reject) => {
    const child: ChildProcess = spawn(process.execPath, [script], {
      cwd: projectRoot,
      env: { ...process.env, PORT: '0', FORTNIGHT_WEB_ROOT: root, FORTNIGHT_CSP: cspHeader() },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`static server did not start within 10 s:\n${out}`))
    }, 10_000)
    const onData = (chunk: Buffer): void => {
      out += chunk.toString()
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      resolveServer({
        origin: `http://127.0.0.1:${m[1]}`,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          })
      })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`static server exited (${code}) before listening:\n${out}`))
    })
  })
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/** The fallback server: static files, index.html for extensionless paths, the app's CSP. */
export function serveInProcess(root: string): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = resolve(root, '.' + (path.endsWith('/') ? path + 'index.html' : path))
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(404).end()
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (extname(file)) return void res.writeHead(404).end('Not found')
      file = join(root, 'index.html')
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': cspHeader()
    })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolveServer, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      resolveServer({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}
