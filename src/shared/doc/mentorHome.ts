import type * as Y from 'yjs'
import { readActivity, type ActivityEntry, type ActivityType } from './activity'
import { openQuestionsFor, type CommentMe, type OpenQuestion } from './comments'
import { readMentorLinks, readMentorSessions, type MentorLink, type MentorSession } from './mentorLinks'
import { readProject } from './project'

/**
 * What a mentor's home says about one project they mentor: their link, their last session, what
 * the team changed since it (from the activity log) and the open questions addressed to them.
 * Read from the project doc the mentor already holds (a mentor never receives the council's
 * programme doc), so it works the same for projects from any number of councils.
 */
export interface MentoredProject {
  readonly name: string
  readonly phase: string
  /** This mentor's link(s) in the project (by directory id when the invite named one). */
  readonly links: readonly MentorLink[]
  readonly lastSession: MentorSession | null
  /** Changes are counted after this time: the last session was logged, or two weeks ago. */
  readonly since: number
  readonly sinceLastSession: boolean
  readonly changes: { readonly total: number; readonly lines: readonly string[] }
  readonly openQuestions: readonly OpenQuestion[]
}

export const NO_SESSION_WINDOW_MS = 14 * 24 * 60 * 60 * 1000

/** How activity kinds read in "what changed", in the order they are listed. */
const CHANGE_TEXT: readonly (readonly [ActivityType, string, string])[] = [
  ['decision.recorded', 'decision recorded', 'decisions recorded'],
  ['cycle.closed', 'cycle closed', 'cycles closed'],
  ['cycle.goal', 'cycle goal set', 'cycle goals set'],
  ['card.created', 'card added', 'cards added'],
  ['card.moved', 'card moved', 'card moves'],
  ['card.updated', 'card changed', 'card changes'],
  ['card.checklist', 'checklist change', 'checklist changes'],
  ['card.archived', 'card archived', 'cards archived'],
  ['feedback.added', 'piece of feedback', 'pieces of feedback'],
  ['mentorSession.logged', 'session logged', 'sessions logged'],
  ['project.updated', 'change to the project details', 'changes to the project details']
]

function describeChanges(entries: readonly ActivityEntry[]): { total: number; lines: string[] } {
  const counts = new Map<ActivityType, number>()
  for (const e of entries) counts.set(e.type, (counts.get(e.type) ?? 0) + 1)
  const lines: string[] = []
  let listed = 0
  for (const [type, one, many] of CHANGE_TEXT) {
    const n = counts.get(type) ?? 0
    if (n === 0) continue
    listed += n
    lines.push(`${n} ${n === 1 ? one : many}`)
  }
  const other = entries.length - listed
  if (other > 0) lines.push(`${other} other ${other === 1 ? 'change' : 'changes'}`)
  return { total: entries.length, lines }
}

/**
 * The mentor's summary of one project, or null while the project has not arrived. `me.mentorIds`
 * holds the directory id the invite named (if any): links and sessions are then this mentor's
 * own; without one, every link in the project counts (an invite made before mentor links).
 */
export function mentoredProjectSummary(doc: Y.Doc, me: CommentMe, now: number): MentoredProject | null {
  const project = readProject(doc)
  if (!project) return null
  const mine = new Set(me.mentorIds)
  const allLinks = readMentorLinks(doc)
  const links = mine.size > 0 ? allLinks.filter((l) => mine.has(l.mentorId)) : allLinks
  const linkIds = new Set(links.map((l) => l.id))
  const lastSession = readMentorSessions(doc).find((s) => linkIds.has(s.linkId)) ?? null
  const since = lastSession ? lastSession.createdAt : now - NO_SESSION_WINDOW_MS
  const people = new Set(me.personIds)
  // Only chunks of the archive that reach past `since` are decoded.
  const changed = readActivity(doc, { since }).filter((e) => e.at > since && !people.has(e.by))
  return {
    name: project.name,
    phase: project.phase,
    links,
    lastSession,
    since,
    sinceLastSession: lastSession !== null,
    changes: describeChanges(changed),
    openQuestions: openQuestionsFor(doc, me, now)
  }
}
