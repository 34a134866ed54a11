import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { chromiumPath, chromiumVersion, projectRoot, webRoot } from '../support/browser'
import { median } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * Edit propagation between two Chromium processes over real WebRTC, Fortnight's stack against
 * bare y-webrtc, side by side in the same run (bench/support/sync-run.ts does the measuring inside
 * a loopback-only network namespace: TESTING_HERE.md's network rule). Also launch → synced.
 */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

export const scenario: Scenario = {
  name: 'sync-propagation',
  description: 'two Chromium processes over WebRTC on loopback: edit propagation, ours vs bare y-webrtc; launch → synced',
  async run(opts) {
    const root = webRoot(opts)
    const executablePath = await chromiumPath(opts.log)
    opts.log(`Chromium ${chromiumVersion(executablePath) ?? '(unknown version)'} at ${executablePath}`)
    const edits = opts.quick ? 30 : 100
    const probe = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' })
    if (probe.status !== 0) throw new Error('unshare -rn is not available here, and WebRTC between the browsers must stay on loopback')
    opts.log(`sync-propagation: ${edits} edits each way, inside unshare -rn…`)
    const r = spawnSync(
      'unshare',
      ['-rn', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, '--import', 'tsx', join(projectRoot, 'bench/support/sync-run.ts'), executablePath, root, String(edits)],
      { cwd: projectRoot, encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * 1024 * 1024 }
    )
    if (r.status !== 0) throw new Error(`the sync bench failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`)
    const line = r.stdout.trim().split('\n').pop() ?? ''
    const data = JSON.parse(line) as {
      ours: number[]
      bare: number[]
      oursWithMirrors: number[]
      bareWithMirrors: number[]
      mirrorsBefore: unknown[]
      launchToSyncedOurs: number
      joinToSyncedBare: number
      conns: { webrtcConns: number; bcConns: number }
    }
    if (data.conns.webrtcConns < 1 || data.conns.bcConns !== 0) throw new Error(`expected WebRTC only, got ${JSON.stringify(data.conns)}`)
    // No mentor or viewer invite yet: no mirror rooms joined (docs/sync.md).
    if (data.mirrorsBefore.length !== 0) throw new Error(`expected no mirror rooms before any mentor invite, got ${JSON.stringify(data.mirrorsBefore)}`)
    const mirrorsHow = `${data.oursWithMirrors.length} edits, after a mentor and a viewer invite (team peers mirror into both rooms), alternating with bare`
    const how = `${data.ours.length} edits, team invite only, alternating with bare`
    const ratio = median(data.ours) / median(data.bare)
    const figures: Figure[] = [
      { name: 'edit propagation, Fortnight, median', value: median(data.ours), unit: 'ms', note: how },
      { name: 'edit propagation, Fortnight, p95', value: percentile(data.ours, 95), unit: 'ms', note: how },
      { name: 'edit propagation, bare y-webrtc, median', value: median(data.bare), unit: 'ms', note: how },
      { name: 'edit propagation, bare y-webrtc, p95', value: percentile(data.bare, 95), unit: 'ms', note: how },
      { name: 'propagation ratio (median, ours / bare)', value: Math.round(ratio * 100) / 100, unit: 'count', target: { value: 1.3, better: 'lower' }, note: 'same run, same browsers' },
      { name: 'propagation ratio (p95, ours / bare)', value: Math.round((percentile(data.ours, 95) / percentile(data.bare, 95)) * 100) / 100, unit: 'count', target: { value: 1.5, better: 'lower' }, note: 'same run' },
      { name: 'with mentor and viewer rooms: Fortnight, median', value: median(data.oursWithMirrors), unit: 'ms', note: mirrorsHow },
      { name: 'with mentor and viewer rooms: Fortnight, p95', value: percentile(data.oursWithMirrors, 95), unit: 'ms', note: mirrorsHow },
      { name: 'with mentor and viewer rooms: bare y-webrtc, median', value: median(data.bareWithMirrors), unit: 'ms', note: 'same batch' },
      { name: 'with mentor and viewer rooms: ratio (median, ours / bare)', value: Math.round((median(data.oursWithMirrors) / median(data.bareWithMirrors)) * 100) / 100, unit: 'count', target: { value: 1.3, better: 'lower' }, note: 'same run, same browsers' },
      { name: 'with mentor and viewer rooms: ratio (p95, ours / bare)', value: Math.round((percentile(data.oursWithMirrors, 95) / percentile(data.bareWithMirrors, 95)) * 100) / 100, unit: 'count', target: { value: 1.5, better: 'lower' }, note: 'same run' },
      { name: 'launch → synced, Fortnight', value: data.launchToSyncedOurs, unit: 'ms', note: 'browser start, open project, until synced' },
      { name: 'join → synced, bare y-webrtc', value: data.joinToSyncedBare, unit: 'ms', note: 'page already loaded' }
    ]
    return { figures, details: data }
  }
}
