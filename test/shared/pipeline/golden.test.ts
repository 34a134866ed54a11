// Golden files: the fixture programme (test/fixtures/pipeline/programme.ts, built with the domain
// operations on a scripted clock) exports to exactly the files under test/fixtures/pipeline/,
// compared byte for byte. After a deliberate change of format, regenerate them with
//   UPDATE_GOLDEN=1 npx vitest run test/shared/pipeline/golden.test.ts
// and read the diff before committing it: a golden file is only as right as its review.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPipelineOrganisation, readProjectIndex } from '@shared/doc'
import { exportFiles, readProjectExport, type ProjectExport } from '@shared/pipeline/projectExport'
import { londonDateTime, londonDateTimeWithOffset, sameDateTime } from '@shared/pipeline/shapes'
import { IDS, pipelineProgramme } from '../../fixtures/pipeline/programme'

const DIR = join(__dirname, '../../fixtures/pipeline')

function golden(name: string, actual: string): void {
  const path = join(DIR, name)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual)
  expect(actual, `${name} differs from its golden file`).toBe(readFileSync(path, 'utf8'))
}

function exportAll(): ProjectExport[] {
  const fx = pipelineProgramme()
  const org = readPipelineOrganisation(fx.programme)
  return readProjectIndex(fx.programme).map((p) => readProjectExport(fx.projects.get(p.id)!, org)!)
}

describe('the fixture programme exports exactly as the golden files', () => {
  const all = exportAll()

  it('the whole programme: summaries, details with status updates, and the admin CSV', () => {
    const files = exportFiles(all)
    expect(files.map((f) => f.name)).toEqual(['pipeline-projects.json', 'pipeline-project-details.json', 'PipelineReports.csv'])
    for (const f of files) golden(f.name, f.content)
  })

  it('one project: its own details file named from its title', () => {
    const blue = all.find((e) => e.projectId === IDS.blueBadge)!
    const files = exportFiles([blue])
    expect(files.map((f) => f.name)).toEqual(['pipeline-projects.json', 'pipeline-project-blue-badge-renewals.json', 'PipelineReports.csv'])
    golden('single/pipeline-projects.json', files[0]!.content)
    golden('single/pipeline-project-blue-badge-renewals.json', files[1]!.content)
    golden('single/PipelineReports.csv', files[2]!.content)
  })

  it('status updates: one per closed cycle, keyed by project and cycle', () => {
    const updates = all.flatMap((e) => e.statusUpdates)
    golden('status-updates.json', `${JSON.stringify(updates, null, 2)}\n`)
    expect(updates.map((u) => u.key)).toEqual([`${IDS.hostile}:cycle:1`, `${IDS.blueBadge}:cycle:1`, `${IDS.blueBadge}:cycle:2`])
  })

  it('is the same on every run (no clock, random id or map order leaks in)', () => {
    const again = exportAll()
    expect(exportFiles(again).map((f) => f.content)).toEqual(exportFiles(all).map((f) => f.content))
  })
})

describe('dates as Json.NET writes them, in London time', () => {
  it('follows the clock changes: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October', () => {
    expect(londonDateTimeWithOffset(Date.UTC(2026, 2, 29, 0, 59, 59))).toBe('2026-03-29T00:59:59+00:00')
    expect(londonDateTimeWithOffset(Date.UTC(2026, 2, 29, 1, 0, 0))).toBe('2026-03-29T02:00:00+01:00')
    expect(londonDateTimeWithOffset(Date.UTC(2026, 9, 25, 0, 30))).toBe('2026-10-25T01:30:00+01:00')
    expect(londonDateTimeWithOffset(Date.UTC(2026, 9, 25, 1, 30))).toBe('2026-10-25T01:30:00+00:00')
    expect(londonDateTime(Date.UTC(2026, 9, 25, 1, 30))).toBe('2026-10-25T01:30:00')
  })

  it('writes fractional seconds only when there are any, without trailing zeros', () => {
    expect(londonDateTime(Date.UTC(2026, 0, 5, 9, 0, 0, 0))).toBe('2026-01-05T09:00:00')
    expect(londonDateTime(Date.UTC(2026, 0, 5, 9, 0, 0, 500))).toBe('2026-01-05T09:00:00.5')
    expect(londonDateTime(Date.UTC(2026, 0, 5, 9, 0, 0, 7))).toBe('2026-01-05T09:00:00.007')
    expect(londonDateTimeWithOffset(Date.UTC(2026, 6, 5, 9, 0, 0, 120))).toBe('2026-07-05T10:00:00.12+01:00')
  })

  it('compares DateTimes whatever a server did to the fraction or zone', () => {
    expect(sameDateTime('2026-06-12T16:30:00', '2026-06-12T16:30:00.000')).toBe(true)
    expect(sameDateTime('2026-06-12T16:30:00.5', '2026-06-12T16:30:00.50Z')).toBe(true)
    expect(sameDateTime('2026-06-12T16:30:00', '2026-06-12T16:30:01')).toBe(false)
  })
})
