import { useMemo, useState, type ReactNode } from 'react'
import { Link } from 'wouter'
import { mentoredProjectSummary, projectDocName, type CommentMe, type LocalDoc } from '@shared/doc'
import { formatLongDate } from '@shared/domain/dates'
import { useDocValue } from '../../hooks/useDocValue'
import { useLocalDoc } from '../../hooks/useLocalDoc'
import { useTitle } from '../../hooks/useTitle'
import type { KeyEntry } from '@shared/sync/keyring'
import { useSyncValue } from '../../sync/SyncContext'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { excerpt, placeOf } from '../comments/forYouView'
import { LINK_STATE_TAG, dayOf, linkStateLabel } from '../mentoring/format'

const NO_ENTRIES: readonly KeyEntry[] = []

/**
 * /mentoring: every project this computer joined with a mentor invite, whichever council's
 * programme it belongs to (the keyring holds one key per project, so joining a second council's
 * project never replaces the first). For each: the mentor's link, their last session, what the
 * team changed since it, and the open questions addressed to them.
 */
export function MentorHomePage(): ReactNode {
  useTitle('Projects you mentor')
  const ws = useWorkspace()
  const entries = useSyncValue((m) => m.keyring.list(), NO_ENTRIES)
  // Each project with who "you" are in it: the directory entry that project's invite named (if any).
  const projects = useMemo(
    () =>
      entries
        .filter((e) => e.kind === 'project' && e.role === 'mentor')
        .map((e) => ({ id: e.docId, name: e.docName ?? 'A project you mentor', me: { personIds: [ws.profile.id], mentorIds: e.mentor ? [e.mentor.id] : [] } })),
    [entries, ws.profile.id]
  )
  // Fixed for the visit, so "the last two weeks" does not move while the page is open.
  const [now] = useState(() => Date.now())
  return (
    <>
      <h1 className="govuk-heading-xl">Projects you mentor</h1>
      {projects.length === 0 ? (
        <>
          <p className="govuk-body">You do not mentor any projects on this computer yet.</p>
          <p className="govuk-body">
            When a team sends you a mentor invite,{' '}
            <Link className="govuk-link" href="/join">
              join with the invite
            </Link>
            . Each project you join appears here, from any council, without replacing the others.
          </p>
        </>
      ) : (
        <>
          <p className="govuk-body">
            {projects.length === 1 ? 'You mentor 1 project' : `You mentor ${projects.length} projects`} on this computer. You can read their boards and comment; only
            their teams can change them.
          </p>
          <ul className="govuk-list app-mentor-home" aria-label="Projects you mentor">
            {projects.map((p) => (
              <li key={p.id}>
                <MentoredProjectCard projectId={p.id} fallbackName={p.name} me={p.me} now={now} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}

function MentoredProjectCard(props: { projectId: string; fallbackName: string; me: CommentMe; now: number }): ReactNode {
  const state = useLocalDoc(projectDocName(props.projectId))
  return (
    <section className="govuk-summary-card" aria-labelledby={`mentored-${props.projectId}`}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={`mentored-${props.projectId}`}>
          <Link className="govuk-link" href={`/projects/${props.projectId}`}>
            {state.status === 'ready' ? <ProjectName local={state.local} fallback={props.fallbackName} /> : props.fallbackName}
          </Link>
        </h2>
      </div>
      <div className="govuk-summary-card__content">
        {state.status === 'loading' && (
          <p className="govuk-body" role="status">
            Opening…
          </p>
        )}
        {state.status === 'error' && <p className="govuk-body">This project could not be opened from this computer: {state.message}.</p>}
        {state.status === 'ready' && <MentoredProjectBody local={state.local} {...props} />}
      </div>
    </section>
  )
}

function ProjectName({ local, fallback }: { local: LocalDoc; fallback: string }): ReactNode {
  return useDocValue(local.doc, (d) => mentoredProjectSummary(d, { personIds: [], mentorIds: [] }, 0)?.name ?? fallback)
}

function MentoredProjectBody(props: { local: LocalDoc; projectId: string; me: CommentMe; now: number }): ReactNode {
  const { local, projectId, me, now } = props
  const summary = useDocValue(local.doc, (d) => mentoredProjectSummary(d, me, now))
  const questions = useDocValue(local.doc, (d) =>
    (summary?.openQuestions ?? []).map((q) => ({ id: q.thread.id, ...placeOf(d, projectId, q.thread.subject), latest: q.latest }))
  )
  if (!summary)
    return (
      <p className="govuk-body" role="status">
        Waiting for this project to arrive from the team. It arrives when you and a team member are both online.
      </p>
    )
  const link = summary.links[0]
  return (
    <dl className="govuk-summary-list">
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Your link</dt>
        <dd className="govuk-summary-list__value">
          {link ? (
            <>
              <strong className={`govuk-tag ${LINK_STATE_TAG[link.state]}`}>{linkStateLabel(link.state)}</strong>
              {link.since ? ` since ${dayOf(link.since.at)}` : ''}
            </>
          ) : (
            'The team has not recorded a mentor link for you yet'
          )}
        </dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Last session</dt>
        <dd className="govuk-summary-list__value">
          {summary.lastSession ? (
            <Link className="govuk-link" href={`/projects/${projectId}/mentors`}>
              {formatLongDate(summary.lastSession.date)}
            </Link>
          ) : (
            'No session logged yet'
          )}
        </dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">{summary.sinceLastSession ? 'Changed since your last session' : 'Changed in the last two weeks'}</dt>
        <dd className="govuk-summary-list__value" data-testid="mentor-home-changes">
          {summary.changes.total === 0 ? (
            'Nothing'
          ) : (
            <ul className="govuk-list">
              {summary.changes.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Open questions for you</dt>
        <dd className="govuk-summary-list__value" data-testid="mentor-home-questions">
          {questions.length === 0 ? (
            'None'
          ) : (
            <ul className="govuk-list">
              {questions.map((q) => (
                <li key={q.id}>
                  <Link className="govuk-link" href={q.href}>
                    {q.where}
                  </Link>
                  : {q.latest.comment.byName} asked “{excerpt(q.latest.comment.text)}”
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  )
}
