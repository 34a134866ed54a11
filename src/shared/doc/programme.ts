import * as Y from 'yjs'
import { z } from 'zod'
import { bankHolidaysFor, BANK_HOLIDAY_SETTINGS, isBankHolidaySetting, type BankHolidaySetting } from '../domain/bankHolidays'
import { cycleRulesSchema, DEFAULT_CYCLE_RULES, type CycleRules } from '../domain/cycles'
import { isIsoDate, type IsoDate } from '../domain/dates'
import type { PersonId, ProgrammeId, ProjectId } from '../domain/ids'
import type { Phase } from '../domain/phases'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { collect, problemReason } from './readProblems'
import { storedId, storedIsoDate, storedText } from './records/common'
import { parseStoredPerson } from './records/person'
import { parseStoredProjectSummary, readFieldsWithDefaults } from './records/project'
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
  /**
   * Issue 9: mentors with an active link to the project, and the date of its latest mentor
   * session (see mentorLinks.ts `projectMentorCoverage`). `readProjectIndex` always fills them
   * ([] and null on a summary written before issue 9); optional only for the stored record's parse.
   */
  readonly activeMentorIds?: readonly string[]
  readonly lastSessionDate?: IsoDate | null
}

/** A summary as `readProjectIndex` returns it: mentor coverage always filled. */
export type ProjectSummaryWithMentors = ProjectSummary & {
  readonly activeMentorIds: readonly string[]
  readonly lastSessionDate: IsoDate | null
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
    name: z.string().trim().min(1, 'Enter a programme name').max(200, 'Enter a programme name of 200 characters or fewer'),
    council: z.string().trim().max(200, 'Enter a council name of 200 characters or fewer'),
    cycleLengthDays: z
      .number({ message: 'Cycle length must be a whole number of working days' })
      .int('Cycle length must be a whole number of working days')
      .min(1, 'Cycle length must be at least 1 working day')
      .max(60, 'Cycle length must be 60 working days or fewer'),
    defaultWipLimit: z
      .number({ message: 'Enter the WIP limit as a whole number, like 3, or leave it empty' })
      .int('Enter the WIP limit as a whole number, like 3, or leave it empty')
      .min(1, 'Enter a WIP limit of 1 or more, or leave it empty for no limit')
      .max(999, 'Enter a WIP limit of 999 or fewer')
      .nullable()
  })
  .partial()
export type ProgrammePatch = z.input<typeof programmeRulesSchema>

export const personSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100, 'Enter a name of 100 characters or fewer'),
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
    // A new programme takes England and Wales bank holidays; one created before this setting
    // existed has no key and reads as 'none' (see readBankHolidayRegion).
    p.set(BANK_HOLIDAY_KEY, 'england-and-wales')
    p.set('createdAt', ctx.now())
  }, LOCAL_ORIGIN)
}

const PROGRAMME_FIELDS = {
  name: storedText(2_000),
  council: storedText(2_000),
  cycleLengthDays: z.number().int().min(1).max(60).default(DEFAULT_CYCLE_LENGTH_DAYS),
  defaultWipLimit: z.number().int().min(0).max(100_000).nullable().default(null)
} as const

/** The programme's fields; one that fails its stored schema reads as its default and is reported. */
export function readProgramme(doc: Y.Doc): Programme | null {
  const p = programmeMapOf(doc)
  const id = p.get('id')
  if (typeof id !== 'string') return null
  const problems = collect(doc, 'programme')
  const fields = readFieldsWithDefaults(p, PROGRAMME_FIELDS, problems.skip)
  problems.done()
  return { id: id as ProgrammeId, ...fields }
}

export function updateProgramme(doc: Y.Doc, _ctx: OpContext, patch: ProgrammePatch): void {
  const parsed = programmeRulesSchema.parse(patch)
  const p = programmeMapOf(doc)
  doc.transact(() => {
    for (const [k, v] of Object.entries(parsed)) if (v !== undefined && p.get(k) !== v) p.set(k, v)
  }, LOCAL_ORIGIN)
}

// ---- the project index ---------------------------------------------------------------------

/**
 * The mentor fields of a summary (issue 9), each read on its own: a bad value reads as "no active
 * mentor" / "no session yet" and is reported, without hiding the project.
 */
const MENTOR_SUMMARY_FIELDS = {
  activeMentorIds: z.array(storedId).max(1_000, 'more than 1,000 mentors').default([]),
  lastSessionDate: z.union([storedIsoDate, z.null()]).default(null)
} as const

export function readProjectIndex(doc: Y.Doc): readonly ProjectSummaryWithMentors[] {
  const out: ProjectSummaryWithMentors[] = []
  const problems = collect(doc, 'project summary')
  projectIndexOf(doc).forEach((m, key) => {
    const r = parseStoredProjectSummary(key, m)
    if (!r.ok) {
      problems.skip(key, problemReason(r.reason))
      return
    }
    const mentors = readFieldsWithDefaults(m, MENTOR_SUMMARY_FIELDS, (field, reason) => problems.skip(`${key}.${field}`, reason))
    out.push({ ...r.summary, activeMentorIds: mentors.activeMentorIds, lastSessionDate: mentors.lastSessionDate })
  })
  problems.done()
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : 1))
}

/**
 * Create or refresh a project's index entry. The project doc is the source of truth; the
 * index is a cache so the home page can list 100 projects without opening 100 docs.
 */
export function upsertProjectSummary(
  doc: Y.Doc,
  ctx: OpContext,
  summary: Pick<ProjectSummary, 'id' | 'name' | 'phase' | 'tags' | 'archived' | 'activeMentorIds' | 'lastSessionDate'>
): void {
  const index = projectIndexOf(doc)
  doc.transact(() => {
    const found: unknown = index.get(summary.id)
    let entry: Y.Map<unknown>
    if (found instanceof Y.Map) entry = found as Y.Map<unknown>
    else {
      entry = new Y.Map<unknown>()
      entry.set('id', summary.id)
      entry.set('createdAt', ctx.now())
      index.set(summary.id, entry)
    }
    // Mentor coverage is written only when given (callers from before issue 9 leave it alone).
    const mentorsChanged =
      (summary.activeMentorIds !== undefined && JSON.stringify(entry.get('activeMentorIds')) !== JSON.stringify(summary.activeMentorIds)) ||
      (summary.lastSessionDate !== undefined && entry.get('lastSessionDate') !== summary.lastSessionDate)
    const changed =
      entry.get('name') !== summary.name ||
      entry.get('phase') !== summary.phase ||
      entry.get('archived') !== summary.archived ||
      JSON.stringify(entry.get('tags')) !== JSON.stringify(summary.tags) ||
      mentorsChanged
    if (!changed) return
    entry.set('name', summary.name)
    entry.set('phase', summary.phase)
    entry.set('tags', [...summary.tags])
    entry.set('archived', summary.archived)
    if (summary.activeMentorIds !== undefined) entry.set('activeMentorIds', [...summary.activeMentorIds])
    if (summary.lastSessionDate !== undefined) entry.set('lastSessionDate', summary.lastSessionDate)
    entry.set('updatedAt', ctx.now())
  }, LOCAL_ORIGIN)
}

// ---- mentor coverage (issue 9) --------------------------------------------------------------------

/** What a summary's mentor fields are computed from (mentorLinks.ts `projectMentorCoverage`). */
export interface MentorSummaryFields {
  readonly activeMentorIds: readonly string[]
  readonly lastSessionDate: IsoDate | null
  /**
   * How much of the project's mentoring the computation had seen: link steps plus sessions. Both
   * are only ever added, so a project doc that has seen less has a smaller basis, and its
   * (stale) summary must not replace one computed from more.
   */
  readonly basis: number
}

/** The basis a summary's mentor fields were computed from (0 when none was recorded). */
export function mentorSummaryBasis(doc: Y.Doc, projectId: ProjectId): number {
  const entry: unknown = projectIndexOf(doc).get(projectId)
  const b = entry instanceof Y.Map ? (entry as Y.Map<unknown>).get('mentorBasis') : undefined
  return typeof b === 'number' && Number.isSafeInteger(b) && b >= 0 ? b : 0
}

/**
 * Write a project's mentor coverage into its summary. Only an entry the programme already lists
 * is changed (a project from another programme is never added), and only when something differs.
 * The summary is a cache that several computers write (the last writer wins), so a computation
 * that has seen less than the stored one (`basis`) is not written; with `onlyIfNewer` (a re-check
 * after a colleague's summary arrived) neither is one that has seen the same amount. Returns
 * whether it wrote.
 */
export function setProjectMentorSummary(doc: Y.Doc, ctx: OpContext, projectId: ProjectId, fields: MentorSummaryFields, opts: { readonly onlyIfNewer?: boolean } = {}): boolean {
  const entry: unknown = projectIndexOf(doc).get(projectId)
  if (!(entry instanceof Y.Map)) return false
  const e = entry as Y.Map<unknown>
  const stored = mentorSummaryBasis(doc, projectId)
  if (fields.basis < stored || (opts.onlyIfNewer && fields.basis === stored)) return false
  const same =
    fields.basis === stored &&
    JSON.stringify(e.get('activeMentorIds')) === JSON.stringify(fields.activeMentorIds) &&
    e.get('lastSessionDate') === fields.lastSessionDate
  if (same) return false
  doc.transact(() => {
    e.set('activeMentorIds', [...fields.activeMentorIds])
    e.set('lastSessionDate', fields.lastSessionDate)
    e.set('mentorBasis', fields.basis)
    e.set('updatedAt', ctx.now())
  }, LOCAL_ORIGIN)
  return true
}

/** Calls `onChange` when a programme doc's summary of `projectId` changes (from any origin). Returns unsubscribe. */
export function observeProjectSummary(doc: Y.Doc, projectId: ProjectId, onChange: () => void): () => void {
  const index = projectIndexOf(doc)
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    if (events.some((ev) => (ev.target === index ? ev.keys.has(projectId) : ev.path[0] === projectId))) onChange()
  }
  index.observeDeep(handler)
  return () => index.unobserveDeep(handler)
}

/**
 * Active mentor links per mentor across the programme, from the project summaries (no project doc
 * is opened). Archived projects do not count: their teams are not being mentored any more.
 * `except` leaves one project out (the one whose link is about to change).
 */
export function activeLinkCounts(programme: Y.Doc, except?: ProjectId): Map<string, number> {
  const counts = new Map<string, number>()
  for (const p of readProjectIndex(programme)) {
    if (p.archived || p.id === except) continue
    for (const m of new Set(p.activeMentorIds)) counts.set(m, (counts.get(m) ?? 0) + 1)
  }
  return counts
}

/** Projects (not archived) with no active mentor, in the index's order (by name). */
export function projectsWithoutActiveMentor(programme: Y.Doc): readonly ProjectSummaryWithMentors[] {
  return readProjectIndex(programme).filter((p) => !p.archived && p.activeMentorIds.length === 0)
}

// ---- people ----------------------------------------------------------------------------------

export function readPeople(doc: Y.Doc): readonly Person[] {
  const out: Person[] = []
  const problems = collect(doc, 'person')
  peopleOf(doc).forEach((m, key) => {
    const r = parseStoredPerson(key, m)
    if (r.ok) out.push(r.person)
    else problems.skip(key, problemReason(r.reason))
  })
  problems.done()
  // Ties by id: map iteration order differs between peers, and every peer must list people the same way.
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function upsertPerson(doc: Y.Doc, _ctx: OpContext, id: PersonId, input: z.input<typeof personSchema>): void {
  const parsed = personSchema.parse(input)
  const people = peopleOf(doc)
  doc.transact(() => {
    const found: unknown = people.get(id)
    let entry: Y.Map<unknown>
    if (found instanceof Y.Map) entry = found as Y.Map<unknown>
    else {
      // Missing, or a malformed record (records/person.ts) under this person's id: theirs to replace.
      entry = new Y.Map<unknown>()
      entry.set('id', id)
      people.set(id, entry)
    }
    for (const [k, v] of Object.entries(parsed)) if (entry.get(k) !== v) entry.set(k, v)
  }, LOCAL_ORIGIN)
}

// ---- cycle rules (issue 3) -------------------------------------------------------------------

/**
 * Where each rule is stored on the programme map. Cycle length keeps its original key
 * `cycleLengthDays` (the one source for it: the general settings and the cycle rules edit the
 * same value). A missing key means the default (DEFAULT_CYCLE_RULES): no migration writes them.
 */
const RULE_KEYS = {
  lengthDays: 'cycleLengthDays',
  startWeekday: 'cycleStartWeekday',
  cooldownDays: 'cycleCooldownDays',
  rollover: 'cycleRollover',
  requireGoal: 'cycleRequireGoal'
} as const satisfies Record<Exclude<keyof CycleRules, 'nonWorkingDays'>, string>

export function nonWorkingDaysOf(doc: Y.Doc): Y.Map<true> {
  return doc.getMap<true>(KEYS.nonWorkingDays)
}

/** Programme map key of the bank-holiday setting. */
const BANK_HOLIDAY_KEY = 'bankHolidayRegion'

/**
 * Which UK bank holidays the programme's cycles skip. New programmes store 'england-and-wales'
 * when they are created. A programme created before the setting existed has no key and reads as
 * 'none': it behaves exactly as before (many added the holidays to their days off by hand), and
 * no migration writes the key, because a stale peer writing a default could overwrite a
 * colleague's real choice. An unknown value (a newer peer's region) also reads as 'none'.
 */
export function readBankHolidayRegion(doc: Y.Doc): BankHolidaySetting {
  const v = programmeMapOf(doc).get(BANK_HOLIDAY_KEY)
  return isBankHolidaySetting(v) ? v : 'none'
}

/** The bank-holiday setting as a form sends it, with the message a person sees. */
export const bankHolidaySettingSchema = z.enum(BANK_HOLIDAY_SETTINGS, { message: 'Choose which bank holidays your programme takes off' })

/** Choose the programme's bank holidays; every project's cycles re-plan from the new days off. */
export function setBankHolidayRegion(doc: Y.Doc, _ctx: OpContext, setting: BankHolidaySetting): void {
  const parsed = bankHolidaySettingSchema.parse(setting)
  const p = programmeMapOf(doc)
  if (p.get(BANK_HOLIDAY_KEY) === parsed) return
  doc.transact(() => p.set(BANK_HOLIDAY_KEY, parsed), LOCAL_ORIGIN)
}

/** The days off the programme listed itself (not the bank holidays of its region), sorted. */
export function readExtraDaysOff(doc: Y.Doc): readonly IsoDate[] {
  return [...nonWorkingDaysOf(doc).keys()].filter(isIsoDate).sort()
}

// A stored value that fails validation (written by a buggy or newer peer) falls back to the default
// for that rule alone, so one bad key never stops every project's cycles.
const ruleFields = cycleRulesSchema.shape

const rulesCache = new WeakMap<Y.Doc, { key: string; rules: CycleRules }>()

/**
 * The programme's cycle rules, defaults filled. `nonWorkingDays` is everything cycles skip: the
 * days off listed by hand and the bank holidays of the programme's region. The same object while
 * nothing changed (cheap in renders).
 */
export function readCycleRules(doc: Y.Doc): CycleRules {
  const p = programmeMapOf(doc)
  const raw: Record<string, unknown> = {}
  for (const [field, key] of Object.entries(RULE_KEYS)) {
    const v = p.get(key)
    const parsed = ruleFields[field as keyof typeof RULE_KEYS].safeParse(v)
    raw[field] = parsed.success ? parsed.data : DEFAULT_CYCLE_RULES[field as keyof typeof RULE_KEYS]
  }
  const region = readBankHolidayRegion(doc)
  const days = [...new Set([...readExtraDaysOff(doc), ...bankHolidaysFor(region)])].sort()
  const key = JSON.stringify([raw, region, days])
  const hit = rulesCache.get(doc)
  if (hit && hit.key === key) return hit.rules
  const rules: CycleRules = Object.freeze({ ...(raw as Omit<CycleRules, 'nonWorkingDays'>), nonWorkingDays: Object.freeze(days) })
  rulesCache.set(doc, { key, rules })
  return rules
}

/** Every rule optional and without its default, so a patch changes only what it names. */
export const cycleRulesPatchSchema = z.object({
  lengthDays: ruleFields.lengthDays.unwrap().optional(),
  startWeekday: ruleFields.startWeekday.unwrap().optional(),
  cooldownDays: ruleFields.cooldownDays.unwrap().optional(),
  rollover: ruleFields.rollover.unwrap().optional(),
  requireGoal: ruleFields.requireGoal.unwrap().optional()
})
export type CycleRulesPatch = z.input<typeof cycleRulesPatchSchema>

/** Validated (UK-English messages, keyed by rule name); writes only the rules that changed. */
export function updateCycleRules(doc: Y.Doc, _ctx: OpContext, patch: CycleRulesPatch): void {
  const parsed = cycleRulesPatchSchema.parse(patch)
  const p = programmeMapOf(doc)
  const changed = Object.entries(parsed).filter(([k, v]) => v !== undefined && p.get(RULE_KEYS[k as keyof typeof RULE_KEYS]) !== v)
  if (changed.length === 0) return
  doc.transact(() => {
    for (const [k, v] of changed) p.set(RULE_KEYS[k as keyof typeof RULE_KEYS], v)
  }, LOCAL_ORIGIN)
}

/** Add days off (a bank holiday list, a closure day). Already-listed days are left alone. */
export function addNonWorkingDays(doc: Y.Doc, _ctx: OpContext, dates: readonly IsoDate[]): number {
  const bad = dates.find((d) => !isIsoDate(d))
  if (bad !== undefined) throw new Error(`Enter a real date in the format YYYY-MM-DD (not "${bad}")`)
  const set = nonWorkingDaysOf(doc)
  const fresh = [...new Set(dates)].filter((d) => !set.has(d))
  if (fresh.length === 0) return 0
  doc.transact(() => fresh.forEach((d) => set.set(d, true)), LOCAL_ORIGIN)
  return fresh.length
}

export function removeNonWorkingDay(doc: Y.Doc, _ctx: OpContext, date: IsoDate): void {
  const set = nonWorkingDaysOf(doc)
  if (!set.has(date)) return
  doc.transact(() => set.delete(date), LOCAL_ORIGIN)
}
