import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  addCard,
  cardNoteOf,
  createDoc,
  createProject,
  DocRegistry,
  initProgrammeDoc,
  projectDocName,
  projectIndexOf,
  readCards,
  readColumns,
  type ProgrammeDoc
} from '@shared/doc'
import type { CardId, ProgrammeId, ProjectId } from '@shared/domain/ids'
import { SEARCH_DEBOUNCE_MS, SearchService } from '@shared/search'
import { ctxAt } from '../support'

const registries: DocRegistry[] = []
afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.closeAll()))
})

let n = 0
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await pause(10)
  }
}

function note(doc: Y.Doc, card: CardId, text: string): void {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  cardNoteOf(doc, card)!.insert(0, [p])
}

/** A programme with projects stored through a real registry (fake IndexedDB), each with one card and note. */
async function setUp(notes: readonly string[]): Promise<{ registry: DocRegistry; programme: ProgrammeDoc; ids: ProjectId[] }> {
  const registry = new DocRegistry({ closeDelayMs: 20 })
  registries.push(registry)
  const programme = createDoc()
  initProgrammeDoc(programme, ctxAt(), { id: 'prog' as ProgrammeId, name: 'Accelerator' })
  const ids: ProjectId[] = []
  for (const text of notes) ids.push(await addProject(registry, programme, `Project ${ids.length + 1}`, text))
  return { registry, programme, ids }
}

async function addProject(registry: DocRegistry, programme: ProgrammeDoc, name: string, text: string): Promise<ProjectId> {
  const id = `search-test-${process.pid}-${Date.now()}-${++n}` as ProjectId
  const local = await registry.acquire(projectDocName(id))
  createProject(programme, local.doc, ctxAt(), { id, name })
  const card = addCard(local.doc, ctxAt(), { columnId: readColumns(local.doc)[0]!.id, title: `Card of ${name}` })
  note(local.doc, card, text)
  registry.release(projectDocName(id))
  return id
}

const idle = (s: SearchService) => () => !s.getStatus().indexing

describe('the search service', () => {
  it('reads every project through the registry, keeps the index current while open, and lets go when closed', async () => {
    const { registry, programme, ids } = await setUp(['Ask about the hedgerow survey', 'Call the depot about bins'])
    const service = new SearchService(registry, programme)
    const statuses: boolean[] = []
    service.subscribe(() => statuses.push(service.getStatus().indexing))
    const close = service.open()
    await until(() => idle(service)() && service.getStatus().read === 2, 'the first indexing')
    expect(statuses).toContain(true)
    expect(service.getStatus().projects).toBe(2)
    expect(service.index.search('hedgerow').groups.map((g) => g.projectName)).toEqual(['Project 1'])
    expect(ids.every((id) => registry.isOpen(projectDocName(id)))).toBe(true)

    // An edit to an open project re-indexes it (after the debounce), without any reload.
    const local = await registry.acquire(projectDocName(ids[1]!))
    const card = addCard(local.doc, ctxAt(), { columnId: readColumns(local.doc)[0]!.id, title: 'Kingfisher count' })
    registry.release(projectDocName(ids[1]!))
    const before = service.getStatus().version
    expect(service.index.search('kingfisher').total).toBe(0)
    await until(() => service.getStatus().version > before, 're-index after the edit', SEARCH_DEBOUNCE_MS + 3_000)
    expect(service.index.search('kingfisher').groups[0]!.hits[0]!.entry.cardId).toBe(card)

    // A project added to the programme is read too; one removed from it leaves the results.
    await addProject(registry, programme, 'Project 3', 'Otters by the river')
    await until(() => service.index.search('otters').total === 1, 'the new project')
    projectIndexOf(programme).delete(ids[0]!)
    await until(() => service.index.search('hedgerow').total === 0, 'the removed project to go')

    close()
    await pause(100)
    expect(ids.some((id) => registry.isOpen(projectDocName(id)))).toBe(false)
  })

  it('opening search again keeps the index as it was when nothing changed, and picks up edits made while it was closed', async () => {
    const { registry, programme, ids } = await setUp(['Ask about the hedgerow survey', 'Call the depot about bins'])
    const service = new SearchService(registry, programme)
    let close = service.open()
    await until(() => idle(service)() && service.getStatus().read === 2, 'the first indexing')
    close()
    await pause(100)
    const version = service.getStatus().version

    close = service.open()
    await until(() => idle(service)() && service.getStatus().read === 2, 'the second indexing')
    expect(service.getStatus().version).toBe(version)
    close()
    await pause(100)

    // Changed while search was closed (the person edited a card on the board).
    const local = await registry.acquire(projectDocName(ids[0]!))
    note(local.doc, readFirstCard(local.doc), 'and the badger sett')
    registry.release(projectDocName(ids[0]!))
    close = service.open()
    await until(() => service.index.search('badger').total === 1, 'the changed project')
    expect(service.getStatus().version).toBeGreaterThan(version)
    close()
  })
})

function readFirstCard(doc: Y.Doc): CardId {
  return readCards(doc)[0]!.id
}
