import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_SCHEME_PRIVILEGES, contentTypeFor, resolveAppPath, serveAppRequest } from '../../src/main/protocol'
import { cspHeader } from '../../src/main/security'

let base: string
let root: string

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'fortnight-protocol-'))
  root = join(base, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Fortnight</title>')
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("hi")')
  // A secret next to the renderer root, to prove traversal cannot reach it.
  await writeFile(join(base, 'secret.txt'), 'top secret')
  await writeFile(join(base, 'renderer-evil.txt'), 'sibling with a shared prefix')
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

const get = (url: string, method = 'GET'): Promise<Response> => serveAppRequest(root, new Request(url, { method }))

describe('app:// privileges', () => {
  it('is standard, secure and fetchable', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true }
    })
  })
})

describe('resolveAppPath', () => {
  it('maps app URLs into the renderer root', () => {
    expect(resolveAppPath(root, 'app://fortnight/index.html')).toBe(resolve(root, 'index.html'))
    expect(resolveAppPath(root, 'app://fortnight/')).toBe(resolve(root, 'index.html'))
    expect(resolveAppPath(root, 'app://fortnight/assets/app.js?v=1#x')).toBe(resolve(root, 'assets/app.js'))
    expect(resolveAppPath(root, 'app://fortnight/my%20file.txt')).toBe(resolve(root, 'my file.txt'))
  })

  it.each([
    'app://fortnight/%2e%2e%2fsecret.txt',
    'app://fortnight/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://fortnight/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://fortnight/..%5csecret.txt',
    'app://fortnight/..%5c..%5cetc%5cpasswd',
    'app://fortnight/%2e%2e%2frenderer-evil.txt',
    'app://fortnight/%2fetc%2fpasswd/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://fortnight/index.html%00.png',
    'app://fortnight/%E0%A4%A',
    'app://other/index.html',
    'https://fortnight/index.html',
    'not a url'
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull()
  })

  it('keeps ../ and %2e%2e/ segments inside the root (the URL parser collapses them)', () => {
    expect(resolveAppPath(root, 'app://fortnight/../../etc/passwd')).toBe(resolve(root, 'etc/passwd'))
    expect(resolveAppPath(root, 'app://fortnight/%2e%2e/%2E%2E/secret.txt')).toBe(resolve(root, 'secret.txt'))
  })
})

describe('serveAppRequest', () => {
  it('serves files with their type and the CSP', async () => {
    const res = await get('app://fortnight/index.html')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<title>Fortnight</title>')
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(cspHeader())
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')

    const js = await get('app://fortnight/assets/app.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('console.log("hi")')
  })

  it.each(['app://fortnight/../../secret.txt', 'app://fortnight/%2e%2e%2fsecret.txt', 'app://fortnight/..%5csecret.txt'])(
    'answers 404 and never the secret for %s',
    async (url) => {
      const res = await get(url)
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('top secret')
    }
  )

  it('404s missing assets but gives index.html to client-side routes', async () => {
    expect((await get('app://fortnight/assets/missing.js')).status).toBe(404)
    const route = await get('app://fortnight/projects/abc')
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<title>Fortnight</title>')
  })

  it('404s a directory and refuses writes', async () => {
    expect((await get('app://fortnight/assets')).status).toBe(200) // extensionless → index.html
    expect((await get('app://fortnight/assets/')).status).toBe(404)
    expect((await get('app://fortnight/index.html', 'POST')).status).toBe(405)
  })

  it('answers HEAD without a body', async () => {
    const res = await get('app://fortnight/index.html', 'HEAD')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })
})

describe('contentTypeFor', () => {
  it('falls back to octet-stream for unknown types', () => {
    expect(contentTypeFor('a.woff2')).toBe('font/woff2')
    expect(contentTypeFor('a.exe')).toBe('application/octet-stream')
  })
})
