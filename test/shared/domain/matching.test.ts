// Mentor matching (issue 9) on a directory of 47 mentors and 20 projects (test/fixtures/mentorFixture.ts).
// The expected top three were written by reading the fixture (who did the same thing, who shares
// the tags, who did something near it), then confirmed by running the ranking.
import { describe, expect, it } from 'vitest'
import type { Mentor } from '@shared/doc'
import type { MentorId } from '@shared/domain/ids'
import { CROSS_SECTOR_FLOOR, listInWords, MIN_CROSS_SECTOR_SCORE, rankMentors, type MatchProject, type MentorSuggestion } from '@shared/domain/matching'
import { FIXTURE_MENTORS, FIXTURE_PROJECTS, fixtureMentor, fixtureProject } from '../../fixtures/mentorFixture'

const NO_LINKS: ReadonlyMap<string, number> = new Map()
const rank = (p: MatchProject, opts: { activeLinks?: ReadonlyMap<string, number>; exclude?: ReadonlySet<string>; limit?: number } = {}, mentors: readonly Mentor[] = FIXTURE_MENTORS): readonly MentorSuggestion[] =>
  rankMentors(p, mentors, { activeLinks: NO_LINKS, ...opts })
/** Everyone who scores at all, in order (a limit no directory reaches). */
const everyone = (p: MatchProject, opts: { activeLinks?: ReadonlyMap<string, number> } = {}, mentors: readonly Mentor[] = FIXTURE_MENTORS): readonly MentorSuggestion[] =>
  rank(p, { ...opts, limit: 1000 }, mentors)

type Expected = readonly [mentorId: string, sharedTags: readonly string[], bestPastProject: string | null, someMatchingTerms: readonly string[]]

// For each project: the top three mentors; the tags they share with the project; their most
// similar past project; and words of the project their entry matches (the most telling ones).
const EXPECTED: readonly (readonly [projectId: string, top3: readonly Expected[]])[] = [
  ['p01-garden-waste', [
    ['m01-priya', ['garden-waste', 'subscriptions', 'payments'], 'Garden waste subscriptions online', ['renewals', 'debit', 'direct']],
    ['m14-oliver', ['payments'], 'Pay by phone parking integration', ['phone']],
    ['m30-sophie', [], 'Webchat in the contact centre', ['centre', 'contact']]
  ]],
  ['p02-repairs', [
    ['m03-helen', ['housing-repairs', 'damp-and-mould'], 'Report a housing repair online', ['report', 'tenants', 'triaged']],
    ['m04-gareth', ['housing-repairs'], 'Repairs appointment scheduling', ['tenants', 'appointment']],
    ['m36-zara', ['damp-and-mould'], 'Warm homes retrofit referrals', ['tenants']]
  ]],
  ['p03-moving-home', [
    ['m05-sarah', ['council-tax', 'moving-home'], 'Tell us you are moving home', ['discounts', 'single', 'person']],
    ['m29-andrew', ['council-tax'], 'Revenues system migration', ['revenues', 'bills', 'move']],
    ['m24-rachel', [], 'Council tax support online claim', ['benefits', 'tax']]
  ]],
  ['p04-planning', [
    ['m07-anna', ['planning', 'validation'], 'Planning application validation checker', ['applications', 'agents', 'invalid']],
    ['m45-owen', ['validation'], 'Building control applications online', ['fees', 'valid', 'applications']],
    ['m08-james', ['planning'], 'Digital planning register', ['applications']]
  ]],
  ['p05-libraries', [
    ['m09-ruth', ['libraries', 'digital-inclusion'], 'Digital skills sessions in libraries', ['skills', 'branch', 'reserve']],
    ['m47-amira', ['libraries'], 'Join the library online', ['join', 'books']],
    ['m10-kwame', ['digital-inclusion'], 'Device lending for digital inclusion', ['offline']]
  ]],
  ['p06-asc', [
    ['m11-margaret', ['adult-social-care', 'assessments'], 'Adult social care self-assessment', ['self', 'workers', 'carers']],
    ['m40-jennifer', ['adult-social-care', 'assessments'], 'Carers’ assessment online', ['carers', 'call']],
    ['m12-imran', ['adult-social-care'], 'Discharge to assess', []]
  ]],
  ['p07-parking', [
    ['m13-lucy', ['parking', 'permits'], 'Residents’ parking permits online', ['address', 'proof', 'renew']],
    ['m44-hannah', ['parking', 'permits'], 'Parking enforcement handhelds', []],
    ['m14-oliver', ['parking'], 'Pay by phone parking integration', ['wardens', 'permits']]
  ]],
  ['p08-missed-bins', [
    ['m02-tom', ['bin-collections', 'missed-bins'], 'Missed bin reports from the crew cab', ['waste', 'crew', 'recycling']],
    ['m41-paul', ['bin-collections'], 'New recycling collections rollout', ['recycling', 'waste']],
    ['m43-stephen', [], 'Failed delivery reasons from the van', ['cab', 'access', 'blocked']]
  ]],
  ['p09-blue-badge', [
    ['m15-fatima', ['blue-badge', 'accessibility'], 'Blue badge application', ['applications', 'decisions', 'upload']],
    ['m16-ben', ['accessibility'], 'Accessible services audit', ['disabled']],
    ['m07-anna', [], 'Planning application validation checker', ['applications', 'applicants']]
  ]],
  ['p10-fsm', [
    ['m17-chloe', ['free-school-meals', 'data-matching', 'benefits'], 'Free school meals auto-enrolment', ['education', 'eligible', 'children']],
    ['m06-david', ['free-school-meals', 'data-matching', 'benefits'], 'Sharing benefit data with councils', ['families']],
    ['m25-hugo', [], 'School transport applications', ['school', 'education']]
  ]],
  ['p11-homelessness', [
    ['m18-samuel', ['homelessness', 'triage'], 'Homelessness prevention triage', ['options', 'prevention', 'housing']],
    ['m19-grace', ['homelessness'], 'Rough sleeping outreach app', []],
    ['m03-helen', [], 'Report a housing repair online', ['housing']]
  ]],
  ['p12-potholes', [
    ['m20-peter', ['highways', 'potholes'], 'Report a pothole', ['report', 'photo', 'repair']],
    ['m03-helen', [], 'Report a housing repair online', ['repair', 'report', 'photo']],
    ['m21-nadia', [], 'Fly-tipping reports with photos', ['photo', 'report', 'location']]
  ]],
  ['p13-registration', [
    ['m22-colin', ['registration', 'appointment-booking'], 'Register a birth: appointments online', ['birth', 'register', 'bring']],
    ['m33-ian', ['appointment-booking'], 'Outpatient appointment reminders', ['missed']],
    ['m23-emma', ['appointment-booking'], 'Appointment booking pattern', []]
  ]],
  ['p14-cts', [
    ['m24-rachel', ['council-tax-support', 'claims'], 'Council tax support online claim', ['benefits', 'evidence', 'paper']],
    ['m06-david', ['council-tax-support', 'claims'], 'Sharing benefit data with councils', ['benefits', 'evidence']],
    ['m05-sarah', [], 'Tell us you are moving home', ['tax', 'revenues', 'form']]
  ]],
  ['p15-admissions', [
    ['m17-chloe', ['school-admissions', 'education'], 'School admissions online', ['primary', 'secondary', 'offer']],
    ['m25-hugo', ['education'], 'School transport applications', ['school']],
    ['m39-mohammed', [], 'Forms platform migration', ['form']]
  ]],
  ['p16-fly-tipping', [
    ['m21-nadia', ['fly-tipping', 'enforcement'], 'Fly-tipping reports with photos', ['photo', 'report', 'hotspots']],
    ['m44-hannah', ['enforcement'], 'Parking enforcement handhelds', ['officers']],
    ['m20-peter', [], 'Report a pothole', ['report', 'photo']]
  ]],
  ['p17-care-leavers', [
    ['m26-joanna', ['care-leavers', 'young-people'], 'Care leavers’ local offer app', ['offer', 'children', 'personal']],
    ['m27-tariq', ['care-leavers', 'young-people'], 'Co-designing services with young people', ['support']],
    ['m40-jennifer', [], 'Carers’ assessment online', ['care', 'adviser']]
  ]],
  ['p18-business-rates', [
    ['m28-victoria', ['business-rates', 'relief'], 'Business rates relief applications', ['award', 'small', 'application']],
    ['m29-andrew', ['business-rates'], 'Revenues system migration', ['revenues']],
    ['m06-david', [], 'Sharing benefit data with councils', ['benefits', 'data']]
  ]],
  ['p19-discharge', [
    ['m12-imran', ['hospital-discharge', 'adult-social-care'], 'Discharge to assess', ['ward', 'summary', 'home']],
    ['m11-margaret', ['adult-social-care'], 'Adult social care self-assessment', ['summary']],
    ['m40-jennifer', ['adult-social-care'], 'Carers’ assessment online', []]
  ]],
  ['p20-webchat', [
    ['m30-sophie', ['contact-centre', 'webchat'], 'Webchat in the contact centre', ['answers', 'enquiries', 'customer']],
    ['m31-mark', ['contact-centre', 'webchat'], 'Council chatbot pilot', ['chatbot', 'enquiries', 'common']],
    ['m46-natalie', ['contact-centre'], 'Answers to common questions', ['questions', 'answers', 'common']]
  ]],
]

describe('the fixture', () => {
  it('has at least 40 mentors from at least six sectors, and 20 projects', () => {
    expect(FIXTURE_MENTORS.length).toBeGreaterThanOrEqual(40)
    expect(new Set(FIXTURE_MENTORS.map((m) => m.sector)).size).toBeGreaterThanOrEqual(6)
    expect(FIXTURE_MENTORS.some((m) => m.internal) && FIXTURE_MENTORS.some((m) => !m.internal)).toBe(true)
    expect(FIXTURE_PROJECTS).toHaveLength(20)
    expect(EXPECTED.map(([id]) => id)).toEqual(FIXTURE_PROJECTS.map((p) => p.id))
  })
})

describe('the top three for each project, and why', () => {
  it.each(EXPECTED)('%s', (projectId, top3) => {
    const got = rank(fixtureProject(projectId)).slice(0, 3)
    expect(got.map((s) => s.mentor.id)).toEqual(top3.map(([id]) => id))
    got.forEach((s, i) => {
      const [, sharedTags, best, terms] = top3[i]!
      expect(s.sharedTags, `${s.mentor.name}: shared tags`).toEqual(sharedTags)
      expect(s.bestPastProject?.title ?? null, `${s.mentor.name}: most similar past project`).toBe(best)
      expect(s.matchingTerms, `${s.mentor.name}: matching words`).toEqual(expect.arrayContaining([...terms]))
      // The sentence says all three.
      if (best) expect(s.reason).toContain(`“${best}”`)
      for (const t of sharedTags) expect(s.reason).toContain(t)
      for (const t of terms) expect(s.reason).toContain(`“${t}”`)
    })
    // Best first.
    for (let i = 1; i < got.length; i++) expect(got[i]!.score).toBeLessThanOrEqual(got[i - 1]!.score)
  })

  it('puts the mentor who did garden waste subscriptions first for garden waste renewals, and says why in one sentence', () => {
    const [first] = rank(fixtureProject('p01-garden-waste'))
    expect(first?.mentor.name).toBe('Priya Shah')
    expect(first?.reason).toBe(
      'Worked on “Garden waste subscriptions online”; shares the tags garden-waste, subscriptions and payments; matches the words “renewals”, “debit”, “direct”, “phone” and “recycling”.'
    )
    expect(first?.bestPastProject?.score).toBeGreaterThan(0)
  })

  it('explains a match on tags alone, and lists words without the ones a shared tag already says', () => {
    const robert = everyone(fixtureProject('p16-fly-tipping')).find((s) => s.mentor.id === 'm37-robert')
    expect(robert).toMatchObject({ sharedTags: ['enforcement'], bestPastProject: null, matchingTerms: [], reason: 'Shares the tag enforcement.' })
    const nadia = rank(fixtureProject('p16-fly-tipping'))[0]!
    expect(nadia.sharedTags).toEqual(['fly-tipping', 'enforcement'])
    expect(nadia.matchingTerms).not.toContain('enforcement')
    expect(nadia.matchingTerms).not.toContain('fly')
  })
})

describe('capacity', () => {
  const p01 = fixtureProject('p01-garden-waste')

  it('lists a mentor with as many active links as their capacity after every mentor with room, marked', () => {
    expect(fixtureMentor('m01-priya').capacity).toBe(2)
    const oneLink = everyone(p01, { activeLinks: new Map([['m01-priya', 1]]) })
    expect(oneLink[0]).toMatchObject({ mentor: { id: 'm01-priya' }, atCapacity: false })

    const full = everyone(p01, { activeLinks: new Map([['m01-priya', 2]]) })
    const at = full.findIndex((s) => s.mentor.id === 'm01-priya')
    expect(at).toBe(full.length - 1)
    expect(full[at]).toMatchObject({ atCapacity: true })
    expect(full.slice(0, at).every((s) => !s.atCapacity)).toBe(true)
    // Her score does not change: only where she is listed.
    expect(full[at]!.score).toBe(oneLink[0]!.score)
    // In the top five she no longer appears: five mentors with room come first.
    expect(rank(p01, { activeLinks: new Map([['m01-priya', 2]]) }).map((s) => s.mentor.id)).not.toContain('m01-priya')
  })

  it('counts over capacity as at capacity, and ranks mentors at capacity among themselves by score', () => {
    const links = new Map([
      ['m01-priya', 5],
      ['m14-oliver', 3]
    ])
    const list = everyone(p01, { activeLinks: links })
    expect(list.slice(-2).map((s) => [s.mentor.id, s.atCapacity])).toEqual([
      ['m01-priya', true],
      ['m14-oliver', true]
    ])
  })

  it('treats a capacity of 0 as not taking teams now', () => {
    const resting: Mentor = { ...fixtureMentor('m01-priya'), capacity: 0 }
    const mentors = FIXTURE_MENTORS.map((m) => (m.id === resting.id ? resting : m))
    const list = everyone(p01, {}, mentors)
    expect(list.at(-1)).toMatchObject({ mentor: { id: 'm01-priya' }, atCapacity: true })
  })
})

describe('another sector', () => {
  it('adds the best mentor from another sector when the top N are all local government, if they clear the floor', () => {
    const p08 = fixtureProject('p08-missed-bins')
    const top2 = rank(p08, { limit: 2 })
    expect(top2.map((s) => [s.mentor.id, s.crossSector])).toEqual([
      ['m02-tom', false],
      ['m41-paul', false],
      ['m43-stephen', true]
    ])
    expect(top2[2]!.reason).toBe('Worked on “Failed delivery reasons from the van”; matches the words “cab”, “access”, “blocked”, “return” and “device”.')
    // With one place, too: a central government planning mentor joins the validation checker's author.
    expect(rank(fixtureProject('p04-planning'), { limit: 1 }).map((s) => [s.mentor.id, s.mentor.sector])).toEqual([
      ['m07-anna', 'local-government'],
      ['m08-james', 'central-government']
    ])
  })

  it('adds nobody when no mentor from another sector clears the floor', () => {
    const p16 = fixtureProject('p16-fly-tipping')
    const all = everyone(p16)
    const floor = Math.max(MIN_CROSS_SECTOR_SCORE, CROSS_SECTOR_FLOOR * all[0]!.score)
    expect(all.filter((s) => s.crossSector).every((s) => s.score < floor)).toBe(true)
    const list = rank(p16)
    expect(list).toHaveLength(5)
    expect(list.some((s) => s.crossSector)).toBe(false)
  })

  it('offers someone from another sector for every fixture project where one clears the floor', () => {
    let offered = 0
    for (const p of FIXTURE_PROJECTS) {
      const all = everyone(p)
      const floor = Math.max(MIN_CROSS_SECTOR_SCORE, CROSS_SECTOR_FLOOR * (all[0]?.score ?? 0))
      const someoneClears = all.some((s) => s.crossSector && s.score >= floor)
      const list = rank(p)
      // (One may also be there on their own merit, below the floor, as a top-five mentor.)
      if (someoneClears) expect(list.some((s) => s.crossSector), p.id).toBe(true)
      if (list.some((s) => s.crossSector)) offered++
      // Never more than one extra.
      expect(list.length).toBeLessThanOrEqual(6)
    }
    expect(offered).toBeGreaterThanOrEqual(18)
  })
})

describe('who is never suggested', () => {
  it('leaves out retired mentors, who would otherwise rank second for garden waste', () => {
    const laura = fixtureMentor('m34-laura')
    expect(laura.retired).toBe(true)
    for (const p of FIXTURE_PROJECTS) expect(everyone(p).map((s) => s.mentor.id), p.id).not.toContain(laura.id)
    const back = FIXTURE_MENTORS.map((m) => (m.id === laura.id ? { ...m, retired: false } : m))
    expect(rank(fixtureProject('p01-garden-waste'), {}, back).map((s) => s.mentor.id).slice(0, 2)).toEqual(['m01-priya', 'm34-laura'])
  })

  it('leaves out excluded mentors (already linked) without changing anyone else’s score', () => {
    const p01 = fixtureProject('p01-garden-waste')
    const before = everyone(p01)
    const after = rank(p01, { exclude: new Set(['m01-priya']), limit: 1000 })
    expect(after.map((s) => s.mentor.id)).toEqual(before.slice(1).map((s) => s.mentor.id))
    expect(after.map((s) => s.score)).toEqual(before.slice(1).map((s) => s.score))
  })

  it('reads words as people write them: accents, curly apostrophes and plurals', () => {
    const cafe: Mentor = {
      ...fixtureMentor('m37-robert'),
      id: 'cafe' as MentorId,
      name: 'Café Licensing',
      expertise: [],
      bio: '',
      pastProjects: [{ id: 'x', title: 'Pavement café licences', summary: 'Traders’ applications for tables outside.', tags: [], pipelineUrl: null }]
    }
    const [s] = rank({ id: 'p', name: 'Cafe pavement licence', problem: "Trader's tables", tags: [], serviceArea: '', phase: '' }, {}, [cafe, ...FIXTURE_MENTORS])
    expect(s?.mentor.id).toBe('cafe')
    expect(s?.matchingTerms).toEqual(expect.arrayContaining(['cafe', 'pavement', 'licence', 'trader', 'tables']))
  })

  it('suggests nobody for a project with nothing to match on', () => {
    expect(rank({ id: 'empty', name: '', problem: '', tags: [], serviceArea: '', phase: '' })).toEqual([])
    expect(rank({ id: 'x', name: 'The', problem: 'and the of', tags: [], serviceArea: '', phase: '' })).toEqual([])
  })
})

describe('determinism', () => {
  /** mulberry32: seeded, so a failing order is reproducible. */
  function shuffled<T>(items: readonly T[], seed: number): T[] {
    let s = seed
    const rand = (): number => {
      s = (s + 0x6d2b79f5) | 0
      let t = Math.imul(s ^ (s >>> 15), 1 | s)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }

  it('gives the same list whatever order the directory arrives in', () => {
    for (const p of FIXTURE_PROJECTS) {
      const expected = everyone(p)
      for (const seed of [1, 2, 3]) expect(everyone(p, {}, shuffled(FIXTURE_MENTORS, seed)), `${p.id} seed ${seed}`).toEqual(expected)
    }
  })

  it('breaks ties by name, then by id', () => {
    const base = fixtureMentor('m13-lucy')
    const twin = (id: string, name: string): Mentor => ({ ...base, id: id as MentorId, name })
    const mentors = [twin('id-b', 'Zoe Twin'), twin('id-c', 'Abe Twin'), twin('id-a', 'Abe Twin')]
    const list = rank(fixtureProject('p07-parking'), {}, mentors)
    expect(list.map((s) => s.mentor.id)).toEqual(['id-a', 'id-c', 'id-b'])
    expect(new Set(list.map((s) => s.score)).size).toBe(1)
  })
})

describe('listInWords', () => {
  it('writes lists as GOV.UK does', () => {
    expect(listInWords([])).toBe('')
    expect(listInWords(['a'])).toBe('a')
    expect(listInWords(['a', 'b'])).toBe('a and b')
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c')
  })
})

describe('a directory that is just starting', () => {
  const only: Mentor = {
    ...FIXTURE_MENTORS[0]!,
    id: 'm-solo' as MentorId,
    name: 'Mo Mentor',
    sector: 'local-government',
    expertise: ['waste', 'subscriptions'],
    bio: '',
    capacity: 2,
    retired: false,
    pastProjects: [{ id: 'p1', title: 'Garden waste subscriptions online', summary: 'Moved garden waste renewals online with direct debit.', tags: [], pipelineUrl: null }]
  }
  const bare: MatchProject = { id: 'x', name: 'Garden waste renewals', problem: '', tags: [], serviceArea: '', phase: 'Discovery' }

  it('with one mentor, a new project that only has a name still gets them suggested, with the words that matched', () => {
    const [s] = rank(bare, {}, [only])
    expect(s?.mentor.name).toBe('Mo Mentor')
    expect(s?.bestPastProject?.title).toBe('Garden waste subscriptions online')
    expect(s?.matchingTerms).toEqual(expect.arrayContaining(['garden', 'renewals']))
  })

  it('but not for a project about something else', () => {
    expect(rank({ ...bare, name: 'Library room bookings' }, {}, [only])).toEqual([])
  })
})
