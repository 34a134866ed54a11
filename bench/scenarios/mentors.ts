import type { Mentor, MentorSector } from '../../src/shared/doc/mentors'
import type { MentorId } from '../../src/shared/domain/ids'
import { rankMentors, type MatchProject } from '../../src/shared/domain/matching'
import { median, time } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * Mentor matching (issue 9), in node: rank a directory of 500 mentors, each with 3 past projects
 * (a title, a 25–45 word summary, 2–3 tags), expertise tags and a bio, for one project with a
 * 60-word problem statement. Seeded, so every run ranks the same directory.
 *
 * "Cold" is what the first ranking after opening the directory costs: every mentor object is new,
 * so every past project and bio is tokenised. "Warm" is a re-rank with the same mentor objects (the
 * doc reader hands back the same objects while entries are unchanged), e.g. after a link changes.
 * Target: 50 ms for the median and p95 of both.
 */
export const scenario: Scenario = {
  name: 'mentors',
  description: 'Rank 500 mentors × 3 past projects for one project: cold (tokenising) and warm, median/p95',
  async run(opts) {
    const size = 500
    const rounds = opts.quick ? 15 : 40
    const projects = Array.from({ length: 10 }, (_, i) => benchProject(i))
    const base = directory(size)
    opts.log(`mentors: ${size} mentors, ${base.reduce((n, m) => n + m.pastProjects.length, 0)} past projects; ${rounds} rounds × ${projects.length} projects`)

    // Warm-up: let the JIT see the code before anything is timed.
    for (const p of projects) rankMentors(p, base.map(clone), { activeLinks: new Map() })

    const cold: number[] = []
    const warm: number[] = []
    const links = new Map(base.filter((_, i) => i % 7 === 0).map((m) => [m.id as string, m.capacity]))
    let suggestions = 0
    for (let r = 0; r < rounds; r++) {
      const p = projects[r % projects.length]!
      const fresh = base.map(clone)
      const c = time(() => rankMentors(p, fresh, { activeLinks: links }))
      cold.push(c.ms)
      suggestions += c.value.length
      warm.push(time(() => rankMentors(p, fresh, { activeLinks: links })).ms)
    }
    if (suggestions === 0) throw new Error('the bench directory produced no suggestions')
    const target = { value: 50, better: 'lower' as const }
    const figures: Figure[] = [
      { name: 'rank 500 mentors, cold median', value: median(cold), unit: 'ms', target, note: `new mentor objects: every text tokenised; ${rounds} runs` },
      { name: 'rank 500 mentors, cold p95', value: p95(cold), unit: 'ms', target, note: `${rounds} runs` },
      { name: 'rank 500 mentors, warm median', value: median(warm), unit: 'ms', target, note: `same mentor objects (re-rank after a link changes); ${rounds} runs` },
      { name: 'rank 500 mentors, warm p95', value: p95(warm), unit: 'ms', target, note: `${rounds} runs` }
    ]
    return { figures, details: { size, rounds, cold, warm, averageSuggestions: suggestions / rounds } }
  }
}

function p95(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? Number.NaN
}

/** A copy with new objects all the way down, as a fresh read of the doc would give. */
function clone(m: Mentor): Mentor {
  return { ...m, expertise: [...m.expertise], pastProjects: m.pastProjects.map((p) => ({ ...p, tags: [...p.tags] })) }
}

// mulberry32: a small seeded generator whose low bits are random too.
function generator(seed: number): (k: number) => number {
  let s = seed
  return (k) => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) % k
  }
}

/** Council topics: tags and the words people use about them. */
const TOPICS: readonly { readonly tags: readonly string[]; readonly words: readonly string[] }[] = [
  { tags: ['garden-waste', 'subscriptions'], words: ['garden', 'waste', 'subscription', 'renewal', 'bins', 'payments', 'direct', 'debit'] },
  { tags: ['missed-bins', 'bin-collections'], words: ['missed', 'bin', 'crew', 'collection', 'round', 'cab', 'recycling', 'access'] },
  { tags: ['housing-repairs', 'damp-and-mould'], words: ['repair', 'tenants', 'appointment', 'damp', 'mould', 'operatives', 'trade', 'inspection'] },
  { tags: ['council-tax', 'discounts'], words: ['council', 'tax', 'bill', 'discount', 'single', 'person', 'arrears', 'account'] },
  { tags: ['planning', 'validation'], words: ['planning', 'application', 'drawings', 'agents', 'invalid', 'fees', 'householder', 'validation'] },
  { tags: ['libraries', 'digital-inclusion'], words: ['library', 'books', 'branch', 'reserve', 'members', 'digital', 'skills', 'offline'] },
  { tags: ['adult-social-care', 'assessments'], words: ['care', 'assessment', 'carers', 'social', 'workers', 'referral', 'needs', 'support'] },
  { tags: ['parking', 'permits'], words: ['parking', 'permit', 'wardens', 'visitor', 'vehicle', 'plate', 'proof', 'address'] },
  { tags: ['blue-badge', 'accessibility'], words: ['blue', 'badge', 'disabled', 'eligibility', 'evidence', 'photo', 'decision', 'accessible'] },
  { tags: ['free-school-meals', 'data-matching'], words: ['school', 'meals', 'children', 'eligible', 'benefits', 'families', 'data', 'enrol'] },
  { tags: ['homelessness', 'triage'], words: ['homeless', 'prevention', 'housing', 'options', 'risk', 'triage', 'accommodation', 'outreach'] },
  { tags: ['highways', 'potholes'], words: ['pothole', 'highways', 'road', 'defect', 'inspectors', 'location', 'map', 'report'] },
  { tags: ['registration', 'appointment-booking'], words: ['birth', 'death', 'register', 'registrar', 'booking', 'documents', 'reminder', 'ceremony'] },
  { tags: ['business-rates', 'relief'], words: ['business', 'rates', 'relief', 'retail', 'small', 'award', 'revenues', 'ratepayers'] },
  { tags: ['contact-centre', 'webchat'], words: ['contact', 'centre', 'calls', 'webchat', 'chatbot', 'enquiries', 'answers', 'customer'] },
  { tags: ['fly-tipping', 'enforcement'], words: ['fly', 'tipping', 'enforcement', 'officers', 'hotspots', 'evidence', 'rubbish', 'fines'] },
  { tags: ['care-leavers', 'young-people'], words: ['care', 'leavers', 'young', 'adviser', 'offer', 'money', 'tenancy', 'education'] },
  { tags: ['school-admissions', 'education'], words: ['school', 'admissions', 'primary', 'secondary', 'offer', 'places', 'parents', 'appeals'] },
  { tags: ['hospital-discharge', 'integration'], words: ['hospital', 'discharge', 'ward', 'nhs', 'summary', 'home', 'package', 'beds'] },
  { tags: ['licensing', 'taxi'], words: ['licence', 'taxi', 'drivers', 'vehicle', 'premises', 'alcohol', 'renewal', 'checks'] }
]
const COMMON = ['online', 'residents', 'form', 'process', 'service', 'team', 'data', 'users', 'research', 'journey', 'staff', 'time', 'paper', 'phone', 'email', 'letter']
const SECTORS: readonly MentorSector[] = ['local-government', 'local-government', 'local-government', 'nhs', 'central-government', 'charity', 'private', 'academia', 'other']

function words(rand: (k: number) => number, topic: (typeof TOPICS)[number], n: number): string {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(rand(3) === 0 ? COMMON[rand(COMMON.length)]! : topic.words[rand(topic.words.length)]!)
  return out.join(' ')
}

/** `n` mentors, each with 3 past projects on seeded topics. */
function directory(n: number): Mentor[] {
  const rand = generator(9)
  const out: Mentor[] = []
  for (let i = 0; i < n; i++) {
    const topics = [TOPICS[rand(TOPICS.length)]!, TOPICS[rand(TOPICS.length)]!, TOPICS[rand(TOPICS.length)]!]
    const expertise = [...new Set(topics.flatMap((t) => t.tags).filter(() => rand(3) > 0))]
    out.push({
      id: `bench-mentor-${String(i).padStart(4, '0')}` as MentorId,
      name: `Mentor ${String(i).padStart(4, '0')}`,
      organisation: `Organisation ${i % 37}`,
      internal: rand(4) === 0,
      sector: SECTORS[rand(SECTORS.length)]!,
      sectorOther: '',
      expertise,
      bio: words(rand, topics[0]!, 10 + rand(11)),
      pastProjects: topics.map((t, k) => ({
        id: `bench-past-${i}-${k}`,
        title: words(rand, t, 3 + rand(4)),
        summary: `${words(rand, t, 25 + rand(21))}.`,
        tags: t.tags.slice(0, 1 + rand(2)).concat(rand(2) ? [COMMON[rand(COMMON.length)]!] : []),
        pipelineUrl: null
      })),
      capacity: 1 + rand(3),
      availability: '',
      contact: '',
      retired: rand(20) === 0,
      personId: null,
      createdAt: 0,
      updatedAt: 0
    })
  }
  return out
}

/** A project on topic `i`: a name, three tags and a 60-word problem statement. */
function benchProject(i: number): MatchProject {
  const rand = generator(100 + i)
  const topic = TOPICS[(i * 7) % TOPICS.length]!
  return {
    id: `bench-project-${i}`,
    name: words(rand, topic, 4),
    problem: `${words(rand, topic, 60)}.`,
    tags: [...topic.tags, COMMON[rand(COMMON.length)]!],
    serviceArea: words(rand, topic, 2),
    phase: 'Discovery'
  }
}
