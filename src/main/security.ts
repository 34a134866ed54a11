// Pure security policy for the desktop shell. No runtime 'electron' import, so every rule here is
// unit-tested in plain node (test/main/security.test.ts).
import type { WebPreferences } from 'electron'

export const APP_SCHEME = 'app'
export const APP_HOST = 'fortnight'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * Hosts (and for github.com, the first path segment, case-insensitive) that links may open in
 * the person's browser.
 */
export const EXTERNAL_ALLOWLIST: readonly { host: string; pathPrefix?: string }[] = [
  { host: 'localgov.digital' },
  { host: 'www.localgov.digital' },
  { host: 'pipeline.localgov.digital' },
  { host: 'github.com', pathPrefix: '/localgovdigital' }
]

export function webPreferencesFor(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true
  }
}

/** The Content-Security-Policy sent with every app:// response. */
export function cspHeader(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // TipTap and dnd-kit set inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // WebRTC signaling connects over ws:// to addresses on the council's LAN.
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'"
  ].join('; ')
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * True for URLs of the bundled app. Compares scheme and host rather than `origin`: node's URL
 * gives the opaque origin "null" for custom schemes.
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url)
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === ''
}

/** Same origin as the electron-vite dev server (only ever passed in when the app is not packaged). */
function isDevServerUrl(url: string, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false
  const u = parse(url)
  const dev = parse(devServerUrl)
  return u !== null && dev !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin
}

/** The only pages the window may show: the app itself (or the dev server in development). */
export function isAllowedNavigation(url: string, devServerUrl?: string): boolean {
  return isAppUrl(url) || isDevServerUrl(url, devServerUrl)
}

/** IPC is answered only for the app's own frames. */
export function validateSender(frameUrl: string | null | undefined, devServerUrl?: string): boolean {
  return typeof frameUrl === 'string' && isAllowedNavigation(frameUrl, devServerUrl)
}

/** Links that may be handed to the OS browser: https, default port, no credentials, allowlisted. */
export function isAllowedExternal(url: string): boolean {
  const u = parse(url)
  if (!u || u.protocol !== 'https:' || u.port !== '' || u.username !== '' || u.password !== '') return false
  const host = u.hostname.toLowerCase()
  const path = u.pathname.toLowerCase()
  return EXTERNAL_ALLOWLIST.some(
    (entry) =>
      entry.host === host &&
      (entry.pathPrefix === undefined || path === entry.pathPrefix || path.startsWith(`${entry.pathPrefix}/`))
  )
}

/**
 * Chromium's Local Network Access permissions: a signaling WebSocket to a LAN (or loopback)
 * address may need them. WebRTC data channels need no permission at all. Camera and
 * microphone ('media') are never granted: Fortnight has no use for them.
 */
const LAN_PERMISSIONS: ReadonlySet<string> = new Set(['local-network-access', 'local-network', 'loopback-network'])

/** Deny-all permission policy, except LAN access for the app's own pages. */
export function isPermissionAllowed(permission: string, requestingUrl: string, devServerUrl?: string): boolean {
  return LAN_PERMISSIONS.has(permission) && isAllowedNavigation(requestingUrl, devServerUrl)
}
