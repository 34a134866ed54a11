import type { ActivityEntry, ActivityType } from './activity'

/**
 * The activity log in words, for the project's history screen: "moved “Call the depot” from To do
 * to Doing". Every field of `data` is read defensively (an entry passed its stored schema, but
 * `data` is any plain object a peer wrote), so an odd entry reads as its kind, never throws.
 */
export type ActivityGroup = 'cards' | 'columns' | 'cycles' | 'feedback' | 'mentors' | 'project'

export const ACTIVITY_GROUP_LABELS: Readonly<Record<ActivityGroup, string>> = {
  cards: 'Cards',
  columns: 'Columns',
  cycles: 'Cycles and decisions',
  feedback: 'Feedback',
  mentors: 'Mentors and sessions',
  project: 'Project details'
}

export function activityGroup(type: ActivityType): ActivityGroup {
  if (type === 'card.committed' || type === 'card.uncommitted' || type.startsWith('cycle.') || type === 'decision.recorded') return 'cycles'
  if (type.startsWith('card.')) return 'cards'
  if (type.startsWith('column.')) return 'columns'
  if (type.startsWith('feedback.')) return 'feedback'
  if (type.startsWith('mentor')) return 'mentors'
  return 'project'
}

export interface ActivityNames {
  /** A card's current title, or null when it is gone. */
  card(id: string): string | null
  column(id: string): string | null
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const quote = (s: string): string => `“${s.length > 80 ? `${s.slice(0, 79)}…` : s}”`

const DECISIONS: Readonly<Record<string, string>> = { persevere: 'persevere', pivot: 'pivot', stop: 'stop' }

/** One entry as a sentence without its subject ("added the card “…”"); who and when are shown beside it. */
export function describeActivity(e: ActivityEntry, names: ActivityNames): string {
  const d = (e.data ?? {}) as Record<string, unknown>
  const cardTitle = (): string => {
    const t = (e.cardId && names.card(e.cardId)) ?? str(d.title)
    return t ? quote(t) : 'a card'
  }
  const column = (id: unknown): string => {
    const t = typeof id === 'string' ? names.column(id) : null
    return t ? quote(t) : 'a column'
  }
  const cycle = num(d.cycle)
  const inCycle = cycle !== null ? ` cycle ${cycle}` : ' a cycle'
  switch (e.type) {
    case 'project.created':
      return 'created the project'
    case 'project.updated': {
      if (str(d.added)) return `added the tag ${quote(String(d.added))}`
      if (str(d.removed)) return `removed the tag ${quote(String(d.removed))}`
      const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : []
      return fields.length > 0 ? `changed the project’s ${fields.map(fieldName).join(', ')}` : 'changed the project details'
    }
    case 'column.added':
      return `added the column ${str(d.title) ? quote(String(d.title)) : ''}`.trim()
    case 'column.updated':
      if (str(d.title)) return `renamed a column to ${quote(String(d.title))}`
      if ('wipLimit' in d) return `set the WIP limit of ${column(e.columnId)} to ${num(d.wipLimit) ?? 'none'}`
      return `changed the column ${column(e.columnId)}`
    case 'column.moved':
      return `moved the column ${column(e.columnId)}`
    case 'column.removed':
      return `removed a column${num(d.cards) ? `, moving its ${d.cards} cards to ${column(d.movedTo)}` : ''}`
    case 'card.created':
      return `added the card ${cardTitle()}${d.fromSession ? ' from a mentor session' : ''}`
    case 'card.updated': {
      const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : []
      return `changed ${fields.length > 0 ? `the ${fields.map(fieldName).join(', ')} of` : ''} ${cardTitle()}`.replace(/\s+/g, ' ')
    }
    case 'card.moved':
      return `moved ${cardTitle()} from ${column(d.from)} to ${column(d.to)}`
    case 'card.archived':
      return `archived ${cardTitle()}`
    case 'card.restored':
      return `restored ${cardTitle()}`
    case 'card.checklist':
      return `changed the checklist of ${cardTitle()}`
    case 'card.committed':
      return d.rolledOver ? `rolled ${cardTitle()} into${inCycle}` : `committed ${cardTitle()} to${inCycle}`
    case 'card.uncommitted':
      return `took ${cardTitle()} out of${inCycle}`
    case 'cycle.goal':
      return `set the goal of${inCycle}${str(d.goal) ? `: ${quote(String(d.goal))}` : ''}`
    case 'cycle.closed':
      return `closed${inCycle}`
    case 'decision.recorded':
      return `decided to ${DECISIONS[str(d.kind) ?? ''] ?? 'carry on'} at the end of${inCycle}`
    case 'feedback.added':
      return `added feedback to${inCycle}`
    case 'feedback.updated':
      return d.removed ? 'removed a piece of feedback' : 'changed a piece of feedback'
    case 'mentorLink.added':
      return `linked the mentor ${str(d.mentorName) ? quote(String(d.mentorName)) : ''}`.trim()
    case 'mentorLink.changed':
      return `changed a mentor link${str(d.mentorName) ? ` for ${quote(String(d.mentorName))}` : ''}${str(d.to) ? ` to ${String(d.to)}` : ''}`
    case 'mentorSession.logged':
      return `logged a mentor session${str(d.mentorName) ? ` with ${quote(String(d.mentorName))}` : ''}`
    case 'mentorSession.updated':
      return 'changed a mentor session'
  }
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  serviceArea: 'service area',
  owner: 'key contact',
  startDate: 'start date',
  endDate: 'end date',
  dueDate: 'due date',
  assignees: 'people',
  labels: 'labels'
}

function fieldName(f: string): string {
  return FIELD_NAMES[f] ?? f.replace(/([A-Z])/g, ' $1').toLowerCase()
}
