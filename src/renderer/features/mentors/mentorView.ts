import { mentorSectorLabel, type Mentor, type MentorSector } from '@shared/doc'

/** Who may change the directory, said the same way on every mentor screen. */
export const WHO_MAY_EDIT =
  'Anyone on a project team in this programme can add, edit and retire mentors. Mentors and people with view-only access do not see this directory.'

/** "From our council" or "From another organisation". */
export function originText(m: Pick<Mentor, 'internal'>): string {
  return m.internal ? 'From our council' : 'From another organisation'
}

const teams = (n: number): string => `${n} ${n === 1 ? 'team' : 'teams'}`

/**
 * Capacity as people read it: "2 of 3 teams" when active links are known, otherwise what the
 * entry offers ("Up to 3 teams at once").
 */
export function capacityText(m: Pick<Mentor, 'capacity'>, active?: number): string {
  if (active !== undefined) return `${active} of ${teams(m.capacity)}`
  return m.capacity === 0 ? 'Not taking teams just now' : `Up to ${teams(m.capacity)} at once`
}

/** Room for another team: fewer active links than capacity (no links known means none). */
export function hasCapacity(m: Pick<Mentor, 'id' | 'capacity'>, activeLinks?: ReadonlyMap<string, number>): boolean {
  return (activeLinks?.get(m.id) ?? 0) < m.capacity
}

export interface DirectoryFilters {
  readonly query: string
  readonly sector: MentorSector | ''
  readonly expertise: string
  readonly withCapacity: boolean
  readonly showRetired: boolean
}

/** Lower-cased words, accents folded, so "Adeyemi" finds "adeyemi" and "cafe" finds "café". */
function fold(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')
}

const haystacks = new WeakMap<Mentor, string>()

/** Everything a person might search an entry for, in one folded string (cached per entry). */
function haystackOf(m: Mentor): string {
  let h = haystacks.get(m)
  if (h === undefined) {
    h = fold(
      [
        m.name,
        m.organisation,
        mentorSectorLabel(m),
        m.expertise.join(' '),
        m.expertise.join(' ').replace(/-/g, ' '),
        m.bio,
        m.availability,
        ...m.pastProjects.flatMap((p) => [p.title, p.summary, p.tags.join(' '), p.tags.join(' ').replace(/-/g, ' ')])
      ].join('\n')
    )
    haystacks.set(m, h)
  }
  return h
}

/**
 * The entries to list: every word typed must appear somewhere in the entry (name, organisation,
 * sector, expertise, bio, past projects), and each chosen filter must hold. A simple "all words"
 * match: a directory of a few hundred people needs no index, and it never surprises anyone.
 */
export function filterMentors(mentors: readonly Mentor[], f: DirectoryFilters, activeLinks?: ReadonlyMap<string, number>): readonly Mentor[] {
  const words = fold(f.query).split(/[^\p{L}\p{N}-]+/u).filter(Boolean)
  return mentors.filter(
    (m) =>
      (f.showRetired || !m.retired) &&
      (!f.sector || m.sector === f.sector) &&
      (!f.expertise || m.expertise.includes(f.expertise)) &&
      (!f.withCapacity || (!m.retired && hasCapacity(m, activeLinks))) &&
      words.every((w) => haystackOf(m).includes(w))
  )
}

/** Every expertise tag in the directory (retired entries' too when they are shown), sorted. */
export function expertiseTags(mentors: readonly Mentor[]): readonly string[] {
  return [...new Set(mentors.flatMap((m) => m.expertise))].sort()
}

export function countText(n: number): string {
  return n === 1 ? '1 mentor' : `${n.toLocaleString('en-GB')} mentors`
}
