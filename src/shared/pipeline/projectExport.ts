import type { ProjectId } from '../domain/ids'
import type { ActivityEntry } from '../doc/activity'
import { activityEntryOf, activityOf, archivedChunks, compareActivity, readActivity, readArchivedChunks, readPipelineOrganisation, readPipelineSettings, readProblemText, readProject, readPublished, recordPublished, type OpContext, type ProgrammeDoc, type ProjectDoc } from '../doc'
import { isPublishableAddress } from './pipelineSettings'
import { planPublish, publishProject, type PipelineTransport, type PlannedUpdate, type PublishRun, type PublishTarget } from './publish'
import { toPipelineReportCsv } from './csv'
import { toProjectDetailSummary, toProjectViewModel, type PipelineOrganisation, type PipelineProjectData, type ProjectDetailSummary, type ProjectExportFile, type ProjectViewModel } from './shapes'
import { readStatusUpdates, type KeyedStatusUpdate } from './statusUpdates'

/**
 * One project doc read into the Pipeline's shapes, and a selection of projects into files.
 *
 * Files (decided for issue 10): whatever is selected, three files —
 *  - `pipeline-projects.json`: ProjectDetailSummary[] (what `GET /api/project` returns);
 *  - `pipeline-project-<slug>.json` for one project, or `pipeline-project-details.json` for
 *    several: `{ Project: ProjectViewModel, StatusUpdates: StatusUpdate[] }` (one object, or an
 *    array of them, in the summaries' order). Each half is exactly what its route returns
 *    (`GET /api/project/{id}`, `GET /api/project-status/list/{id}`), side by side rather than
 *    merged, so neither shape gains a field. One file for a selection rather than one per project:
 *    the desktop app asks where to save each file, and browsers hold back a page that starts many
 *    downloads at once; 100 dialogs would make the programme's export unusable;
 *  - `PipelineReports.csv`: the admin report (csv.ts).
 * JSON is indented by two spaces and ends with a newline: the same data as Json.NET's compact
 * output, readable in a text editor and stable under diff.
 */

/** The project's fields, problem statement and audit trail, as plain data. Null for a doc that is not a project yet. */
export function readPipelineProjectData(doc: ProjectDoc): PipelineProjectData | null {
  const project = readProject(doc)
  if (!project) return null
  const { created, last } = auditEntries(doc)
  return {
    project,
    content: readProblemText(doc),
    createdBy: created?.byName ?? '',
    createdOn: project.createdAt || created?.at || 0,
    modifiedBy: last?.byName ?? created?.byName ?? '',
    // The page's last change: the latest entry of the project's history (any kind of work).
    modifiedOn: Math.max(last?.at ?? 0, project.createdAt)
  }
}

/**
 * The entries the audit fields need (who created the project; the latest change), without
 * validating and sorting the whole history: scan the raw live log for the candidates, then
 * validate only those (a malformed entry is passed over, as readActivity would skip it). Ties by
 * id, as readActivity orders them. The archive (older entries, activity.ts) is decoded only as far
 * as needed: the creation is usually in its oldest chunk, and a chunk is read for the latest
 * change only if it reaches past the live log's latest entry.
 */
function auditEntries(doc: ProjectDoc): { created: ActivityEntry | undefined; last: ActivityEntry | undefined } {
  const log = activityOf(doc).toArray() as unknown[]
  const valid = (v: unknown): ActivityEntry | undefined => {
    const r = activityEntryOf(v)
    return 'entry' in r ? r.entry : undefined
  }
  let created: ActivityEntry | undefined
  for (const v of log) {
    if ((v as { type?: unknown } | null)?.type === 'project.created' && (created = valid(v))) break
  }
  const byTime = log
    .map((v, i) => ({ v, i, at: (v as { at?: unknown } | null)?.at, id: (v as { id?: unknown } | null)?.id }))
    .filter((x): x is { v: unknown; i: number; at: number; id: unknown } => typeof x.at === 'number')
  byTime.sort((a, b) => b.at - a.at || (String(a.id) < String(b.id) ? 1 : String(a.id) > String(b.id) ? -1 : 0))
  let last: ActivityEntry | undefined
  for (const x of byTime) if ((last = valid(x.v))) break
  if (!created) created = archivedCreation(doc)
  if (!last) return { created, last: readActivity(doc).at(-1) }
  const recent = readActivity(doc, { since: last.at }).at(-1)
  return { created, last: recent && compareActivity(recent, last) > 0 ? recent : last }
}

/** The earliest `project.created` in the archive, decoding chunks from the oldest until none can be earlier. */
function archivedCreation(doc: ProjectDoc): ActivityEntry | undefined {
  let best: ActivityEntry | undefined
  const chunks = [...archivedChunks(doc)].sort((a, b) => a.chunk.firstAt - b.chunk.firstAt || (a.key < b.key ? -1 : 1))
  for (const { key, chunk } of chunks) {
    if (best !== undefined && chunk.firstAt > best.at) break
    for (const c of readArchivedChunks(doc, (_chunk, k) => k === key)) {
      for (const e of c.entries) if (e.type === 'project.created' && (best === undefined || compareActivity(e, best) < 0)) best = e
    }
  }
  return best
}

export interface ProjectExport {
  readonly projectId: ProjectId
  readonly name: string
  readonly data: PipelineProjectData
  readonly summary: ProjectDetailSummary
  readonly viewModel: ProjectViewModel
  readonly statusUpdates: readonly KeyedStatusUpdate[]
}

/** Everything exported for one project. Null for a doc that is not a project yet. */
export function readProjectExport(doc: ProjectDoc, org: PipelineOrganisation): ProjectExport | null {
  const data = readPipelineProjectData(doc)
  if (!data) return null
  const p = data.project
  return {
    projectId: p.id,
    name: p.name,
    data,
    summary: toProjectDetailSummary(data, org),
    viewModel: toProjectViewModel(data, org),
    statusUpdates: readStatusUpdates(doc, p.id, p.pipelineId ?? 0)
  }
}

export function projectExportFile(e: Pick<ProjectExport, 'viewModel' | 'statusUpdates'>): ProjectExportFile {
  return { Project: e.viewModel, StatusUpdates: e.statusUpdates.map((u) => u.update) }
}

/** A file name part from a project name: lower-case letters, digits and hyphens, at most 60 characters. */
export function slugOf(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return s || 'project'
}

export interface ExportFile {
  readonly name: string
  readonly content: string
  readonly mime: string
}

export const SUMMARY_FILE = 'pipeline-projects.json'
export const DETAILS_FILE = 'pipeline-project-details.json'
export const REPORT_FILE = 'PipelineReports.csv'

export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/** The three files for a selection (see the note at the top), in the order they are offered. */
export function exportFiles(exports: readonly ProjectExport[]): readonly ExportFile[] {
  const summaries = exports.map((e) => e.summary)
  const single = exports.length === 1 ? exports[0] : undefined
  return [
    { name: SUMMARY_FILE, content: jsonText(summaries), mime: 'application/json' },
    single
      ? { name: `pipeline-project-${slugOf(single.name)}.json`, content: jsonText(projectExportFile(single)), mime: 'application/json' }
      : { name: DETAILS_FILE, content: jsonText(exports.map(projectExportFile)), mime: 'application/json' },
    { name: REPORT_FILE, content: toPipelineReportCsv(summaries), mime: 'text/csv' }
  ]
}

// ---- publishing, from the docs ------------------------------------------------------------------------

export interface ProjectPublishPlan {
  readonly projectId: ProjectId
  readonly name: string
  /** Null when the programme has no usable address or the project no Pipeline id. */
  readonly target: PublishTarget | null
  readonly planned: readonly PlannedUpdate[]
}

/** A project's status updates against the programme's ledger and its Pipeline settings. */
export function planProjectPublish(programme: ProgrammeDoc, e: Pick<ProjectExport, 'projectId' | 'name' | 'data' | 'statusUpdates'>): ProjectPublishPlan {
  const { address } = readPipelineSettings(programme)
  const pageId = e.data.project.pipelineId
  const target = isPublishableAddress(address) && pageId !== null ? { address, pageId } : null
  const planned = planPublish(e.statusUpdates, readPublished(programme), target ?? { address, pageId: pageId ?? 0 })
  return { projectId: e.projectId, name: e.name, target, planned }
}

/**
 * Publish one project's new and changed status updates (publish.ts), recording each in the
 * programme's ledger as soon as the Pipeline has it.
 */
export async function publishProjectUpdates(programme: ProgrammeDoc, project: ProjectDoc, ctx: OpContext, transport: PipelineTransport): Promise<PublishRun & { readonly plan: ProjectPublishPlan }> {
  const e = readProjectExport(project, readPipelineOrganisation(programme))
  if (!e) throw new Error('This project could not be read')
  const plan = planProjectPublish(programme, e)
  if (!plan.target) throw new Error('Set the Pipeline’s address and the project’s Pipeline id first')
  const run = await publishProject({ planned: plan.planned, target: plan.target, transport, record: (rec) => recordPublished(programme, ctx, rec) })
  return { ...run, plan }
}
