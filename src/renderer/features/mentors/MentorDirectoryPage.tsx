import { useMemo, useState, type ReactNode } from 'react'
import { Link } from 'wouter'
import { activeLinkCounts, MENTOR_SECTORS, mentorSectorLabel, readMentors, type Mentor, type MentorSector } from '@shared/doc'
import { TextField } from '../../components/Field'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { capacityText, countText, expertiseTags, filterMentors, hasCapacity, originText, WHO_MAY_EDIT, type DirectoryFilters } from './mentorView'

/**
 * The programme's mentor directory (/mentors): browse, filter by sector, expertise and capacity,
 * search, and add. Retired entries stay (mentor links name them) behind "Show retired mentors".
 * Capacity shows active links when they are known ("2 of 3 teams"): from `activeLinks` when
 * given, else counted from the programme's project summaries.
 */
export function MentorDirectoryPage(props: { activeLinks?: ReadonlyMap<string, number> }): ReactNode {
  const ws = useWorkspace()
  useTitle('Mentors')
  const mentors = useDocValue(ws.programme, readMentors)
  const counted = useDocValue(ws.programme, activeLinkCounts)
  const activeLinks = props.activeLinks ?? counted
  const [filters, setFilters] = useState<DirectoryFilters>({ query: '', sector: '', expertise: '', withCapacity: false, showRetired: false })
  const set = <K extends keyof DirectoryFilters>(k: K, v: DirectoryFilters[K]): void => setFilters((f) => ({ ...f, [k]: v }))
  const visible = useMemo(() => filterMentors(mentors, filters, activeLinks), [mentors, filters, activeLinks])
  const retiredCount = mentors.filter((m) => m.retired).length
  const tags = useMemo(() => expertiseTags(filters.showRetired ? mentors : mentors.filter((m) => !m.retired)), [mentors, filters.showRetired])
  const listed = filters.showRetired ? mentors.length : mentors.length - retiredCount
  const filtering = filters.query.trim() !== '' || filters.sector !== '' || filters.expertise !== '' || filters.withCapacity

  return (
    <>
      <h1 className="govuk-heading-xl">Mentors</h1>
      <p className="govuk-body-l">People who can help teams in this programme because they have worked on something similar, at this council or elsewhere.</p>
      <p className="govuk-body">{WHO_MAY_EDIT}</p>
      {!ws.readOnly && (
        <Link href="/mentors/new" className="govuk-button" role="button" draggable="false">
          Add a mentor
        </Link>
      )}

      <form role="search" aria-label="Mentors" className="app-mentor-filters" noValidate onSubmit={(e) => e.preventDefault()}>
        <TextField
          id="mentor-search"
          type="search"
          label="Search mentors"
          hint="Name, organisation, expertise, bio or past projects"
          value={filters.query}
          onChange={(e) => set('query', e.target.value)}
          width="20"
        />
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="mentor-filter-sector">
            Sector
          </label>
          <select id="mentor-filter-sector" className="govuk-select" value={filters.sector} onChange={(e) => set('sector', e.target.value as MentorSector | '')}>
            <option value="">All sectors</option>
            {MENTOR_SECTORS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="mentor-filter-expertise">
            Expertise
          </label>
          <select id="mentor-filter-expertise" className="govuk-select" value={filters.expertise} onChange={(e) => set('expertise', e.target.value)}>
            <option value="">All expertise</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="mentor-filter-capacity"
                type="checkbox"
                checked={filters.withCapacity}
                onChange={(e) => set('withCapacity', e.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="mentor-filter-capacity">
                Only mentors with capacity
              </label>
            </div>
            {retiredCount > 0 && (
              <div className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id="mentor-show-retired"
                  type="checkbox"
                  checked={filters.showRetired}
                  onChange={(e) => set('showRetired', e.target.checked)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="mentor-show-retired">
                  Show retired mentors ({retiredCount})
                </label>
              </div>
            )}
          </div>
        </div>
      </form>

      <h2 className="govuk-heading-m" id="mentor-count">
        {filtering ? `${countText(visible.length)} of ${listed}` : countText(visible.length)}
      </h2>
      {/* Heard as the list narrows: the heading above is not a live region. */}
      <p className="govuk-visually-hidden" role="status">
        {filtering ? `${countText(visible.length)} of ${listed} shown` : ''}
      </p>
      {mentors.length === 0 ? (
        <p className="govuk-body">
          No mentors yet.{' '}
          <Link href="/mentors/new" className="govuk-link">
            Add the first mentor
          </Link>
          : they do not need to use Fortnight.
        </p>
      ) : visible.length === 0 ? (
        <p className="govuk-body">No mentors match. Try fewer words or clear a filter.</p>
      ) : (
        <ul className="app-mentor-list" aria-labelledby="mentor-count">
          {visible.map((m) => (
            <MentorRow key={m.id} mentor={m} activeLinks={activeLinks} />
          ))}
        </ul>
      )}
    </>
  )
}

function MentorRow({ mentor: m, activeLinks }: { mentor: Mentor; activeLinks: ReadonlyMap<string, number> }): ReactNode {
  const full = !m.retired && !hasCapacity(m, activeLinks)
  return (
    <li className="app-mentor-list__item">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        <Link href={`/mentors/${m.id}`} className="govuk-link">
          {m.name}
        </Link>{' '}
        {m.retired && <strong className="govuk-tag govuk-tag--grey">Retired</strong>}
      </h3>
      <p className="govuk-body-s app-mentor-meta">{[m.organisation, mentorSectorLabel(m), originText(m)].filter(Boolean).join(' · ')}</p>
      {m.expertise.length > 0 && (
        <ul className="app-tag-list govuk-!-margin-bottom-2" aria-label={`Expertise of ${m.name}`}>
          {m.expertise.map((t) => (
            <li key={t}>
              <strong className="govuk-tag govuk-tag--blue">{t}</strong>
            </li>
          ))}
        </ul>
      )}
      <p className="govuk-body-s govuk-!-margin-bottom-0">
        Capacity: {capacityText(m, activeLinks.get(m.id) ?? 0)}
        {full && (
          <>
            {' '}
            <strong className="govuk-tag govuk-tag--orange">At capacity</strong>
          </>
        )}
      </p>
    </li>
  )
}
