import type { PairingKind, PairingMember, PairingOptIn, PairingRound, ProjectSummary } from '@shared/doc'
import { plural } from '../cycles/format'

/** Someone who could opt in: one of the programme's people, or a mentor from the directory. */
export interface Candidate {
  readonly id: string
  readonly name: string
  readonly kind: PairingKind
  /** How they are in the programme: "You", "Team member", "Mentor, Anytown Council"… */
  readonly role: string
}

/** "Pair 1", "Pair 2"… and "Trio" (numbered only if a round ever held two). */
export function groupLabels(groups: readonly (readonly unknown[])[]): string[] {
  const trios = groups.filter((g) => g.length === 3).length
  let pair = 0
  let trio = 0
  return groups.map((g) => (g.length === 3 ? (trios > 1 ? `Trio ${++trio}` : 'Trio') : `Pair ${++pair}`))
}

/** "Asha and Ben", "Asha, Ben and Chloe". */
export function namesOf(group: readonly PairingMember[]): string {
  const names = group.map((m) => m.name || 'Someone')
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** What could not be avoided in a round, in words; nothing when the round is as it should be. */
export function pairingNotices(round: Pick<PairingRound, 'repeats' | 'sameTeam'>): string[] {
  const out: string[] = []
  if (round.repeats > 0)
    out.push(
      `${plural(round.repeats, 'pair')} in this round ${round.repeats === 1 ? 'has' : 'have'} met in an earlier round: there were not enough new pairs for everyone.`
    )
  if (round.sameTeam > 0)
    out.push(`${plural(round.sameTeam, 'pair')} in this round ${round.sameTeam === 1 ? 'is' : 'are'} from the same team: it could not be avoided.`)
  return out
}

/** Said under a draft when who is taking part changed after it was drawn; null when nothing did. */
export function staleDraftNotice(draft: PairingRound, optIns: readonly PairingOptIn[]): string | null {
  const inDraft = new Set(draft.groups.flat().map((m) => m.id))
  const now = new Set(optIns.map((o) => o.id))
  const joined = [...now].filter((id) => !inDraft.has(id)).length
  const left = [...inDraft].filter((id) => !now.has(id)).length
  if (joined === 0 && left === 0) return null
  const parts = [joined ? `${plural(joined, 'person', 'people')} opted in` : null, left ? `${plural(left, 'person', 'people')} opted out` : null]
  return `Since this draft was drawn, ${parts.filter(Boolean).join(' and ')}. Draw again to pair everyone taking part now.`
}

/**
 * The choices of team: "No team", then the programme's projects by name. A team that is no longer
 * a live project (archived, or gone) stays choosable while someone has it, named as such.
 */
export function teamOptions(projects: readonly ProjectSummary[], current: string | null): { value: string; label: string }[] {
  const live = projects.filter((p) => !p.archived).map((p) => ({ value: p.id as string, label: p.name }))
  const options = [{ value: '', label: 'No team' }, ...live]
  if (current !== null && !live.some((o) => o.value === current)) {
    const archived = projects.find((p) => p.id === current)
    options.push({ value: current, label: archived ? `${archived.name} (archived)` : 'A project no longer in this programme' })
  }
  return options
}
