// Every Pipeline enumeration round-trips: chosen in Fortnight, stored in the project doc, synced to
// another computer, exported in the Pipeline's shapes, and read back to the same value.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createDoc, createProject, editProject, initProgrammeDoc, readProject, type ProjectPatch } from '@shared/doc'
import type { ProgrammeId, ProjectId } from '@shared/domain/ids'
import { PHASES } from '@shared/domain/phases'
import {
  AGILE_LIFECYCLE_PHASES,
  COLLABORATION_LEVELS,
  FUNDING_BOUNDARIES,
  fundingBoundaryText,
  isAgileLifecyclePhase,
  isCollaborationLevel,
  isProjectLanguage,
  parseFundingBoundary,
  PROJECT_LANGUAGES,
  RELATIONSHIP_TYPES
} from '@shared/pipeline/enums'
import { readPipelineProjectData } from '@shared/pipeline/projectExport'
import { toProjectDetailSummary, toProjectViewModel, type ProjectDetailSummary, type ProjectViewModel } from '@shared/pipeline/shapes'
import { ctxAt } from '../support'

const ORG = { id: 7, name: 'Anytown Borough Council' }

/** Set `patch` on a fresh project, sync the doc to a second computer, export there, and JSON round-trip. */
function exportWith(patch: ProjectPatch): { summary: ProjectDetailSummary; viewModel: ProjectViewModel; stored: ReturnType<typeof readProject> } {
  const programme = createDoc()
  initProgrammeDoc(programme, ctxAt(), { id: 'p' as ProgrammeId, name: 'Programme' })
  const doc = createDoc()
  createProject(programme, doc, ctxAt(), { id: 'proj' as ProjectId, name: 'Round trip' })
  editProject(programme, doc, ctxAt(), patch)
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  const data = readPipelineProjectData(other)!
  return {
    summary: JSON.parse(JSON.stringify(toProjectDetailSummary(data, ORG))) as ProjectDetailSummary,
    viewModel: JSON.parse(JSON.stringify(toProjectViewModel(data, ORG))) as ProjectViewModel,
    stored: readProject(other)
  }
}

describe('Pipeline enumerations round-trip', () => {
  it('spells every value exactly as the Pipeline does', () => {
    expect(PHASES).toEqual(['Concept', 'Discovery', 'Alpha', 'Beta', 'Live', 'Decommissioned'])
    expect(AGILE_LIFECYCLE_PHASES).toEqual(['Discover', 'Prototype', 'Build', 'Improve'])
    expect(COLLABORATION_LEVELS).toEqual(['Share Ideas', 'Open To Conversation', 'Share Funding'])
    expect(PROJECT_LANGUAGES).toEqual(['Non-dependant', 'C#', 'Java', 'JavaScript', 'PHP', 'Ruby', 'Other'])
    expect(FUNDING_BOUNDARIES.map((b) => [b.id, b.text])).toEqual([
      [-1, 'Unknown'],
      [0, '£0K–£50K'],
      [50, '£50K–£100K'],
      [100, '£100K–£250K'],
      [250, '£250K–£500K'],
      [500, '£500K–£1000K']
    ])
    expect(RELATIONSHIP_TYPES).toEqual(['Watcher', 'Contributer'])
  })

  it.each(PHASES)('phase %s → ProjectStatus', (phase) => {
    const { summary, viewModel, stored } = exportWith({ phase })
    expect(stored?.phase).toBe(phase)
    expect(summary.ProjectStatus).toBe(phase)
    expect(viewModel.ProjectStatus).toBe(phase)
  })

  it.each(AGILE_LIFECYCLE_PHASES)('agile lifecycle phase %s → AgileLifecycle', (agilePhase) => {
    const { summary, stored } = exportWith({ agilePhase })
    expect(stored?.agilePhase).toBe(agilePhase)
    expect(summary.AgileLifecycle).toBe(agilePhase)
    expect(isAgileLifecyclePhase(summary.AgileLifecycle)).toBe(true)
  })

  it.each(COLLABORATION_LEVELS)('collaboration level %s → CollaborationLevel', (collaborationLevel) => {
    const { viewModel, stored } = exportWith({ collaborationLevel })
    expect(stored?.collaborationLevel).toBe(collaborationLevel)
    expect(viewModel.CollaborationLevel).toBe(collaborationLevel)
    expect(isCollaborationLevel(viewModel.CollaborationLevel)).toBe(true)
  })

  it.each(PROJECT_LANGUAGES)('project language %s is stored and read back', (projectLanguage) => {
    const { stored } = exportWith({ projectLanguage })
    expect(stored?.projectLanguage).toBe(projectLanguage)
    expect(isProjectLanguage(stored?.projectLanguage)).toBe(true)
  })

  it.each(FUNDING_BOUNDARIES.map((b) => [b.id, b.text] as const))('funding boundary %s → FundingBoundary "%s" and back, by id and by text', (id, text) => {
    const { summary, viewModel, stored } = exportWith({ fundingBoundary: id })
    expect(stored?.fundingBoundary).toBe(id)
    // The summary carries the id as a string; the view model the text shown.
    expect(summary.FundingBoundary).toBe(String(id))
    expect(viewModel.FundingBoundaryText).toBe(text)
    expect(fundingBoundaryText(id)).toBe(text)
    expect(parseFundingBoundary(summary.FundingBoundary)).toBe(id)
    expect(parseFundingBoundary(viewModel.FundingBoundaryText)).toBe(id)
  })

  it('booleans and dates round-trip as the Pipeline types them', () => {
    const { summary, viewModel } = exportWith({ datesAreEstimates: true, allowExternalCollaboration: true, startDate: '2026-04-01', nextAssessmentDate: '2027-01-31' })
    expect(viewModel.ProjectEstimatedTime).toBe(true)
    expect(summary.ProjectStart).toBe('2026-04-01T00:00:00')
    expect(viewModel.NextServiceAssessmentDate).toBe('2027-01-31T00:00:00')
  })

  it('rejects a value the Pipeline does not have, in plain English', () => {
    expect(parseFundingBoundary('75')).toBeNull()
    expect(parseFundingBoundary('£1M+')).toBeNull()
    expect(() => exportWith({ agilePhase: 'Alpha' as never })).toThrow('Choose the agile lifecycle phase')
    expect(() => exportWith({ projectLanguage: 'Python' as never })).toThrow('Choose the project language')
    expect(() => exportWith({ fundingBoundary: 75 as never })).toThrow('Choose a funding boundary')
    expect(() => exportWith({ collaborationLevel: 'share ideas' as never })).toThrow('Choose a collaboration level')
  })
})
