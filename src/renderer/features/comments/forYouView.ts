import { forYou, readCard, readFeedback, readMentorSession, type AnyDoc, type CommentMe, type CommentSubject, type ForYouItem } from '@shared/doc'
import { formatLongDate } from '@shared/domain/dates'
import type { CardId } from '@shared/domain/ids'

/** One line of the For you page: plain data, read from one project doc. */
export interface ForYouRow {
  readonly key: string
  readonly projectId: string
  readonly projectName: string
  /** Where the comment is, in words ("Card “Book a collection”", "Cycle 3 review"…). */
  readonly where: string
  readonly href: string
  readonly item: ForYouItem
}

const EXCERPT = 160

/** The start of a comment, on one line, cut at a word. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= EXCERPT) return flat
  const cut = flat.slice(0, EXCERPT)
  const space = cut.lastIndexOf(' ')
  return `${(space > EXCERPT / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** Where a subject is, in words, and the page that shows it. */
export function placeOf(doc: AnyDoc, projectId: string, subject: CommentSubject): { where: string; href: string } {
  const project = `/projects/${projectId}`
  switch (subject.kind) {
    case 'card': {
      const card = readCard(doc, subject.id as CardId)
      return card ? { where: `Card “${card.title}”`, href: `${project}/cards/${subject.id}` } : { where: 'A card that was removed', href: project }
    }
    case 'project':
      return { where: 'Project discussion', href: `${project}/discussion` }
    case 'cycle':
      return /^\d{1,4}$/.test(subject.id) ? { where: `Cycle ${subject.id} review`, href: `${project}/cycles/${subject.id}` } : { where: 'A cycle review', href: `${project}/cycles` }
    case 'feedback': {
      const f = readFeedback(doc).find((x) => x.id === subject.id)
      return f ? { where: `Feedback from ${f.who} (cycle ${f.cycle})`, href: `${project}/cycles/${f.cycle}` } : { where: 'Feedback that was removed', href: `${project}/cycles` }
    }
    case 'mentor-session': {
      const s = readMentorSession(doc, subject.id)
      return { where: s ? `Mentor session on ${formatLongDate(s.date)}` : 'A mentor session', href: `${project}/mentors` }
    }
  }
}

/** Everything for you in one project, newest first (times later than `now` read as `now`: `shownTime`). */
export function forYouRows(doc: AnyDoc, project: { id: string; name: string }, me: CommentMe, now?: number): readonly ForYouRow[] {
  return forYou(doc, me, now).map((item) => {
    const place = placeOf(doc, project.id, item.subject)
    return { key: `${project.id}:${item.comment.id}`, projectId: project.id, projectName: project.name, ...place, item }
  })
}
