import * as Y from 'yjs'
import {
  addCard,
  addFeedback,
  closeCycle,
  commitCard,
  createDoc,
  createProject,
  editProject,
  initProgrammeDoc,
  opContext,
  problemOf,
  readColumns,
  readCycleRules,
  readPipelineOrganisation,
  readPipelineSettings,
  readProblemText,
  readProgramme,
  readProjectIndex,
  setCycleGoal,
  setFirstCycleStart,
  updatePipelineSettings
} from '../../src/shared/doc'
import type { PersonId, ProgrammeId, ProjectId } from '../../src/shared/domain/ids'
import { AGILE_LIFECYCLE_PHASES, COLLABORATION_LEVELS, FUNDING_BOUNDARY_IDS, PROJECT_LANGUAGES } from '../../src/shared/pipeline/enums'
import { lintProject } from '../../src/shared/pipeline/lint'
import { exportFiles, readProjectExport } from '../../src/shared/pipeline/projectExport'
import { collectGarbage, median, time } from '../support/stats'
import type { Figure, Scenario } from '../types'

/**
 * Export to the Pipeline (issue 10), in node: 100 project docs built with the domain operations
 * (every Pipeline field filled, a two-paragraph problem statement, 3 tags, 4 closed cycles each with
 * a goal, 2 feedback items as evidence and a decision, on a scripted clock), each loaded fresh
 * from its encoded update before a run, so the readers' caches start cold as after opening them.
 *
 * Timed: what the export page does once the docs are open — each project read into the Pipeline's
 * shapes (ProjectDetailSummary, ProjectViewModel, status updates), linted, then the three files
 * (two JSON files and the CSV) written as text. Opening docs from IndexedDB is not included (the
 * page opens them one at a time with a progress bar). Target: 100 ms, median and p95.
 */
export const scenario: Scenario = {
  name: 'pipeline-export',
  description: 'Export 100 projects (4 closed cycles each) to the Pipeline shapes, lint and files: median/p95',
  async run(opts) {
    const count = 100
    const runs = opts.quick ? 8 : 25
    opts.log(`pipeline-export: building ${count} projects with the domain operations…`)
    const built = time(() => buildProgramme(count))
    const { programme, updates } = built.value
    opts.log(`pipeline-export: built in ${Math.round(built.ms)} ms; ${runs} runs`)

    const org = readPipelineOrganisation(programme)
    const settings = readPipelineSettings(programme)
    const council = readProgramme(programme)?.council ?? ''
    const order = readProjectIndex(programme).map((p) => p.id)
    const exportAll = (docs: ReadonlyMap<ProjectId, Y.Doc>): number => {
      const exports = order.map((id) => {
        const doc = docs.get(id)!
        const e = readProjectExport(doc, org)!
        lintProject({ project: e.data.project, content: readProblemText(doc), settings, council, today: '2026-09-01' })
        return e
      })
      return exportFiles(exports).reduce((n, f) => n + f.content.length, 0)
    }

    const load = (): Map<ProjectId, Y.Doc> => {
      const docs = new Map<ProjectId, Y.Doc>()
      for (const [id, u] of updates) {
        const d = new Y.Doc()
        Y.applyUpdate(d, u)
        docs.set(id, d)
      }
      return docs
    }

    exportAll(load()) // warm-up: the JIT sees the code before anything is timed
    const cold: number[] = []
    const warm: number[] = []
    let chars = 0
    for (let r = 0; r < runs; r++) {
      const docs = load()
      // The previous run's 100 docs are garbage now: collect them first, so a run times the export, not them.
      collectGarbage()
      const c = time(() => exportAll(docs))
      cold.push(c.ms)
      chars = c.value
      warm.push(time(() => exportAll(docs)).ms)
      for (const d of docs.values()) d.destroy()
    }
    const target = { value: 100, better: 'lower' as const }
    const figures: Figure[] = [
      { name: 'export 100 projects, median', value: median(cold), unit: 'ms', target, note: `freshly loaded docs: read, map, lint, 3 files; ${runs} runs` },
      { name: 'export 100 projects, p95', value: p95(cold), unit: 'ms', target, note: `${runs} runs` },
      { name: 'export 100 projects again, median', value: median(warm), unit: 'ms', note: 'same docs, readers’ caches warm' },
      { name: 'exported files', value: chars * 2, unit: 'bytes', note: 'the three files as UTF-16 text in memory' },
      { name: 'build 100 projects', value: built.ms, unit: 'ms', note: 'domain operations for the fixture (one run, not a target)' }
    ]
    return { figures, details: { count, runs, cold, warm } }
  }
}

function p95(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? Number.NaN
}

const ASHA = { id: 'bench-asha' as PersonId, name: 'Asha Patel' }
/** A London (BST) wall-clock time in 2026 as epoch ms. */
const bst = (month: number, day: number, hour: number, minute = 0): number => Date.UTC(2026, month - 1, day, hour - 1, minute)

const TOPICS = ['bins', 'parking', 'housing', 'libraries', 'council-tax', 'planning', 'social-care', 'schools', 'highways', 'licensing']

/** 100 projects: each closes cycles 1–4 (June to August 2026) with evidence and a decision. */
export function buildProgramme(count: number): { programme: Y.Doc; updates: Map<ProjectId, Uint8Array> } {
  const programme = createDoc()
  const at = (ms: number) => opContext(ASHA, () => ms)
  initProgrammeDoc(programme, at(bst(5, 28, 9)), { id: 'bench-programme' as ProgrammeId, name: 'Digital accelerator', council: 'Anytown Borough Council' })
  updatePipelineSettings(programme, at(bst(5, 28, 9)), { organisationId: 42, address: 'https://pipeline.example.org' })
  const rules = readCycleRules(programme)
  const updates = new Map<ProjectId, Uint8Array>()
  // Cycles of 10 working days from Monday 1 June 2026 (the August bank holiday falls in cycle 7).
  const cycleEnds = [bst(6, 12, 16), bst(6, 26, 16), bst(7, 10, 16), bst(7, 24, 16)]
  for (let i = 0; i < count; i++) {
    const id = `bench-project-${String(i).padStart(3, '0')}` as ProjectId
    const doc = createDoc()
    const fri = at(bst(5, 29, 10, i % 60))
    createProject(programme, doc, fri, { id, name: `Project ${i + 1}: ${TOPICS[i % TOPICS.length]} service`, phase: 'Alpha', serviceArea: 'Service area', owner: `Owner ${i}`, tags: [TOPICS[i % 10]!, TOPICS[(i + 3) % 10]!, TOPICS[(i + 7) % 10]!] })
    editProject(programme, doc, fri, {
      department: 'Environment and Place',
      ownerEmail: `owner${i}@anytown.gov.uk`,
      agilePhase: AGILE_LIFECYCLE_PHASES[i % 4],
      fundingBoundary: FUNDING_BOUNDARY_IDS[i % 6],
      collaborationLevel: COLLABORATION_LEVELS[i % 3],
      projectLanguage: PROJECT_LANGUAGES[i % 7],
      startDate: '2026-06-01',
      endDate: '2026-12-18',
      pipelineId: 1000 + i
    })
    doc.transact(() => {
      for (const text of [`Residents using the ${TOPICS[i % 10]} service wait too long and call us to chase.`, 'We will know it is solved when most requests are dealt with online the same week.']) {
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(text)])
        problemOf(doc).insert(problemOf(doc).length, [p])
      }
    })
    setFirstCycleStart(doc, fri, rules, '2026-06-01')
    const todo = readColumns(doc)[0]!
    for (const [c, end] of cycleEnds.entries()) {
      const n = c + 1
      const start = at(end - 9 * 86_400_000)
      setCycleGoal(doc, start, n, `Cycle ${n} goal for project ${i + 1}: residents can do it online`)
      const card = addCard(doc, start, { columnId: todo.id, title: `Work for cycle ${n}` })
      commitCard(doc, start, card, n)
      const evidence = [
        addFeedback(doc, at(end - 3 * 86_400_000), { cycle: n, who: 'Resident at the library', source: 'research', text: 'I could not find where to apply, so I phoned the contact centre.' }),
        addFeedback(doc, at(end - 2 * 86_400_000), { cycle: n, who: 'Service data', source: 'data', text: `${40 + n}% of requests still arrive by phone.` })
      ]
      closeCycle(doc, at(end), { cycle: n, rules, decision: n === 3 ? { kind: 'pivot', direction: 'Start with the phone journey', evidence } : { kind: 'persevere', evidence } })
    }
    updates.set(id, Y.encodeStateAsUpdate(doc))
  }
  return { programme, updates }
}
