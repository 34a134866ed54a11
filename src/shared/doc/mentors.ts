import * as Y from 'yjs'
import { z } from 'zod'
import { InputError } from '../domain/inputError'
import { newId, type MentorId, type PersonId } from '../domain/ids'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { normaliseTag } from './project'
import { collect, problemReason, reportReadProblem, type RecordKind } from './readProblems'
import { storedId } from './records/common'
import { isHttpUrl, MENTOR_LIMITS, MENTOR_SECTOR_VALUES, parseStoredMentor } from './records/mentor'
import { KEYS } from './schema'

/*
 * The mentor directory (issue 9). It lives in the programme doc: one directory per programme,
 * shared by every project, and the programme doc is synced to team members only (mentors and
 * viewers never receive it). So any team member may add, edit and retire entries, and nobody
 * else can. Entries are retired, never deleted: mentor links in project docs refer to them.
 */

export type MentorSector = (typeof MENTOR_SECTOR_VALUES)[number]
/** The bounds a form shows in its hints (the stored schema's, so what a form accepts always reads back). */
export { MENTOR_LIMITS, isHttpUrl } from './records/mentor'

/** Sectors in the order a form offers them, with the words people see. */
export const MENTOR_SECTORS: readonly { readonly value: MentorSector; readonly label: string }[] = [
  { value: 'local-government', label: 'Local government' },
  { value: 'nhs', label: 'NHS' },
  { value: 'central-government', label: 'Central government' },
  { value: 'charity', label: 'Charity or voluntary sector' },
  { value: 'private', label: 'Private sector' },
  { value: 'academia', label: 'Academia' },
  { value: 'other', label: 'Another sector' }
]

export interface PastProject {
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly tags: readonly string[]
  readonly pipelineUrl: string | null
}

/** One person in the directory. They need not use Fortnight; `personId` is set when they join with a mentor invite. */
export interface Mentor {
  readonly id: MentorId
  readonly name: string
  readonly organisation: string
  /** From this council (internal) or from elsewhere (external). */
  readonly internal: boolean
  readonly sector: MentorSector
  /** Names the sector when `sector` is 'other'; '' otherwise. */
  readonly sectorOther: string
  /** Normalised like project tags (normaliseTag), sorted. */
  readonly expertise: readonly string[]
  readonly bio: string
  readonly pastProjects: readonly PastProject[]
  /** Teams at once, 0..20. 0 means "not taking teams just now". */
  readonly capacity: number
  readonly availability: string
  readonly contact: string
  readonly retired: boolean
  readonly personId: PersonId | null
  readonly createdAt: number
  readonly updatedAt: number
}

/** The sector as people read it: the label, or the sector the entry names when it is 'other'. */
export function mentorSectorLabel(m: Pick<Mentor, 'sector' | 'sectorOther'>): string {
  if (m.sector === 'other') return m.sectorOther.trim() || 'Another sector'
  return MENTOR_SECTORS.find((s) => s.value === m.sector)?.label ?? 'Another sector'
}

export interface PastProjectInput {
  /** Kept when editing, so a row keeps its identity; a new row gets one. */
  readonly id?: string | undefined
  readonly title: string
  readonly summary?: string | undefined
  readonly tags?: readonly string[] | undefined
  readonly pipelineUrl?: string | null | undefined
}

/** What the mentor form sends. Tags are raw text: they are normalised like project tags. */
export interface MentorInput {
  readonly name: string
  readonly organisation?: string | undefined
  readonly internal: boolean
  readonly sector: MentorSector
  readonly sectorOther?: string | undefined
  readonly expertise?: readonly string[] | undefined
  readonly bio?: string | undefined
  readonly pastProjects?: readonly PastProjectInput[] | undefined
  readonly capacity: number
  readonly availability?: string | undefined
  readonly contact?: string | undefined
}

/** The form's field ids: validation errors name these, so a form shows each message on its field. */
export const MENTOR_FIELD_IDS = {
  name: 'mentor-name',
  organisation: 'mentor-organisation',
  internal: 'mentor-internal',
  sector: 'mentor-sector',
  sectorOther: 'mentor-sectorOther',
  expertise: 'mentor-expertise',
  bio: 'mentor-bio',
  pastProjects: 'mentor-pastProjects',
  capacity: 'mentor-capacity',
  availability: 'mentor-availability',
  contact: 'mentor-contact'
} as const

/** The field id of one past project's field (rows counted from 0, as the form lists them). */
export function pastProjectFieldId(row: number, field: 'title' | 'summary' | 'tags' | 'pipelineUrl'): string {
  return `mentor-past-${row}-${field}`
}

/**
 * What was wrong with a mentor form, every problem at once (GOV.UK lists them all in the summary).
 * It is an InputError naming the first field, so code that only knows InputError still shows the
 * first message in the right place; `fields` maps each form field id to its message.
 */
export class MentorInputError extends InputError {
  constructor(readonly fields: Readonly<Record<string, string>>) {
    const [field, message] = Object.entries(fields)[0] ?? [MENTOR_FIELD_IDS.name, 'Check what you entered']
    super(field, message)
  }
}

const n = (v: number): string => v.toLocaleString('en-GB')

const text = (max: number, what: string) => z.string({ message: `Enter ${what}` }).trim().max(max, `Enter ${what} in ${n(max)} characters or fewer`)

/** Tags typed by a person → normalised, without duplicates or empties, in the order typed. */
export function normaliseTags(raw: readonly string[]): string[] {
  const out: string[] = []
  for (const r of raw) {
    const t = normaliseTag(r)
    if (t && !out.includes(t)) out.push(t)
  }
  return out
}

/** `max`: how many tags may be kept (the form's limit; more for an entry that already has more, see updateMentor). */
const tagList = (what: string, max: number = MENTOR_LIMITS.tags) =>
  z
    .array(z.string(), { message: `Enter ${what} separated by commas` })
    .transform(normaliseTags)
    .refine((tags) => tags.every((t) => t.length <= MENTOR_LIMITS.tag), `Enter ${what} of ${MENTOR_LIMITS.tag} characters or fewer each`)
    .refine((tags) => tags.length <= max, `Enter ${MENTOR_LIMITS.tags} ${what} or fewer`)

const pastProjectSchema = z.object({
  id: z.string().max(100).optional(),
  title: text(MENTOR_LIMITS.pastProjectTitle, 'a title').min(1, 'Enter a title for the past project'),
  summary: text(MENTOR_LIMITS.pastProjectSummary, 'a summary').default(''),
  tags: tagList('tags').default([]),
  pipelineUrl: z
    .string()
    .trim()
    .nullable()
    .default(null)
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || isHttpUrl(s), 'Enter the Pipeline link as a full web address starting with https://')
})

/** What a person may enter; every message is one a person can act on. */
const mentorInputSchemaFor = (expertiseMax: number) => z.object({
  name: text(MENTOR_LIMITS.name, 'the mentor’s name').min(1, 'Enter the mentor’s name'),
  organisation: text(MENTOR_LIMITS.organisation, 'an organisation').default(''),
  internal: z.boolean({ message: 'Choose whether the mentor is from your council or from another organisation' }),
  sector: z.enum(MENTOR_SECTOR_VALUES, { message: 'Choose the mentor’s sector' }),
  sectorOther: text(MENTOR_LIMITS.sectorOther, 'the sector').default(''),
  expertise: tagList('expertise tags', expertiseMax).default([]),
  bio: text(MENTOR_LIMITS.bio, 'a bio').default(''),
  pastProjects: z.array(z.unknown(), { message: 'List past projects one per row' }).default([]),
  capacity: z
    .number({ message: `Enter how many teams they can mentor at once, as a whole number from 0 to ${MENTOR_LIMITS.capacity}` })
    .int(`Enter how many teams they can mentor at once, as a whole number from 0 to ${MENTOR_LIMITS.capacity}`)
    .min(0, `Enter how many teams they can mentor at once, as a whole number from 0 to ${MENTOR_LIMITS.capacity}`)
    .max(MENTOR_LIMITS.capacity, `Enter ${MENTOR_LIMITS.capacity} teams or fewer`),
  availability: text(MENTOR_LIMITS.availability, 'their availability').default(''),
  contact: text(MENTOR_LIMITS.contact, 'contact details').default('')
})
const mentorInputSchema = mentorInputSchemaFor(MENTOR_LIMITS.tags)

type CleanPastProject = Omit<PastProject, 'id'> & { readonly id: string | undefined }
interface CleanMentorInput extends Omit<MentorInput, 'pastProjects' | 'expertise'> {
  readonly organisation: string
  readonly sectorOther: string
  readonly expertise: readonly string[]
  readonly bio: string
  readonly pastProjects: readonly CleanPastProject[]
  readonly availability: string
  readonly contact: string
}

function blankRow(row: unknown): boolean {
  if (typeof row !== 'object' || row === null) return false
  const r = row as Record<string, unknown>
  const empty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() === ''))
  return empty(r.title) && empty(r.summary) && empty(r.tags) && empty(r.pipelineUrl)
}

/**
 * Validate what the form sent: the clean input, or every problem keyed by form field id. A past
 * project row left completely blank is dropped (the form's spare row), not an error.
 * `expertiseMax`: how many expertise tags may be kept (the form's limit unless the entry already
 * holds more, from colleagues adding tags at the same time: see `updateMentor`).
 */
export function checkMentorInput(
  input: unknown,
  opts: { readonly expertiseMax?: number } = {}
): { ok: true; value: CleanMentorInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const max = opts.expertiseMax ?? MENTOR_LIMITS.tags
  const r = (max === MENTOR_LIMITS.tags ? mentorInputSchema : mentorInputSchemaFor(max)).safeParse(input)
  if (!r.success) {
    for (const issue of r.error.issues) {
      const key = String(issue.path[0] ?? 'name') as keyof typeof MENTOR_FIELD_IDS
      errors[MENTOR_FIELD_IDS[key] ?? MENTOR_FIELD_IDS.name] ??= issue.message
    }
  }
  const raw = (typeof input === 'object' && input !== null ? input : {}) as { sector?: unknown; sectorOther?: unknown; pastProjects?: unknown }
  if (raw.sector === 'other' && (typeof raw.sectorOther !== 'string' || raw.sectorOther.trim() === '')) {
    errors[MENTOR_FIELD_IDS.sectorOther] ??= 'Enter the sector the mentor works in'
  }
  const rows: readonly unknown[] = Array.isArray(raw.pastProjects) ? (raw.pastProjects as unknown[]) : []
  const pastProjects: CleanPastProject[] = []
  rows.forEach((row, i) => {
    if (blankRow(row)) return
    const p = pastProjectSchema.safeParse(row)
    if (!p.success) {
      for (const issue of p.error.issues) {
        const field = String(issue.path[0] ?? 'title') as 'title' | 'summary' | 'tags' | 'pipelineUrl'
        const known = (['title', 'summary', 'tags', 'pipelineUrl'] as const).includes(field) ? field : 'title'
        const message = known === 'title' && issue.code === 'too_small' ? `Enter a title for past project ${i + 1}` : issue.message
        errors[pastProjectFieldId(i, known)] ??= message
      }
      return
    }
    pastProjects.push({ ...p.data, id: p.data.id })
  })
  if (pastProjects.length > MENTOR_LIMITS.pastProjects) errors[MENTOR_FIELD_IDS.pastProjects] ??= `List ${MENTOR_LIMITS.pastProjects} past projects or fewer`
  if (!r.success || Object.keys(errors).length > 0) return { ok: false, errors }
  const d = r.data
  return { ok: true, value: { ...d, sectorOther: d.sector === 'other' ? d.sectorOther : '', pastProjects } }
}

function validate(input: unknown, opts: { readonly expertiseMax?: number } = {}): CleanMentorInput {
  const r = checkMentorInput(input, opts)
  if (!r.ok) throw new MentorInputError(r.errors)
  return r.value
}

export function mentorsOf(programme: Y.Doc): Y.Map<Y.Map<unknown>> {
  return programme.getMap<Y.Map<unknown>>(KEYS.mentors)
}

const MENTOR_KIND: RecordKind = 'mentor'

const byNameThenId = (a: Mentor, b: Mentor): number => a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Every entry, retired ones too, by name then id (the same on every peer); malformed ones skipped and reported. */
export function readMentors(programme: Y.Doc): readonly Mentor[] {
  const out: Mentor[] = []
  const problems = collect(programme, MENTOR_KIND)
  mentorsOf(programme).forEach((m, key) => {
    const r = parseStoredMentor(key, m)
    if (r.ok) out.push(r.mentor)
    else problems.skip(key, problemReason(r.reason))
  })
  problems.done()
  return out.sort(byNameThenId)
}

/** One entry, or null when there is none under that id (or it could not be read: reported). */
export function readMentor(programme: Y.Doc, id: string): Mentor | null {
  const m: unknown = mentorsOf(programme).get(id)
  if (m === undefined) return null
  const r = parseStoredMentor(id, m)
  if (r.ok) return r.mentor
  reportReadProblem(programme, MENTOR_KIND, id, problemReason(r.reason))
  return null
}

/** The entry a person was linked to through a mentor invite, if any (the first by name, should two peers have linked two). */
export function readMentorForPerson(programme: Y.Doc, personId: PersonId): Mentor | null {
  return readMentors(programme).find((m) => m.personId === personId) ?? null
}

/** Rows as stored: a row keeps its id when it has a usable one (not empty, reserved or repeated). */
function pastProjectsToStore(list: readonly CleanPastProject[]): PastProject[] {
  const seen = new Set<string>()
  return list.map((p) => {
    const id = p.id !== undefined && storedId.safeParse(p.id).success && !seen.has(p.id) ? p.id : newId<string>()
    seen.add(id)
    return { id, title: p.title, summary: p.summary, tags: [...p.tags], pipelineUrl: p.pipelineUrl }
  })
}

/**
 * Add an entry. Validates first (a MentorInputError names every bad field by form id); then the
 * entry and its nested expertise set are created in ONE transaction, so no peer ever sees half an
 * entry and the nested set is never created twice.
 *
 * Expertise is a nested Y.Map used as a set (like project tags): two colleagues adding different
 * expertise at the same time both keep theirs. Past projects are one plain array value: they are
 * edited as a whole list in one form, and a plain value cannot be half-merged.
 */
export function addMentor(programme: Y.Doc, ctx: OpContext, input: MentorInput): MentorId {
  const v = validate(input)
  const id = newId<MentorId>()
  const now = ctx.now()
  programme.transact(() => {
    const m = new Y.Map<unknown>()
    m.set('id', id)
    m.set('name', v.name)
    m.set('organisation', v.organisation)
    m.set('internal', v.internal)
    m.set('sector', v.sector)
    m.set('sectorOther', v.sectorOther)
    const expertise = new Y.Map<true>()
    for (const t of v.expertise) expertise.set(t, true)
    m.set('expertise', expertise)
    m.set('bio', v.bio)
    m.set('pastProjects', pastProjectsToStore(v.pastProjects))
    m.set('capacity', v.capacity)
    m.set('availability', v.availability)
    m.set('contact', v.contact)
    m.set('retired', false)
    m.set('personId', null)
    m.set('createdAt', now)
    m.set('updatedAt', now)
    mentorsOf(programme).set(id, m)
  }, LOCAL_ORIGIN)
  return id
}

function entryOf(programme: Y.Doc, id: string): Y.Map<unknown> {
  const m: unknown = mentorsOf(programme).get(id)
  if (!(m instanceof Y.Map)) throw new Error('That mentor is no longer in the directory')
  return m as Y.Map<unknown>
}

const SCALAR_FIELDS = ['name', 'organisation', 'internal', 'sector', 'sectorOther', 'bio', 'capacity', 'availability', 'contact'] as const

/**
 * Change an entry: the patch is laid over the saved entry and the whole checked, then only the
 * fields that changed are written, one key each, so a colleague editing another field keeps theirs.
 * Expertise changes as a set (only the tags added or removed), past projects as a whole list.
 * An entry that holds more expertise tags than the form allows (colleagues added tags at the same
 * time) can still be edited and have tags removed; it cannot grow.
 */
export function updateMentor(programme: Y.Doc, ctx: OpContext, id: MentorId, patch: Partial<MentorInput>): void {
  const m = entryOf(programme, id)
  const saved = readMentor(programme, id)
  if (!saved) throw new Error('That mentor’s entry could not be read, so it cannot be changed here')
  const v = validate({ ...saved, ...stripUndefined(patch) }, { expertiseMax: Math.max(MENTOR_LIMITS.tags, saved.expertise.length) })
  const scalarChanges = SCALAR_FIELDS.filter((k) => m.get(k) !== v[k])
  const want = new Set(v.expertise)
  const added = v.expertise.filter((t) => !saved.expertise.includes(t))
  const removed = saved.expertise.filter((t) => !want.has(t))
  const nextPast = v.pastProjects.map((p) => ({ ...p, id: p.id ?? null }))
  const pastChanged = JSON.stringify(nextPast) !== JSON.stringify(saved.pastProjects)
  if (scalarChanges.length === 0 && added.length === 0 && removed.length === 0 && !pastChanged) return
  programme.transact(() => {
    for (const k of scalarChanges) m.set(k, v[k])
    if (added.length || removed.length) {
      let set = m.get('expertise')
      if (!(set instanceof Y.Map)) {
        // Missing on an entry from an older or broken peer: this edit owns it now.
        set = new Y.Map<true>()
        m.set('expertise', set)
      }
      const s = set as Y.Map<true>
      for (const t of removed) s.delete(t)
      for (const t of added) s.set(t, true)
    }
    if (pastChanged) m.set('pastProjects', pastProjectsToStore(v.pastProjects))
    m.set('updatedAt', ctx.now())
  }, LOCAL_ORIGIN)
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** Retire (or restore) an entry. Never deleted: links in project docs still name the mentor. */
export function setMentorRetired(programme: Y.Doc, ctx: OpContext, id: MentorId, retired: boolean): void {
  const m = entryOf(programme, id)
  if (m.get('retired') === retired) return
  programme.transact(() => {
    m.set('retired', retired)
    m.set('updatedAt', ctx.now())
  }, LOCAL_ORIGIN)
}

/**
 * Link an entry to the Fortnight person who joined with a mentor invite for it. One person, one
 * entry: a link to another entry is moved here, in the same transaction.
 */
export function linkMentorToPerson(programme: Y.Doc, ctx: OpContext, id: MentorId, personId: PersonId): void {
  const m = entryOf(programme, id)
  const others: Y.Map<unknown>[] = []
  mentorsOf(programme).forEach((e, key) => {
    if (key !== id && e instanceof Y.Map && e.get('personId') === personId) others.push(e)
  })
  if (m.get('personId') === personId && others.length === 0) return
  programme.transact(() => {
    for (const o of others) {
      o.set('personId', null)
      o.set('updatedAt', ctx.now())
    }
    m.set('personId', personId)
    m.set('updatedAt', ctx.now())
  }, LOCAL_ORIGIN)
}
