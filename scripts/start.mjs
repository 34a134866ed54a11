#!/usr/bin/env node
// `npm start`: the desktop app when Electron's runtime is here, otherwise the same renderer as a
// web app on http://127.0.0.1:<port>/ (IndexedDB and WebRTC work in any Chromium).
//
//   npm start                   desktop if possible, else web on PORT or 5173 (next free port if taken)
//   npm start -- --port 8080    choose the web port (also: PORT=8080 npm start)
//   npm start -- --web          web app even when Electron is available
//
// Nothing here opens a window or a browser in web mode, so it also works on a machine with no display.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const projectRoot = resolve(import.meta.dirname, '..')
const require = createRequire(join(projectRoot, 'package.json'))
const DEFAULT_PORT = 5173

function fail(message) {
  console.error(`npm start: ${message}`)
  process.exit(1)
}

/** --port N, --port=N, or PORT; the flag wins. */
function requestedPort(argv, env) {
  let raw = env.PORT
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') raw = argv[i + 1]
    else if (argv[i].startsWith('--port=')) raw = argv[i].slice('--port='.length)
  }
  if (raw === undefined || raw === '') return DEFAULT_PORT
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`"${raw}" is not a port number (1–65535).`)
  return port
}

/**
 * Is Electron's binary on disk? Checked without `require('electron')`: that call tries to
 * download the binary when it is missing, which cannot work on a machine without internet.
 */
function electronRuntime(env) {
  let packageDir
  try {
    packageDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { ok: false, reason: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  const relativeExe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = join(env.ELECTRON_OVERRIDE_DIST_PATH, relativeExe || 'electron')
    return existsSync(exe) ? { ok: true } : { ok: false, reason: `nothing at ELECTRON_OVERRIDE_DIST_PATH (${exe})` }
  }
  if (!relativeExe) return { ok: false, reason: 'its binary was never downloaded' }
  if (!existsSync(join(packageDir, 'dist', relativeExe))) return { ok: false, reason: 'its binary is missing' }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display to open a window on' }
  }
  return { ok: true }
}

function runDesktop() {
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js')
  const child = spawn(process.execPath, [cli, 'dev'], { cwd: projectRoot, stdio: 'inherit' })
  // Ctrl+C reaches the child through the terminal; just wait for it to finish.
  process.on('SIGINT', () => {})
  process.on('SIGTERM', () => child.kill('SIGTERM'))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}

async function runWeb(port, runtime) {
  // Vite warns that the configs use __dirname (fine today); people running `npm start` can't act on it.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true'
  const { build, preview } = await import('vite')
  const configFile = join(projectRoot, 'vite.web.config.ts')
  if (!existsSync(join(projectRoot, 'src/renderer/index.html'))) fail('src/renderer/index.html is missing, so there is nothing to serve.')

  try {
    // Quiet unless something is wrong: the first line people read should be the one below.
    await build({ configFile, logLevel: 'warn', mode: 'production' })
  } catch (error) {
    fail(`couldn't build the web app: ${error instanceof Error ? error.message : String(error)}`)
  }

  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: false, open: false }
  })
  const address = server.httpServer.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const url = `http://127.0.0.1:${actualPort}/`

  const why = runtime.forced ? 'Fortnight is running' : `Electron's runtime is not available on this machine (${runtime.reason}), so Fortnight is running`
  console.log(`${why} as a web app in your browser at ${url} — your data is kept in this browser's storage.`)
  console.log(`  ➜  Fortnight: ${url}${actualPort === port ? '' : `  (port ${port} was busy)`}`)
  console.log('  Press Ctrl+C to stop.')

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await server.close()
    console.log('Fortnight stopped.')
    process.exit(0)
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop)
}

const argv = process.argv.slice(2)
const port = requestedPort(argv, process.env)
const runtime = argv.includes('--web') ? { ok: false, forced: true } : electronRuntime(process.env)
if (runtime.ok) runDesktop()
else await runWeb(port, runtime)
