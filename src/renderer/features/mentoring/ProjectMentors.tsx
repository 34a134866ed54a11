import { useMemo, useRef, useEffect, useState, type ReactNode } from 'react'
import { activeLinkCounts, changeMentorLink, linkMentor, readMentorLinks, readProblemText, readProject, type MentorLink } from '@shared/doc'
import type { MentorId } from '@shared/domain/ids'
import type { MatchProject } from '@shared/domain/matching'
import { allowedTransitions, MentorOverCapacityError, transitionLabel, type MentorLinkState } from '@shared/domain/mentorLinkStates'
import { errorMessage } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { MentorSuggestions } from '../mentors/MentorSuggestions'
import { MentorSessions } from './MentorSessions'
import { dayOf, formatTimestamp, LINK_STATE_TAG, linkStateLabel } from './format'
import { useFocusLater } from './useFocusLater'

/**
 * The project's Mentors section (/projects/:id/mentors): who mentors the team and how far each
 * link has got, mentors the directory suggests, and the session log. Mentors and viewers see the
 * links and sessions but no buttons (their copy is read-only; the team's peers refuse their writes
 * anyway); they add their own session notes and comments through each session's comment thread.
 */
export function ProjectMentors(): ReactNode {
  const { doc, readOnly } = useProjectDoc()
  const links = useDocValue(doc, readMentorLinks)
  return (
    <>
      <h2 className="govuk-heading-m">Mentors</h2>
      <p className="govuk-body">
        Mentors have worked on similar problems, in local government or elsewhere. Link a mentor, then log each session and what you agreed: an agreed action can
        become a card on the board.
      </p>
      <CurrentMentors links={links} readOnly={readOnly} />
      {!readOnly && <Suggestions links={links} />}
      <MentorSessions links={links} />
    </>
  )
}

function linkEntryId(id: string): string {
  return `mentor-link-${id}`
}

interface PendingCapacity {
  readonly linkId: string
  readonly message: string
}

function CurrentMentors({ links, readOnly }: { links: readonly MentorLink[]; readOnly: boolean }): ReactNode {
  const { doc, write } = useProjectDoc()
  const ws = useWorkspace()
  const [pending, setPending] = useState<PendingCapacity | null>(null)
  const focusLater = useFocusLater()

  const change = (link: MentorLink, to: MentorLinkState, overCapacityConfirmed: boolean): void => {
    try {
      write(() => changeMentorLink(ws.programme, doc, ws.ctx, link.id, to, { overCapacityConfirmed }))
      ws.clearActionErrors()
      setPending(null)
      focusLater(linkEntryId(link.id))
    } catch (err) {
      if (err instanceof MentorOverCapacityError) setPending({ linkId: link.id, message: err.message })
      else ws.reportError(errorMessage(err), 'action')
    }
  }

  return (
    <section aria-labelledby="current-mentors-title">
      <h3 className="govuk-heading-s" id="current-mentors-title">
        Current mentors
      </h3>
      {links.length === 0 ? (
        <p className="govuk-body">No mentors are linked to this project yet.</p>
      ) : (
        <ul className="app-mentor-links" aria-labelledby="current-mentors-title">
          {links.map((link) => (
            <li key={link.id} className="app-mentor-links__item">
              <p className="app-mentor-links__name govuk-!-margin-bottom-1">
                <strong className="govuk-!-font-weight-bold" id={linkEntryId(link.id)}>
                  {link.mentorName}
                </strong>{' '}
                <strong className={`govuk-tag ${LINK_STATE_TAG[link.state]}`}>{linkStateLabel(link.state)}</strong>
              </p>
              {link.since && (
                <p className="govuk-body-s govuk-!-margin-bottom-2">
                  {linkStateLabel(link.state)} since {dayOf(link.since.at)}, changed by {link.since.byName || 'a colleague'}
                </p>
              )}
              {!readOnly && pending?.linkId !== link.id && (
                <div className="app-button-group-tight govuk-!-margin-bottom-2">
                  {allowedTransitions(link.state).map((to) => (
                    <button
                      key={to}
                      type="button"
                      className={`govuk-button ${to === 'ended' ? 'govuk-button--secondary' : ''} govuk-!-margin-bottom-0`}
                      onClick={() => change(link, to, false)}
                    >
                      {transitionLabel(link.state, to)}
                      <span className="govuk-visually-hidden"> for {link.mentorName}</span>
                    </button>
                  ))}
                </div>
              )}
              {!readOnly && pending?.linkId === link.id && (
                <CapacityWarning message={pending.message} onConfirm={() => change(link, 'active', true)} onCancel={() => {
                  setPending(null)
                  focusLater(linkEntryId(link.id))
                }} />
              )}
              <LinkHistory link={link} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** GOV.UK warning text and a choice; focused when it appears, so a keyboard user lands on it. */
function CapacityWarning(props: { message: string; onConfirm(): void; onCancel(): void }): ReactNode {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <div className="app-mentor-capacity" ref={ref} tabIndex={-1} role="group" aria-labelledby="mentor-capacity-warning">
      <div className="govuk-warning-text govuk-!-margin-bottom-2">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text" id="mentor-capacity-warning">
          <span className="govuk-visually-hidden">Warning</span>
          {props.message}.
        </strong>
      </div>
      <div className="govuk-button-group govuk-!-margin-bottom-2">
        <button type="button" className="govuk-button govuk-button--warning" onClick={props.onConfirm}>
          Yes, go over capacity
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}

function LinkHistory({ link }: { link: MentorLink }): ReactNode {
  return (
    <details className="govuk-details govuk-!-margin-bottom-2">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          History<span className="govuk-visually-hidden"> of the link with {link.mentorName}</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        <ol className="govuk-list app-mentor-links__history">
          {link.history.map((s, i) => (
            <li key={`${s.at}-${i}`}>
              {linkStateLabel(s.state)}: {formatTimestamp(s.at)}, by {s.byName || 'a colleague'}
            </li>
          ))}
        </ol>
      </div>
    </details>
  )
}

function matchProjectOf(doc: Parameters<typeof readProject>[0]): MatchProject | null {
  const p = readProject(doc)
  if (!p) return null
  return { id: p.id, name: p.name, problem: readProblemText(doc), tags: p.tags, serviceArea: p.serviceArea, phase: p.phase }
}

/**
 * Ranked suggestions from the directory. Choosing one links the mentor as "suggested": the team
 * records a candidate before anyone has asked, and "Mark as requested" is one press away once
 * they have. Mentors already linked in any state are left out (an ended one is restarted from
 * their entry above, which keeps their history and sessions together).
 */
function Suggestions({ links }: { links: readonly MentorLink[] }): ReactNode {
  const { doc, run } = useProjectDoc()
  const ws = useWorkspace()
  const project = useDocValue(doc, matchProjectOf)
  const activeLinks = useDocValue(ws.programme, activeLinkCounts)
  const linkedKey = links.map((l) => l.mentorId).join('\n')
  const exclude = useMemo(() => new Set<string>(linkedKey ? linkedKey.split('\n') : []), [linkedKey])
  const focusLater = useFocusLater()
  if (!project) return null
  return (
    <section aria-labelledby="suggested-mentors-title">
      <h3 className="govuk-heading-s" id="suggested-mentors-title">
        Suggested mentors
      </h3>
      <p className="govuk-body">
        Ranked by how similar their past projects and expertise are to this project’s problem statement, tags, service area and phase. Choosing “Suggest” adds the
        mentor to Current mentors as suggested; mark them as requested once you have asked them.
      </p>
      <MentorSuggestions
        project={project}
        activeLinks={activeLinks}
        exclude={exclude}
        chooseLabel="Suggest"
        onChoose={(mentor) => {
          if (run(() => linkMentor(ws.programme, doc, ws.ctx, mentor.id as MentorId, 'suggested'))) focusLater(linkEntryId(mentor.id))
        }}
      />
    </section>
  )
}
