import { describe, expect, it } from 'vitest'
import {
  addProjectTag,
  addTag,
  createDoc,
  createProject,
  DEFAULT_COLUMNS,
  editProject,
  initProgrammeDoc,
  initProjectDoc,
  metaOf,
  normaliseTag,
  readActivity,
  readBoard,
  readProject,
  readProjectIndex,
  removeProjectTag,
  removeTag,
  SCHEMA_VERSION,
  updateProject
} from '@shared/doc'
import type { ProgrammeId } from '@shared/domain/ids'
import { ALICE, activityDuring, ctxAt, newProject, PROJECT_ID, T0, zodMessages } from '../support'

describe('creating a project', () => {
  it('fills the project, the default To do / Doing / Done columns and a version stamp', () => {
    const doc = createDoc()
    initProjectDoc(doc, ctxAt(), {
      id: PROJECT_ID,
      name: '  Blue badge renewals ',
      phase: 'Alpha',
      serviceArea: ' Adult social care ',
      owner: ' Priya ',
      tags: ['Open Data', ' HOUSING ', 'a, b', '   ']
    })
    expect(readProject(doc)).toEqual({
      id: PROJECT_ID,
      name: 'Blue badge renewals',
      serviceArea: 'Adult social care',
      owner: 'Priya',
      phase: 'Alpha',
      tags: ['a-b', 'housing', 'open-data'],
      startDate: null,
      endDate: null,
      archived: false,
      createdAt: T0,
      department: '',
      ownerEmail: '',
      agilePhase: null,
      fundingBoundary: -1,
      collaborationLevel: null,
      allowExternalCollaboration: false,
      datesAreEstimates: false,
      nextAssessmentDate: null,
      projectLanguage: null,
      pipelineId: null
    })
    const board = readBoard(doc)
    expect(board.columns.map((c) => c.title)).toEqual([...DEFAULT_COLUMNS])
    expect(DEFAULT_COLUMNS).toEqual(['To do', 'Doing', 'Done'])
    expect(board.columns.every((c) => c.wipLimit === null && c.cards.length === 0 && c.wip === 'none')).toBe(true)
    expect(metaOf(doc).get('schemaVersion')).toBe(SCHEMA_VERSION)
    expect(metaOf(doc).get('kind')).toBe('project')
  })

  it('defaults the phase to Discovery', () => {
    const { doc } = newProject()
    expect(readProject(doc)?.phase).toBe('Discovery')
  })

  it('refuses a blank name and writes nothing', () => {
    const doc = createDoc()
    expect(zodMessages(() => initProjectDoc(doc, ctxAt(), { id: PROJECT_ID, name: '   ' }))).toEqual(['Enter a project name'])
    expect(readProject(doc)).toBeNull()
    expect(readActivity(doc)).toEqual([])
  })

  it('lists the new project on the programme home straight away', () => {
    const programme = createDoc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog-1' as ProgrammeId, name: 'Digital accelerator' })
    const project = createDoc()
    createProject(programme, project, ctxAt(), { id: PROJECT_ID, name: 'Pothole reporting', phase: 'Beta', tags: ['Roads'] })
    expect(readProjectIndex(programme)).toMatchObject([{ id: PROJECT_ID, name: 'Pothole reporting', phase: 'Beta', tags: ['roads'], archived: false }])
  })

  it('reads nothing from an empty doc', () => {
    expect(readProject(createDoc())).toBeNull()
  })
})

describe('tags', () => {
  it('are lower-case with no spaces or commas', () => {
    expect(normaliseTag('  Open   Data ')).toBe('open-data')
    expect(normaliseTag('Roads,Transport')).toBe('roads-transport')
    expect(normaliseTag(', ,')).toBe('')
    for (const raw of ['Adult Social Care', 'a\tb', 'x ,y', ' Ümlaut Tag ']) expect(normaliseTag(raw)).not.toMatch(/[\s,A-Z]/)
  })

  it('are added once, normalised, and removed', () => {
    const { doc } = newProject()
    expect(addTag(doc, ctxAt(), 'Social Care')).toBe('social-care')
    expect(addTag(doc, ctxAt(), 'social  care')).toBeNull()
    expect(addTag(doc, ctxAt(), '  ')).toBeNull()
    expect(readProject(doc)?.tags).toEqual(['social-care'])
    removeTag(doc, ctxAt(), 'social-care')
    expect(readProject(doc)?.tags).toEqual([])
  })

  it('keep the programme home’s copy up to date', () => {
    const programme = createDoc()
    const { doc } = newProject()
    addProjectTag(programme, doc, ctxAt(), 'Waste Collection')
    expect(readProjectIndex(programme)[0]?.tags).toEqual(['waste-collection'])
    removeProjectTag(programme, doc, ctxAt(), 'waste-collection')
    expect(readProjectIndex(programme)[0]?.tags).toEqual([])
  })
})

describe('updating a project', () => {
  it('saves the changed fields and logs which ones changed', () => {
    const { doc } = newProject()
    const added = activityDuring(doc, () =>
      updateProject(doc, ctxAt(T0 + 5), { name: ' Blue badges ', phase: 'Beta', startDate: '2026-06-01', endDate: '2026-09-30', owner: 'Sam' })
    )
    expect(readProject(doc)).toMatchObject({ name: 'Blue badges', phase: 'Beta', startDate: '2026-06-01', endDate: '2026-09-30', owner: 'Sam' })
    expect(added).toHaveLength(1)
    expect(added[0]).toMatchObject({ type: 'project.updated', by: ALICE.id, at: T0 + 5 })
    expect([...((added[0]?.data?.fields as string[]) ?? [])].sort()).toEqual(['endDate', 'name', 'owner', 'phase', 'startDate'])
  })

  it('writes nothing when nothing changed', () => {
    const { doc } = newProject()
    expect(activityDuring(doc, () => updateProject(doc, ctxAt(), { name: 'Blue badge renewals  ' }))).toEqual([])
  })

  it('can clear dates and archive the project', () => {
    const { doc } = newProject()
    updateProject(doc, ctxAt(), { startDate: '2026-06-01' })
    updateProject(doc, ctxAt(), { startDate: null, archived: true })
    expect(readProject(doc)).toMatchObject({ startDate: null, archived: true })
  })

  it('explains what is wrong, in words a person can act on', () => {
    const { doc } = newProject()
    expect(zodMessages(() => updateProject(doc, ctxAt(), { name: '' }))).toEqual(['Enter a project name'])
    expect(zodMessages(() => updateProject(doc, ctxAt(), { name: 'x'.repeat(201) }))).toEqual(['Enter a project name of 200 characters or fewer'])
    expect(zodMessages(() => updateProject(doc, ctxAt(), { startDate: '2026-02-30' }))).toEqual(['Enter a real start date'])
    expect(zodMessages(() => updateProject(doc, ctxAt(), { endDate: '31/12/2026' }))).toEqual(['Enter a real end date'])
    expect(zodMessages(() => updateProject(doc, ctxAt(), { startDate: '2026-06-10', endDate: '2026-06-09' }))).toEqual([
      'End date must be the same as or after the start date'
    ])
    // @ts-expect-error -- a phase Pipeline does not know
    expect(zodMessages(() => updateProject(doc, ctxAt(), { phase: 'Gamma' }))).toHaveLength(1)
    expect(readProject(doc)).toMatchObject({ name: 'Blue badge renewals', startDate: null, endDate: null, phase: 'Discovery' })
  })

  it('refuses an end date before the start date already saved (and vice versa)', () => {
    const { doc } = newProject()
    updateProject(doc, ctxAt(), { startDate: '2026-06-10', endDate: '2026-07-10' })
    expect(zodMessages(() => updateProject(doc, ctxAt(), { endDate: '2026-06-01' }))).toEqual(['End date must be the same as or after the start date'])
    expect(zodMessages(() => updateProject(doc, ctxAt(), { startDate: '2026-08-01' }))).toEqual(['End date must be the same as or after the start date'])
    expect(readProject(doc)).toMatchObject({ startDate: '2026-06-10', endDate: '2026-07-10' })
    // The same day is fine.
    updateProject(doc, ctxAt(), { endDate: '2026-06-10' })
    expect(readProject(doc)?.endDate).toBe('2026-06-10')
  })

  it('refreshes the programme home’s summary', () => {
    const programme = createDoc()
    const project = createDoc()
    createProject(programme, project, ctxAt(), { id: PROJECT_ID, name: 'Pothole reporting' })
    editProject(programme, project, ctxAt(T0 + 1000), { name: 'Pothole and street light reporting', phase: 'Live' })
    expect(readProjectIndex(programme)).toMatchObject([{ name: 'Pothole and street light reporting', phase: 'Live', updatedAt: T0 + 1000 }])
  })
})
