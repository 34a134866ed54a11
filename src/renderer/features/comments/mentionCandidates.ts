import { useMemo } from 'react'
import { PERSON_ROLE_LABELS, readComments, readMentorLinks, readMentors, readPeople, type AnyDoc } from '@shared/doc'
import type { MentionCandidate } from '@shared/domain/mentions'
import { useDocValue } from '../../hooks/useDocValue'
import { useRole } from '../../sync/SyncContext'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'

/** People in the programme and mentors in its directory (retired mentors are not offered). */
export function programmeCandidates(programme: AnyDoc): readonly MentionCandidate[] {
  const out: MentionCandidate[] = readPeople(programme).map((p) => ({ id: p.id, name: p.name, kind: 'person', detail: PERSON_ROLE_LABELS[p.role] }))
  for (const m of readMentors(programme)) {
    if (m.retired) continue
    out.push({ id: m.id, name: m.name, kind: 'mentor', detail: m.organisation ? `Mentor, ${m.organisation}` : 'Mentor' })
  }
  return out
}

/**
 * Who the project itself knows: mentors linked to it (the link keeps a copy of the name, for
 * mentors' apps, which never receive the programme's directory) and colleagues who have
 * commented in it. Comments from the mentor room are not used: their names are only claims.
 */
export function projectCandidates(doc: AnyDoc): readonly MentionCandidate[] {
  const out: MentionCandidate[] = []
  for (const l of readMentorLinks(doc)) {
    if (l.state === 'ended') continue
    out.push({ id: l.mentorId, name: l.mentorName, kind: 'mentor', detail: 'Mentor on this project' })
  }
  for (const c of readComments(doc)) {
    if (c.via !== 'team' || !c.byName.trim()) continue
    out.push({ id: c.by, name: c.byName, kind: 'person', detail: 'Commented here' })
  }
  return out
}

function merge(...lists: (readonly MentionCandidate[])[]): readonly MentionCandidate[] {
  const seen = new Set<string>()
  const out: MentionCandidate[] = []
  for (const list of lists) {
    for (const c of list) {
      if (seen.has(c.id)) continue
      seen.add(c.id)
      out.push(c)
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : 1))
}

/**
 * Who can be mentioned in the open project. A colleague's app offers the programme's people and
 * mentors, then anyone the project knows that the programme does not. A mentor's app (joined with
 * a mentor invite) has another council's programme doc, or none of this one, so it offers only
 * what the project itself knows (`projectCandidates`).
 */
export function useMentionCandidates(): readonly MentionCandidate[] {
  const { doc, projectId } = useProjectDoc()
  const ws = useWorkspace()
  const role = useRole(projectId)
  const fromProgramme = useDocValue(ws.programme, programmeCandidates)
  const fromProject = useDocValue(doc, projectCandidates)
  const mentorApp = role === 'mentor' || role === 'viewer'
  return useMemo(() => (mentorApp ? merge(fromProject) : merge(fromProgramme, fromProject)), [mentorApp, fromProgramme, fromProject])
}
