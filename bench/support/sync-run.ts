// The sync bench's browsers, run by bench/scenarios/sync-propagation.ts inside a loopback-only
// network namespace (`unshare -rn`), so WebRTC can only use 127.0.0.1. Prints one JSON line.
//
// Two separate Chromium processes (own user-data dirs). Both the Fortnight stack (a project shared
// through a team invite: encrypted team room, persistence, the app's React screens) and bare
// y-webrtc (a plain Y.Doc, no password, same signaling server) are measured in the same two
// browsers, one edit at a time, alternating, so both see the same machine. Then again, as a second
// figure, once mentor and viewer invites exist, so both team peers also keep mirrors in those rooms.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { startSignalingServer } from '../../src/main/signaling/server'
import { CHROMIUM_ARGS, serve } from './browser'

// The bench's build has the test hooks (bench/support/browser.ts builds with VITE_FORTNIGHT_TEST_HOOKS=1).
const HOOKED = '/'
const [executablePath, root, editsArg] = process.argv.slice(2)
const edits = Number(editsArg ?? 60)

interface Hooks {
  watch(id: string): void
  write(id: string, text: string): number
  arrivals(): Record<string, number>
  bareJoin(room: string, signaling: string, password?: string): void
  bareConnections(): { webrtcConns: number; synced: boolean }
  status(id: string): { state: string }
  connections(id: string): { webrtcConns: number; bcConns: number }
  mirrorConnections(id: string): readonly { kind: string; webrtcConns: number }[]
}

async function launch(origin: string): Promise<{ context: BrowserContext; page: Page; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fortnight-bench-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    args: [...CHROMIUM_ARGS, '--allow-loopback-in-peer-connection'],
    permissions: ['microphone'],
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    baseURL: origin
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return { context, page, dir }
}

async function welcome(page: Page, name: string): Promise<void> {
  await page.goto(HOOKED)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Start using Fortnight' }).click()
  await page.getByRole('heading', { level: 1, name: 'Your change projects' }).waitFor()
}

async function main(): Promise<void> {
  const server = await serve(root!)
  const signaling = await startSignalingServer({ port: 0, host: '127.0.0.1', token: 'bench-token-0123456789abcdef' })
  const a = await launch(server.origin)
  let b = await launch(server.origin)
  try {
    await welcome(a.page, 'Asha Patel')
    await a.page.getByLabel('Start a new change project').fill('Bench project')
    await a.page.getByRole('button', { name: 'Create project' }).click()
    await a.page.getByRole('heading', { level: 1, name: 'Bench project' }).waitFor()
    const projectId = /#\/projects\/([^/?]+)/.exec(a.page.url())![1]!
    await a.page.goto(`${HOOKED}#/sharing`)
    await a.page.getByLabel('Signaling addresses').fill(signaling.url)
    await a.page.getByRole('button', { name: 'Save sync settings' }).click()
    await a.page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
    await a.page.getByRole('button', { name: 'Create invite' }).click()
    const code = await a.page.getByLabel('Invite code').inputValue()
    await a.page.goto(`${HOOKED}#/projects/${projectId}`)

    await welcome(b.page, 'Ben Jones')
    await b.page.goto(`${HOOKED}#/join`)
    await b.page.getByLabel('Invite code or link').fill(code)
    await b.page.getByRole('button', { name: 'Join' }).click()
    await b.page.getByRole('heading', { level: 1, name: 'Bench project' }).waitFor({ timeout: 30_000 })

    // Launch → synced: restart B's browser (same profile, key kept) and time until it is up to date.
    await b.context.close()
    const dirB = b.dir
    const t0 = performance.now()
    const context = await chromium.launchPersistentContext(dirB, {
      executablePath,
      args: [...CHROMIUM_ARGS, '--allow-loopback-in-peer-connection'],
      permissions: ['microphone'],
      baseURL: server.origin
    })
    b = { context, page: context.pages()[0] ?? (await context.newPage()), dir: dirB }
    await b.page.goto(`${HOOKED}#/projects/${projectId}`)
    await b.page.waitForFunction((id) => (window.__fortnightTest as unknown as Hooks | undefined)?.status(id).state === 'synced', projectId, { polling: 10, timeout: 30_000 })
    const launchToSyncedOurs = performance.now() - t0
    const conns = await b.page.evaluate((id) => (window.__fortnightTest as unknown as Hooks).connections(id), projectId)

    // Bare y-webrtc in the same two browsers.
    // With a room password, as Fortnight's rooms have: y-webrtc then encrypts every message itself
    // (AES-GCM), so the ratio measures what Fortnight adds, not the cost of encryption.
    const room = `bench-bare-${Math.random().toString(36).slice(2)}`
    const password = Math.random().toString(36).slice(2)
    await a.page.evaluate(([r, s, p]) => (window.__fortnightTest as unknown as Hooks).bareJoin(r!, s!, p!), [room, signaling.url, password])
    const t1 = performance.now()
    await b.page.evaluate(([r, s, p]) => (window.__fortnightTest as unknown as Hooks).bareJoin(r!, s!, p!), [room, signaling.url, password])
    await b.page.waitForFunction(() => (window.__fortnightTest as unknown as Hooks).bareConnections().synced, null, { polling: 10, timeout: 30_000 })
    const joinToSyncedBare = performance.now() - t1

    await b.page.evaluate((id) => {
      const h = window.__fortnightTest as unknown as Hooks
      h.watch(id)
      h.watch('bare')
    }, projectId)
    // One edit at a time, alternating ours / bare, so both see the same machine.
    const measure = async (label: string, count: number): Promise<{ ours: number[]; bare: number[] }> => {
      const ours: number[] = []
      const bare: number[] = []
      for (let i = 0; i < count + 5; i++) {
        for (const [docId, into] of [
          [projectId, ours],
          ['bare', bare]
        ] as const) {
          const text = `${label}-${docId === 'bare' ? 'bare' : 'ours'}-${i}`
          const sent = await a.page.evaluate(([id, t]) => (window.__fortnightTest as unknown as Hooks).write(id!, t!), [docId, text])
          const got = await b.page.waitForFunction((t) => (window.__fortnightTest as unknown as Hooks).arrivals()[t], text, { polling: 5, timeout: 10_000 })
          const arrived = (await got.jsonValue()) as number
          if (i >= 5) into.push(arrived - sent) // the first few warm up JIT and the data channel
        }
      }
      return { ours, bare }
    }
    // Headline: the project as shared here, with a team invite only (no mentor or viewer rooms).
    const { ours, bare } = await measure('team', edits)
    const mirrorsBefore = await a.page.evaluate((id) => (window.__fortnightTest as unknown as Hooks).mirrorConnections(id), projectId)

    // Second figure: the same project once a mentor and a viewer invite exist, so both team peers
    // also keep mirrors in the mentor and viewer rooms (nobody joins as mentor: the team's own cost).
    await a.page.goto(`${HOOKED}#/projects/${projectId}/sharing`)
    for (const role of ['Mentor', 'Viewer']) {
      await a.page.getByLabel(role, { exact: true }).check()
      await a.page.getByRole('button', { name: 'Create invite' }).click()
      await a.page.getByRole('heading', { name: `Invite for a ${role.toLowerCase()}` }).waitFor()
    }
    await a.page.goto(`${HOOKED}#/projects/${projectId}`)
    for (const p of [a.page, b.page]) {
      await p.waitForFunction(
        (id) => {
          const m = (window.__fortnightTest as unknown as Hooks).mirrorConnections(id)
          return m.length === 2 && m.every((c) => c.webrtcConns > 0)
        },
        projectId,
        { polling: 20, timeout: 30_000 }
      )
    }
    const withMirrors = await measure('mirrors', edits)
    console.log(JSON.stringify({ ours, bare, oursWithMirrors: withMirrors.ours, bareWithMirrors: withMirrors.bare, mirrorsBefore, launchToSyncedOurs, joinToSyncedBare, conns }))
  } finally {
    await a.context.close().catch(() => {})
    await b.context.close().catch(() => {})
    rmSync(a.dir, { recursive: true, force: true })
    rmSync(b.dir, { recursive: true, force: true })
    await signaling.close()
    await server.close()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
    process.exit(1)
  }
)
