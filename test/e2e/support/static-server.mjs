#!/usr/bin/env node
// A tiny static server for the built web renderer, used by Playwright's `webServer`.
// Plain node:http, so what the tests load is exactly the files in the build (no dev transforms,
// no Vite config evaluated at serve time).
//
//   FORTNIGHT_WEB_ROOT  folder to serve (default: out/web)
//   PORT                port on 127.0.0.1 (default: 0 = any free port; the chosen one is printed)
//   FORTNIGHT_CSP       Content-Security-Policy header to send (the config passes the desktop app's)
//
// Extensionless paths that are not files get index.html (client-side routes after a reload);
// a missing file with an extension is a 404, so a broken asset URL fails loudly instead of
// quietly receiving HTML.
import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'

const projectRoot = resolve(import.meta.dirname, '../../..')
const root = resolve(projectRoot, process.env.FORTNIGHT_WEB_ROOT || 'out/web')
const port = Number(process.env.PORT ?? 0)
const csp = process.env.FORTNIGHT_CSP

// The same table as the desktop app's app:// protocol (src/main/contentTypes.json).
const CONTENT_TYPES = JSON.parse(readFileSync(new URL('../../../src/main/contentTypes.json', import.meta.url), 'utf8'))

function fail(message) {
  console.error(`static-server: ${message}`)
  process.exit(1)
}

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT "${process.env.PORT}" is not a port number.`)
if (!isFile(join(root, 'index.html'))) {
  fail(`${join(root, 'index.html')} does not exist. Build the web renderer first: npm run build:web (node scripts/e2e.mjs does this for you).`)
}

function isFile(path) {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The file inside `root` for a URL path, or null for anything that would leave it. */
function fileFor(urlPath) {
  let pathname
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://localhost').pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  if (pathname.endsWith('/')) pathname += 'index.html'
  const target = resolve(root, '.' + pathname.replace(/\\/g, '/'))
  const rel = relative(root, target)
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return null
  return target
}

function headers(contentType) {
  const h = {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer'
  }
  if (csp) h['Content-Security-Policy'] = csp
  return h
}

function send(res, status, text) {
  res.writeHead(status, headers('text/plain; charset=utf-8'))
  res.end(text)
}

const server = createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed')
  let file = fileFor(req.url ?? '/')
  if (!file) return send(res, 404, 'Not found')
  if (!isFile(file)) {
    if (extname(file) !== '') return send(res, 404, 'Not found')
    file = join(root, 'index.html')
  }
  res.writeHead(200, headers(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'))
  if (req.method === 'HEAD') return res.end()
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res)
})

server.on('error', (error) => fail(error.code === 'EADDRINUSE' ? `port ${port} on 127.0.0.1 is already in use.` : error.message))
server.listen(port, '127.0.0.1', () => {
  const address = server.address()
  const actual = typeof address === 'object' && address ? address.port : port
  console.log(`static-server: serving ${root} at http://127.0.0.1:${actual}/`)
})

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close()
    server.closeAllConnections()
    process.exit(0)
  })
}
