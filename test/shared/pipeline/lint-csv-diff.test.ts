// The linter (what is missing, with a link to fix it), the admin CSV (tidy, and safe to open in a
// spreadsheet), and "what changed since you last reported".
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { editProject, readLastExport, readPipelineOrganisation, readPipelineSettings, readProblemText, readProgramme, readProject, recordExports, type Project } from '@shared/doc'
import type { ProjectId } from '@shared/domain/ids'
import { neutraliseCell, REPORT_HEADERS, toPipelineReportCsv } from '@shared/pipeline/csv'
import { diffExport } from '@shared/pipeline/exportDiff'
import { lintProject, publishingProblems, type LintIssue } from '@shared/pipeline/lint'
import { DEFAULT_PIPELINE_SETTINGS, type PipelineSettings } from '@shared/pipeline/pipelineSettings'
import { readProjectExport } from '@shared/pipeline/projectExport'
import { DEFAULT_DATETIME, type ProjectDetailSummary } from '@shared/pipeline/shapes'
import { ASHA, IDS, london, pipelineProgramme } from '../../fixtures/pipeline/programme'
import { ctxAt } from '../support'

const blank: Project = {
  id: 'p1' as ProjectId,
  name: 'Garden waste',
  serviceArea: '',
  owner: '',
  phase: 'Discovery',
  tags: [],
  startDate: null,
  endDate: null,
  archived: false,
  createdAt: 1,
  department: '',
  ownerEmail: '',
  agilePhase: null,
  fundingBoundary: -1,
  collaborationLevel: null,
  allowExternalCollaboration: false,
  datesAreEstimates: false,
  nextAssessmentDate: null,
  projectLanguage: null,
  pipelineId: null
}

const complete: Project = {
  ...blank,
  serviceArea: 'Waste',
  department: 'Environment',
  owner: 'Asha Patel',
  ownerEmail: 'asha@anytown.gov.uk',
  tags: ['bins', 'garden-waste', 'subscriptions'],
  startDate: '2026-06-01',
  endDate: '2026-09-30',
  agilePhase: 'Build',
  collaborationLevel: 'Share Ideas',
  projectLanguage: 'PHP',
  pipelineId: 55
}

const settings: PipelineSettings = { organisationId: 42, organisationName: '', address: 'https://pipeline.example.org' }

function lint(project: Project, s: PipelineSettings = settings, council = 'Anytown Borough Council', content = 'Residents want to pay once a year.'): readonly LintIssue[] {
  return lintProject({ project, content, settings: s, council, today: '2026-06-15' })
}
const codes = (issues: readonly LintIssue[]): string[] => issues.map((i) => `${i.severity}:${i.code}`)

describe('linter', () => {
  it('a complete project has nothing to fix', () => {
    expect(lint(complete)).toEqual([])
  })

  it('an empty project: errors first, each with a link to its field', () => {
    const issues = lint(blank, DEFAULT_PIPELINE_SETTINGS, '', '')
    expect(codes(issues)).toEqual([
      'error:organisationId',
      'error:organisationName',
      'error:department',
      'error:owner',
      'error:ownerEmail',
      'warning:pipelineId',
      'warning:startDate',
      'warning:endDate',
      'warning:agilePhase',
      'warning:collaborationLevel',
      'warning:projectLanguage',
      'warning:problem',
      'warning:tags'
    ])
    const byCode = new Map(issues.map((i) => [i.code, i]))
    expect(byCode.get('organisationId')?.href).toBe('/settings#pipeline-organisationId')
    expect(byCode.get('department')?.href).toBe('/projects/p1/details#project-department')
    expect(byCode.get('ownerEmail')?.message).toBe('Enter the key contact’s email address')
    expect(byCode.get('problem')?.href).toBe('/projects/p1/details#project-problem')
    // Not on the Pipeline yet: the files export with Id 0, but publishing needs the id.
    expect(byCode.get('pipelineId')).toMatchObject({ severity: 'warning', blocksPublishing: true, href: '/projects/p1/details#project-pipelineId' })
  })

  it('owner e-mail that is not one; dates the wrong way round; an assessment in the past', () => {
    const issues = lint({ ...complete, ownerEmail: 'asha@anytown', startDate: '2026-09-01', endDate: '2026-06-01', nextAssessmentDate: '2026-06-14' })
    expect(codes(issues)).toEqual(['error:ownerEmail', 'error:endDate', 'warning:nextAssessmentDate'])
    expect(issues[0]?.message).toBe('Enter the key contact’s email address in the correct format, like name@example.com')
    expect(issues[1]?.message).toBe('The phase end date must be the same as or after the phase start date')
  })

  it('the service area stands in for a missing department, with a warning', () => {
    expect(lint({ ...complete, department: '' }).map((i) => i.message)).toEqual(['No department given: the service area “Waste” will be sent as the department'])
  })

  it('counts the tags the Pipeline needs to match projects', () => {
    expect(lint({ ...complete, tags: ['bins'] }).map((i) => i.message)).toEqual(['Add 2 more tags: the Pipeline tells councils whose projects share 3 or more tags'])
    expect(lint({ ...complete, tags: ['bins', 'waste'] }).map((i) => i.message)).toEqual(['Add 1 more tag: the Pipeline tells councils whose projects share 3 or more tags'])
  })

  it('the organisation name comes from the council when settings give none', () => {
    expect(codes(lint(complete, { ...settings, organisationName: '' }, ''))).toEqual(['error:organisationName'])
    expect(codes(lint(complete, { ...settings, organisationName: 'Anytown BC' }, ''))).toEqual([])
  })

  it('publishing needs an address and the project’s Pipeline id', () => {
    expect(publishingProblems(settings, complete)).toEqual([])
    expect(publishingProblems({ ...settings, address: '' }, { ...complete, pipelineId: null }).map((i) => i.href)).toEqual([
      '/settings#pipeline-address',
      '/projects/p1/details#project-pipelineId'
    ])
  })
})

describe('the admin CSV', () => {
  const row = (over: Partial<ProjectDetailSummary>): ProjectDetailSummary => ({
    Id: 1,
    Title: 'Garden waste',
    ProjectStatus: 'Alpha',
    OrganisationId: 42,
    Organisation: 'Anytown Borough Council',
    Department: 'Environment',
    LastUpdated: '2026-06-03T10:00:00',
    AgileLifecycle: 'Build',
    FundingBoundary: '50',
    ProjectStart: '2026-06-01T00:00:00',
    ProjectEnd: DEFAULT_DATETIME,
    Owner: 'Asha Patel',
    OwnerEmail: 'asha@anytown.gov.uk',
    Tags: 'a,b',
    ...over
  })

  it('is tidy RFC 4180 with the Pipeline’s header names, UK dates, CRLF and a BOM', () => {
    const csv = toPipelineReportCsv([row({})])
    expect(csv).toBe(
      '\uFEFFTitle,Organisation,Department,Owner,Owner email,Project start date,Project end date,Last updated\r\n' +
        'Garden waste,Anytown Borough Council,Environment,Asha Patel,asha@anytown.gov.uk,01/06/2026,,03/06/2026\r\n'
    )
  })

  it('neutralises every cell a spreadsheet would execute, and keeps the text', () => {
    const hostile = ["=cmd|' /C calc'!A0", '+44 20 7946 0000', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '＝1+1', '=HYPERLINK("http://evil.example","Click")']
    for (const h of hostile) expect(neutraliseCell(h)).toBe(`'${h}`)
    for (const safe of ['Garden waste', ' =1', 'a=b', '', '£50K']) expect(neutraliseCell(safe)).toBe(safe)

    const csv = toPipelineReportCsv(hostile.map((t, i) => row({ Title: t, Owner: i === 0 ? 'Smith, Jo' : 'Jo', Department: 'Line one\nline "two"' })))
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true })
    expect(parsed.errors).toEqual([])
    const [header, ...rows] = parsed.data
    expect(header).toEqual([...REPORT_HEADERS])
    expect(rows.map((r) => r[0])).toEqual(hostile.map((h) => `'${h}`))
    expect(rows[0]?.[3]).toBe('Smith, Jo')
    expect(rows[0]?.[2]).toBe('Line one\nline "two"')
    // No cell of the file, once parsed, starts with a character a spreadsheet would run.
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r＝＋－＠]/)
  })
})

describe('what changed since you last reported', () => {
  it('the first export says so; after recording it, only real changes and new cycles show', () => {
    const fx = pipelineProgramme()
    const doc = fx.projects.get(IDS.blueBadge)!
    const org = readPipelineOrganisation(fx.programme)
    const first = readProjectExport(doc, org)!
    expect(readLastExport(fx.programme, IDS.blueBadge)).toBeNull()
    expect(diffExport(null, first)).toMatchObject({ first: true, newUpdates: first.statusUpdates })

    // Asha exports cycle 1 only (as it was after the first close).
    const older = { ...first, statusUpdates: first.statusUpdates.slice(0, 1) }
    recordExports(fx.programme, ctxAt(london(6, 13, 9), ASHA), [older])
    const last = readLastExport(fx.programme, IDS.blueBadge)!
    expect(last).toMatchObject({ byName: 'Asha Patel', at: london(6, 13, 9) })
    expect(diffExport(last, first)).toMatchObject({ first: false, fields: [], changedUpdates: [], unchanged: false })
    expect(diffExport(last, first).newUpdates.map((u) => u.cycle)).toEqual([2])

    editProject(fx.programme, doc, ctxAt(london(7, 1, 9)), { ownerEmail: 'renewals@anytown.gov.uk', fundingBoundary: 100, endDate: '2026-10-30' })
    const now = readProjectExport(doc, org)!
    expect(diffExport(last, now).fields).toEqual([
      { label: 'Owner email', before: 'asha.patel@anytown.gov.uk', after: 'renewals@anytown.gov.uk' },
      { label: 'Phase end', before: '2026-09-30', after: '2026-10-30' },
      { label: 'Funding boundary', before: '£50K–£100K', after: '£100K–£250K' }
    ])
    recordExports(fx.programme, ctxAt(london(7, 1, 10)), [now])
    expect(diffExport(readLastExport(fx.programme, IDS.blueBadge), readProjectExport(doc, org)!).unchanged).toBe(true)
  })

  it('reads the problem statement and project the linter needs from the fixture', () => {
    const fx = pipelineProgramme()
    const doc = fx.projects.get(IDS.library)!
    const issues = lintProject({ project: readProject(doc)!, content: readProblemText(doc), settings: readPipelineSettings(fx.programme), council: readProgramme(fx.programme)!.council, today: '2026-11-02' })
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['department', 'owner', 'ownerEmail'])
  })
})
