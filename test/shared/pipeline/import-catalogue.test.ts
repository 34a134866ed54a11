// Issue 10, import: the real shapes read field for field, the same catalogue twice updates rather
// than duplicates (and a CSV and a JSON of one catalogue give one project each), dates in both
// cultures, progress between batches, and the IndexedDB store: kept, atomic, apart.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  catalogueDatabaseName,
  importCatalogue,
  indexedDbCatalogueStore,
  memoryCatalogueStore,
  readCatalogueFile,
  type CatalogueSnapshot,
  type CatalogueStore,
  type ImportProgress
} from '@shared/pipeline/catalogue'
import { describeRowAt, type CatalogueProject } from '@shared/pipeline/importSchema'
import { generateCatalogue, pipelineCsv } from '../../fixtures/pipeline-import/generate'

const here = join(import.meta.dirname, '..', '..', 'fixtures')
const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(join(here, path)))
const json = (v: unknown): string => JSON.stringify(v)
const HEADER = 'Title, Organisation, Department, Owner, Owner email, Project start date, Project end date, Last updated'
const csv = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`

async function all(store: CatalogueStore): Promise<readonly CatalogueProject[]> {
  return (await store.load()).projects
}
const byTitle = (ps: readonly CatalogueProject[], title: string): CatalogueProject | undefined => ps.find((p) => p.title === title)

describe('the Pipeline shapes, field for field', () => {
  it('ProjectDetailSummary list: every field kept, tags normalised, .NET’s 0001-01-01 read as no date', async () => {
    const store = memoryCatalogueStore()
    const r = await importCatalogue(store, { name: 'summary-list.json', bytes: fixture('pipeline-import/summary-list.json') }, { now: () => 1000 })
    expect(r.ok && r.format).toBe('pipeline-summary-json')
    expect(byTitle(await all(store), 'Garden waste subscriptions, renewals and payments')).toEqual({
      key: 'pipeline:101',
      pipelineId: 101,
      title: 'Garden waste subscriptions, renewals and payments',
      organisation: 'Anytown Borough Council',
      organisationId: 1,
      department: 'Waste and recycling',
      status: 'Beta',
      agileLifecycle: 'Build',
      fundingBoundary: 50,
      collaborationLevel: null,
      owner: 'Priya Shah',
      ownerEmail: 'priya.shah@anytown.gov.uk',
      tags: ['garden-waste', 'subscriptions', 'payments'],
      content: '',
      projectStart: '2019-06-03',
      projectEnd: null,
      nextServiceAssessment: null,
      estimatedDates: null,
      lastUpdated: '2020-04-14',
      importedAt: 1000,
      source: { format: 'pipeline-summary-json', file: 'summary-list.json' }
    })
    // Its poor rows, each with its item number and why.
    expect(r.issues.map((i) => `${describeRowAt(i.at)} ${i.severity}: ${i.message}`)).toEqual([
      'Item 2 warning: FundingBoundary “75” is not one of the Pipeline\'s values (-1, 0, 50, 100, 250, 500): left empty',
      'Item 2 warning: ProjectStatus “Pilot” is not one of the Pipeline\'s values (Concept, Discovery, Alpha, Beta, Live, Decommissioned): imported without a phase',
      'Item 2 warning: ProjectStart is not a date (it is “05/05/2019”; expected a date such as 2019-04-01T00:00:00): left empty',
      'Item 3 error: Title is empty: a project without a title cannot be shown or told apart',
      'Item 4 error: repeats Id 101 from item 1: not imported (the first is kept)',
      'Item 5 error: Id should be a whole number above 0 but is text (“104”): the project cannot be told apart from others',
      'Item 6 error: is text (“not a project”), not a project'
    ])
    expect(byTitle(await all(store), 'Housing repairs booking')?.tags).toEqual(['housing', 'repairs', 'tenants'])
  })

  it('a ProjectViewModel adds its description, collaboration and dates to the same project', async () => {
    const store = memoryCatalogueStore()
    await importCatalogue(store, { name: 'summary-list.json', bytes: fixture('pipeline-import/summary-list.json') })
    const r = await importCatalogue(store, { name: 'project-view.json', bytes: fixture('pipeline-import/project-view.json') })
    expect(r.ok && [r.format, r.added, r.updated]).toEqual(['pipeline-project-json', 0, 1])
    const p = (await all(store)).find((q) => q.pipelineId === 101)
    expect(p).toMatchObject({
      content: 'Garden waste renewals moved online with Direct Debit payments.\nResidents no longer queue on the phone each February.',
      collaborationLevel: 'Open To Conversation',
      fundingBoundary: 50,
      estimatedDates: true,
      nextServiceAssessment: '2020-09-01',
      // Not in a ProjectViewModel: kept from the summary.
      tags: ['garden-waste', 'subscriptions', 'payments'],
      owner: 'Priya Shah',
      agileLifecycle: 'Build'
    })
  })

  it('reads Fortnight’s own export (Id 0 = not on the Pipeline yet); only its formula-like cells are reported', async () => {
    for (const [file, format] of [
      ['pipeline/pipeline-projects.json', 'pipeline-summary-json'],
      ['pipeline/PipelineReports.csv', 'csv']
    ] as const) {
      const store = memoryCatalogueStore()
      const r = await importCatalogue(store, { name: file, bytes: fixture(file) })
      expect(r.ok && r.format).toBe(format)
      expect(r.ok && r.issues.map((i) => i.message)).toEqual([
        'Title “=cmd|\' /C calc\'!A0” looks like a spreadsheet formula: kept as plain text, never run',
        'Department “@SUM(1+1)” looks like a spreadsheet formula: kept as plain text, never run'
      ])
      const titles = (await all(store)).map((p) => p.title)
      // The exporter's neutralising apostrophe is not part of the title.
      expect(titles).toContain("=cmd|' /C calc'!A0")
      expect(titles).toContain('Blue badge renewals')
    }
  })

  it('camelCase property names (another serialiser) are read too', async () => {
    const store = memoryCatalogueStore()
    const r = await importCatalogue(store, { name: 'p.json', text: json([{ id: 7, title: 'Camel', organisation: 'Kent County Council', projectStatus: 'Live', tags: 'a,b' }]) })
    expect(r.ok).toBe(true)
    expect(await all(store)).toMatchObject([{ key: 'pipeline:7', title: 'Camel', status: 'Live', tags: ['a', 'b'] }])
  })
})

describe('the same catalogue twice updates, never duplicates', () => {
  it('the same JSON twice: everything unchanged the second time', async () => {
    const store = memoryCatalogueStore()
    const { summaries } = generateCatalogue(200, 5)
    const first = await importCatalogue(store, { name: 'p.json', text: json(summaries) })
    const after1 = await all(store)
    const second = await importCatalogue(store, { name: 'p.json', text: json(summaries) })
    expect(first.ok && [first.added, first.updated, first.unchanged]).toEqual([200, 0, 0])
    expect(second.ok && [second.added, second.updated, second.unchanged, second.total]).toEqual([0, 0, 200, 200])
    expect(await all(store)).toEqual(after1)
  })

  it('a changed catalogue updates the projects that changed and keeps those no longer listed', async () => {
    const store = memoryCatalogueStore()
    const { summaries } = generateCatalogue(50, 6)
    await importCatalogue(store, { name: 'p.json', text: json(summaries) })
    const changed = summaries.slice(10).map((s, i) => (i < 5 ? { ...s, Title: `${s.Title} (renamed)`, ProjectStatus: 'Live' } : s))
    const r = await importCatalogue(store, { name: 'p.json', text: json([...changed, { ...summaries[0]!, Id: 999, Title: 'Brand new' }]) })
    expect(r.ok && [r.added, r.updated, r.unchanged, r.total]).toEqual([1, 5, 35, 51])
    const ps = await all(store)
    expect(ps).toHaveLength(51)
    expect(ps.find((p) => p.pipelineId === summaries[10]!.Id)).toMatchObject({ title: `${summaries[10]!.Title} (renamed)`, status: 'Live' })
    expect(ps.find((p) => p.pipelineId === summaries[0]!.Id)?.title).toBe(summaries[0]!.Title)
  })

  it('the Pipeline CSV then the JSON of one catalogue: one project each, the CSV’s name-only projects take their Ids', async () => {
    const store = memoryCatalogueStore()
    const { summaries } = generateCatalogue(120, 8)
    const unique = summaries.filter((s, i) => summaries.findIndex((t) => t.Organisation === s.Organisation && t.Title === s.Title) === i)
    const a = await importCatalogue(store, { name: 'PipelineReports.csv', text: pipelineCsv(unique) })
    expect(a.ok && [a.format, a.added, a.skipped]).toEqual(['pipeline-csv', unique.length, 0])
    expect((await all(store)).every((p) => p.pipelineId === null && p.key.startsWith('name:'))).toBe(true)
    const b = await importCatalogue(store, { name: 'projects.json', text: json(unique) })
    expect(b.ok && [b.added, b.updated]).toEqual([0, unique.length])
    const ps = await all(store)
    expect(ps).toHaveLength(unique.length)
    expect(ps.every((p) => p.key === `pipeline:${p.pipelineId}`)).toBe(true)
  })

  it('the JSON then the CSV: no duplicates, titles keep their commas, tags and phase stay', async () => {
    const store = memoryCatalogueStore()
    const summaries = [
      { ...generateCatalogue(1, 9).summaries[0]!, Id: 1, Title: 'Bins, recycling and waste', Organisation: 'Adur & Worthing Councils', Department: 'Waste, recycling', Tags: 'bins,waste,recycling' }
    ]
    await importCatalogue(store, { name: 'p.json', text: json(summaries) })
    const r = await importCatalogue(store, { name: 'PipelineReports.csv', text: pipelineCsv(summaries) })
    expect(r.ok && [r.added, r.updated, r.unchanged]).toEqual([0, 0, 1])
    expect(await all(store)).toMatchObject([{ key: 'pipeline:1', title: 'Bins, recycling and waste', department: 'Waste, recycling', tags: ['bins', 'waste', 'recycling'] }])
    // A real change in the CSV does update.
    const moved = await importCatalogue(store, { name: 'PipelineReports.csv', text: pipelineCsv([{ ...summaries[0]!, Owner: 'New Owner' }]) })
    expect(moved.ok && moved.updated).toBe(1)
    expect((await all(store))[0]).toMatchObject({ owner: 'New Owner', title: 'Bins, recycling and waste', status: summaries[0]!.ProjectStatus })
  })

  it('a CSV row matching two Pipeline projects with one title is reported, not guessed', async () => {
    const store = memoryCatalogueStore()
    const base = generateCatalogue(1, 9).summaries[0]!
    await importCatalogue(store, { name: 'p.json', text: json([{ ...base, Id: 1, Title: 'Webchat' }, { ...base, Id: 2, Title: 'Webchat' }]) })
    const before = await all(store)
    const r = await importCatalogue(store, { name: 'PipelineReports.csv', text: csv(HEADER, '', `Webchat, ${base.Organisation}, X, Y, y@x.gov.uk, , , `, `Other, ${base.Organisation}, X, Y, y@x.gov.uk, , , `) })
    expect(r.ok && r.issues.map((i) => `${describeRowAt(i.at)}: ${i.message}`)).toEqual([
      'Line 3: matches 2 projects already in the catalogue with this title and organisation (Pipeline Ids 1, 2), so it cannot be told which: not imported'
    ])
    expect((await all(store)).filter((p) => p.title === 'Webchat')).toEqual(before)
  })
})

describe('dates in the Pipeline CSV, per file', () => {
  const row = (title: string, start: string, end = '', updated = ''): string => `${title}, Leeds City Council, Parks, R, r@leeds.gov.uk, ${start}, ${end}, ${updated}`
  const read = async (text: string, dateOrder?: 'dmy' | 'mdy') => {
    const r = await readCatalogueFile({ name: 'PipelineReports.csv', text }, dateOrder ? { dateOrder } : {})
    if (!r.ok) throw new Error(r.error)
    return r
  }

  it('a UK server (dd/MM/yyyy, always two digits) and a US one (M/d/yyyy) give the same dates', async () => {
    const uk = await read(csv(HEADER, '', row('A', '03/06/2019', '11/12/2019')))
    const us = await read(csv(HEADER, '', row('A', '6/3/2019', '12/11/2019')))
    expect(uk.rows[0]!.fields).toMatchObject({ projectStart: '2019-06-03', projectEnd: '2019-12-11' })
    expect(us.rows[0]!.fields).toMatchObject({ projectStart: '2019-06-03', projectEnd: '2019-12-11' })
    expect(uk.notes).toEqual(["This file's dates were read as day/month/year (UK)."])
    expect(us.notes).toEqual(["This file's dates were read as month/day/year (US)."])
    expect([uk.issues, us.issues]).toEqual([[], []])
  })

  it('dates that cannot tell: read as UK, said once, and each two-way date reported on its line', async () => {
    const r = await read(csv(HEADER, '', row('A', '10/11/2019', '12/12/2019'), row('B', '11/10/2019')))
    expect(r.notes[0]).toMatch(/^Nothing in this file shows whether its dates are day\/month\/year \(UK\) or month\/day\/year \(US\)/)
    expect(r.issues.map((i) => `${describeRowAt(i.at)}: ${i.message}`)).toEqual([
      'Line 3: Project start date “10/11/2019” could be 10 November 2019 or 11 October 2019: read as 10 November 2019',
      'Line 4: Project start date “11/10/2019” could be 11 October 2019 or 10 November 2019: read as 11 October 2019'
    ])
    expect(r.rows.map((x) => x.fields.projectStart)).toEqual(['2019-11-10', '2019-10-11'])
    // Told the order, nothing is ambiguous.
    const us = await read(csv(HEADER, '', row('A', '10/11/2019')), 'mdy')
    expect([us.rows[0]!.fields.projectStart, us.issues]).toEqual(['2019-10-11', []])
  })

  it('a file whose dates disagree: the majority wins, the others are reported and left empty', async () => {
    const r = await read(csv(HEADER, '', row('A', '25/06/2019'), row('B', '30/06/2019'), row('C', '6/25/2019')))
    expect(r.notes).toEqual(["This file's dates were read as day/month/year (UK), as most of them are; 1 written the other way round are listed below and left empty."])
    expect(r.issues.map((i) => `${describeRowAt(i.at)}: ${i.message}`)).toEqual([
      'Line 5: Project start date “6/25/2019” is not a real date when read as day/month/year, as the rest of the file is: left empty'
    ])
  })

  it('ISO dates and .NET’s 01/01/0001 (no date) in a CSV', async () => {
    const r = await read(csv('Title,Organisation,Project start date,Project end date,Last updated', 'A,Kent County Council,2019-06-03,01/01/0001,2020-01-02T10:00:00'))
    expect(r.rows[0]!.fields).toMatchObject({ projectStart: '2019-06-03', projectEnd: null, lastUpdated: '2020-01-02' })
    expect(r.issues).toEqual([])
  })
})

describe('progress', () => {
  it('reports progress and yields between batches', async () => {
    const seen: ImportProgress[] = []
    let pauses = 0
    const r = await importCatalogue(memoryCatalogueStore(), { name: 'p.json', text: json(generateCatalogue(1200, 2).summaries) }, {
      batchSize: 500,
      onProgress: (p) => seen.push(p),
      pause: async () => void pauses++
    })
    expect(r.ok).toBe(true)
    expect(seen.map((p) => `${p.phase} ${p.done}/${p.total}`)).toEqual([
      'reading 0/1',
      'checking 500/1200',
      'checking 1000/1200',
      'checking 1200/1200',
      'saving 0/1',
      'saving 1/1'
    ])
    expect(pauses).toBe(3)
  })
})

describe('the IndexedDB store', () => {
  let n = 0
  const fresh = (): string => `test-programme-${++n}-${Math.random().toString(36).slice(2)}`

  it('keeps the catalogue (and its last report) for the next window; never a doc name', async () => {
    const id = fresh()
    expect(catalogueDatabaseName(id)).toBe(`fortnight-catalogue:${id}`)
    expect(catalogueDatabaseName(id)).not.toMatch(/^fortnight:(programme|project):/)
    const a = indexedDbCatalogueStore(id)
    const r = await importCatalogue(a, { name: 'summary-list.json', bytes: fixture('pipeline-import/summary-list.json') })
    a.close()
    const b = indexedDbCatalogueStore(id)
    const snap = await b.load()
    expect(snap.projects.map((p) => p.title)).toEqual(['Garden waste subscriptions, renewals and payments', 'Housing repairs booking', 'Parking permit renewals'])
    expect(r.ok).toBe(true)
    expect(snap.info?.lastImport).toMatchObject({ file: 'summary-list.json', added: 3, skipped: 4, warnings: 3 })
    expect(snap.info?.lastImport?.issues).toEqual(r.issues)
    // Another programme's catalogue is another database.
    expect((await indexedDbCatalogueStore(fresh()).load()).projects).toEqual([])
    b.close()
  })

  it('a failure while deciding writes nothing (one transaction)', async () => {
    const store = indexedDbCatalogueStore(fresh())
    await importCatalogue(store, { name: 'p.json', text: json(generateCatalogue(30, 1).summaries) })
    const before = await store.load()
    await expect(
      store.update((cur) => {
        void cur
        throw new Error('disk full')
      })
    ).rejects.toThrow('disk full')
    expect(await store.load()).toEqual(before)
    store.close()
  })

  it('a stored record that fails its schema is skipped and counted, never thrown', async () => {
    const id = fresh()
    const store = indexedDbCatalogueStore(id)
    await importCatalogue(store, { name: 'p.json', text: json(generateCatalogue(3, 1).summaries) })
    await store.update(() => ({ write: { puts: [{ key: 'bad', title: 42 } as unknown as CatalogueProject], deletes: [], info: { formatVersion: 1, lastImport: null } }, result: null }))
    const snap = await store.load()
    expect([snap.projects.length, snap.unreadable]).toEqual([3, 1])
    store.close()
  })

  it('another window hears of an import; clear empties it', async () => {
    const id = fresh()
    const a = indexedDbCatalogueStore(id)
    const b = indexedDbCatalogueStore(id)
    const heard = new Promise<CatalogueSnapshot | null>((resolve) => b.subscribe(resolve))
    let local: CatalogueSnapshot | null = null
    a.subscribe((next) => (local = next))
    await importCatalogue(a, { name: 'p.json', text: json(generateCatalogue(5, 1).summaries) })
    // This window is handed the new snapshot; the other is told to read it again.
    expect(local!.projects).toHaveLength(5)
    expect(await heard).toBeNull()
    expect((await b.load()).projects).toHaveLength(5)
    await b.clear()
    expect(await a.load()).toEqual({ projects: [], info: null, unreadable: 0 })
    a.close()
    b.close()
  })
})
