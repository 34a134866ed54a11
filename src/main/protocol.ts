// The app:// scheme: serves the built renderer (out/renderer) to the window.
// Pure apart from reading files, so it is tested in node with real Request/Response objects.
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { CustomScheme } from 'electron'
import { APP_HOST, APP_SCHEME, cspHeader } from './security'
import contentTypes from './contentTypes.json'

/** Registered before app 'ready': standard + secure gives app:// a real origin, IndexedDB and fetch. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true }
}

// One table for the desktop app's app:// protocol and the E2E static server, so both serve alike.
const CONTENT_TYPES: Record<string, string> = contentTypes

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps an app:// URL to a file inside `root`, or null when the URL is not ours, is malformed,
 * or would leave `root` (../, %2e%2e%2f, encoded backslashes, absolute paths, NUL bytes).
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null

  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html'

  const base = resolve(root)
  const target = resolve(base, '.' + pathname.replace(/\\/g, '/'))
  const rel = relative(base, target)
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || rel.startsWith('../') || isAbsolute(rel)) return null
  return target
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': cspHeader(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin'
  }
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: securityHeaders('text/plain; charset=utf-8') })
}

export type ReadAppFile = (path: string) => Promise<Uint8Array>

/**
 * Answers one app:// request. Unknown paths are 404; an extensionless path that is not a file
 * (a client-side route after a reload) gets index.html.
 */
export async function serveAppRequest(root: string, request: Request, read: ReadAppFile = readFile): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed')
  const filePath = resolveAppPath(root, request.url)
  if (!filePath) return textResponse(404, 'Not found')

  const candidates = extname(filePath) === '' ? [filePath, resolve(root, 'index.html')] : [filePath]
  for (const candidate of candidates) {
    try {
      const body = await read(candidate)
      const headers = securityHeaders(contentTypeFor(candidate))
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
    } catch {
      // Not found (or a directory): try the next candidate.
    }
  }
  return textResponse(404, 'Not found')
}
