import type * as Y from 'yjs'
import { newId, type MentorId, type ProjectId } from '../domain/ids'
import type { Phase } from '../domain/phases'
import { LOCAL_ORIGIN, type OpContext } from './context'
import { InputError, sameName } from '../domain/inputError'
import type { CapacityCheck, MentorLinkState } from '../domain/mentorLinkStates'
import { activeLinkCounts, observeProjectSummary, readProjectIndex, setProjectMentorSummary, upsertProjectSummary } from './programme'
import { readMentor } from './mentors'
import {
  addMentorLink,
  addMentorSession,
  observeMentoring,
  projectMentorCoverage,
  readMentorLink,
  setMentorLinkState,
  type MentorLinkId,
  type MentorSessionId
} from './mentorLinks'
import { addTag, initProjectDoc, normaliseTag, readProject, removeTag, tagsOf, updateProject, type ProjectPatch } from './project'

/**
 * Operations that touch the programme doc and a project doc together. The project doc is the
 * source of truth; the programme's index entry is refreshed from it after every change. Its
 * mentor coverage is written only when this project doc has seen at least as much mentoring as
 * the doc the stored coverage came from (see `setProjectMentorSummary`).
 */
export function refreshProjectSummary(programme: Y.Doc, project: Y.Doc, ctx: OpContext): void {
  const p = readProject(project)
  if (!p) return
  programme.transact(() => {
    upsertProjectSummary(programme, ctx, { id: p.id, name: p.name, phase: p.phase, tags: p.tags, archived: p.archived })
    setProjectMentorSummary(programme, ctx, p.id, projectMentorCoverage(project))
  }, LOCAL_ORIGIN)
}

/**
 * Keep the programme's summary of an open project (its active mentors and last session) true to
 * the project doc, whoever changed the project. The summary is one value that every team member's
 * app writes, so two colleagues making different mentors active at the same time each write a
 * summary without the other's mentor, and the last one written wins on every computer. A team
 * app watching the project re-computes it whenever the project's links or sessions change (a
 * colleague's change arriving included), and again when a colleague's summary arrives that was
 * computed from less than this computer has seen. Writes only when something differs, and only
 * to a project the programme already lists. Call it for each project doc the team opens; returns
 * stop.
 */
export function watchProjectSummary(programme: Y.Doc, project: Y.Doc, ctx: OpContext): () => void {
  const refresh = (onlyIfNewer: boolean): void => {
    // Runs inside Yjs event handlers: nothing may throw into Yjs. The summary is a cache; the next change tries again.
    try {
      const p = readProject(project)
      if (p) setProjectMentorSummary(programme, ctx, p.id, projectMentorCoverage(project), { onlyIfNewer })
    } catch (err) {
      console.error('Could not update the programme’s mentor summary of this project', err)
    }
  }
  refresh(false)
  const offProject = observeMentoring(project, () => refresh(false))
  // The project's id is known once its doc has loaded; a doc still empty is watched from its first change.
  let offProgramme: (() => void) | null = null
  const followProgramme = (): void => {
    const id = readProject(project)?.id
    if (offProgramme || !id) return
    offProgramme = observeProjectSummary(programme, id, () => refresh(true))
  }
  followProgramme()
  const onProjectChange = (): void => followProgramme()
  if (!offProgramme) project.on('afterTransaction', onProjectChange)
  return () => {
    offProject()
    offProgramme?.()
    project.off('afterTransaction', onProjectChange)
  }
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

// ---- mentor links and sessions (issue 9) ---------------------------------------------------------
// The project doc holds the links and sessions (mentorLinks.ts); the programme holds the directory
// (capacity, retired) and each project's summary (active mentors, last session), refreshed here
// after every change so capacity and coverage never need every project doc opened.

/**
 * Link a mentor from the directory to the project, as suggested or requested. A retired mentor, or
 * one the directory does not have, cannot be linked.
 */
export function linkMentor(programme: Y.Doc, project: Y.Doc, ctx: OpContext, mentorId: MentorId, state: 'suggested' | 'requested'): MentorLinkId {
  const mentor = readMentor(programme, mentorId)
  if (!mentor) throw new InputError('mentor', 'That mentor is not in the directory')
  if (mentor.retired) throw new InputError('mentor', `${mentor.name} has retired from the directory, so they cannot be linked`)
  const id = addMentorLink(project, ctx, { mentorId, mentorName: mentor.name, state })
  refreshProjectSummary(programme, project, ctx)
  return id
}

/**
 * The capacity check for making `mentorId` active on `project`: their active links on the other
 * projects of the programme (from the summaries) against their capacity. Null when the directory
 * does not have the mentor (nothing to check against).
 */
export function mentorCapacityCheck(programme: Y.Doc, project: Y.Doc, mentorId: string): CapacityCheck | null {
  const mentor = readMentor(programme, mentorId)
  if (!mentor) return null
  const projectId = readProject(project)?.id
  const active = activeLinkCounts(programme, projectId).get(mentorId) ?? 0
  return { mentorName: mentor.name, active, capacity: mentor.capacity }
}

/**
 * Move a link to another state. Making it active when the mentor's capacity is used throws
 * MentorOverCapacityError unless `overCapacityConfirmed`.
 */
export function changeMentorLink(
  programme: Y.Doc,
  project: Y.Doc,
  ctx: OpContext,
  linkId: string,
  to: MentorLinkState,
  opts: { readonly overCapacityConfirmed: boolean }
): void {
  const link = readMentorLink(project, linkId)
  const capacity = to === 'active' && link ? mentorCapacityCheck(programme, project, link.mentorId) : null
  setMentorLinkState(project, ctx, linkId, to, { overCapacityConfirmed: opts.overCapacityConfirmed, capacity })
  refreshProjectSummary(programme, project, ctx)
}

/** Log a session on an active link (see `addMentorSession`), then refresh the project's last-session date. */
export function logMentorSession(programme: Y.Doc, project: Y.Doc, ctx: OpContext, input: Parameters<typeof addMentorSession>[2]): MentorSessionId {
  const id = addMentorSession(project, ctx, input)
  refreshProjectSummary(programme, project, ctx)
  return id
}
