import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  cspHeader,
  isAllowedExternal,
  isAllowedNavigation,
  isAppUrl,
  isPermissionAllowed,
  validateSender,
  webPreferencesFor
} from '../../src/main/security'

const DEV = 'http://localhost:5173'

describe('webPreferencesFor', () => {
  const prefs = webPreferencesFor('/app/out/preload/index.cjs')

  it('isolates and sandboxes the renderer with no Node', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false
    })
  })
})

describe('cspHeader', () => {
  const directives = new Map(
    cspHeader()
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values] as const)
  )

  it('allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(cspHeader()).not.toContain('unsafe-eval')
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'")
  })

  it('allows inline styles (TipTap, dnd-kit) and ws: for LAN signaling', () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:'])
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(directives.get('font-src')).toEqual(["'self'", 'data:'])
  })

  it('shuts plugins, base tags, framing and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
  })
})

describe('isAllowedNavigation', () => {
  it.each([APP_ENTRY_URL, 'app://fortnight/', 'app://fortnight/projects/123#card'])('allows the app: %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true)
  })

  it.each([
    'app://evil/index.html',
    'app://fortnight.evil.com/index.html',
    'app://user@fortnight/index.html',
    'https://localgov.digital/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
    ''
  ])('blocks %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false)
  })

  it('allows the dev server only when it is given, and only its origin', () => {
    expect(isAllowedNavigation('http://localhost:5173/index.html', DEV)).toBe(true)
    expect(isAllowedNavigation('http://localhost:5174/index.html', DEV)).toBe(false)
    expect(isAllowedNavigation('http://localhost.evil.com:5173/', DEV)).toBe(false)
    expect(isAllowedNavigation('ws://localhost:5173/', DEV)).toBe(false)
  })

  it('compares host, not origin, for app:// (node gives custom schemes an opaque origin)', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null')
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true)
  })
})

describe('isAllowedExternal', () => {
  it.each([
    'https://localgov.digital/',
    'https://pipeline.localgov.digital/projects/42',
    'https://github.com/LocalGovDigital',
    'https://github.com/LocalGovDigital/pipeline/issues'
  ])('allows %s', (url) => {
    expect(isAllowedExternal(url)).toBe(true)
  })

  it.each([
    'https://localgov.digital.evil.com/',
    'https://evil.com/localgov.digital',
    'https://localgov.digital@evil.com/',
    'https://user:pass@localgov.digital/',
    'https://evil-localgov.digital/',
    'http://localgov.digital/',
    'https://localgov.digital:8443/',
    'https://github.com/',
    'https://github.com/evil/LocalGovDigital',
    'https://github.com/LocalGovDigitalEvil/repo',
    'https://github.com.evil.com/LocalGovDigital',
    'javascript:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'app://fortnight/index.html',
    'smb://server/share',
    'not a url'
  ])('refuses %s', (url) => {
    expect(isAllowedExternal(url)).toBe(false)
  })
})

describe('validateSender', () => {
  it('accepts only frames showing the app', () => {
    expect(validateSender('app://fortnight/index.html')).toBe(true)
    expect(validateSender('https://evil.com/')).toBe(false)
    expect(validateSender('file:///tmp/x.html')).toBe(false)
    expect(validateSender('about:blank')).toBe(false)
    expect(validateSender('')).toBe(false)
    expect(validateSender(null)).toBe(false)
    expect(validateSender(undefined)).toBe(false)
  })

  it('accepts the dev server only in development', () => {
    expect(validateSender('http://localhost:5173/', DEV)).toBe(true)
    expect(validateSender('http://localhost:5173/')).toBe(false)
  })
})

describe('isPermissionAllowed', () => {
  it.each(['media', 'display-capture', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown'])(
    'denies %s even to the app',
    (permission) => {
      expect(isPermissionAllowed(permission, 'app://fortnight/')).toBe(false)
    }
  )

  it('grants local network access to the app for LAN signaling, to nobody else', () => {
    expect(isPermissionAllowed('local-network-access', 'app://fortnight')).toBe(true)
    expect(isPermissionAllowed('local-network', 'app://fortnight/index.html')).toBe(true)
    expect(isPermissionAllowed('local-network-access', 'https://evil.com')).toBe(false)
    expect(isPermissionAllowed('local-network-access', '')).toBe(false)
  })
})
