import { useState, type ReactNode } from 'react'
import { Link } from 'wouter'
import { activeLinkCounts, isHttpUrl, mentorSectorLabel, readMentor, setMentorRetired, type Mentor } from '@shared/doc'
import { errorMessage } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { capacityText, originText, WHO_MAY_EDIT } from './mentorView'

/** One mentor's entry (/mentors/:id): everything the directory holds, Edit, and Retire / Restore. */
export function MentorProfilePage({ mentorId }: { mentorId: string }): ReactNode {
  const ws = useWorkspace()
  const mentor = useDocValue(ws.programme, readMentor, mentorId)
  const counts = useDocValue(ws.programme, activeLinkCounts)
  useTitle(mentor ? mentor.name : 'Mentor not found')
  const [done, setDone] = useState<string | null>(null)

  if (!mentor)
    return (
      <>
        <h1 className="govuk-heading-l">Mentor not found</h1>
        <p className="govuk-body">
          This mentor is not in the directory, or their entry could not be read.{' '}
          <Link href="/mentors" className="govuk-link">
            Back to mentors
          </Link>
        </p>
      </>
    )

  const retire = (retired: boolean): void => {
    try {
      setMentorRetired(ws.programme, ws.ctx, mentor.id, retired)
      ws.clearActionErrors()
      setDone(
        retired
          ? `${mentor.name} is retired. They are no longer suggested for projects; existing links still show their name.`
          : `${mentor.name} is back in the directory and can be suggested for projects again.`
      )
    } catch (err) {
      ws.reportError(errorMessage(err), 'action')
    }
  }

  return (
    <>
      <Link href="/mentors" className="govuk-back-link">
        Back to mentors
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Mentor</span>
          <h1 className="govuk-heading-l">
            {mentor.name} {mentor.retired && <strong className="govuk-tag govuk-tag--grey app-mentor-heading-tag">Retired</strong>}
          </h1>
          <div role="status">{done && <p className="govuk-body govuk-!-font-weight-bold">{done}</p>}</div>
          <Details mentor={mentor} active={counts.get(mentor.id) ?? 0} />
          {mentor.bio && (
            <>
              <h2 className="govuk-heading-m">About</h2>
              {mentor.bio.split(/\n+/).map((para, i) => (
                <p className="govuk-body app-mentor-text" key={i}>
                  {para}
                </p>
              ))}
            </>
          )}
          <PastProjects mentor={mentor} />
          {!ws.readOnly && (
            <>
              <h2 className="govuk-heading-m">Change this entry</h2>
              <p className="govuk-body">{WHO_MAY_EDIT}</p>
              <div className="govuk-button-group">
                <Link href={`/mentors/${mentor.id}/edit`} className="govuk-button govuk-button--secondary" role="button" draggable="false">
                  Edit<span className="govuk-visually-hidden"> {mentor.name}</span>
                </Link>
                {mentor.retired ? (
                  <button type="button" className="govuk-button govuk-button--secondary" onClick={() => retire(false)}>
                    Restore<span className="govuk-visually-hidden"> {mentor.name}</span>
                  </button>
                ) : (
                  <button type="button" className="govuk-button govuk-button--warning" onClick={() => retire(true)}>
                    Retire<span className="govuk-visually-hidden"> {mentor.name}</span>
                  </button>
                )}
              </div>
              <p className="govuk-hint">Retired mentors are kept, not deleted: projects they mentored still link to them. You can restore them at any time.</p>
            </>
          )}
        </div>
      </div>
    </>
  )
}

function Details({ mentor: m, active }: { mentor: Mentor; active: number }): ReactNode {
  const rows: [string, ReactNode][] = [
    ['Organisation', m.organisation || 'Not given'],
    ['From', originText(m)],
    ['Sector', mentorSectorLabel(m)],
    [
      'Expertise',
      m.expertise.length ? (
        <ul className="app-tag-list" aria-label="Expertise">
          {m.expertise.map((t) => (
            <li key={t}>
              <strong className="govuk-tag govuk-tag--blue">{t}</strong>
            </li>
          ))}
        </ul>
      ) : (
        'None listed'
      )
    ],
    ['Capacity', `${capacityText(m, active)}${active >= m.capacity && !m.retired ? ' (at capacity)' : ''}`],
    ['Availability', m.availability || 'Not given'],
    ['Contact', m.contact ? <span className="app-mentor-text">{m.contact}</span> : 'Not given'],
    ['Uses Fortnight', m.personId ? 'Yes: joined with a mentor invite' : 'No']
  ]
  return (
    <dl className="govuk-summary-list">
      {rows.map(([k, v]) => (
        <div className="govuk-summary-list__row" key={k}>
          <dt className="govuk-summary-list__key">{k}</dt>
          <dd className="govuk-summary-list__value">{v}</dd>
        </div>
      ))}
    </dl>
  )
}

function PastProjects({ mentor }: { mentor: Mentor }): ReactNode {
  return (
    <>
      <h2 className="govuk-heading-m">Past projects</h2>
      {mentor.pastProjects.length === 0 ? (
        <p className="govuk-body">None listed yet. Past projects are what suggestions are based on.</p>
      ) : (
        <ul className="app-mentor-past" aria-label="Past projects">
          {mentor.pastProjects.map((p) => (
            <li key={p.id} className="app-mentor-past__item">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{p.title}</h3>
              {p.summary && <p className="govuk-body app-mentor-text govuk-!-margin-bottom-2">{p.summary}</p>}
              {p.tags.length > 0 && (
                <ul className="app-tag-list govuk-!-margin-bottom-2" aria-label={`Tags of ${p.title}`}>
                  {p.tags.map((t) => (
                    <li key={t}>
                      <strong className="govuk-tag govuk-tag--grey">{t}</strong>
                    </li>
                  ))}
                </ul>
              )}
              {p.pipelineUrl && isHttpUrl(p.pipelineUrl) && (
                <p className="govuk-body-s">
                  <a href={p.pipelineUrl} className="govuk-link" rel="noreferrer noopener" target="_blank">
                    {p.title} on Pipeline (opens in a new window)
                  </a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
