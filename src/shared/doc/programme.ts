import * as Y from 'yjs'
import { z } from 'zod'
import type { PersonId, ProgrammeId, ProjectId } from '../domain/ids'
import { isPhase, type Phase } from '../domain/phases'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { KEYS, metaOf, SCHEMA_VERSION } from './schema'

/** The accelerator: its name, council and the few rules every project runs by. */
export interface Programme {
  readonly id: ProgrammeId
  readonly name: string
  readonly council: string
  /** Working days per ship cycle; 10 working days = two weeks. */
  readonly cycleLengthDays: number
  readonly defaultWipLimit: number | null
}

/** What the programme home lists without opening every project doc. */
export interface ProjectSummary {
  readonly id: ProjectId
  readonly name: string
  readonly phase: Phase
  readonly tags: readonly string[]
  readonly archived: boolean
  readonly createdAt: number
  readonly updatedAt: number
}

export const PERSON_ROLES = ['team', 'mentor', 'manager'] as const
export type PersonRole = (typeof PERSON_ROLES)[number]
export const PERSON_ROLE_LABELS: Record<PersonRole, string> = {
  team: 'Team member',
  mentor: 'Mentor',
  manager: 'Manager'
}

export interface Person {
  readonly id: PersonId
  readonly name: string
  readonly role: PersonRole
  readonly colour: string
}

export const DEFAULT_CYCLE_LENGTH_DAYS = 10

export const programmeRulesSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter a programme name').max(200),
    council: z.string().trim().max(200),
    cycleLengthDays: z
      .number({ message: 'Cycle length must be a whole number of working days' })
      .int('Cycle length must be a whole number of working days')
      .min(1, 'Cycle length must be at least 1 working day')
      .max(60, 'Cycle length must be 60 working days or fewer'),
    defaultWipLimit: z.number().int().min(1, 'WIP limit must be 1 or more').max(999).nullable()
  })
  .partial()
export type ProgrammePatch = z.input<typeof programmeRulesSchema>

export const personSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100),
  role: z.enum(PERSON_ROLES),
  colour: z.string().regex(/^#[0-9a-f]{6}$/i, 'Colour must be a hex colour like #1d70b8')
})

export function programmeMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(KEYS.programme)
}
export function projectIndexOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(KEYS.projectIndex)
}
export function peopleOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(KEYS.people)
}

/** Fill a new programme doc. Safe to call on an existing one: it only fills what is missing. */
export function initProgrammeDoc(doc: Y.Doc, ctx: OpContext, input: { id: ProgrammeId; name: string; council?: string }): void {
  const p = programmeMapOf(doc)
  if (typeof p.get('id') === 'string') return
  doc.transact(() => {
    metaOf(doc).set('schemaVersion', SCHEMA_VERSION)
    metaOf(doc).set('kind', 'programme')
    metaOf(doc).set('id', input.id)
    p.set('id', input.id)
    p.set('name', input.name)
    p.set('council', input.council ?? '')
    p.set('cycleLengthDays', DEFAULT_CYCLE_LENGTH_DAYS)
    p.set('defaultWipLimit', null)
    p.set('createdAt', ctx.now())
  }, LOCAL_ORIGIN)
}

export function readProgramme(doc: Y.Doc): Programme | null {
  const p = programmeMapOf(doc)
  const id = p.get('id')
  if (typeof id !== 'string') return null
  const len = p.get('cycleLengthDays')
  const wip = p.get('defaultWipLimit')
  return {
    id: id as ProgrammeId,
    name: String(p.get('name') ?? ''),
    council: String(p.get('council') ?? ''),
    cycleLengthDays: typeof len === 'number' ? len : DEFAULT_CYCLE_LENGTH_DAYS,
    defaultWipLimit: typeof wip === 'number' ? wip : null
  }
}

export function updateProgramme(doc: Y.Doc, _ctx: OpContext, patch: ProgrammePatch): void {
  const parsed = programmeRulesSchema.parse(patch)
  const p = programmeMapOf(doc)
  doc.transact(() => {
    for (const [k, v] of Object.entries(parsed)) if (v !== undefined && p.get(k) !== v) p.set(k, v)
  }, LOCAL_ORIGIN)
}

// ---- the project index ---------------------------------------------------------------------

export function readProjectIndex(doc: Y.Doc): readonly ProjectSummary[] {
  const out: ProjectSummary[] = []
  projectIndexOf(doc).forEach((m) => {
    const phase = m.get('phase')
    const tags = m.get('tags')
    out.push({
      id: m.get('id') as ProjectId,
      name: String(m.get('name') ?? ''),
      phase: isPhase(phase) ? phase : 'Discovery',
      tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
      archived: m.get('archived') === true,
      createdAt: Number(m.get('createdAt') ?? 0),
      updatedAt: Number(m.get('updatedAt') ?? 0)
    })
  })
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : 1))
}

/**
 * Create or refresh a project's index entry. The project doc is the source of truth; the
 * index is a cache so the home page can list 100 projects without opening 100 docs.
 */
export function upsertProjectSummary(
  doc: Y.Doc,
  ctx: OpContext,
  summary: Pick<ProjectSummary, 'id' | 'name' | 'phase' | 'tags' | 'archived'>
): void {
  const index = projectIndexOf(doc)
  doc.transact(() => {
    let m = index.get(summary.id)
    if (!m) {
      m = new Y.Map<unknown>()
      m.set('id', summary.id)
      m.set('createdAt', ctx.now())
      index.set(summary.id, m)
    }
    const entry = m
    const changed =
      entry.get('name') !== summary.name ||
      entry.get('phase') !== summary.phase ||
      entry.get('archived') !== summary.archived ||
      JSON.stringify(entry.get('tags')) !== JSON.stringify(summary.tags)
    if (!changed) return
    entry.set('name', summary.name)
    entry.set('phase', summary.phase)
    entry.set('tags', [...summary.tags])
    entry.set('archived', summary.archived)
    entry.set('updatedAt', ctx.now())
  }, LOCAL_ORIGIN)
}

// ---- people ----------------------------------------------------------------------------------

export function readPeople(doc: Y.Doc): readonly Person[] {
  const out: Person[] = []
  peopleOf(doc).forEach((m) => {
    const role = m.get('role')
    out.push({
      id: m.get('id') as PersonId,
      name: String(m.get('name') ?? ''),
      role: (PERSON_ROLES as readonly unknown[]).includes(role) ? (role as PersonRole) : 'team',
      colour: String(m.get('colour') ?? '#505a5f')
    })
  })
  // Ties by id: map iteration order differs between peers, and every peer must list people the same way.
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function upsertPerson(doc: Y.Doc, _ctx: OpContext, id: PersonId, input: z.input<typeof personSchema>): void {
  const parsed = personSchema.parse(input)
  const people = peopleOf(doc)
  doc.transact(() => {
    let m = people.get(id)
    if (!m) {
      m = new Y.Map<unknown>()
      m.set('id', id)
      people.set(id, m)
    }
    const entry = m
    for (const [k, v] of Object.entries(parsed)) if (entry.get(k) !== v) entry.set(k, v)
  }, LOCAL_ORIGIN)
}
