import { useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import { forYou, observeComments, type CommentMe } from '@shared/doc'
import { docIdOf } from '../../sync/SyncContext'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useCommentMe } from './forYouMe'
import { forYouStoreFor, type ForYouStore } from './forYouStore'

/**
 * Keeps the unread counts of open projects current. Comments only arrive in a project while it is
 * open (a project's sync starts when it is opened to work in), so counting each opened project
 * whenever its comments change, and the For you page counting all of them, keeps the header right
 * without opening every project in the background.
 */
function useUnreadTracker(store: ForYouStore, me: CommentMe): void {
  const { registry } = useWorkspace()
  const meRef = useRef(me)
  const recount = useRef<Map<string, () => void>>(new Map())
  useEffect(() => {
    meRef.current = me
    recount.current.forEach((f) => f())
  }, [me])
  useEffect(() => {
    const held = new Map<string, () => void>()
    const counters = recount.current
    const offOpen = registry.onOpen((local) => {
      const parsed = docIdOf(local.name)
      if (!parsed || parsed.kind !== 'project' || held.has(local.name)) return
      const id = parsed.id
      const count = (): void => {
        try {
          store.setUnread(id, store.unreadOf(id, forYou(local.doc, meRef.current)))
        } catch (err) {
          console.error('Could not count comments for you', err)
        }
      }
      count()
      counters.set(local.name, count)
      held.set(local.name, observeComments(local.doc, count))
    })
    const offClose = registry.onClose((local) => {
      held.get(local.name)?.()
      held.delete(local.name)
      counters.delete(local.name)
    })
    return () => {
      offOpen()
      offClose()
      held.forEach((off) => off())
      counters.clear()
    }
  }, [registry, store])
}

/** The header's "For you" link, with how many comments for you are unread. */
export function ForYouHeaderLink(): ReactNode {
  const ws = useWorkspace()
  const [location] = useLocation()
  const store = forYouStoreFor(ws.profile.id)
  const me = useCommentMe()
  useUnreadTracker(store, me)
  const total = useSyncExternalStore(store.subscribe, store.totalUnread)
  return (
    <Link href="/for-you" aria-current={location === '/for-you' ? 'page' : undefined} data-testid="for-you-link">
      For you
      {total > 0 && (
        <>
          {' '}
          <span className="app-for-you-count">({total} unread)</span>
        </>
      )}
    </Link>
  )
}
