import type { IsoDate } from '../domain/dates'
import { isEmailAddress, type Project } from '../doc/project'
import { isPublishableAddress, type PipelineSettings } from './pipelineSettings'

/**
 * The checks before a project goes to the Pipeline: each missing or doubtful field, how much it
 * matters, and where to fix it.
 *
 * - `error`: the Pipeline would get a wrong or empty value it needs (no department, an owner
 *   e-mail that is not one, no organisation id, dates the wrong way round). The files still
 *   export (a manager may need them today), but the preview says they are not ready.
 * - `warning`: allowed, but the entry is poorer for it (no lifecycle phase, fewer than 3 tags).
 * - `publish`: publishing status updates cannot happen until it is fixed (no Pipeline id for
 *   the project: the JSON exports with Id 0, but updates need a page to go to).
 *
 * Links are app paths: `/projects/:id/details#<field id>` or `/settings#<field id>`; the screens
 * focus that field when opened from the link.
 */
export type LintSeverity = 'error' | 'warning'

export interface LintIssue {
  readonly severity: LintSeverity
  /** A stable name for tests and for grouping ("ownerEmail", "organisationId"…). */
  readonly code: string
  readonly message: string
  /** Where to fix it: an app path with the field's id after `#`. */
  readonly href: string
  /** Publishing status updates needs this fixed first. */
  readonly blocksPublishing: boolean
}

export interface LintInput {
  readonly project: Project
  /** The problem statement as plain text. */
  readonly content: string
  readonly settings: PipelineSettings
  /** The programme's council: the organisation name when the settings give none. */
  readonly council: string
  readonly today: IsoDate
}

/** Field ids on the Project details form and the Programme settings form, the targets of the links. */
export const PROJECT_FIELD_IDS = {
  name: 'project-name',
  department: 'project-department',
  serviceArea: 'project-serviceArea',
  owner: 'project-owner',
  ownerEmail: 'project-ownerEmail',
  phase: 'project-phase',
  agilePhase: 'project-agilePhase',
  startDate: 'project-startDate',
  endDate: 'project-endDate',
  datesAreEstimates: 'project-datesAreEstimates',
  nextAssessmentDate: 'project-nextAssessmentDate',
  fundingBoundary: 'project-fundingBoundary',
  collaborationLevel: 'project-collaborationLevel',
  allowExternalCollaboration: 'project-allowExternalCollaboration',
  projectLanguage: 'project-projectLanguage',
  pipelineId: 'project-pipelineId',
  tags: 'project-new-tag',
  problem: 'project-problem'
} as const

export const SETTINGS_FIELD_IDS = {
  organisationId: 'pipeline-organisationId',
  organisationName: 'pipeline-organisationName',
  address: 'pipeline-address'
} as const

export function projectFieldHref(projectId: string, field: keyof typeof PROJECT_FIELD_IDS): string {
  return `/projects/${projectId}/details#${PROJECT_FIELD_IDS[field]}`
}
export function settingsFieldHref(field: keyof typeof SETTINGS_FIELD_IDS): string {
  return `/settings#${SETTINGS_FIELD_IDS[field]}`
}

/** Every issue for one project, errors first, in the order of the form. */
export function lintProject(input: LintInput): readonly LintIssue[] {
  const { project: p, settings } = input
  const out: LintIssue[] = []
  const at = (field: keyof typeof PROJECT_FIELD_IDS): string => projectFieldHref(p.id, field)
  const add = (severity: LintSeverity, code: string, message: string, href: string, blocksPublishing = false): void => {
    out.push({ severity, code, message, href, blocksPublishing })
  }

  // Programme settings.
  if (settings.organisationId === null) add('error', 'organisationId', 'Enter your organisation’s Pipeline id in Programme settings', settingsFieldHref('organisationId'))
  if (!settings.organisationName.trim() && !input.council.trim()) add('error', 'organisationName', 'Enter your organisation’s name in Programme settings', settingsFieldHref('organisationName'))

  // The project.
  if (p.pipelineId === null)
    add('warning', 'pipelineId', 'Add the project’s Pipeline id once it is on the Pipeline: the files export with Id 0 until then, and status updates cannot be published', at('pipelineId'), true)
  if (!p.department.trim() && !p.serviceArea.trim()) add('error', 'department', 'Enter the department the project sits in', at('department'))
  else if (!p.department.trim()) add('warning', 'department', `No department given: the service area “${p.serviceArea.trim()}” will be sent as the department`, at('department'))
  if (!p.owner.trim()) add('error', 'owner', 'Enter the key contact (the project’s owner on the Pipeline)', at('owner'))
  if (!p.ownerEmail.trim()) add('error', 'ownerEmail', 'Enter the key contact’s email address', at('ownerEmail'))
  else if (!isEmailAddress(p.ownerEmail.trim())) add('error', 'ownerEmail', 'Enter the key contact’s email address in the correct format, like name@example.com', at('ownerEmail'))
  if (p.startDate && p.endDate && p.endDate < p.startDate) add('error', 'endDate', 'The phase end date must be the same as or after the phase start date', at('endDate'))
  if (!p.startDate) add('warning', 'startDate', 'Add the phase start date (the Pipeline shows an empty date as 1 January 0001)', at('startDate'))
  if (!p.endDate) add('warning', 'endDate', 'Add the phase end date (an estimate is fine: say so with “These dates are estimates”)', at('endDate'))
  if (!p.agilePhase) add('warning', 'agilePhase', 'Choose the agile lifecycle phase', at('agilePhase'))
  if (!p.collaborationLevel) add('warning', 'collaborationLevel', 'Choose how open the project is to collaboration', at('collaborationLevel'))
  if (!p.projectLanguage) add('warning', 'projectLanguage', 'Choose the project language (“Non-dependant” if it has none)', at('projectLanguage'))
  if (p.nextAssessmentDate && p.nextAssessmentDate < input.today) add('warning', 'nextAssessmentDate', 'The next service assessment date is in the past: update it or clear it', at('nextAssessmentDate'))
  if (!input.content.trim()) add('warning', 'problem', 'Write the problem statement: it is the project’s description on the Pipeline', at('problem'))
  if (p.tags.length < 3)
    add('warning', 'tags', p.tags.length === 0 ? 'Add tags: the Pipeline tells councils whose projects share 3 or more tags' : `Add ${3 - p.tags.length} more tag${p.tags.length === 2 ? '' : 's'}: the Pipeline tells councils whose projects share 3 or more tags`, at('tags'))
  if (p.archived) add('warning', 'archived', 'This project is archived: check it should still be reported', at('name'))

  return [...out.filter((i) => i.severity === 'error'), ...out.filter((i) => i.severity === 'warning')]
}

/** Whether status updates may be published (separately from the project's own issues). */
export function publishingProblems(settings: PipelineSettings, project: Pick<Project, 'id' | 'pipelineId'>): readonly LintIssue[] {
  const out: LintIssue[] = []
  if (!isPublishableAddress(settings.address))
    out.push({ severity: 'error', code: 'address', message: 'Enter the Pipeline’s address in Programme settings', href: settingsFieldHref('address'), blocksPublishing: true })
  if (project.pipelineId === null)
    out.push({ severity: 'error', code: 'pipelineId', message: 'Add the project’s Pipeline id', href: projectFieldHref(project.id, 'pipelineId'), blocksPublishing: true })
  return out
}
