import type * as Y from 'yjs'
import { newId, type ProjectId } from '../domain/ids'
import type { Phase } from '../domain/phases'
import type { OpContext } from './context'
import { InputError, sameName } from '../domain/inputError'
import { readProjectIndex, upsertProjectSummary } from './programme'
import { addTag, initProjectDoc, normaliseTag, readProject, removeTag, tagsOf, updateProject, type ProjectPatch } from './project'

/**
 * Operations that touch the programme doc and a project doc together. The project doc is the
 * source of truth; the programme's index entry is refreshed from it after every change.
 */
export function refreshProjectSummary(programme: Y.Doc, project: Y.Doc, ctx: OpContext): void {
  const p = readProject(project)
  if (!p) return
  upsertProjectSummary(programme, ctx, { id: p.id, name: p.name, phase: p.phase, tags: p.tags, archived: p.archived })
}

/**
 * Two projects whose names differ only by case would be indistinguishable in lists, searches
 * and the Pipeline. Archived projects count too: restoring one must not create a clash.
 */
export function assertProjectNameFree(programme: Y.Doc, name: string, except?: ProjectId): void {
  const clash = readProjectIndex(programme).find((p) => p.id !== except && sameName(p.name, name))
  if (clash) {
    throw new InputError('name', `There is already a project called “${clash.name}”${clash.archived ? ' (archived)' : ''}. Choose a different name`)
  }
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
  assertProjectNameFree(programme, input.name)
  initProjectDoc(project, ctx, input)
  refreshProjectSummary(programme, project, ctx)
}

export function editProject(programme: Y.Doc, project: Y.Doc, ctx: OpContext, patch: ProjectPatch): void {
  if (patch.name !== undefined) assertProjectNameFree(programme, patch.name, readProject(project)?.id)
  updateProject(project, ctx, patch)
  refreshProjectSummary(programme, project, ctx)
}

/** The tag form's add: says why nothing was added (empty, already there) instead of doing nothing. */
export function addProjectTag(programme: Y.Doc, project: Y.Doc, ctx: OpContext, tag: string): void {
  const normal = normaliseTag(tag)
  if (!normal) throw new InputError('tag', 'Enter a tag')
  if (tagsOf(project).has(normal)) throw new InputError('tag', `The project already has the tag “${normal}”`)
  addTag(project, ctx, tag)
  refreshProjectSummary(programme, project, ctx)
}

export function removeProjectTag(programme: Y.Doc, project: Y.Doc, ctx: OpContext, tag: string): void {
  removeTag(project, ctx, tag)
  refreshProjectSummary(programme, project, ctx)
}
