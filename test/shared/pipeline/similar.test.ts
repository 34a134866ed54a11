// Issue 10, look sideways: in a catalogue of 300 realistic projects (seeded), the projects like a
// new one come first, the Pipeline's own rule (3 or more shared tags) before text similarity, each
// with who to contact and why.
import { beforeAll, describe, expect, it } from 'vitest'
import { importCatalogue, memoryCatalogueStore } from '@shared/pipeline/catalogue'
import type { CatalogueProject } from '@shared/pipeline/importSchema'
import { catalogueOrganisations, searchCatalogue, similarProjects, type CatalogueFilters, type SimilarQuery } from '@shared/pipeline/similar'
import { generateCatalogue, type SummaryJson, type ViewJson } from '../../fixtures/pipeline-import/generate'

const base: Omit<SummaryJson, 'Id' | 'Title' | 'Organisation' | 'Tags' | 'Department' | 'Owner' | 'OwnerEmail'> = {
  ProjectStatus: 'Alpha',
  OrganisationId: 1,
  LastUpdated: '2021-03-01T00:00:00',
  AgileLifecycle: 'Prototype',
  FundingBoundary: '0',
  ProjectStart: '2020-09-01T00:00:00',
  ProjectEnd: '0001-01-01T00:00:00'
}

/** The projects the test knows about: three that must come first, in this order, and near misses. */
const PLANTED = [
  {
    Id: 9001,
    Title: 'Allotment plot applications',
    Organisation: 'Leeds City Council',
    Department: 'Parks and countryside',
    Owner: 'Ravi Kumar',
    OwnerEmail: 'ravi.kumar@leeds.gov.uk',
    Tags: 'allotments,waiting-list,parks,volunteers',
    Content: 'Residents apply for a plot online and see their place in the queue. Site secretaries offer vacant plots.'
  },
  {
    Id: 9002,
    Title: 'Allotment waiting list and rent reminders',
    Organisation: 'Bristol City Council',
    Department: 'Parks',
    Owner: 'Ellie Brown',
    OwnerEmail: 'ellie.brown@bristol.gov.uk',
    Tags: 'allotments,parks,payments',
    Content: 'The allotment waiting list moved from a spreadsheet to a service where tenants pay plot rent and get reminders.'
  },
  {
    Id: 9003,
    Title: 'Community growing spaces',
    Organisation: 'Camden Council',
    Department: 'Green spaces',
    Owner: 'Dev Singh',
    OwnerEmail: 'dev.singh@camden.gov.uk',
    Tags: 'green-spaces,food-growing',
    Content: 'People asking for an allotment are offered a community garden plot while they wait; the waiting list is shared with growing groups.'
  },
  // Near misses: one shared tag and a common word, or the right words about another thing.
  {
    Id: 9004,
    Title: 'Housing register waiting list',
    Organisation: 'Croydon Council',
    Department: 'Housing',
    Owner: 'Fatima Hussain',
    OwnerEmail: 'fatima.hussain@croydon.gov.uk',
    Tags: 'housing,waiting-list',
    Content: 'Applicants see their band and position on the housing register.'
  },
  {
    Id: 9005,
    Title: 'Parks events booking',
    Organisation: 'Dorset Council',
    Department: 'Parks',
    Owner: 'Owen Williams',
    OwnerEmail: 'owen.williams@dorset.gov.uk',
    Tags: 'parks,events',
    Content: 'Event organisers book a park and pay the fee.'
  }
] as const

const QUERY: SimilarQuery = {
  name: 'Allotment waiting list online',
  problem:
    'People wait years for an allotment plot. The waiting list is a spreadsheet, and residents phone the parks office to ask where they are on it; vacant plots stay empty for months.',
  tags: ['Allotments', 'waiting list', 'parks', 'volunteers'],
  serviceArea: 'Parks and green spaces'
}

let catalogue: readonly CatalogueProject[] = []

beforeAll(async () => {
  const { summaries, views } = generateCatalogue(295, 42)
  const planted: SummaryJson[] = PLANTED.map((p) => ({ ...base, ...p }))
  const plantedViews: Partial<ViewJson>[] = PLANTED.map((p) => ({ Id: p.Id, Title: p.Title, OrganisationName: p.Organisation, Content: p.Content }))
  const store = memoryCatalogueStore()
  // The list (tags, owners) and then each project's details (descriptions), as a person would save them.
  for (const [name, items] of [
    ['projects.json', [...summaries, ...planted]],
    ['details.json', [...views, ...plantedViews]]
  ] as const) {
    const r = await importCatalogue(store, { name, text: JSON.stringify(items) })
    expect(r.ok && r.skipped).toBe(0)
  }
  catalogue = (await store.load()).projects
  expect(catalogue).toHaveLength(300)
})

describe('similarProjects', () => {
  it('the expected projects come first, with organisation, phase, key contact and why', () => {
    const found = similarProjects(QUERY, catalogue, { limit: 5 })
    expect(found.slice(0, 3).map((s) => s.project.pipelineId)).toEqual([9001, 9002, 9003])
    const [first, second, third] = found
    expect(first).toMatchObject({
      pipelineRule: true,
      sharedTags: ['allotments', 'waiting-list', 'parks', 'volunteers'],
      project: { organisation: 'Leeds City Council', status: 'Alpha', owner: 'Ravi Kumar', ownerEmail: 'ravi.kumar@leeds.gov.uk' }
    })
    expect(first!.reason).toMatch(
      /^Shares 4 tags: allotments, waiting-list, parks and volunteers \(the Pipeline's own rule for similar projects is 3 or more shared tags\); mentions .*“plot”/
    )
    expect(second).toMatchObject({ pipelineRule: false, sharedTags: ['allotments', 'parks'] })
    // "allotment" is already said by the shared tag, so the words add what the tags do not.
    expect(second!.matchingTerms).toEqual(expect.arrayContaining(['waiting', 'list', 'spreadsheet', 'plot']))
    expect(second!.reason).toMatch(/^Shares 2 tags: allotments and parks; mentions “.+”, “.+”/)
    // No shared tag at all: found by its words alone.
    expect(third).toMatchObject({ sharedTags: [], project: { organisation: 'Camden Council' } })
    expect(third!.reason).toMatch(/^Mentions .*“allotment”/)
    // The near misses, if listed, come after.
    const rest = found.slice(3).map((s) => s.project.pipelineId)
    expect(rest.every((id) => id === null || id > 9003 || id < 9000)).toBe(true)
    // After the rule's matches, scores fall.
    const others = found.filter((s) => !s.pipelineRule).map((s) => s.score)
    expect(others).toEqual([...others].sort((a, b) => b - a))
  })

  it('the Pipeline’s rule puts 3 shared tags first even when another project has more words in common', () => {
    const ruleOnly: CatalogueProject = { ...catalogue[0]!, key: 'x:rule', pipelineId: 1_000_001, title: 'Volunteer register', content: '', department: '', tags: ['allotments', 'parks', 'volunteers'] }
    const found = similarProjects(QUERY, [...catalogue, ruleOnly], { limit: 3 })
    expect(found.map((s) => s.project.pipelineId)).toEqual([9001, 1_000_001, 9002])
    expect(found[1]!.score).toBeLessThan(found[2]!.score)
  })

  it('is deterministic: the same list however the catalogue is ordered', () => {
    const once = similarProjects(QUERY, catalogue, { limit: 10 })
    const shuffled = [...catalogue].reverse()
    const again = similarProjects(QUERY, shuffled, { limit: 10 })
    expect(again.map((s) => [s.project.key, s.score, s.reason])).toEqual(once.map((s) => [s.project.key, s.score, s.reason]))
  })

  it('a project name alone (the new-project form) already finds them', () => {
    const found = similarProjects({ name: 'Allotment waiting list', problem: '', tags: [], serviceArea: '' }, catalogue)
    expect(found[0]!.project.pipelineId).toBe(9002)
    expect(found.map((s) => s.project.pipelineId)).toEqual(expect.arrayContaining([9001, 9003]))
    expect(found[0]!.reason).toBe('Mentions “allotment”, “list” and “waiting”.')
  })

  it('nothing to go on, nothing similar, an empty catalogue, or excluded: no suggestions', () => {
    expect(similarProjects({ name: '', problem: '', tags: [], serviceArea: '' }, catalogue)).toEqual([])
    expect(similarProjects({ name: 'Quantum cryptography satellite', problem: '', tags: ['satellites'], serviceArea: '' }, catalogue)).toEqual([])
    expect(similarProjects(QUERY, [])).toEqual([])
    const keys = new Set(catalogue.filter((p) => p.pipelineId === 9001).map((p) => p.key))
    expect(similarProjects(QUERY, catalogue, { exclude: keys }).map((s) => s.project.pipelineId)[0]).toBe(9002)
  })

  it('common council words alone do not make a match', () => {
    // "Online service for residents" is all stop words: nothing to say these projects are alike.
    expect(similarProjects({ name: 'Online service for residents', problem: 'A new digital service for the council.', tags: [], serviceArea: '' }, catalogue)).toEqual(
      []
    )
  })
})

describe('searchCatalogue (offline search on /catalogue)', () => {
  it('finds by the start of a word and forgives a typo; filters by phase and organisation', () => {
    const titles = (f: Partial<CatalogueFilters>) => searchCatalogue(catalogue, { query: '', phase: '', organisation: '', ...f }).map((p) => p.title)
    expect(titles({ query: 'allot' })).toEqual(expect.arrayContaining(['Allotment plot applications', 'Allotment waiting list and rent reminders']))
    expect(titles({ query: 'allotmnet waiting' })[0]).toBe('Allotment waiting list and rent reminders')
    expect(titles({ query: 'allot', organisation: 'Camden Council' })).toEqual(['Community growing spaces'])
    expect(titles({ query: 'allot', phase: 'Live' })).toEqual([])
    // No words: every project that passes the filters, by title.
    const leeds = titles({ organisation: 'Leeds City Council' })
    expect(leeds).toEqual([...leeds].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base', numeric: true })))
    expect(leeds.length).toBe(catalogue.filter((p) => p.organisation === 'Leeds City Council').length)
    expect(titles({ phase: 'none' })).toEqual([])
  })

  it('lists organisations A to Z with their counts', () => {
    const orgs = catalogueOrganisations(catalogue)
    expect(orgs.reduce((n, o) => n + o.count, 0)).toBe(300)
    expect(orgs[0]).toEqual({ name: 'Adur & Worthing Councils', count: catalogue.filter((p) => p.organisation === 'Adur & Worthing Councils').length })
  })
})
