// Issue 10, import: malformed and hostile catalogue files. Each one is either refused as a whole
// with a plain-English message (and the catalogue is exactly as it was), or imported with its bad
// rows reported by line (CSV) or item (JSON) — never dropped in silence.
import Papa from 'papaparse'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { importCatalogue, memoryCatalogueStore, type CatalogueStore, type ImportOutcome } from '@shared/pipeline/catalogue'
import { describeRowAt, type CatalogueProject, type RowIssue } from '@shared/pipeline/importSchema'
import { generateCatalogue, generator } from '../../fixtures/pipeline-import/generate'

const HEADER = 'Title, Organisation, Department, Owner, Owner email, Project start date, Project end date, Last updated'
const TIDY_HEADER = 'Title,Organisation,Department,Owner,Owner email,Project start date,Project end date,Last updated'
const GOOD_ROW = 'Pothole reporting map, Dorset Council, Highways, Hannah Green, hannah.green@dorset.gov.uk, 02/03/2020, 04/05/2021, 06/07/2021'
const good = {
  Id: 9001,
  Title: 'Pothole reporting map',
  ProjectStatus: 'Beta',
  OrganisationId: 19,
  Organisation: 'Dorset Council',
  Department: 'Highways',
  LastUpdated: '2021-07-06T00:00:00',
  AgileLifecycle: 'Build',
  FundingBoundary: '50',
  ProjectStart: '2020-03-02T00:00:00',
  ProjectEnd: '2021-05-04T00:00:00',
  Owner: 'Hannah Green',
  OwnerEmail: 'hannah.green@dorset.gov.uk',
  Tags: 'highways,potholes,maps'
}
const json = (v: unknown): string => JSON.stringify(v)
const csv = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`

/** A store already holding 20 projects: every test checks what happens to them. */
async function seeded(): Promise<CatalogueStore> {
  const store = memoryCatalogueStore()
  const r = await importCatalogue(store, { name: 'base.json', text: json(generateCatalogue(20, 3).summaries) }, { now: () => 1 })
  expect(r.ok).toBe(true)
  return store
}

async function stored(store: CatalogueStore): Promise<readonly CatalogueProject[]> {
  return (await store.load()).projects
}

function issue(r: ImportOutcome, where: string): RowIssue {
  const found = r.issues.find((i) => describeRowAt(i.at) === where)
  if (!found) throw new Error(`no issue at ${where}; issues: ${JSON.stringify(r.issues)}`)
  return found
}

interface Refusal {
  readonly name: string
  readonly file: string
  readonly text?: string
  readonly bytes?: () => Uint8Array
  readonly error: RegExp
}

const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`

const REFUSED: readonly Refusal[] = [
  { name: 'an empty file (no bytes)', file: 'catalogue.csv', bytes: () => new Uint8Array(), error: /^The file is empty\.$/ },
  { name: 'a file of spaces and line breaks', file: 'catalogue.csv', text: '  \r\n\r\n \t', error: /^The file is empty\.$/ },
  { name: 'only a byte-order mark', file: 'catalogue.json', bytes: () => new Uint8Array([0xef, 0xbb, 0xbf]), error: /^The file is empty\.$/ },
  { name: 'truncated JSON', file: 'projects.json', text: json([good, good]).slice(0, 150), error: /ends too early, as if it was cut short/ },
  { name: 'JSON with junk after the list', file: 'projects.json', text: `${json([good])} trailing`, error: /not valid JSON \(near line 1\)/ },
  { name: 'JSON null (the API for an id below 1)', file: 'project.json', text: 'null', error: /holds only “null”/ },
  { name: 'a JSON number', file: 'project.json', text: '42', error: /not a Pipeline catalogue/ },
  { name: 'a JSON string', file: 'project.json', text: '"Pothole reporting map"', error: /^This file is not a Pipeline catalogue/ },
  { name: 'an empty JSON list (the list endpoint bug)', file: 'projects.json', text: '[]', error: /list in this file is empty.*known fault/ },
  { name: 'a JSON object of something else', file: 'data.json', text: json({ name: 'x', items: [1, 2] }), error: /not a Pipeline catalogue/ },
  { name: 'another format with a version', file: 'export.json', text: json({ version: 99, projects: [good] }), error: /version 99 of some other format/ },
  { name: 'a list of numbers', file: 'projects.json', text: '[1,2,3]', error: /not a Pipeline catalogue/ },
  { name: 'a list of lists', file: 'projects.json', text: json([[good], [good]]), error: /not a Pipeline catalogue/ },
  { name: 'JSON nested 100,000 deep', file: 'projects.json', text: deep(100_000), error: /not a Pipeline catalogue|not valid JSON/ },
  {
    name: 'binary junk',
    file: 'catalogue.csv',
    bytes: () => {
      const rand = generator(7)
      return Uint8Array.from({ length: 4096 }, () => rand(256))
    },
    error: /not text/
  },
  { name: 'text with NUL bytes (UTF-16 without its mark)', file: 'catalogue.csv', bytes: () => Uint8Array.from([...new TextEncoder().encode(HEADER)].flatMap((b) => [b, 0])), error: /not text/ },
  { name: 'an Excel workbook', file: 'catalogue.xlsx', bytes: () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]), error: /Excel .xlsx.*Save it as CSV/ },
  { name: 'a 50 MB string (bounded before parse)', file: 'big.json', text: `[${'"x",'.repeat(12_500_000)}"x"]`, error: /This file is 47\.7 MB.*up to 25 MB/ },
  { name: 'a 26 MB file of bytes', file: 'big.csv', bytes: () => new Uint8Array(26 * 1024 * 1024).fill(0x41), error: /This file is 26 MB/ },
  { name: 'a CSV without a Title column', file: 'people.csv', text: 'Name,Age\r\nBob,3\r\n', error: /no Title column/ },
  { name: 'a Pipeline CSV header with no rows', file: 'PipelineReports.csv', text: csv(HEADER, ''), error: /header but no projects/ },
  { name: 'more than 20,000 projects', file: 'projects.json', text: json(Array.from({ length: 20_001 }, () => ({ Title: 'x' }))), error: /lists 20,001 projects.*at most 20,000/ },
  {
    name: 'a JSON list where every item is bad',
    file: 'projects.json',
    text: json([{ Title: '' }, { Id: 1, Organisation: 'Kent County Council' }]),
    error: /No project in this file could be imported: every row has a problem/
  },
  { name: 'a CSV where the only row is bad', file: 'PipelineReports.csv', text: csv(HEADER, '', ', Kent County Council, , , , , , '), error: /The project in this file could not be imported/ }
]

describe('a file that is refused changes nothing', () => {
  afterEach(() => vi.restoreAllMocks())

  for (const c of REFUSED)
    it(c.name, async () => {
      const store = await seeded()
      const before = await stored(store)
      const parse = vi.spyOn(JSON, 'parse')
      const papa = vi.spyOn(Papa, 'parse')
      const r = await importCatalogue(store, { name: c.file, ...(c.bytes ? { bytes: c.bytes() } : { text: c.text! }) })
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error).toMatch(c.error)
      // Plain English, never an engine's message.
      expect(r.error).not.toMatch(/SyntaxError|Unexpected token|undefined|\[object|ZodError|position \d/)
      expect(await stored(store)).toEqual(before)
      if (/MB/.test(c.name)) {
        // Bounded before parse: the size was the first thing looked at.
        expect(parse).not.toHaveBeenCalled()
        expect(papa).not.toHaveBeenCalled()
      }
    })

  it('a refusal because every row is bad lists every row', async () => {
    const store = await seeded()
    const r = await importCatalogue(store, { name: 'projects.json', text: json([{ Title: '' }, { Id: 1, Organisation: 'Kent County Council' }, 7]) })
    expect(r.ok).toBe(false)
    expect(r.issues.map((i) => `${describeRowAt(i.at)}: ${i.message}`)).toEqual([
      'Item 1: Title is empty: a project without a title cannot be shown or told apart',
      'Item 2: Title is empty: a project without a title cannot be shown or told apart',
      'Item 3: is a number (7), not a project'
    ])
  })

  it('a store that cannot be written (a newer Fortnight) refuses and keeps what it has', async () => {
    const store = await seeded()
    const before = await stored(store)
    await store.update((cur) => ({ write: { puts: [], deletes: [], info: { formatVersion: 2, lastImport: cur.info?.lastImport ?? null } }, result: null }))
    await expect(importCatalogue(store, { name: 'p.json', text: json([good]) })).rejects.toThrow(/newer version of Fortnight/)
    expect(await stored(store)).toEqual(before)
  })
})

interface RowCase {
  readonly name: string
  readonly file: string
  readonly text: string
  /** Where the problem is reported and what it says. */
  readonly at: string
  readonly severity: 'error' | 'warning'
  readonly message: RegExp
  /** For a warning: the stored project, checked. */
  readonly check?: (p: CatalogueProject | undefined) => void
  /** Title of the row the case is about (to find it in the store). */
  readonly title?: string
}

const withGood = (bad: object): string => json([good, bad])
const item2 = 'Item 2'

const ROWS: readonly RowCase[] = [
  { name: 'JSON: no Title', file: 'p.json', text: withGood({ Id: 7005, Organisation: 'Kent County Council' }), at: item2, severity: 'error', message: /^Title is empty/ },
  { name: 'JSON: Title of spaces and controls', file: 'p.json', text: withGood({ Id: 7005, Title: ' \u0007 \u202e ' }), at: item2, severity: 'error', message: /^Title is empty/ },
  { name: 'JSON: Title a number', file: 'p.json', text: withGood({ Id: 7005, Title: 12 }), at: item2, severity: 'error', message: /^Title should be text but is a number \(12\)/ },
  {
    name: 'JSON: Title an object with a toString',
    file: 'p.json',
    text: withGood({ Id: 7005, Title: { toString: 'x', valueOf: 1 } }),
    at: item2,
    severity: 'error',
    message: /^Title should be text but is a group of fields/
  },
  { name: 'JSON: a 1 MB Title', file: 'p.json', text: withGood({ Id: 7005, Title: 'A'.repeat(1_000_000) }), at: item2, severity: 'error', message: /^Title is 1,000,000 characters long \(at most 300\)/ },
  { name: 'JSON: a 400-character Organisation', file: 'p.json', text: withGood({ Id: 7005, Title: 'Long org', Organisation: 'B'.repeat(400) }), at: item2, severity: 'error', message: /^Organisation is 400 characters long/ },
  { name: 'JSON: Id as text', file: 'p.json', text: withGood({ Id: '5', Title: 'Text id' }), at: item2, severity: 'error', message: /^Id should be a whole number above 0 but is text \(“5”\)/ },
  { name: 'JSON: Id negative', file: 'p.json', text: withGood({ Id: -3, Title: 'Negative id' }), at: item2, severity: 'error', message: /^Id should be a whole number above 0 but is a number \(-3\)/ },
  { name: 'JSON: Id a fraction', file: 'p.json', text: withGood({ Id: 2.5, Title: 'Half id' }), at: item2, severity: 'error', message: /^Id should be a whole number/ },
  { name: 'JSON: Id past 2^53', file: 'p.json', text: withGood({ Id: 2 ** 60, Title: 'Huge id' }), at: item2, severity: 'error', message: /^Id should be a whole number/ },
  { name: 'JSON: the same Id twice', file: 'p.json', text: withGood({ ...good, Title: 'Someone else’s project' }), at: item2, severity: 'error', message: /^repeats Id 9001 from item 1: not imported \(the first is kept\)/ },
  { name: 'JSON: a string where a project should be', file: 'p.json', text: withGood('Pothole' as unknown as object), at: item2, severity: 'error', message: /^is text \(“Pothole”\), not a project/ },
  { name: 'JSON: null in the list', file: 'p.json', text: json([good, null]), at: item2, severity: 'error', message: /^is null, not a project/ },
  { name: 'JSON: an object with no Pipeline field', file: 'p.json', text: withGood({ colour: 'red' }), at: item2, severity: 'error', message: /none of the Pipeline's project fields/ },
  {
    name: 'JSON: ProjectStatus "Pilot" (unknown enumeration)',
    file: 'p.json',
    text: withGood({ Id: 7005, Title: 'Pilot project', ProjectStatus: 'Pilot' }),
    at: item2,
    severity: 'warning',
    message: /^ProjectStatus “Pilot” is not one of the Pipeline's values \(Concept, Discovery, Alpha, Beta, Live, Decommissioned\): imported without a phase/,
    title: 'Pilot project',
    check: (p) => expect(p?.status).toBeNull()
  },
  {
    name: 'JSON: AgileLifecycle "Sprint"',
    file: 'p.json',
    text: withGood({ Id: 7005, Title: 'Sprinting', AgileLifecycle: 'Sprint', ProjectStatus: 'alpha' }),
    at: item2,
    severity: 'warning',
    message: /^AgileLifecycle “Sprint” is not one of the Pipeline's values \(Discover, Prototype, Build, Improve\)/,
    title: 'Sprinting',
    // Case is forgiven for a known value.
    check: (p) => expect([p?.agileLifecycle, p?.status]).toEqual([null, 'Alpha'])
  },
  {
    name: 'JSON: FundingBoundary "75"',
    file: 'p.json',
    text: withGood({ Id: 7005, Title: 'Odd budget', FundingBoundary: '75' }),
    at: item2,
    severity: 'warning',
    message: /^FundingBoundary “75” is not one of the Pipeline's values \(-1, 0, 50, 100, 250, 500\)/,
    title: 'Odd budget',
    check: (p) => expect(p?.fundingBoundary).toBeNull()
  },
  {
    name: 'JSON: CollaborationLevel misspelt',
    file: 'p.json',
    text: json([{ ...good, Content: 'x' }, { Id: 7005, Title: 'Collab', Content: 'Text', CollaborationLevel: 'Share everything', FundingBoundaryText: '£50K - £100K' }]),
    at: item2,
    severity: 'warning',
    message: /^CollaborationLevel “Share everything” is not one of the Pipeline's values/,
    title: 'Collab',
    // The shown text of a boundary is read back to its id, dashes and spaces forgiven.
    check: (p) => expect([p?.collaborationLevel, p?.fundingBoundary]).toEqual([null, 50])
  },
  {
    name: 'JSON: a date written dd/mm/yyyy',
    file: 'p.json',
    text: withGood({ Id: 7005, Title: 'UK date in JSON', ProjectStart: '03/06/2019', ProjectEnd: '2020-01-31T00:00:00' }),
    at: item2,
    severity: 'warning',
    message: /^ProjectStart is not a date \(it is “03\/06\/2019”; expected a date such as 2019-04-01T00:00:00\): left empty/,
    title: 'UK date in JSON',
    check: (p) => expect([p?.projectStart, p?.projectEnd]).toEqual([null, '2020-01-31'])
  },
  {
    name: 'JSON: 30 February',
    file: 'p.json',
    text: withGood({ Id: 7005, Title: 'Leap', ProjectStart: '2019-02-30T00:00:00' }),
    at: item2,
    severity: 'warning',
    message: /^ProjectStart is not a real date/,
    title: 'Leap'
  },
  {
    name: 'JSON: a date as a number',
    file: 'p.json',
    text: withGood({ Id: 7005, Title: 'Epoch', LastUpdated: 1577836800000 }),
    at: item2,
    severity: 'warning',
    message: /^LastUpdated should be a date but is a number/,
    title: 'Epoch'
  },
  {
    name: 'JSON: a 30,000-character description',
    file: 'p.json',
    text: json([{ ...good, Content: 'x' }, { Id: 7005, Title: 'Wordy', Content: 'word '.repeat(6000) + 'end' }]),
    at: item2,
    severity: 'warning',
    message: /^Content was 30,003 characters long: shortened to 20,000/,
    title: 'Wordy',
    check: (p) => expect(p?.content.length).toBe(20_000)
  },
  {
    name: 'JSON: Tags as a number, OwnerEmail not an address',
    file: 'p.json',
    text: withGood({ Id: 7005, Title: 'Tagless', Tags: 42, OwnerEmail: 'call reception' }),
    at: item2,
    severity: 'warning',
    message: /^Tags should be text such as “tag1,tag2” but is a number \(42\): left empty/,
    title: 'Tagless',
    check: (p) => expect([p?.tags, p?.ownerEmail]).toEqual([[], 'call reception'])
  },
  {
    name: 'JSON: __proto__ and constructor keys',
    file: 'p.json',
    text: `[${json(good)},{"Id":7005,"Title":"Prototype","__proto__":{"polluted":true,"Title":"Hijacked"},"constructor":{"prototype":{"polluted":true}},"Organisation":"Camden Council","ProjectStatus":"Pilot"}]`,
    at: item2,
    severity: 'warning',
    message: /^ProjectStatus “Pilot”/,
    title: 'Prototype',
    check: (p) => {
      expect(p?.title).toBe('Prototype')
      expect(Object.getPrototypeOf(p)).toBe(Object.prototype)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.keys(p ?? {})).not.toContain('__proto__')
    }
  },
  { name: 'CSV: no title', file: 'PipelineReports.csv', text: csv(HEADER, '', GOOD_ROW, ', Kent County Council, Highways, , , , , '), at: 'Line 4', severity: 'error', message: /^Title is empty/ },
  {
    name: 'CSV: a row with 9 values',
    file: 'PipelineReports.csv',
    text: csv(HEADER, '', GOOD_ROW, 'Extra, Kent County Council, Highways, A, a@kent.gov.uk, 01/01/2020, , , surplus'),
    at: 'Line 4',
    severity: 'error',
    message: /^has 9 values separated by commas; the Pipeline's report has 8/
  },
  {
    name: 'CSV: the same title and organisation twice',
    file: 'PipelineReports.csv',
    text: csv(HEADER, '', GOOD_ROW, 'Pothole Reporting Map, Dorset Council, Roads, X, x@dorset.gov.uk, , , '),
    at: 'Line 4',
    severity: 'error',
    message: /^has the same title and organisation as line 3: not imported/
  },
  {
    name: 'CSV: 31/02/2019',
    file: 'PipelineReports.csv',
    text: csv(HEADER, '', GOOD_ROW, 'Allotments, Leeds City Council, Parks, R, r@leeds.gov.uk, 31/02/2019, 15/07/2019, 16/07/2019'),
    at: 'Line 4',
    severity: 'warning',
    message: /^Project start date “31\/02\/2019” is not a real date: left empty/,
    title: 'Allotments',
    check: (p) => expect([p?.projectStart, p?.projectEnd]).toEqual([null, '2019-07-15'])
  },
  {
    name: 'CSV: a year of 20190',
    file: 'c.csv',
    text: csv(TIDY_HEADER, 'Typo,Leeds City Council,,,,20190-01-01,2019-01-01,'),
    at: 'Line 2',
    severity: 'warning',
    message: /^Project start date is not a date \(it is “20190-01-01”/,
    title: 'Typo',
    check: (p) => expect(p?.projectEnd).toBe('2019-01-01')
  },
  {
    name: 'CSV: a year of 219',
    file: 'c.csv',
    text: csv(TIDY_HEADER, 'Typo,Leeds City Council,,,,0219-01-01,,'),
    at: 'Line 2',
    severity: 'warning',
    message: /^Project start date has the year 219, which cannot be right: left empty/,
    title: 'Typo'
  },
  {
    name: 'CSV: a quote never closed',
    file: 'c.csv',
    text: csv(TIDY_HEADER, 'Fine,Dorset Council,,,,,,', '"Broken,Dorset Council,,,,,,', 'Lost,Dorset Council,,,,,,'),
    at: 'Line 3',
    severity: 'error',
    message: /quoted value that is never closed/
  },
  { name: 'CSV: too few values (tidy)', file: 'c.csv', text: csv(TIDY_HEADER, 'Fine,Dorset Council,,,,,,', 'Short,Dorset Council'), at: 'Line 3', severity: 'error', message: /^has 2 values; the header has 8/ },
  {
    name: 'CSV: a 1 MB department',
    file: 'c.csv',
    text: csv(TIDY_HEADER, `Big dept,Dorset Council,${'D'.repeat(1_000_000)},,,,,`),
    at: 'Line 2',
    severity: 'warning',
    message: /^Department was 1,000,000 characters long: shortened to 300/,
    title: 'Big dept'
  },
  {
    name: 'CSV: Id in a tidy CSV that is not a number',
    file: 'c.csv',
    text: csv(`Id,${TIDY_HEADER}`, '7012,Fine,Dorset Council,,,,,,', 'abc,Bad id,Dorset Council,,,,,,'),
    at: 'Line 3',
    severity: 'error',
    message: /^Id “abc” is not a whole number above 0/
  }
]

describe('rows of poor quality are reported, never dropped in silence', () => {
  for (const c of ROWS)
    it(c.name, async () => {
      const store = await seeded()
      const before = await stored(store)
      const r = await importCatalogue(store, { name: c.file, text: c.text })
      expect(r.ok, JSON.stringify(r).slice(0, 400)).toBe(true)
      if (!r.ok) return
      const found = issue(r, c.at)
      expect(found.severity).toBe(c.severity)
      expect(found.message).toMatch(c.message)
      expect(r.skipped).toBe(r.issues.filter((i) => i.severity === 'error').length)
      const after = await stored(store)
      // What was there before is untouched (only new projects were added).
      for (const p of before) expect(after.find((q) => q.key === p.key)).toEqual(p)
      expect(after.length).toBe(before.length + r.added)
      if (c.severity === 'error') expect(r.added + r.updated + r.unchanged).toBe(r.rowsInFile - r.skipped)
      if (c.title) {
        const p = after.find((q) => q.title === c.title)
        expect(p, `${c.title} was imported`).toBeDefined()
        c.check?.(p)
      }
    })
})

describe('formula injection, encodings and line ends', () => {
  it('formula-like cells are kept as plain text, exactly', async () => {
    const store = memoryCatalogueStore()
    const r = await importCatalogue(store, {
      name: 'PipelineReports.csv',
      text: csv(HEADER, '', "=cmd|' /C calc'!A0, Bristol City Council, @SUM(1+1), +44 0000, -2+3, 12/01/2020, , ", GOOD_ROW)
    })
    expect(r.ok).toBe(true)
    const p = (await stored(store)).find((q) => q.organisation === 'Bristol City Council')
    expect([p?.title, p?.department, p?.owner, p?.ownerEmail]).toEqual(["=cmd|' /C calc'!A0", '@SUM(1+1)', '+44 0000', '-2+3'])
    // Each formula is reported (kept as text, never run); "+44 0000" and "-2+3" are not formulas.
    expect(r.issues.map((i) => i.message)).toEqual([
      'Title “=cmd|\' /C calc\'!A0” looks like a spreadsheet formula: kept as plain text, never run',
      'Department “@SUM(1+1)” looks like a spreadsheet formula: kept as plain text, never run',
      'Owner email “-2+3” is not an e-mail address: kept as text'
    ])
  })

  it("a tidy CSV's neutralising apostrophe (Fortnight's own export) is taken off; quoted commas and line breaks survive", async () => {
    const store = memoryCatalogueStore()
    const text = `\uFEFF${TIDY_HEADER}\r\n"'=HYPERLINK(""http://evil.example"",""x"")","Bins, recycling","Line one\r\nline two",'@me,,,,\r\n`
    const r = await importCatalogue(store, { name: 'PipelineReports.csv', text })
    expect(r.ok).toBe(true)
    const [p] = await stored(store)
    expect([p?.title, p?.organisation, p?.department, p?.owner]).toEqual(['=HYPERLINK("http://evil.example","x")', 'Bins, recycling', 'Line one line two', '@me'])
  })

  it('the Pipeline CSV with a BOM and CRLF line ends: lines counted as an editor counts them', async () => {
    const text = `\uFEFF${csv(HEADER, '', GOOD_ROW, '', ', Kent County Council, , , , , , ')}`
    const r = await importCatalogue(memoryCatalogueStore(), { name: 'PipelineReports.csv', text })
    expect(r.ok && r.format).toBe('pipeline-csv')
    expect(r.issues.map((i) => describeRowAt(i.at))).toEqual(['Line 5'])
  })

  it('a file in UTF-16 with its mark, and one in Windows-1252, are read', async () => {
    const body = csv(TIDY_HEADER, 'Budget £50K,Cyngor Sir Ynys Môn,,,,,,')
    const utf16 = new Uint8Array(2 + body.length * 2)
    utf16.set([0xff, 0xfe])
    for (let i = 0; i < body.length; i++) {
      utf16[2 + i * 2] = body.charCodeAt(i) & 0xff
      utf16[3 + i * 2] = body.charCodeAt(i) >> 8
    }
    const a = memoryCatalogueStore()
    expect((await importCatalogue(a, { name: 'c.csv', bytes: utf16 })).ok).toBe(true)
    expect((await stored(a))[0]?.organisation).toBe('Cyngor Sir Ynys Môn')

    const latin = Uint8Array.from(body, (ch) => ch.charCodeAt(0)) // £ = 0xA3, ô = 0xF4 in Windows-1252
    const b = memoryCatalogueStore()
    const r = await importCatalogue(b, { name: 'c.csv', bytes: latin })
    expect(r.ok && r.notes[0]).toMatch(/read as Windows-1252/)
    expect((await stored(b))[0]?.title).toBe('Budget £50K')
  })
})
