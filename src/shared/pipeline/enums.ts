import { PHASES, type Phase } from '../domain/phases'

/**
 * The Pipeline's enumerations, spelled exactly as LocalGov Digital's Pipeline stores and shows
 * them (shared/PIPELINE.md). Fortnight stores the same spellings, so export needs no mapping, an
 * import loses nothing, and a value a person chose in Fortnight reads the same on the Pipeline.
 * No Yjs, no DOM: the importer, the exporter, forms and tests all use these lists.
 */

/** `projectstatus`: the GDS-style phase. The project's phase already uses these (domain/phases.ts). */
export const PROJECT_STATUSES: readonly Phase[] = PHASES

/** `projectAgileLifeCyclePhase`. */
export const AGILE_LIFECYCLE_PHASES = ['Discover', 'Prototype', 'Build', 'Improve'] as const
export type AgileLifecyclePhase = (typeof AGILE_LIFECYCLE_PHASES)[number]

/** `collaborationLevel`. */
export const COLLABORATION_LEVELS = ['Share Ideas', 'Open To Conversation', 'Share Funding'] as const
export type CollaborationLevel = (typeof COLLABORATION_LEVELS)[number]

/** `projectlanguage` ("Non-dependant" is the Pipeline's own spelling). */
export const PROJECT_LANGUAGES = ['Non-dependant', 'C#', 'Java', 'JavaScript', 'PHP', 'Ruby', 'Other'] as const
export type ProjectLanguage = (typeof PROJECT_LANGUAGES)[number]

/**
 * `fundingboundary`: the Pipeline stores the id and shows the text. Ids are the lower bound in
 * thousands of pounds; -1 means the budget is not known. The text uses an en dash, as the Pipeline does.
 */
export const FUNDING_BOUNDARIES = [
  { id: -1, text: 'Unknown' },
  { id: 0, text: '£0K–£50K' },
  { id: 50, text: '£50K–£100K' },
  { id: 100, text: '£100K–£250K' },
  { id: 250, text: '£250K–£500K' },
  { id: 500, text: '£500K–£1000K' }
] as const
export type FundingBoundaryId = (typeof FUNDING_BOUNDARIES)[number]['id']
export const FUNDING_BOUNDARY_IDS: readonly FundingBoundaryId[] = FUNDING_BOUNDARIES.map((b) => b.id)
export const UNKNOWN_FUNDING: FundingBoundaryId = -1

/** Relationship types (`pipeline_relationship_types`), "Contributer" spelled as the Pipeline spells it. */
export const RELATIONSHIP_TYPES = ['Watcher', 'Contributer'] as const
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number]

function member<T extends string>(list: readonly T[]): (v: unknown) => v is T {
  return (v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v)
}

export const isAgileLifecyclePhase = member(AGILE_LIFECYCLE_PHASES)
export const isCollaborationLevel = member(COLLABORATION_LEVELS)
export const isProjectLanguage = member(PROJECT_LANGUAGES)

export function isFundingBoundaryId(v: unknown): v is FundingBoundaryId {
  return typeof v === 'number' && (FUNDING_BOUNDARY_IDS as readonly number[]).includes(v)
}

/** The text the Pipeline shows for a boundary id (`FundingBoundaryText`). */
export function fundingBoundaryText(id: FundingBoundaryId): string {
  return FUNDING_BOUNDARIES.find((b) => b.id === id)?.text ?? 'Unknown'
}

/**
 * A boundary from what the Pipeline's JSON carries (`"50"`, a string) or its shown text
 * (`£50K–£100K`); null when it is neither. For importers and round-trip tests.
 */
export function parseFundingBoundary(value: string): FundingBoundaryId | null {
  const t = value.trim()
  const byText = FUNDING_BOUNDARIES.find((b) => b.text === t)
  if (byText) return byText.id
  if (!/^-?\d+$/.test(t)) return null
  const n = Number(t)
  return isFundingBoundaryId(n) ? n : null
}
