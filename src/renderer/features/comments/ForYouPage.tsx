import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { Link } from 'wouter'
import { observeComments, projectDocName, readProject, readProjectIndex, type AnyDoc, type CommentMe } from '@shared/doc'
import { formatTimestamp } from '@shared/domain/dates'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useCommentMe, useMentorProjects } from './forYouMe'
import { forYouStoreFor } from './forYouStore'
import { excerpt, forYouRows, type ForYouRow } from './forYouView'

/** Projects opened at once while reading: small batches keep the page responsive. */
const BATCH = 4

interface ProjectRef {
  readonly id: string
  readonly name: string
}

const readIndex = (programme: AnyDoc): readonly ProjectRef[] => readProjectIndex(programme).map((p) => ({ id: p.id, name: p.name }))

interface Reading {
  readonly rows: ReadonlyMap<string, readonly ForYouRow[]>
  readonly done: boolean
  readonly failed: readonly string[]
}

/**
 * Reads every project for comments for you: the programme's projects and the ones this computer
 * joined as a mentor. Each project doc is opened for a read on this computer only (no sync starts
 * for it), kept open while the page is, re-read when its comments change, and let go afterwards.
 */
function useForYouReading(projects: readonly ProjectRef[], me: CommentMe): Reading {
  const ws = useWorkspace()
  const { registry } = ws
  const store = forYouStoreFor(ws.profile.id)
  const [state, setState] = useState<Reading>({ rows: new Map(), done: false, failed: [] })
  useEffect(() => {
    let live = true
    const held: { name: string; off: () => void }[] = []
    const put = (id: string, rows: readonly ForYouRow[]): void => {
      if (!live) return
      setState((s) => {
        const next = new Map(s.rows)
        next.set(id, rows)
        return { ...s, rows: next }
      })
    }
    const readOne = async (p: ProjectRef): Promise<void> => {
      const name = projectDocName(p.id)
      let local
      try {
        local = await registry.acquire(name, { network: false })
      } catch {
        if (live) setState((s) => ({ ...s, failed: [...s.failed, p.name] }))
        return
      }
      if (!live) return registry.release(name)
      const doc = local.doc
      const read = (): void => {
        try {
          const rows = forYouRows(doc, { id: p.id, name: readProject(doc)?.name ?? p.name }, me, ws.ctx.now())
          store.setUnread(p.id, store.unreadOf(p.id, rows.map((r) => r.item)))
          put(p.id, rows)
        } catch (err) {
          console.error('Could not read comments for you', err)
        }
      }
      read()
      held.push({ name, off: observeComments(doc, read) })
    }
    void (async () => {
      for (let i = 0; i < projects.length && live; i += BATCH) {
        await Promise.all(projects.slice(i, i + BATCH).map(readOne))
        await new Promise((r) => setTimeout(r, 0))
      }
      if (live) setState((s) => ({ ...s, done: true }))
    })()
    return () => {
      live = false
      for (const h of held) {
        h.off()
        registry.release(h.name)
      }
    }
    // Mounted afresh (keyed) whenever the projects or "you" change: see ForYouPage.
  }, [registry, store, projects, me, ws.ctx])
  return state
}

/** Comments for you across projects: mentions of you and replies to you, newest first, with what is new. */
export function ForYouPage(): ReactNode {
  useTitle('For you')
  const ws = useWorkspace()
  const me = useCommentMe()
  const programmeProjects = useDocValue(ws.programme, readIndex)
  const mentorProjects = useMentorProjects()
  const projects = useMemo(() => {
    const seen = new Set(programmeProjects.map((p) => p.id))
    return [...programmeProjects, ...mentorProjects.filter((p) => !seen.has(p.id))]
  }, [programmeProjects, mentorProjects])
  // A new list of projects (or a new "you") reads everything afresh.
  const key = `${JSON.stringify(me)}|${projects.map((p) => `${p.id}:${p.name}`).join(',')}`
  return <ForYouList key={key} projects={projects} me={me} />
}

function ForYouList({ projects, me }: { projects: readonly ProjectRef[]; me: CommentMe }): ReactNode {
  const ws = useWorkspace()
  const store = forYouStoreFor(ws.profile.id)
  const reading = useForYouReading(projects, me)
  useSyncExternalStore(store.subscribe, store.revision)
  const heading = useRef<HTMLHeadingElement>(null)
  const [marked, setMarked] = useState(false)

  const rows = [...reading.rows.values()].flat().sort((a, b) => b.item.changedAt - a.item.changedAt || (a.key < b.key ? -1 : 1))
  const isNew = (r: ForYouRow): boolean => !store.isRead(r.projectId, r.item)
  const unread = rows.filter(isNew).length

  return (
    <>
      <h1 className="govuk-heading-l" tabIndex={-1} ref={heading}>
        For you
      </h1>
      <p className="govuk-body">
        Comments that mention you, and replies in threads you started or replied in, from every project on this computer. Newest first. What you have
        read is kept on this computer only.
      </p>
      <p className="govuk-body" role="status">
        {!reading.done
          ? 'Reading your projects…'
          : marked && unread === 0
            ? 'Everything is marked as read.'
            : unread === 1
              ? '1 unread comment.'
              : `${unread} unread comments.`}
      </p>
      {reading.failed.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            These projects could not be opened from this computer’s storage, so they are not included: {reading.failed.join(', ')}.
          </strong>
        </div>
      )}
      {unread > 0 && (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            // The comments listed, each at the version shown: nothing else is marked (forYouStore.ts).
            store.markAllRead(new Map([...reading.rows].map(([projectId, list]) => [projectId, list.map((r) => r.item)])))
            setMarked(true)
            // The button goes once nothing is unread: focus goes back to the top of the page.
            heading.current?.focus()
          }}
        >
          Mark all as read
        </button>
      )}
      {reading.done && rows.length === 0 ? (
        <p className="govuk-body">Nothing for you yet. When someone mentions you with @ or replies to a thread you are in, it appears here.</p>
      ) : (
        <ul className="govuk-list app-for-you" aria-label="Comments for you">
          {rows.map((r) => {
            const c = r.item.comment
            const fresh = isNew(r)
            return (
              <li key={r.key} className={`app-for-you__item${fresh ? ' app-for-you__item--new' : ''}`}>
                <p className="govuk-body govuk-!-margin-bottom-1">
                  {fresh && (
                    <>
                      <strong className="govuk-tag govuk-tag--blue">New</strong>{' '}
                    </>
                  )}
                  <Link className="govuk-link govuk-!-font-weight-bold" href={r.href}>
                    {r.where}
                  </Link>{' '}
                  <span className="app-secondary-text">in {r.projectName}</span>
                </p>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  <strong>{c.byName || 'Someone'}</strong>
                  {c.via === 'mentor-room' && ' (via mentor room)'} {r.item.reason === 'mention' ? 'mentioned you' : 'replied'} ·{' '}
                  <time dateTime={new Date(r.item.changedAt).toISOString()}>{formatTimestamp(r.item.changedAt)}</time>
                  {r.item.threadResolved && ' · thread resolved'}
                </p>
                <p className="govuk-body govuk-!-margin-bottom-0 app-for-you__excerpt">{excerpt(c.text)}</p>
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}
