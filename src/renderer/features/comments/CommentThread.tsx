import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react'
import {
  addComment,
  editComment,
  readThreads,
  removeComment,
  setThreadResolved,
  shownTime,
  writtenThisSession,
  type AnyDoc,
  type Comment,
  type CommentSubject,
  type CommentSubjectKind,
  type CommentThreadData
} from '@shared/doc'
import { formatTimestamp } from '@shared/domain/dates'
import { mentionParts, parseMentions, type MentionCandidate } from '@shared/domain/mentions'
import { capabilitiesOf } from '@shared/sync/roles'
import { ErrorSummary } from '../../components/ErrorSummary'
import { useFormErrors, type FormErrors } from '../../components/useFormErrors'
import { useDocValue } from '../../hooks/useDocValue'
import { useRole } from '../../sync/SyncContext'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { MentionTextarea } from './MentionTextarea'
import { useMentionCandidates } from './mentionCandidates'

export type { CommentSubjectKind }

/** The end of "Add a comment…" for each subject, so several boxes on one page are told apart. */
const ADD_LABEL_SUFFIX: Record<CommentSubjectKind, string> = {
  card: '',
  project: ' to the discussion',
  cycle: ' on this review',
  feedback: ' on this feedback',
  'mentor-session': ' on this session'
}

const MENTION_HINT = 'Type @ and a name to mention someone.'

// One read of the comments per change of them, shared by every box on the screen (comments.ts).
const readSubjectThreads = (doc: AnyDoc, subject: CommentSubject): readonly CommentThreadData[] => readThreads(doc, subject)

/**
 * Who may do what here: colleagues change their own comments and resolve or reopen any thread; a
 * mentor's app changes only what it wrote this session, and resolves nothing (the team does:
 * resolutions are kept apart from comments, where the mentor room cannot write).
 */
interface Permissions {
  readonly canComment: boolean
  canChange(c: Comment): boolean
  canResolve(t: CommentThreadData): boolean
}

function usePermissions(): Permissions & { readonly mentorApp: boolean } {
  const { doc, projectId } = useProjectDoc()
  const ws = useWorkspace()
  const role = useRole(projectId)
  const canComment = role === null || capabilitiesOf(role).comment
  const team = role === null || role === 'team'
  const me = ws.profile.id
  return useMemo(() => {
    const canChange = (c: Comment): boolean => canComment && c.by === me && (team ? c.via === 'team' : writtenThisSession(doc, c))
    return {
      canComment,
      mentorApp: role === 'mentor',
      canChange,
      canResolve: (t) => canComment && team && t.root !== null
    }
  }, [canComment, team, me, doc, role])
}

/**
 * Threaded comments on one subject of the open project: a card, the project, a cycle's review, a
 * feedback item or a mentor session. Start a thread, reply (replies join the thread: one level),
 * mention people with "@", edit or remove your own, resolve and reopen. Comments from the mentor
 * room always say so. Reads `useProjectDoc()`.
 */
export function CommentThread(props: { subject: { kind: CommentSubjectKind; id: string }; heading: string; headingLevel?: 2 | 3 | 4 }): ReactNode {
  const { doc } = useProjectDoc()
  const ws = useWorkspace()
  const { kind, id } = props.subject
  const subject = useMemo<CommentSubject>(() => ({ kind, id }), [kind, id])
  const threads = useDocValue(doc, readSubjectThreads, subject)
  const candidates = useMentionCandidates()
  const perms = usePermissions()
  const base = useId().replace(/[^A-Za-z0-9_-]/g, '')
  const headingId = `${base}-heading`
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [status, setStatus] = useState('')
  // Every box and button of this section reports here: the summary at the top, and the message at the box.
  const form = useFormErrors()
  const now = ws.ctx.now()
  const level = props.headingLevel ?? 3
  const Heading = `h${level}` as 'h2' | 'h3' | 'h4'
  const open = threads.filter((t) => t.resolved === null).length

  return (
    <section className="app-comments" aria-labelledby={headingId}>
      <Heading className={level === 2 ? 'govuk-heading-m' : 'govuk-heading-s'} id={headingId} tabIndex={-1} ref={headingRef}>
        {props.heading}
      </Heading>
      {perms.mentorApp && (
        <p className="govuk-hint app-comments__mentor-hint">
          You are a mentor on this project. You can reply to anyone. You can edit or remove only what you posted since you opened Fortnight: the
          team’s computers check this. The team resolves threads: say in a reply when yours is answered.
        </p>
      )}
      <ErrorSummary errors={form.summary} />
      {threads.length === 0 ? (
        <p className="govuk-body-s">No comments yet.</p>
      ) : (
        <>
          <p className="govuk-body-s govuk-!-margin-bottom-2">
            {threads.length === 1 ? '1 thread' : `${threads.length} threads`}
            {threads.length > open ? `, ${threads.length - open} resolved` : ''}
          </p>
          <ul className="govuk-list app-comments__threads" data-testid="comments">
            {threads.map((t) => (
              <ThreadView
                key={t.id}
                thread={t}
                base={base}
                candidates={candidates}
                perms={perms}
                form={form}
                now={now}
                onStatus={setStatus}
                onGone={() => headingRef.current?.focus()}
              />
            ))}
          </ul>
        </>
      )}
      <p className="govuk-visually-hidden" role="status">
        {status}
      </p>
      {perms.canComment && (
        <CommentForm
          id={`${base}-new`}
          label={
            <>
              Add a comment{ADD_LABEL_SUFFIX[subject.kind] && <span className="govuk-visually-hidden">{ADD_LABEL_SUFFIX[subject.kind]}</span>}
            </>
          }
          submitLabel="Post comment"
          candidates={candidates}
          form={form}
          onSubmit={(text, mentions) => {
            addComment(doc, ws.ctx, { subject, text, mentions })
            setStatus('Comment posted.')
          }}
        />
      )}
    </section>
  )
}

function ThreadView(props: {
  thread: CommentThreadData
  base: string
  candidates: readonly MentionCandidate[]
  perms: Permissions
  form: FormErrors
  now: number
  onStatus(message: string): void
  onGone(): void
}): ReactNode {
  const { thread, base, candidates, perms, form, now, onStatus, onGone } = props
  const { doc } = useProjectDoc()
  const ws = useWorkspace()
  const [replying, setReplying] = useState(false)
  const replyButton = useRef<HTMLButtonElement>(null)
  const returnToReply = useRef(false)
  useEffect(() => {
    if (!replying && returnToReply.current) {
      returnToReply.current = false
      replyButton.current?.focus()
    }
  }, [replying])
  const tid = `${base}-${thread.id}`
  const root = thread.root
  const firstName = root?.byName || thread.replies[0]?.byName || 'someone'
  const resolved = thread.resolved
  const resolveId = `${tid}-resolve`
  const resolveError = form.errorFor(resolveId)

  return (
    <li className={`app-thread${resolved ? ' app-thread--resolved' : ''}`} data-thread-id={thread.id}>
      {root ? (
        <CommentView comment={root} id={`${tid}-root`} candidates={candidates} perms={perms} form={form} now={now} onStatus={onStatus} onGone={onGone} />
      ) : (
        <p className="govuk-body-s app-secondary-text">The first comment of this thread was removed, or has not arrived yet.</p>
      )}
      {resolved && (
        <p className="govuk-body-s app-thread__resolved">
          <strong className="govuk-tag govuk-tag--green">Resolved</strong> by {resolved.byName || 'someone'}
          {resolved.via === 'mentor-room' && ' (via mentor room)'} on {formatTimestamp(shownTime(resolved.at, now))}
        </p>
      )}
      {thread.replies.length > 0 && (
        <ul className="govuk-list app-thread__replies" aria-label={`Replies to ${firstName}`}>
          {thread.replies.map((r) => (
            <li key={r.id}>
              <CommentView comment={r} id={`${tid}-${r.id}`} candidates={candidates} perms={perms} form={form} now={now} onStatus={onStatus} onGone={onGone} />
            </li>
          ))}
        </ul>
      )}
      {resolveError && (
        <p className="govuk-error-message" id={`${resolveId}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {resolveError}
        </p>
      )}
      {(perms.canComment || perms.canResolve(thread)) && !replying && (
        <div className="app-thread__actions">
          {perms.canComment && (
            <button type="button" ref={replyButton} className="app-link-button" onClick={() => setReplying(true)}>
              Reply<span className="govuk-visually-hidden"> to {firstName}’s thread</span>
            </button>
          )}
          {perms.canResolve(thread) && (
            <button
              type="button"
              key="resolve"
              id={resolveId}
              className="app-link-button"
              aria-describedby={resolveError ? `${resolveId}-error` : undefined}
              onClick={() => {
                if (form.attempt(() => setThreadResolved(doc, ws.ctx, thread.id, resolved === null), resolveId)) {
                  onStatus(resolved === null ? 'Thread resolved.' : 'Thread reopened.')
                }
              }}
            >
              {resolved === null ? 'Resolve' : 'Reopen'}
              <span className="govuk-visually-hidden"> {firstName}’s thread</span>
            </button>
          )}
        </div>
      )}
      {replying && (
        <CommentForm
          id={`${tid}-reply`}
          label={`Reply to ${firstName}`}
          labelClassName="govuk-label--s"
          submitLabel="Post reply"
          candidates={candidates}
          form={form}
          autoFocus
          onCancel={() => {
            form.clear()
            returnToReply.current = true
            setReplying(false)
          }}
          onSubmit={(text, mentions) => {
            addComment(doc, ws.ctx, { parentId: thread.id, text, mentions })
            onStatus('Reply posted.')
            returnToReply.current = true
            setReplying(false)
          }}
        />
      )}
    </li>
  )
}

function CommentView(props: {
  comment: Comment
  id: string
  candidates: readonly MentionCandidate[]
  perms: Permissions
  form: FormErrors
  now: number
  onStatus(message: string): void
  onGone(): void
}): ReactNode {
  const { comment: c, id, candidates, perms, form, now, onStatus, onGone } = props
  const { doc } = useProjectDoc()
  const ws = useWorkspace()
  const [editing, setEditing] = useState(false)
  const removeId = `${id}-remove`
  const removeError = form.errorFor(removeId)
  const editButton = useRef<HTMLButtonElement>(null)
  const returnToEdit = useRef(false)
  useEffect(() => {
    if (!editing && returnToEdit.current) {
      returnToEdit.current = false
      editButton.current?.focus()
    }
  }, [editing])
  const canChange = perms.canChange(c)
  return (
    <article className="app-comment" aria-labelledby={`${id}-meta`}>
      <p className="govuk-body-s govuk-!-margin-bottom-1 app-comment__meta" id={`${id}-meta`}>
        <strong>{c.byName || 'Someone'}</strong>
        {c.via === 'mentor-room' && (
          <span className="app-comment__via" data-testid="via-mentor-room">
            {' '}
            (via mentor room)
          </span>
        )}
        <span className="app-secondary-text">
          {' · '}
          {/* A time later than now (a wrong clock, or a mentor's app saying so) reads as now: shownTime. */}
          <time dateTime={new Date(shownTime(c.at, now)).toISOString()}>{formatTimestamp(shownTime(c.at, now))}</time>
          {c.editedAt !== null && <span title={`Edited ${formatTimestamp(shownTime(c.editedAt, now))}`}> (edited)</span>}
        </span>
      </p>
      {editing ? (
        <CommentForm
          id={`${id}-edit`}
          label="Edit your comment"
          labelClassName="govuk-label--s"
          submitLabel="Save comment"
          initial={c.text}
          initialPicked={c.mentions}
          candidates={candidates}
          form={form}
          autoFocus
          onCancel={() => {
            form.clear()
            returnToEdit.current = true
            setEditing(false)
          }}
          onSubmit={(text, mentions) => {
            editComment(doc, ws.ctx, c.id, { text, mentions })
            onStatus('Comment saved.')
            returnToEdit.current = true
            setEditing(false)
          }}
        />
      ) : (
        <p className="govuk-body govuk-!-margin-bottom-1 app-comment__text">
          <CommentText text={c.text} mentions={c.mentions} candidates={candidates} />
        </p>
      )}
      {removeError && (
        <p className="govuk-error-message" id={`${removeId}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {removeError}
        </p>
      )}
      {canChange && !editing && (
        <div className="app-comment__actions">
          <button type="button" ref={editButton} className="app-link-button" onClick={() => setEditing(true)}>
            Edit<span className="govuk-visually-hidden"> your comment</span>
          </button>
          <button
            type="button"
            id={removeId}
            className="app-link-button"
            aria-describedby={removeError ? `${removeId}-error` : undefined}
            onClick={() => {
              if (form.attempt(() => removeComment(doc, ws.ctx, c.id), removeId)) {
                onStatus('Comment removed.')
                onGone()
              }
            }}
          >
            Remove<span className="govuk-visually-hidden"> your comment</span>
          </button>
        </div>
      )}
    </article>
  )
}

/** A comment's text with the people it mentions in bold. */
export function CommentText(props: { text: string; mentions: readonly string[]; candidates: readonly MentionCandidate[] }): ReactNode {
  const parts = mentionParts(props.text, props.mentions, props.candidates)
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'mention' ? (
          <strong key={i} className="app-mention-name">
            {p.text}
          </strong>
        ) : (
          <span key={i}>{p.text}</span>
        )
      )}
    </>
  )
}

/**
 * A comment box with mentions: new thread, reply or edit. An error shows in the section's error
 * summary (focused, linking to the box) and on the box itself, in the same words.
 */
function CommentForm(props: {
  id: string
  label: ReactNode
  labelClassName?: string
  submitLabel: string
  candidates: readonly MentionCandidate[]
  form: FormErrors
  initial?: string
  initialPicked?: readonly string[]
  autoFocus?: boolean
  onSubmit(text: string, mentions: readonly string[]): void
  onCancel?(): void
}): ReactNode {
  const [text, setText] = useState(props.initial ?? '')
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(props.initialPicked ?? []))
  const box = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    if (!props.autoFocus || !box.current) return
    box.current.focus()
    const end = box.current.value.length
    box.current.setSelectionRange(end, end)
  }, [props.autoFocus])
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (props.form.attempt(() => props.onSubmit(text, parseMentions(text, props.candidates, picked)), props.id)) {
      setText('')
      setPicked(new Set())
    }
  }
  return (
    <form noValidate onSubmit={submit} className="app-comment-form">
      <MentionTextarea
        id={props.id}
        label={props.label}
        labelClassName={props.labelClassName}
        hint={MENTION_HINT}
        value={text}
        onChange={setText}
        candidates={props.candidates}
        onPick={(id) => setPicked((p) => new Set([...p, id]))}
        error={props.form.errorFor(props.id)}
        rows={2}
        textareaRef={box}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}
