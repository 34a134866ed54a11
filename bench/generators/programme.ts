import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import * as Y from 'yjs'
import {
  addCard,
  addChecklistItem,
  addFeedback,
  addLabel,
  cardNoteOf,
  closeCycle,
  commitCard,
  createDoc,
  createProject,
  ensureCycles,
  initProgrammeDoc,
  LOCAL_ORIGIN,
  moveCard,
  opContext,
  problemOf,
  readActivity,
  readColumns,
  readCycleRules,
  readCycles,
  refreshProjectProgress,
  refreshProjectSummary,
  setChecklistItemDone,
  setCycleGoal,
  updateCard,
  upsertPerson,
  type FeedbackId,
  type OpContext
} from '../../src/shared/doc'
import { todayInLondon } from '../../src/shared/domain/dates'
import type { CardId, PersonId, ProgrammeId, ProjectId } from '../../src/shared/domain/ids'
import { PHASES } from '../../src/shared/domain/phases'

/**
 * "A year of a programme" (issue 11): P projects × C cards, each project lived through 26 closed
 * two-week cycles by a team of three, written only through the real domain operations, so the docs
 * hold exactly what the app writes (activity log included):
 *  - a problem statement in rich text (paragraphs with bold and italic, a bullet list);
 *  - every card with a note of 1–3 rich-text paragraphs; a third with labels, a fifth with a
 *    checklist (some ticked); some retitled later;
 *  - per cycle: a goal, about C/26 new cards, six committed, most moved to Doing then Done, two
 *    feedback items linked to cards, and a close with a decision (persevere, every ninth a pivot)
 *    citing the feedback as evidence (unfinished cards roll on, as the default rules say);
 *  - the programme's project index and portfolio progress refreshed as the app does.
 * Seeded (mulberry32), scripted clock. Building 100 × 200 takes a while, so the result is cached on
 * disk under bench/results/fixtures/, keyed by the generator version, the seed, the sizes and a
 * hash of the stored format (src/shared/doc/schema.ts, records/) and this file.
 */
export const YEAR_GENERATOR_VERSION = 1

export interface YearFixture {
  readonly projects: number
  readonly cardsPerProject: number
  readonly cycles: number
  readonly seed: number
  readonly profile: { readonly id: PersonId; readonly name: string; readonly colour: string }
  readonly programmeId: ProgrammeId
  readonly projectIds: readonly ProjectId[]
  readonly programmeUpdate: Uint8Array
  readonly projectUpdates: readonly Uint8Array[]
  /** The fixture's "now" (end of the year), ms. */
  readonly now: number
  readonly buildMs: number
  readonly cached: boolean
  readonly stats: { readonly activityEntries: number; readonly feedback: number; readonly decisions: number; readonly bytes: number }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SERVICES = ['bin collections', 'council tax', 'parking permits', 'housing repairs', 'planning applications', 'library services', 'blue badges', 'school admissions', 'pest control', 'adult social care']
const VERBS = ['Draft', 'Review', 'Test', 'Agree', 'Map', 'Interview users about', 'Prototype', 'Publish', 'Sign off', 'Fix', 'Measure', 'Simplify']
const OBJECTS = ['the online form', 'the reminder letters', 'the eligibility rules', 'the triage script', 'the search page', 'the renewal journey', 'the payment step', 'the content', 'the data export', 'the contact centre notes']
const WORDS = 'residents told us the form asks for the same details twice and the letters arrive after the deadline so people phone the contact centre instead we will test a shorter journey with five users and measure how many finish it without help'.split(' ')
const LABELS = ['accessibility', 'content', 'research', 'data', 'policy', 'tech-debt']
const PEOPLE = ['Asha Patel', 'Ben Okafor', 'Carys Jones', 'Dev Mistry', 'Ellen Walsh', 'Femi Adeyemi', 'Grace Liu', 'Hamza Khan', 'Isla Murray', 'Jonah Reid', 'Kemi Bello', 'Liam Hughes']

function sentence(rng: () => number, words: number): string {
  const out: string[] = []
  let i = Math.floor(rng() * WORDS.length)
  for (let w = 0; w < words; w++) out.push(WORDS[(i += 1 + Math.floor(rng() * 3)) % WORDS.length] as string)
  const s = out.join(' ')
  return s.charAt(0).toUpperCase() + s.slice(1) + '.'
}

/** Paragraphs as TipTap's Collaboration extension stores them (y-prosemirror: marks as text attributes). */
function writeParagraphs(doc: Y.Doc, fragment: Y.XmlFragment, rng: () => number, count: number, bullets = 0): void {
  doc.transact(() => {
    for (let p = 0; p < count; p++) {
      const para = new Y.XmlElement('paragraph')
      fragment.insert(fragment.length, [para])
      const text = new Y.XmlText()
      para.insert(0, [text])
      const s = sentence(rng, 8 + Math.floor(rng() * 18))
      text.insert(0, s)
      const cut = s.indexOf(' ', 4)
      if (cut > 0) text.format(0, cut, p % 2 === 0 ? { bold: {} } : { italic: {} })
    }
    if (bullets > 0) {
      const list = new Y.XmlElement('bulletList')
      fragment.insert(fragment.length, [list])
      for (let b = 0; b < bullets; b++) {
        const item = new Y.XmlElement('listItem')
        list.insert(b, [item])
        const para = new Y.XmlElement('paragraph')
        item.insert(0, [para])
        const text = new Y.XmlText()
        para.insert(0, [text])
        text.insert(0, sentence(rng, 6 + Math.floor(rng() * 6)))
      }
    }
  }, LOCAL_ORIGIN)
}

const projectRoot = resolve(import.meta.dirname, '../..')
const fixturesDir = join(projectRoot, 'bench/results/fixtures')

/** A hash of what decides the stored format: a change there means a new fixture. */
function sourceHash(): string {
  const h = createHash('sha1')
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith('.ts')) h.update(name).update(readFileSync(p))
    }
  }
  // The stored format (key names, schema version, record shapes) and this generator; not every
  // domain file, so unrelated edits elsewhere keep the cache.
  h.update(readFileSync(join(projectRoot, 'src/shared/doc/schema.ts')))
  walk(join(projectRoot, 'src/shared/doc/records'))
  h.update(readFileSync(import.meta.filename))
  return h.digest('hex').slice(0, 10)
}

export function yearOfProgramme(o: { projects: number; cards: number; cycles?: number; seed?: number; log?: (m: string) => void }): YearFixture {
  const cycles = o.cycles ?? 26
  const seed = o.seed ?? 11
  const file = join(fixturesDir, `year-v${YEAR_GENERATOR_VERSION}-s${seed}-p${o.projects}-c${o.cards}-y${cycles}-${sourceHash()}.bin`)
  if (existsSync(file)) {
    const f = deserialize(readFileSync(file)) as YearFixture
    return { ...f, cached: true }
  }
  o.log?.(`building ${o.projects} projects × ${o.cards} cards × ${cycles} cycles (cached afterwards in ${file})…`)
  const f = buildYear(o.projects, o.cards, cycles, seed, o.log)
  mkdirSync(fixturesDir, { recursive: true })
  writeFileSync(file, serialize(f))
  return f
}

function buildYear(projects: number, cardsPerProject: number, cycles: number, seed: number, log?: (m: string) => void): YearFixture {
  const started = performance.now()
  const programmeId = 'bench-year-programme' as ProgrammeId
  const people = PEOPLE.map((name, i) => ({ id: `bench-person-${String(i + 1).padStart(2, '0')}` as PersonId, name }))
  const profile = { id: people[0]!.id, name: people[0]!.name, colour: '#1d70b8' }
  // The clock: set to a moment, then one second per operation.
  // A year that ends late in November 2026.
  const yearStart = Date.UTC(2025, 10, 17, 9)
  let t = yearStart
  const now = (): number => (t += 1000)
  const ctxOf = new Map(people.map((p) => [p.id, opContext(p, now)]))
  const programme = createDoc()
  const pctx = ctxOf.get(profile.id) as OpContext
  initProgrammeDoc(programme, pctx, { id: programmeId, name: 'Benchshire change programme', council: 'Benchshire County Council' })
  for (const [i, p] of people.entries()) upsertPerson(programme, pctx, p.id, { name: p.name, colour: '#1d70b8', role: i === 0 ? 'manager' : 'team' })
  const rules = readCycleRules(programme)

  const projectIds: ProjectId[] = []
  const projectUpdates: Uint8Array[] = []
  let activityEntries = 0
  let feedbackCount = 0
  let decisions = 0
  let end = yearStart
  for (let i = 0; i < projects; i++) {
    const rng = mulberry32(seed * 100_003 + i)
    t = yearStart + i * 60_000
    const team = [0, 1, 2].map((k) => ctxOf.get(people[(i * 3 + k) % people.length]!.id) as OpContext)
    const who = (): OpContext => team[Math.floor(rng() * team.length)] as OpContext
    const id = `bench-year-${String(i + 1).padStart(3, '0')}` as ProjectId
    const project = createDoc()
    const service = SERVICES[i % SERVICES.length] as string
    createProject(programme, project, team[0]!, {
      id,
      name: `${service.charAt(0).toUpperCase() + service.slice(1)} ${String(i + 1).padStart(3, '0')}`,
      phase: PHASES[i % 5],
      serviceArea: service,
      owner: team[0]!.author.name,
      tags: [service.split(' ')[0] as string, LABELS[i % LABELS.length] as string]
    })
    writeParagraphs(project, problemOf(project), rng, 3, 3)
    const columns = readColumns(project).map((c) => c.id)
    const [todo, doing, done] = columns as [typeof columns[number], typeof columns[number], typeof columns[number]]
    const backlog: CardId[] = []
    let made = 0
    for (let c = 1; c <= cycles; c++) {
      ensureCycles(project, who(), rules)
      const today = todayInLondon(t)
      const cycle = readCycles(project, today).find((x) => x.number === c)
      if (!cycle) throw new Error(`cycle ${c} was not planned (today ${today})`)
      t = Math.max(t, Date.parse(`${cycle.start}T09:00:00Z`))
      setCycleGoal(project, who(), c, sentence(rng, 6 + Math.floor(rng() * 6)))
      // New cards this cycle: an even share, the remainder in cycle 1.
      const share = Math.floor(cardsPerProject / cycles) + (c === 1 ? cardsPerProject % cycles : 0)
      for (let k = 0; k < share; k++, made++) {
        const ctx = who()
        const title = `${VERBS[made % VERBS.length]} ${OBJECTS[Math.floor(made / VERBS.length) % OBJECTS.length]} (${made + 1})`
        const cardId = addCard(project, ctx, { columnId: todo, title })
        const note = cardNoteOf(project, cardId)
        if (note) writeParagraphs(project, note, rng, 1 + Math.floor(rng() * 3))
        if (made % 3 === 0) addLabel(project, ctx, cardId, LABELS[made % LABELS.length] as string)
        if (made % 5 === 0) {
          const item = addChecklistItem(project, ctx, cardId, 'Check with the service owner')
          addChecklistItem(project, ctx, cardId, 'Update the content design doc')
          if (made % 10 === 0) setChecklistItemDone(project, ctx, cardId, item, true)
        }
        backlog.push(cardId)
      }
      // Plan: six from the front of the backlog.
      const committed = backlog.splice(0, 6)
      for (const cardId of committed) commitCard(project, who(), cardId, c)
      t += 86_400_000
      // Work: most go to Doing, then Done; one in ten gets a better title on the way.
      for (const [k, cardId] of committed.entries()) {
        moveCard(project, who(), cardId, doing, 0)
        if (rng() < 0.1) updateCard(project, who(), cardId, { title: `${VERBS[k % VERBS.length]} ${OBJECTS[(k + c) % OBJECTS.length]} again (${c}.${k})` })
        if (k < 5 || rng() < 0.3) {
          t += 3_600_000
          moveCard(project, who(), cardId, done, 0)
        }
      }
      const evidence: FeedbackId[] = []
      for (let k = 0; k < 2; k++) {
        evidence.push(
          addFeedback(project, who(), {
            cycle: c,
            who: k === 0 ? 'Resident in user research' : 'Service manager',
            source: k === 0 ? 'research' : 'demo',
            text: sentence(rng, 12 + Math.floor(rng() * 20)),
            cards: [committed[k % committed.length] as string]
          })
        )
        feedbackCount++
      }
      t = Math.max(t, Date.parse(`${cycle.end}T15:00:00Z`))
      const pivot = c % 9 === 0
      closeCycle(project, who(), {
        cycle: c,
        rules,
        decision: pivot
          ? { kind: 'pivot', direction: sentence(rng, 10), note: sentence(rng, 8), evidence }
          : { kind: 'persevere', note: sentence(rng, 8), evidence }
      })
      decisions++
      // Unfinished cards that rolled on stay committed; anything returned goes back to the backlog list.
      t += 3_600_000
    }
    ensureCycles(project, who(), rules)
    end = Math.max(end, t)
    refreshProjectSummary(programme, project, team[0]!)
    refreshProjectProgress(programme, project, team[0]!)
    activityEntries += readActivity(project).length
    projectIds.push(id)
    projectUpdates.push(Y.encodeStateAsUpdate(project))
    project.destroy()
    if ((i + 1) % 10 === 0) log?.(`  ${i + 1}/${projects} projects (${((performance.now() - started) / 1000).toFixed(0)} s)`)
  }
  const programmeUpdate = Y.encodeStateAsUpdate(programme)
  programme.destroy()
  return {
    projects,
    cardsPerProject,
    cycles,
    seed,
    profile,
    programmeId,
    projectIds,
    programmeUpdate,
    projectUpdates,
    now: end,
    buildMs: performance.now() - started,
    cached: false,
    stats: { activityEntries, feedback: feedbackCount, decisions, bytes: programmeUpdate.byteLength + projectUpdates.reduce((s, u) => s + u.byteLength, 0) }
  }
}
