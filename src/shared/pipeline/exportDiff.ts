import type { ProjectDetailSummary, ProjectViewModel, StatusUpdate } from './shapes'

/**
 * "What changed since you last reported": the project as it would export now, field by field
 * against the last export the programme recorded (pipelineLedger.ts), plus the status updates
 * that are new or changed since. Audit fields (LastUpdated, ModifiedOn, ModifiedBy…) are left
 * out: they change with every edit and say nothing a reader of the Pipeline would look for.
 */

/** One field as a person reads it, taken from whichever shape carries it. */
interface FieldSpec {
  readonly label: string
  read(s: ProjectDetailSummary, v: ProjectViewModel): string
}

const dateText = (v: string | null): string => (v === null || v.startsWith('0001-01-01') ? '' : v.slice(0, 10))

const FIELDS: readonly FieldSpec[] = [
  { label: 'Title', read: (s) => s.Title },
  { label: 'Pipeline id', read: (s) => (s.Id ? String(s.Id) : '') },
  { label: 'Organisation', read: (s) => s.Organisation },
  { label: 'Organisation id', read: (s) => (s.OrganisationId ? String(s.OrganisationId) : '') },
  { label: 'Department', read: (s) => s.Department },
  { label: 'Owner', read: (s) => s.Owner },
  { label: 'Owner email', read: (s) => s.OwnerEmail },
  { label: 'Phase', read: (s) => s.ProjectStatus },
  { label: 'Agile lifecycle phase', read: (s) => s.AgileLifecycle },
  { label: 'Phase start', read: (s) => dateText(s.ProjectStart) },
  { label: 'Phase end', read: (s) => dateText(s.ProjectEnd) },
  { label: 'Dates are estimates', read: (_s, v) => (v.ProjectEstimatedTime ? 'Yes' : 'No') },
  { label: 'Next service assessment', read: (_s, v) => dateText(v.NextServiceAssessmentDate) },
  { label: 'Funding boundary', read: (_s, v) => v.FundingBoundaryText },
  { label: 'Collaboration level', read: (_s, v) => v.CollaborationLevel },
  { label: 'Tags', read: (s) => s.Tags },
  { label: 'Description', read: (_s, v) => v.Content }
]

export interface FieldChange {
  readonly label: string
  readonly before: string
  readonly after: string
}

export interface ExportSnapshot {
  readonly summary: ProjectDetailSummary
  readonly viewModel: ProjectViewModel
  readonly statusUpdates: readonly { readonly key: string; readonly cycle: number; readonly update: StatusUpdate }[]
}

export interface ExportDiff {
  /** Never exported before: everything is new. */
  readonly first: boolean
  readonly fields: readonly FieldChange[]
  /** Status updates not in the last export (a cycle closed since), oldest first. */
  readonly newUpdates: readonly { readonly key: string; readonly cycle: number; readonly update: StatusUpdate }[]
  /** Status updates whose text, date or author differ from the last export. */
  readonly changedUpdates: readonly { readonly key: string; readonly cycle: number; readonly update: StatusUpdate }[]
  readonly unchanged: boolean
}

export function diffExport(last: ExportSnapshot | null, now: ExportSnapshot): ExportDiff {
  if (!last) return { first: true, fields: [], newUpdates: [...now.statusUpdates], changedUpdates: [], unchanged: false }
  const fields: FieldChange[] = []
  for (const f of FIELDS) {
    const before = f.read(last.summary, last.viewModel)
    const after = f.read(now.summary, now.viewModel)
    if (before !== after) fields.push({ label: f.label, before, after })
  }
  const lastByKey = new Map(last.statusUpdates.map((u) => [u.key, u.update]))
  const newUpdates = now.statusUpdates.filter((u) => !lastByKey.has(u.key))
  const changedUpdates = now.statusUpdates.filter((u) => {
    const before = lastByKey.get(u.key)
    return before !== undefined && (before.Text !== u.update.Text || before.UpdateDate !== u.update.UpdateDate || before.Author !== u.update.Author || before.PageId !== u.update.PageId)
  })
  return { first: false, fields, newUpdates, changedUpdates, unchanged: fields.length === 0 && newUpdates.length === 0 && changedUpdates.length === 0 }
}
