import { useEffect, type ReactNode } from 'react'
import { watchProjectProgress, watchProjectSummary } from '@shared/doc'
import { docIdOf } from '../../sync/SyncContext'
import { useWorkspace } from '../../workspace/WorkspaceContext'

/**
 * Keeps the programme's summary of every project this app has open to work in (its active mentors
 * and last session, which capacity and the programme home's coverage read, and its progress for the
 * portfolio) true to the project,
 * whoever changed it: a colleague's change arriving over sync is summarised here too, so two people
 * making different mentors active at once both end up in the summary (see `watchProjectSummary`).
 * Renders nothing; mount it once inside the workspace. A programme this computer may only read
 * (a newer version's, or joined as a viewer) is never written.
 */
export function ProjectSummaryWatcher(): ReactNode {
  const ws = useWorkspace()
  const { registry, programme, ctx } = ws
  const readOnly = ws.readOnly
  useEffect(() => {
    if (readOnly) return
    const held = new Map<string, () => void>()
    const offOpen = registry.onOpen((local) => {
      const parsed = docIdOf(local.name)
      if (!parsed || parsed.kind !== 'project' || local.readOnly || held.has(local.name)) return
      // Mentor coverage (issue 9) and the portfolio's progress (issue 10, projectProgress.ts).
      const offSummary = watchProjectSummary(programme, local.doc, ctx)
      const offProgress = watchProjectProgress(programme, local.doc, ctx)
      held.set(local.name, () => {
        offSummary()
        offProgress()
      })
    })
    const offClose = registry.onClose((local) => {
      held.get(local.name)?.()
      held.delete(local.name)
    })
    return () => {
      offOpen()
      offClose()
      held.forEach((stop) => stop())
      held.clear()
    }
  }, [registry, programme, ctx, readOnly])
  return null
}
