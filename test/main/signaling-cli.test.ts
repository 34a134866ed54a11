// `npm run signal`: the standalone server as a person starts it, on loopback with a free port.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { parseCliArgs } from '../../src/main/signaling/args'

const root = resolve(__dirname, '../..')
const children: ChildProcessWithoutNullStreams[] = []

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'src/main/signaling/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, FORTNIGHT_SIGNAL_TOKEN: '', ...env }
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += String(chunk)))
  child.stderr.on('data', (chunk) => (stderr += String(chunk)))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  const output = (pattern: RegExp): Promise<string> =>
    new Promise((done, fail) => {
      const check = (): void => {
        if (pattern.test(stdout)) done(stdout)
      }
      child.stdout.on('data', check)
      void exited.then(() => (pattern.test(stdout) ? done(stdout) : fail(new Error(`exited without ${pattern}:\n${stdout}\n${stderr}`))))
      check()
    })
  return { child, exited, output, stderr: () => stderr }
}

function pong(url: string): Promise<unknown> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(url)
    ws.once('error', fail)
    ws.once('open', () => ws.send(JSON.stringify({ type: 'ping' })))
    ws.once('message', (data) => {
      done(JSON.parse(String(data)))
      ws.close()
    })
  })
}

describe('signaling CLI', () => {
  it('generates a token, prints it once in a working URL, and stops cleanly on SIGTERM', async () => {
    const cli = run(['--port', '0'])
    const stdout = await cli.output(/Press Ctrl\+C/)
    const urls = stdout.match(/ws:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}/g) ?? []
    expect(urls).toHaveLength(1)
    expect(stdout).toMatch(/shown only this once/)
    expect(stdout).toMatch(/--host 0\.0\.0\.0/)
    expect(await pong(urls[0]!)).toEqual({ type: 'pong' })

    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  }, 30_000)

  it('does not echo a token it was given', async () => {
    const token = 'given-token-0123456789'
    const cli = run(['--port', '0', '--token', token])
    const stdout = await cli.output(/Press Ctrl\+C/)
    expect(stdout).not.toContain(token)
    const port = /127\.0\.0\.1:(\d+)\//.exec(stdout)?.[1]
    expect(await pong(`ws://127.0.0.1:${port}/?token=${token}`)).toEqual({ type: 'pong' })
    cli.child.kill('SIGINT')
    expect(await cli.exited).toBe(0)
  }, 30_000)

  it('refuses a token that is too short, with a reason', async () => {
    const cli = run(['--port', '0'], { FORTNIGHT_SIGNAL_TOKEN: 'short' })
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toMatch(/at least 16 characters/)
  }, 30_000)
})

describe('signaling CLI arguments', () => {
  it('defaults to loopback on port 4444 and reads the token from the environment', () => {
    expect(parseCliArgs([], {})).toEqual({ port: 4444, host: '127.0.0.1', token: undefined })
    expect(parseCliArgs(['--host', '0.0.0.0', '--port', '5000'], { FORTNIGHT_SIGNAL_TOKEN: 'from-env-0123456789' })).toEqual({
      port: 5000,
      host: '0.0.0.0',
      token: 'from-env-0123456789'
    })
    expect(parseCliArgs(['--token', 'flag-wins-0123456789'], { FORTNIGHT_SIGNAL_TOKEN: 'from-env-0123456789' })).toMatchObject({
      token: 'flag-wins-0123456789'
    })
  })

  it('rejects a port that is not a port, and unknown options', () => {
    for (const port of ['', 'abc', '-1', '70000', '4444.5']) {
      expect(() => parseCliArgs([`--port=${port}`], {})).toThrow(/--port must be a whole number/)
    }
    expect(() => parseCliArgs(['--prot', '4444'], {})).toThrow()
  })
})

describe('--allow-origin', () => {
  it('is repeatable, and absent unless given', () => {
    expect(parseCliArgs(['--allow-origin', 'app://fortnight', '--allow-origin', 'http://10.0.0.5:8080'], {})).toMatchObject({
      allowOrigins: ['app://fortnight', 'http://10.0.0.5:8080']
    })
    expect(parseCliArgs([], {})).not.toHaveProperty('allowOrigins')
  })
})
