import { useState, type FormEvent, type ReactNode } from 'react'
import { Link } from 'wouter'
import {
  actionToCard,
  addSessionAction,
  logMentorSession,
  newNotesDraft,
  readBoard,
  readMentorSession,
  readMentorSessions,
  sessionNotesOf,
  SESSION_ACTION_MAX_LENGTH,
  type MentorLink,
  type MentorSession,
  type SessionAction
} from '@shared/doc'
import { todayInLondon } from '@shared/domain/dates'
import { AddItemForm } from '../../components/AddItemForm'
import { ErrorSummary } from '../../components/ErrorSummary'
import { useFormErrors } from '../../components/useFormErrors'
import { RichTextEditor } from '../../editor/RichTextEditor'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { CommentThread } from '../comments/CommentThread'
import { formatLongDate, formatTimestamp } from './format'
import { useFocusLater } from './useFocusLater'

export function sessionEntryId(id: string): string {
  return `mentor-session-${id}`
}

/** The "Log a session" form (team, with an active mentor) and every session, newest first. */
export function MentorSessions({ links }: { links: readonly MentorLink[] }): ReactNode {
  const { doc, readOnly } = useProjectDoc()
  const sessions = useDocValue(doc, readMentorSessions)
  const titles = useDocValue(doc, cardTitles)
  const active = links.filter((l) => l.state === 'active')
  const focusLater = useFocusLater()
  return (
    <>
      <section aria-labelledby="log-session-title">
        <h3 className="govuk-heading-s" id="log-session-title">
          {readOnly ? 'Sessions' : 'Log a session'}
        </h3>
        {!readOnly &&
          (active.length > 0 ? (
            <LogSessionForm active={active} onLogged={(id) => focusLater(sessionEntryId(id))} />
          ) : (
            <p className="govuk-body">Sessions are logged with an active mentor. Mark a mentor as active to log a session.</p>
          ))}
        {sessions.length === 0 && <p className="govuk-body">No sessions logged yet.</p>}
      </section>
      {sessions.map((s) => (
        <SessionEntry key={s.id} session={s} link={links.find((l) => l.id === s.linkId) ?? null} titles={titles} />
      ))}
    </>
  )
}

const FIELDS = { _: 'session-date', date: 'session-date', link: 'session-link', actions: 'session-actions' } as const

function LogSessionForm({ active, onLogged }: { active: readonly MentorLink[]; onLogged(id: string): void }): ReactNode {
  const { doc, write } = useProjectDoc()
  const ws = useWorkspace()
  const form = useFormErrors()
  const [linkId, setLinkId] = useState<string>(active[0]?.id ?? '')
  const [date, setDate] = useState(() => todayInLondon(ws.ctx.now()))
  const [actions, setActions] = useState('')
  // What is typed in the notes stays outside the project until the session is saved.
  const [notes, setNotes] = useState(() => ({ draft: newNotesDraft(), n: 0 }))
  const [logged, setLogged] = useState<string | null>(null)
  const chosen = active.find((l) => l.id === linkId) ?? active[0]

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    if (!chosen) return
    let id = ''
    const ok = form.attempt(
      () =>
        write(() => {
          id = logMentorSession(ws.programme, doc, ws.ctx, { linkId: chosen.id, date, actions: actions.split('\n'), notes: notes.draft })
        }),
      FIELDS
    )
    if (!ok) return
    const saved = readMentorSession(doc, id)
    setActions('')
    setDate(todayInLondon(ws.ctx.now()))
    setNotes((n) => ({ draft: newNotesDraft(), n: n.n + 1 }))
    setLogged(saved ? `Session with ${chosen.mentorName} on ${formatLongDate(saved.date)} logged.` : null)
    onLogged(id)
  }

  return (
    <form noValidate onSubmit={submit} className="app-mentor-session-form">
      <ErrorSummary errors={form.summary} />
      <div role="status">{logged && <p className="govuk-body govuk-!-font-weight-bold">{logged}</p>}</div>
      {active.length > 1 ? (
        <div className={`govuk-form-group${form.errorFor('session-link') ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="session-link">
            Mentor
          </label>
          <FieldError id="session-link" message={form.errorFor('session-link')} />
          <select id="session-link" className="govuk-select" value={chosen?.id ?? ''} onChange={(e) => setLinkId(e.target.value)}>
            {active.map((l) => (
              <option key={l.id} value={l.id}>
                {l.mentorName}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="govuk-body" id="session-link" tabIndex={-1}>
          With {chosen?.mentorName}
          {form.errorFor('session-link') && <FieldError id="session-link" message={form.errorFor('session-link')} />}
        </p>
      )}
      <div className={`govuk-form-group${form.errorFor('session-date') ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor="session-date">
          Date of the session
        </label>
        <FieldError id="session-date" message={form.errorFor('session-date')} />
        <input
          id="session-date"
          type="date"
          className={`govuk-input govuk-input--width-10${form.errorFor('session-date') ? ' govuk-input--error' : ''}`}
          value={date}
          max={todayInLondon(ws.ctx.now())}
          onChange={(e) => setDate(e.target.value)}
          aria-describedby={form.errorFor('session-date') ? 'session-date-error' : undefined}
        />
      </div>
      <div className="govuk-form-group">
        <p className="govuk-label" id="session-notes-label">
          Notes (optional)
        </p>
        <p className="govuk-hint" id="session-notes-hint">
          What you talked about. You can change the notes after saving.
        </p>
        <RichTextEditor key={notes.n} fragment={notes.draft} labelId="session-notes-label" hintId="session-notes-hint" awareness={null} />
      </div>
      <div className={`govuk-form-group${form.errorFor('session-actions') ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor="session-actions">
          Agreed actions (optional)
        </label>
        <div className="govuk-hint" id="session-actions-hint">
          One action per line, up to {SESSION_ACTION_MAX_LENGTH} characters each. Each action can become a card on the board.
        </div>
        <FieldError id="session-actions" message={form.errorFor('session-actions')} />
        <textarea
          id="session-actions"
          className={`govuk-textarea${form.errorFor('session-actions') ? ' govuk-textarea--error' : ''}`}
          rows={4}
          value={actions}
          onChange={(e) => setActions(e.target.value)}
          aria-describedby={`session-actions-hint${form.errorFor('session-actions') ? ' session-actions-error' : ''}`}
        />
      </div>
      <button type="submit" className="govuk-button">
        Log session
      </button>
    </form>
  )
}

function FieldError({ id, message }: { id: string; message: string | undefined }): ReactNode {
  if (!message) return null
  return (
    <span id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </span>
  )
}

/**
 * One session: its notes (editable while the mentoring is active), the agreed actions with their
 * cards, and the mentor's own notes and comments (the comment channel, which mentors can write).
 */
function SessionEntry({ session, link, titles }: { session: MentorSession; link: MentorLink | null; titles: ReadonlyMap<string, string> }): ReactNode {
  const { doc, readOnly } = useProjectDoc()
  const editable = !readOnly && link?.state === 'active'
  const titleId = sessionEntryId(session.id)
  const notesLabel = `${titleId}-notes`
  const mentorName = link?.mentorName ?? 'a mentor who is no longer linked'
  return (
    <section className="app-mentor-session" aria-labelledby={titleId}>
      <h3 className="govuk-heading-s" id={titleId} tabIndex={-1}>
        Session with {mentorName} on {formatLongDate(session.date)}
      </h3>
      <p className="govuk-body-s">
        Logged by {session.byName || 'a colleague'} on {formatTimestamp(session.createdAt)}
        {link?.state === 'ended' ? '. This mentoring has ended, so the session can only be read.' : '.'}
      </p>
      <h4 className="govuk-heading-s" id={notesLabel}>
        Notes
      </h4>
      <RichTextEditor fragment={sessionNotesOf(doc, session.id)} labelId={notesLabel} readOnly={!editable} />
      <SessionActions session={session} editable={editable} titles={titles} />
      <CommentThread subject={{ kind: 'mentor-session', id: session.id }} heading="Notes and comments from the mentor" headingLevel={4} />
    </section>
  )
}

function SessionActions({ session, editable, titles }: { session: MentorSession; editable: boolean; titles: ReadonlyMap<string, string> }): ReactNode {
  const { doc, run, write } = useProjectDoc()
  const ws = useWorkspace()
  const form = useFormErrors()
  const focusLater = useFocusLater()
  const addId = `session-${session.id}-new-action`
  return (
    <>
      <h4 className="govuk-heading-s">Agreed actions</h4>
      <ErrorSummary errors={form.summary} />
      {session.actions.length === 0 ? (
        <p className="govuk-body">No actions agreed.</p>
      ) : (
        <ul className="govuk-list app-mentor-actions">
          {session.actions.map((a) => (
            <li key={a.id} className="app-mentor-actions__item">
              <span>{a.text}</span>
              <ActionCard
                action={a}
                title={a.cardId ? titles.get(a.cardId) : undefined}
                editable={editable}
                onMake={() => {
                  if (run(() => actionToCard(doc, ws.ctx, session.id, a.id))) focusLater(actionCardId(a.id))
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <AddItemForm
          id={addId}
          label="Add an action"
          button="Add action"
          width="20"
          error={form.errorFor(addId)}
          onAdd={(text) => form.attempt(() => write(() => void addSessionAction(doc, ws.ctx, session.id, text)), addId)}
        />
      )}
    </>
  )
}

function actionCardId(actionId: string): string {
  return `action-card-${actionId}`
}

function cardTitles(doc: Parameters<typeof readBoard>[0]): ReadonlyMap<string, string> {
  const board = readBoard(doc)
  const out = new Map<string, string>()
  for (const c of board.columns) for (const card of c.cards) out.set(card.id, card.title)
  for (const card of board.archived) out.set(card.id, card.title)
  return out
}

function ActionCard({ action, title, editable, onMake }: { action: SessionAction; title: string | undefined; editable: boolean; onMake(): void }): ReactNode {
  const { projectId } = useProjectDoc()
  if (action.cardId) {
    return (
      <span className="app-mentor-actions__card">
        Card:{' '}
        {title !== undefined ? (
          <Link className="govuk-link" href={`/projects/${projectId}/cards/${action.cardId}`} id={actionCardId(action.id)}>
            {title}
          </Link>
        ) : (
          <span id={actionCardId(action.id)}>not on this computer yet</span>
        )}
      </span>
    )
  }
  if (!editable) return null
  return (
    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onMake}>
      Make a card<span className="govuk-visually-hidden"> from “{action.text}”</span>
    </button>
  )
}
