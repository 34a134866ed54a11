import type * as Y from 'yjs'
import { newId, type ProjectId } from '../domain/ids'
import type { Phase } from '../domain/phases'
import type { OpContext } from './context'
import { upsertProjectSummary } from './programme'
import { addTag, initProjectDoc, readProject, removeTag, updateProject, type ProjectPatch } from './project'

/**
 * Operations that touch the programme doc and a project doc together. The project doc is the
 * source of truth; the programme's index entry is refreshed from it after every change.
 */
export function refreshProjectSummary(programme: Y.Doc, project: Y.Doc, ctx: OpContext): void {
  const p = readProject(project)
  if (!p) return
  upsertProjectSummary(programme, ctx, { id: p.id, name: p.name, phase: p.phase, tags: p.tags, archived: p.archived })
}

export function newProjectId(): ProjectId {
  return newId<ProjectId>()
}

export function createProject(
  programme: Y.Doc,
  project: Y.Doc,
  ctx: OpContext,
  input: { id: ProjectId; name: string; phase?: Phase; serviceArea?: string; owner?: string; tags?: readonly string[] }
): void {
  initProjectDoc(project, ctx, input)
  refreshProjectSummary(programme, project, ctx)
}

export function editProject(programme: Y.Doc, project: Y.Doc, ctx: OpContext, patch: ProjectPatch): void {
  updateProject(project, ctx, patch)
  refreshProjectSummary(programme, project, ctx)
}

export function addProjectTag(programme: Y.Doc, project: Y.Doc, ctx: OpContext, tag: string): void {
  addTag(project, ctx, tag)
  refreshProjectSummary(programme, project, ctx)
}

export function removeProjectTag(programme: Y.Doc, project: Y.Doc, ctx: OpContext, tag: string): void {
  removeTag(project, ctx, tag)
  refreshProjectSummary(programme, project, ctx)
}
