import { ensureCycles, projectDocName, readCycleRules, readProjectIndex, type Replanned } from '@shared/doc'
import { formatLongDate } from '@shared/domain/dates'
import type { Workspace } from '../../workspace/WorkspaceContext'

export interface ProjectReplan {
  readonly project: string
  readonly replanned: readonly Replanned[]
}

/**
 * After the programme's cycle rules or days off change: re-plan every project's cycles that have
 * not started (and extend running ones around a new day off), so the settings page can say what
 * changed. Each project would re-plan itself the next time it is opened anyway (see
 * `ensureCycles`); doing it now lets the person see the effect of what they saved. Archived
 * projects and copies this computer may not write are left to re-plan when opened.
 */
export async function replanProjects(ws: Workspace): Promise<ProjectReplan[]> {
  const rules = readCycleRules(ws.programme)
  const out: ProjectReplan[] = []
  for (const p of readProjectIndex(ws.programme)) {
    if (p.archived) continue
    const name = projectDocName(p.id)
    const local = await ws.registry.acquire(name, { network: false })
    try {
      if (local.readOnly) continue
      const { replanned } = ensureCycles(local.doc, ws.ctx, rules)
      if (replanned.length > 0) out.push({ project: p.name, replanned })
    } finally {
      ws.registry.release(name)
    }
  }
  return out
}

/** "Cycle 2 now 21 December 2026 to 8 January 2027 (was 21 December 2026 to 4 January 2027)" */
export function replannedText(r: Replanned): string {
  return `Cycle ${r.number} now ${formatLongDate(r.after.start)} to ${formatLongDate(r.after.end)} (was ${formatLongDate(r.before.start)} to ${formatLongDate(r.before.end)})`
}
