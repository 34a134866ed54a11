import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { ensureCycles, readCycleRules, readCycles, readFirstCycleStart, readProjectCycleStatus, type Cycle } from '@shared/doc'
import type { CycleRules } from '@shared/domain/cycles'
import { todayInLondon, type IsoDate } from '@shared/domain/dates'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'

// A minute's resolution is plenty for a calendar date; the string compares equal all day,
// so screens re-render only when London's date actually changes (at midnight, or BST changes).
const subscribeMinutes = (cb: () => void): (() => void) => {
  const timer = setInterval(cb, 60_000)
  return () => clearInterval(timer)
}
const londonToday = (): IsoDate => todayInLondon(Date.now())

/** Today's date in London, kept current while the app stays open past midnight. */
export function useToday(): IsoDate {
  return useSyncExternalStore(subscribeMinutes, londonToday)
}

export function useCycleRules(): CycleRules {
  const ws = useWorkspace()
  return useDocValue(ws.programme, readCycleRules)
}

/**
 * The project's cycles, with the ones the rules call for created first (the current one and the
 * next two) and the ones not started yet re-planned when the rules, the days off, the chosen
 * first start or the stored cycles change (also when the change came from a colleague through
 * sync). Planning is idempotent and deterministic, so every open copy may do it at once.
 */
export function useCycles(): { cycles: readonly Cycle[]; today: IsoDate; rules: CycleRules } {
  const { doc, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  const rules = useCycleRules()
  const today = useToday()
  const status = useDocValue(doc, readProjectCycleStatus).status
  const cycles = useDocValue(doc, readCycles, today)
  const firstStart = useDocValue(doc, readFirstCycleStart)
  useEffect(() => {
    if (readOnly || status === 'stopped') return
    try {
      ensureCycles(doc, ws.ctx, rules)
    } catch (err) {
      ws.reportError(err instanceof Error ? err.message : String(err))
    }
  }, [doc, ws, rules, today, readOnly, status, cycles, firstStart])
  return useMemo(() => ({ cycles, today, rules }), [cycles, today, rules])
}
