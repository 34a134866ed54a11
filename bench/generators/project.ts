import * as Y from 'yjs'
import {
  addCard,
  addChecklistItem,
  addLabel,
  createDoc,
  createProject,
  initProgrammeDoc,
  opContext,
  readColumns,
  setChecklistItemDone,
  upsertPerson,
  type OpContext
} from '../../src/shared/doc'
import type { ColumnId, PersonId, ProgrammeId, ProjectId } from '../../src/shared/domain/ids'

/**
 * A programme with one project of N cards, built only through the real domain operations
 * (so every card carries its note fragment, nested maps and activity entries exactly as the
 * app writes them). Cards are spread unevenly over the three default columns; some carry
 * labels and checklist items, as real boards do.
 */
export interface ProjectFixture {
  readonly cards: number
  /** How many authors added the cards (1 = one person, one session). */
  readonly peers: number
  readonly profile: { readonly id: PersonId; readonly name: string; readonly colour: string }
  readonly programmeId: ProgrammeId
  readonly projectId: ProjectId
  /** Y.encodeStateAsUpdate of each doc: what y-indexeddb would have stored. The docs themselves
   *  are destroyed after building, so a bench run does not carry hundreds of MB of them around. */
  readonly programmeUpdate: Uint8Array
  readonly projectUpdate: Uint8Array
  /** Wall time of building the project doc (every domain op, plus merging peers), in ms. */
  readonly buildMs: number
  /** Domain operations run on the project doc (cards, labels, checklist items, ticks). */
  readonly ops: number
}

const VERBS = ['Draft', 'Review', 'Test', 'Agree', 'Map', 'Interview users about', 'Prototype', 'Publish', 'Sign off', 'Fix']
const THINGS = [
  'the bin collection form',
  'council tax reminders',
  'the parking permit journey',
  'housing repairs triage',
  'the planning portal search',
  'library card renewals',
  'blue badge eligibility',
  'the missed collection report',
  'school admissions letters',
  'pest control bookings'
]
const LABELS = ['accessibility', 'content', 'research', 'data', 'policy', 'tech-debt']
// Roughly how a working board looks: most cards waiting, a few in progress, many done.
const COLUMN_WEIGHTS = [0.5, 0.2, 0.3]

/** A clock that moves on one second per call, so builds are comparable run to run. */
function steppingClock(start = Date.UTC(2026, 0, 5, 9)): () => number {
  let t = start
  return () => (t += 1000)
}

function pickColumn(i: number, columns: readonly ColumnId[]): ColumnId {
  // Deterministic spread by weight: position of i within a cycle of 10.
  const slot = (i % 10) / 10
  let acc = 0
  for (let c = 0; c < columns.length; c++) {
    acc += COLUMN_WEIGHTS[c] ?? 0
    if (slot < acc) return columns[c] as ColumnId
  }
  return columns[columns.length - 1] as ColumnId
}

/**
 * Cards added by one author after another, on one doc, through addCard & co. addCard reads the
 * whole board to rank the new card, so building this way costs O(N²): about 3 s for 5,000
 * cards here but about 3 minutes for 20,000. Above `perPeer` cards the work is split as it
 * would be between colleagues: each peer starts from the same freshly created project, adds its
 * share offline, and the peers' updates are merged, as y-webrtc would deliver them. The result
 * is a real multi-author doc (several client ids; ranks may tie across peers, which readers
 * break by id) built by the same domain operations, in a fraction of the time.
 */
export function buildProjectFixture(cards: number, perPeer = 5_000): ProjectFixture {
  const profile = { id: 'bench-person-0001' as PersonId, name: 'Bench Officer', colour: '#1d70b8' }
  const programmeId = 'bench-programme-0001' as ProgrammeId
  const projectId = `bench-project-${cards}` as ProjectId
  const ctx: OpContext = opContext({ id: profile.id, name: profile.name }, steppingClock())
  const programme = createDoc()
  initProgrammeDoc(programme, ctx, { id: programmeId, name: 'Bench programme', council: 'Benchshire County Council' })
  upsertPerson(programme, ctx, profile.id, { name: profile.name, colour: profile.colour, role: 'team' })

  const project = createDoc()
  const started = performance.now()
  createProject(programme, project, ctx, { id: projectId, name: `Benchmark board (${cards.toLocaleString('en-GB')} cards)`, tags: ['bench'] })
  const base = Y.encodeStateAsUpdate(project)
  const peers = Math.max(1, Math.ceil(cards / perPeer))
  let ops = 0
  for (let p = 0; p < peers; p++) {
    const from = Math.floor((cards * p) / peers)
    const to = Math.floor((cards * (p + 1)) / peers)
    if (p === 0) {
      ops += addCards(project, ctx, from, to)
      continue
    }
    const peer = createDoc()
    Y.applyUpdate(peer, base)
    ops += addCards(peer, opContext({ id: profile.id, name: profile.name }, steppingClock(Date.UTC(2026, 0, 5 + p, 9))), from, to)
    Y.applyUpdate(project, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(project)))
    peer.destroy()
  }
  const buildMs = performance.now() - started
  const fixture = {
    cards,
    peers,
    profile,
    programmeId,
    projectId,
    programmeUpdate: Y.encodeStateAsUpdate(programme),
    projectUpdate: Y.encodeStateAsUpdate(project),
    buildMs,
    ops
  }
  programme.destroy()
  project.destroy()
  return fixture
}

/** Cards number `from` to `to - 1`, with labels and checklists on some. Returns the op count. */
function addCards(project: Y.Doc, ctx: OpContext, from: number, to: number): number {
  const columns = readColumns(project).map((c) => c.id)
  let ops = 0
  for (let i = from; i < to; i++) {
    const title = `${VERBS[i % VERBS.length]} ${THINGS[Math.floor(i / VERBS.length) % THINGS.length]} (${i + 1})`
    const id = addCard(project, ctx, { columnId: pickColumn(i, columns), title })
    ops++
    if (i % 3 === 0) {
      addLabel(project, ctx, id, LABELS[i % LABELS.length] as string)
      ops++
    }
    if (i % 7 === 0) {
      addLabel(project, ctx, id, LABELS[(i + 3) % LABELS.length] as string)
      ops++
    }
    if (i % 5 === 0) {
      const first = addChecklistItem(project, ctx, id, 'Check with the service owner')
      addChecklistItem(project, ctx, id, 'Update the content design doc')
      ops += 2
      if (i % 10 === 0) {
        setChecklistItemDone(project, ctx, id, first, true)
        ops++
      }
    }
  }
  return ops
}

const built = new Map<number, ProjectFixture>()

/**
 * The same fixture for every scenario in one bench run: building 20,000 cards takes a while,
 * and the browser scenario should open exactly the doc the node scenario measured.
 */
export function projectFixture(cards: number): ProjectFixture {
  let f = built.get(cards)
  if (!f) {
    f = buildProjectFixture(cards)
    built.set(cards, f)
  }
  return f
}
