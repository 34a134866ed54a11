import type { IsoDate } from '../domain/dates'
import { FEEDBACK_SOURCE_LABELS, readCycles, readDecisions, readFeedback, type Cycle, type Decision, type FeedbackItem, type ProjectDoc } from '../doc'
import { londonDateTime, type StatusUpdate } from './shapes'

/**
 * Each closed ship cycle becomes one dated status update on the Pipeline (its timeline of
 * progress): the cycle's goal, the decision taken at its end, and the evidence it rests on,
 * dated when the cycle was closed and signed by whoever decided.
 *
 * A cycle gives exactly one update however it was closed: two people closing it at once leave two
 * decisions on the record, and the update is the cycle's effective one (the latest, as every
 * computer agrees; see decisions.ts). Each update has a stable key, `${projectId}:cycle:${n}`,
 * which the publish ledger uses so nothing is posted twice.
 */

/** A status update with what identifies it across exports and publishes. */
export interface KeyedStatusUpdate {
  readonly key: string
  readonly cycle: number
  readonly update: StatusUpdate
}

export function statusUpdateKey(projectId: string, cycle: number): string {
  return `${projectId}:cycle:${cycle}`
}

const DECISION_WORDS = { persevere: 'Persevere', pivot: 'Pivot', stop: 'Stop' } as const
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const

/** "1 June 2026", as formatLongDate writes it, without date-fns' cost per call (4 per update, 100s of updates). */
function longDate(date: IsoDate): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`
}

/** One line per piece of evidence: who, where from, what they said (on one line). */
function evidenceLine(f: FeedbackItem): string {
  const said = f.text.replace(/\s*[\r\n]+\s*/g, ' ').trim()
  return `- ${f.who.trim()} (${FEEDBACK_SOURCE_LABELS[f.source]}): ${said}`
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim()
}

/**
 * The update's text, plain lines (the Pipeline shows it as wiki text):
 *
 *     Cycle 2 (15 June 2026 to 26 June 2026)
 *     Goal: Residents can renew online
 *     Decision: Pivot. New direction: phone renewals first
 *     Evidence:
 *     - Resident at Anytown library (User research): I could not find the button
 */
export function statusUpdateText(cycle: Pick<Cycle, 'number' | 'start' | 'end' | 'goal'>, decision: Pick<Decision, 'kind' | 'direction' | 'reason' | 'note'> | null, evidence: readonly FeedbackItem[]): string {
  const lines = [`Cycle ${cycle.number} (${longDate(cycle.start)} to ${longDate(cycle.end)})`]
  lines.push(`Goal: ${oneLine(cycle.goal) || 'none set'}`)
  if (!decision) lines.push('Decision: not recorded')
  else {
    let d = `Decision: ${DECISION_WORDS[decision.kind]}.`
    if (decision.kind === 'pivot' && decision.direction) d += ` New direction: ${oneLine(decision.direction)}`
    if (decision.kind === 'stop' && decision.reason) d += ` Reason: ${oneLine(decision.reason)}`
    lines.push(d)
    if (decision.note.trim()) lines.push(`Note: ${oneLine(decision.note)}`)
  }
  if (evidence.length === 0) lines.push('Evidence: none recorded')
  else lines.push('Evidence:', ...evidence.map(evidenceLine))
  return lines.join('\n')
}

/**
 * The status updates of a project, oldest cycle first: one per closed cycle. `pageId` is the
 * project's id on the Pipeline (0 until it has one). `today` only decides the state of open
 * cycles, which give no update, so any date gives the same list.
 */
export function readStatusUpdates(doc: ProjectDoc, projectId: string, pageId: number, today: IsoDate = '2000-01-01'): readonly KeyedStatusUpdate[] {
  const cycles = readCycles(doc, today).filter((c) => c.status === 'closed')
  if (cycles.length === 0) return []
  const decisions = readDecisions(doc).filter((d) => !d.superseded)
  const feedback = new Map(readFeedback(doc).map((f) => [f.id as string, f]))
  return cycles.map((c) => {
    const decision = decisions.find((d) => d.cycle === c.number) ?? null
    const evidence = (decision?.evidence ?? []).map((id) => feedback.get(id)).filter((f): f is FeedbackItem => f !== undefined)
    const at = decision?.decidedAt ?? c.closedAt ?? 0
    return {
      key: statusUpdateKey(projectId, c.number),
      cycle: c.number,
      update: {
        Id: 0,
        PageId: pageId,
        UpdateDate: londonDateTime(at),
        Text: statusUpdateText(c, decision, evidence),
        Author: decision?.decidedByName || c.closedByName || ''
      }
    }
  })
}

/**
 * A short fingerprint of what an update says and when: the ledger keeps it, so an update whose
 * text changed after it was published (a colleague's concurrent close arriving later) is noticed.
 * FNV-1a, 32 bits: not security, just "is it still the same".
 */
export function statusUpdateFingerprint(u: Pick<StatusUpdate, 'UpdateDate' | 'Text' | 'Author'>): string {
  const s = `${u.UpdateDate}\u0000${u.Text}\u0000${u.Author}`
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}
