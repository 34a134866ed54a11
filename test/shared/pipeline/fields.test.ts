// The Pipeline's project fields (issue 10) in the project doc, and the programme's Pipeline
// settings: old docs read with defaults, bad values from a peer fall back and are reported, and
// what a person types is checked with messages they can act on.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  createDoc,
  createProject,
  editProject,
  initProgrammeDoc,
  pipelineExportsOf,
  pipelinePublishedOf,
  pipelineSettingsMapOf,
  projectMapOf,
  readLastExport,
  readPublished,
  recordPublished,
  readPipelineOrganisation,
  readPipelineSettings,
  readProject,
  updatePipelineSettings,
  updateProgramme
} from '@shared/doc'
import { readProblemsOf } from '@shared/doc/readProblems'
import type { ProgrammeId, ProjectId } from '@shared/domain/ids'
import { pipelineAddressProblem } from '@shared/pipeline/pipelineSettings'
import { ctxAt, newProject, zodMessages } from '../support'

function programmeAndProject() {
  const programme = createDoc()
  initProgrammeDoc(programme, ctxAt(), { id: 'p' as ProgrammeId, name: 'Accelerator', council: 'Anytown Borough Council' })
  const doc = createDoc()
  createProject(programme, doc, ctxAt(), { id: 'proj' as ProjectId, name: 'Garden waste' })
  return { programme, doc }
}

describe('Pipeline fields on a project', () => {
  it('a project from before issue 10 reads every new field as "not given"', () => {
    const { doc } = newProject()
    expect(readProject(doc)).toMatchObject({
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
    expect(readProblemsOf(doc)).toEqual([])
  })

  it('saves the fields and logs which changed', () => {
    const { programme, doc } = programmeAndProject()
    editProject(programme, doc, ctxAt(), { department: ' Environment ', ownerEmail: 'a.b@anytown.gov.uk', pipelineId: 88, fundingBoundary: 100, allowExternalCollaboration: true })
    expect(readProject(doc)).toMatchObject({ department: 'Environment', ownerEmail: 'a.b@anytown.gov.uk', pipelineId: 88, fundingBoundary: 100, allowExternalCollaboration: true })
  })

  it('explains what is wrong with what was typed, field by field', () => {
    const { programme, doc } = programmeAndProject()
    expect(zodMessages(() => editProject(programme, doc, ctxAt(), { ownerEmail: 'asha at anytown' }))).toEqual(['Enter an email address in the correct format, like name@example.com'])
    expect(zodMessages(() => editProject(programme, doc, ctxAt(), { pipelineId: Number.NaN }))).toEqual(['Enter the Pipeline id as a whole number, like 1234'])
    expect(zodMessages(() => editProject(programme, doc, ctxAt(), { pipelineId: 12.5 }))).toEqual(['Enter the Pipeline id as a whole number, like 1234'])
    expect(zodMessages(() => editProject(programme, doc, ctxAt(), { pipelineId: 0 }))).toEqual(['Enter a Pipeline id of 1 or more'])
    expect(zodMessages(() => editProject(programme, doc, ctxAt(), { nextAssessmentDate: '2026-02-30' }))).toEqual(['Enter a real date for the next service assessment'])
    expect(readProject(doc)).toMatchObject({ ownerEmail: '', pipelineId: null, nextAssessmentDate: null })
  })

  it('a bad value written by a peer reads as the default and is reported, the rest of the project intact', () => {
    const { doc } = programmeAndProject()
    doc.transact(() => {
      projectMapOf(doc).set('fundingBoundary', 75)
      projectMapOf(doc).set('agilePhase', 'Alpha')
      projectMapOf(doc).set('pipelineId', -3)
      projectMapOf(doc).set('ownerEmail', 'x'.repeat(5_000))
    })
    expect(readProject(doc)).toMatchObject({ name: 'Garden waste', fundingBoundary: -1, agilePhase: null, pipelineId: null, ownerEmail: '' })
    expect(readProblemsOf(doc).map((p) => p.key).sort()).toEqual(['agilePhase', 'fundingBoundary', 'ownerEmail', 'pipelineId'])
  })
})

describe('the programme’s Pipeline settings', () => {
  it('defaults: no organisation id, the council as the organisation name, no address', () => {
    const { programme } = programmeAndProject()
    expect(readPipelineSettings(programme)).toEqual({ organisationId: null, organisationName: '', address: '' })
    expect(readPipelineOrganisation(programme)).toEqual({ id: null, name: 'Anytown Borough Council' })
    updateProgramme(programme, ctxAt(), { council: 'Anytown Council' })
    expect(readPipelineOrganisation(programme).name).toBe('Anytown Council')
  })

  it('saves each setting on its own key; the address is tidied', () => {
    const { programme } = programmeAndProject()
    updatePipelineSettings(programme, ctxAt(), { organisationId: 42, organisationName: 'Anytown BC', address: ' https://Pipeline.Example.org/ ' })
    expect(readPipelineSettings(programme)).toEqual({ organisationId: 42, organisationName: 'Anytown BC', address: 'https://pipeline.example.org' })
    expect(readPipelineOrganisation(programme)).toEqual({ id: 42, name: 'Anytown BC' })
    expect([...pipelineSettingsMapOf(programme).keys()].sort()).toEqual(['address', 'organisationId', 'organisationName'])
  })

  it('publishes over https only, or plain http to this computer', () => {
    expect(pipelineAddressProblem('https://pipeline.localgov.digital')).toBeNull()
    expect(pipelineAddressProblem('http://localhost:8080')).toBeNull()
    expect(pipelineAddressProblem('http://127.0.0.1:5173/pipeline')).toBeNull()
    expect(pipelineAddressProblem('http://pipeline.localgov.digital')).toBe('The Pipeline address must start with https:// (http:// only for a test server on this computer)')
    expect(pipelineAddressProblem('pipeline.localgov.digital')).toBe('Enter the Pipeline address in full, starting with https://, like https://pipeline.localgov.digital')
    expect(pipelineAddressProblem('https://me:secret@pipeline.example.org')).toBe('Remove the user name and password from the Pipeline address')
    expect(pipelineAddressProblem('https://pipeline.example.org/?x=1')).toBe('Enter the Pipeline address without anything after a ? or #')
    expect(pipelineAddressProblem('javascript:alert(1)')).toBe('The Pipeline address must start with https:// (http:// only for a test server on this computer)')
  })

  it('explains bad settings and changes nothing', () => {
    const { programme } = programmeAndProject()
    expect(zodMessages(() => updatePipelineSettings(programme, ctxAt(), { organisationId: 4.2 }))).toEqual(['Enter the organisation id as a whole number, like 42'])
    expect(zodMessages(() => updatePipelineSettings(programme, ctxAt(), { address: 'ftp://pipeline' }))).toEqual([
      'The Pipeline address must start with https:// (http:// only for a test server on this computer)'
    ])
    expect(readPipelineSettings(programme)).toEqual({ organisationId: null, organisationName: '', address: '' })
  })

  it('a setting a peer wrote wrongly reads as its default and is reported', () => {
    const { programme } = programmeAndProject()
    programme.transact(() => {
      pipelineSettingsMapOf(programme).set('organisationId', 'forty-two')
      pipelineSettingsMapOf(programme).set('address', 'http://evil.example')
    })
    expect(readPipelineSettings(programme)).toEqual({ organisationId: null, organisationName: '', address: '' })
    expect(readProblemsOf(programme).map((p) => p.key).sort()).toEqual(['pipeline.address', 'pipeline.organisationId'])
  })
})

describe('the Pipeline ledgers in the programme doc', () => {
  it('a malformed entry from a peer is skipped and reported: an export is "never", an update "not sent yet"', () => {
    const { programme } = programmeAndProject()
    programme.transact(() => {
      pipelineExportsOf(programme).set('proj', { projectId: 'proj', at: 1, summary: { Id: 'one' } })
      pipelinePublishedOf(programme).set('proj:cycle:1', { key: 'proj:cycle:1', remoteId: -5 })
      pipelinePublishedOf(programme).set('proj:cycle:2', 'sent')
    })
    expect(readLastExport(programme, 'proj' as ProjectId)).toBeNull()
    expect(readPublished(programme).size).toBe(0)
    expect(readProblemsOf(programme).map((p) => p.key).sort()).toEqual(['pipelineExports.proj', 'pipelinePublished.proj:cycle:1', 'pipelinePublished.proj:cycle:2'])
  })

  it('records what was published, once per key, readable on another computer', () => {
    const { programme } = programmeAndProject()
    recordPublished(programme, ctxAt(), { key: 'proj:cycle:1', remoteId: 9, address: 'https://pipeline.example.org', pageId: 4, fingerprint: 'abcd1234', found: false })
    recordPublished(programme, ctxAt(), { key: 'proj:cycle:1', remoteId: 9, address: 'https://pipeline.example.org', pageId: 4, fingerprint: 'abcd1234', found: true })
    const other = createDoc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(programme))
    expect([...readPublished(other).values()]).toEqual([
      { key: 'proj:cycle:1', remoteId: 9, address: 'https://pipeline.example.org', pageId: 4, fingerprint: 'abcd1234', found: true, sentAt: ctxAt().now(), by: 'person-alice', byName: 'Alice Okafor' }
    ])
  })
})
