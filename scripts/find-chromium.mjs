#!/usr/bin/env node
// Finds a Chromium for the end-to-end tests, so `npm ci && npm test` is the whole set-up.
//
// Order: FORTNIGHT_CHROMIUM, CHROME_PATH, PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH; the system's Chromium
// or Chrome; Playwright's own browsers (newest first). With `install: true`, root on Debian or
// Ubuntu gets Debian's `chromium` from apt-get when nothing is found. Otherwise it throws a message
// that says exactly how to get one.
//
//   node scripts/find-chromium.mjs             print the path (exit 1 with the message if none)
//   node scripts/find-chromium.mjs --install   the same, installing with apt-get when it can
import { spawnSync } from 'node:child_process'
import { accessSync, constants, readdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const ENV_VARS = ['FORTNIGHT_CHROMIUM', 'CHROME_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']

const SYSTEM_PATHS = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome'
  ],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: [
    join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google\\Chrome\\Application\\chrome.exe'),
    join(process.env.LOCALAPPDATA ?? '', 'Google\\Chrome\\Application\\chrome.exe')
  ]
}

/** Where Playwright keeps the browsers that `npx playwright install` downloads. */
function playwrightCacheDir() {
  if (process.env.PLAYWRIGHT_BROWSERS_PATH && process.env.PLAYWRIGHT_BROWSERS_PATH !== '0') return process.env.PLAYWRIGHT_BROWSERS_PATH
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'ms-playwright')
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? homedir(), 'ms-playwright')
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ms-playwright')
}

/** chromium-<revision>/chrome-linux*\/chrome, highest revision first; then the headless shells. */
function playwrightBrowsers() {
  const dir = playwrightCacheDir()
  let entries
  try {
    entries = readdirSync(dir)
  } catch {
    return []
  }
  const byRevision = (prefix) =>
    entries
      .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .sort((a, b) => Number(b.slice(prefix.length)) - Number(a.slice(prefix.length)))
      .map((name) => join(dir, name))
  const inside = (browserDir, pattern, exe) => {
    let subdirs
    try {
      subdirs = readdirSync(browserDir).filter((name) => pattern.test(name)).sort().reverse()
    } catch {
      return []
    }
    return subdirs.map((sub) => join(browserDir, sub, exe))
  }
  const exe = process.platform === 'win32' ? 'chrome.exe' : 'chrome'
  const shell = process.platform === 'win32' ? 'headless_shell.exe' : 'headless_shell'
  const platformDir = process.platform === 'win32' ? /^chrome-win/ : process.platform === 'darwin' ? /^chrome-mac/ : /^chrome-linux/
  const shellDir = process.platform === 'win32' ? /^chrome-headless-shell-win|^chrome-win/ : process.platform === 'darwin' ? /^chrome-headless-shell-mac|^chrome-mac/ : /^chrome-headless-shell-linux|^chrome-linux/
  return [
    ...byRevision('chromium-').flatMap((d) =>
      process.platform === 'darwin' ? inside(d, platformDir, 'Chromium.app/Contents/MacOS/Chromium') : inside(d, platformDir, exe)
    ),
    ...byRevision('chromium_headless_shell-').flatMap((d) => inside(d, shellDir, shell))
  ]
}

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false
    if (process.platform !== 'win32') accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** "156.0.8078.79" from "Chromium 156.0.8078.79 built on Debian…", or null if it does not run. */
function versionOf(path) {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.error || result.status !== 0) return null
  const match = /\d+(\.\d+){1,3}/.exec(result.stdout)
  return match ? match[0] : null
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutableFile(join(dir, command)))
}

export function howToGetChromium() {
  return [
    'Get one, then run the tests again:',
    '  Debian:             sudo apt-get install -y chromium        (gives /usr/bin/chromium)',
    '  Ubuntu:             sudo snap install chromium              (gives /snap/bin/chromium)',
    '  any Chromium/Chrome already on this machine:',
    '                      FORTNIGHT_CHROMIUM=/path/to/chrome npm test',
    "  with access to Playwright's download server:",
    '                      npx playwright install chromium'
  ].join('\n')
}

/** Every place looked, in order, with what was there. */
function search(log) {
  for (const name of ENV_VARS) {
    const value = process.env[name]
    if (!value) continue
    // A path someone set on purpose must work: falling through to another browser would hide the mistake.
    if (!isExecutableFile(value)) throw new Error(`${name} is set to "${value}", but there is no executable file there.\n${howToGetChromium()}`)
    const version = versionOf(value)
    if (!version) throw new Error(`${name} is set to "${value}", but "${value} --version" failed, so it cannot be used.\n${howToGetChromium()}`)
    return { path: value, version, source: name }
  }
  const candidates = [...(SYSTEM_PATHS[process.platform] ?? []), ...playwrightBrowsers()]
  for (const path of candidates) {
    if (!isExecutableFile(path)) continue
    const version = versionOf(path)
    if (version) return { path, version, source: 'found' }
    log.push(`  ${path} is there but "--version" failed; skipped`)
  }
  return null
}

function describeSearch(log) {
  const systemPaths = SYSTEM_PATHS[process.platform] ?? []
  return [
    `No Chromium found for the end-to-end tests. Looked at:`,
    `  the environment variables ${ENV_VARS.join(', ')} (none set)`,
    ...systemPaths.map((p) => `  ${p}`),
    `  Playwright's browsers in ${playwrightCacheDir()}`,
    ...log
  ].join('\n')
}

function installWithApt() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const steps = [
    ['apt-get', ['update', '-qq']],
    ['apt-get', ['install', '-y', '-qq', 'chromium']]
  ]
  console.log('No Chromium found; installing Debian\'s chromium (about 30 s):')
  for (const [command, args] of steps) {
    console.log(`  $ DEBIAN_FRONTEND=noninteractive ${command} ${args.join(' ')}`)
    const result = spawnSync(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] })
    if (result.error || result.status !== 0) {
      const why = result.error ? result.error.message : `exit code ${result.status}`
      throw new Error(`"${command} ${args.join(' ')}" failed (${why}), so there is no Chromium for the end-to-end tests.\n${howToGetChromium()}`)
    }
  }
}

/**
 * The path of a Chromium that runs. Prints "Using Chromium <version> at <path>" unless `quiet`.
 * Throws an Error whose message says how to get one when there is none.
 *
 * @param {{ install?: boolean, quiet?: boolean }} [options]
 * @returns {string}
 */
export function findChromium({ install = false, quiet = false } = {}) {
  const log = []
  let found = search(log)
  if (!found) {
    const canInstall = install && process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get')
    if (!canInstall) {
      const why = !install
        ? ''
        : process.platform !== 'linux' || !onPath('apt-get')
          ? '(Not installing one: this is not a machine with apt-get.)\n'
          : '(Not installing one: that needs root, and the tests never ask for a password.)\n'
      throw new Error(`${describeSearch(log)}\n${why}${howToGetChromium()}`)
    }
    installWithApt()
    found = search(log)
    if (!found) throw new Error(`${describeSearch(log)}\napt-get installed chromium, but it still cannot be found or run.\n${howToGetChromium()}`)
  }
  if (!quiet) console.log(`Using Chromium ${found.version} at ${found.path}${found.source === 'found' ? '' : ` (from ${found.source})`}`)
  return found.path
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const path = findChromium({ install: process.argv.includes('--install'), quiet: true })
    console.log(path)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}
