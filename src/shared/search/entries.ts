import {
  DECISION_LABELS,
  FEEDBACK_SOURCE_LABELS,
  readCardNoteText,
  readCards,
  readComments,
  readDecisions,
  readFeedback,
  readProblemText,
  readProject,
  type Card,
  type CommentSubjectKind,
  type ProjectDoc
} from '../doc'
import type { CardId, ProjectId } from '../domain/ids'

/** What a search result is; the order here is the tie-break order within a project. */
export const SEARCH_KINDS = ['project', 'card', 'feedback', 'decision', 'comment'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

/** What each result says it is (every result is labelled, so a list of links still makes sense read aloud). */
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  project: 'Project',
  card: 'Card',
  feedback: 'Feedback',
  decision: 'Decision',
  comment: 'Comment'
}

/**
 * One searchable thing, as plain data. The four text fields are what gets indexed (`title` is
 * boosted); `heading` is what a result shows, which for a comment or a decision is not text a
 * person would search for ("Comment on …").
 */
export interface SearchEntry {
  /** Unique across the programme: kind, project and record id. */
  readonly id: string
  readonly kind: SearchKind
  readonly projectId: ProjectId
  readonly projectName: string
  readonly heading: string
  readonly title: string
  /** Note, problem statement, what was said, the decision's direction/reason/note, a comment. */
  readonly text: string
  /** Card labels; project tags and service area. */
  readonly labels: string
  /** Checklist items of a card. */
  readonly checklist: string
  /** An archived card (or a comment on one), or anything in an archived project. */
  readonly archived: boolean
  /** The card it is, or the card a comment is about. */
  readonly cardId: CardId | null
  /** The cycle of a feedback item or decision. */
  readonly cycle: number | null
}

// Card entries are rebuilt only when the card changed: readCards hands back the same object until
// then, and the note's text is cached by its fragment. A 20,000-card project re-reads in a blink.
const cardEntryCache = new WeakMap<Card, { note: string; projectName: string; projectArchived: boolean; entry: SearchEntry }>()

function cardEntry(doc: ProjectDoc, projectId: ProjectId, projectName: string, projectArchived: boolean, card: Card): SearchEntry {
  const note = readCardNoteText(doc, card.id)
  const hit = cardEntryCache.get(card)
  if (hit && hit.note === note && hit.projectName === projectName && hit.projectArchived === projectArchived) return hit.entry
  const entry: SearchEntry = {
    id: `card:${projectId}:${card.id}`,
    kind: 'card',
    projectId,
    projectName,
    heading: card.title,
    title: card.title,
    text: note,
    labels: card.labels.join(' '),
    checklist: card.checklist.map((i) => i.text).join('\n'),
    archived: card.archived || projectArchived,
    cardId: card.id,
    cycle: null
  }
  cardEntryCache.set(card, { note, projectName, projectArchived, entry })
  return entry
}

/**
 * Everything searchable in one project doc, as plain entries. A doc with no project record yet (a
 * joined project still arriving) gives no entries.
 *
 * Archived cards and archived projects are indexed, flagged `archived`: the search leaves them out
 * unless asked to include them, so a person can still find old work without it crowding today's.
 */
export function readProjectEntries(doc: ProjectDoc): readonly SearchEntry[] {
  const project = readProject(doc)
  if (!project) return []
  const projectId = project.id
  const name = project.name
  const gone = project.archived
  const base = { projectId, projectName: name }
  const out: SearchEntry[] = [
    {
      ...base,
      id: `project:${projectId}`,
      kind: 'project',
      heading: name,
      title: name,
      text: readProblemText(doc),
      labels: [...project.tags, project.serviceArea].filter(Boolean).join(' '),
      checklist: '',
      archived: gone,
      cardId: null,
      cycle: null
    }
  ]
  const cards = new Map<string, Card>()
  for (const card of readCards(doc)) {
    cards.set(card.id, card)
    out.push(cardEntry(doc, projectId, name, gone, card))
  }
  for (const f of readFeedback(doc)) {
    out.push({
      ...base,
      id: `feedback:${projectId}:${f.id}`,
      kind: 'feedback',
      heading: `${f.who} (${FEEDBACK_SOURCE_LABELS[f.source]}, cycle ${f.cycle})`,
      title: f.who,
      text: f.text,
      labels: '',
      checklist: '',
      archived: gone,
      cardId: null,
      cycle: f.cycle
    })
  }
  for (const d of readDecisions(doc)) {
    out.push({
      ...base,
      id: `decision:${projectId}:${d.id}`,
      kind: 'decision',
      heading: `Cycle ${d.cycle}: ${DECISION_LABELS[d.kind]}${d.superseded ? ' (superseded)' : ''}`,
      title: DECISION_LABELS[d.kind],
      text: [d.direction, d.reason, d.note].filter(Boolean).join('\n'),
      labels: '',
      checklist: '',
      archived: gone,
      cardId: null,
      cycle: d.cycle
    })
  }
  for (const c of readComments(doc)) {
    const card = c.cardId ? cards.get(c.cardId) : undefined
    // A comment on a card that has since been removed has nowhere to link to: leave it out.
    if (c.cardId && !card) continue
    out.push({
      ...base,
      id: `comment:${projectId}:${c.id}`,
      kind: 'comment',
      heading: `${c.byName || 'Someone'} ${card ? `on “${card.title}”` : COMMENT_PLACE[c.subject.kind](c.subject.id)}`,
      title: '',
      text: c.text,
      labels: '',
      checklist: '',
      archived: gone || (card?.archived ?? false),
      cardId: card?.id ?? null,
      cycle: c.subject.kind === 'cycle' && /^\d{1,4}$/.test(c.subject.id) ? Number(c.subject.id) : null
    })
  }
  return out
}

/** Where a comment without a card is, for its search result's heading. */
const COMMENT_PLACE: Record<CommentSubjectKind, (id: string) => string> = {
  card: () => 'on a card',
  project: () => 'on the project',
  cycle: (id) => (/^\d{1,4}$/.test(id) ? `on the cycle ${id} review` : 'on a cycle review'),
  feedback: () => 'on a piece of feedback',
  'mentor-session': () => 'on a mentor session'
}
