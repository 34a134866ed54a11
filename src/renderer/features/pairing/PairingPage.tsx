import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import {
  drawPairingRound,
  optInToPairing,
  optOutOfPairing,
  PERSON_ROLE_LABELS,
  publishPairingRound,
  readMentors,
  readPairingOptIns,
  readPairingRounds,
  readPeople,
  readProjectIndex,
  setPairingTeam,
  type PairingKind,
  type PairingRound,
  type ProjectSummary
} from '@shared/doc'
import { formatLongDate, todayInLondon } from '@shared/domain/dates'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { plural } from '../cycles/format'
import { groupLabels, namesOf, pairingNotices, staleDraftNotice, teamOptions, type Candidate } from './pairingView'

/**
 * /pairing: random pairing rounds, as LocalGov Digital's UnMentoring ran them. People opt in (or
 * the organiser opts them in, including people who do not use Fortnight), each with a team; a
 * round pairs them at random, never with someone they met in an earlier round or from their own
 * team when that can be avoided. A draft can be drawn again until it is published; published
 * rounds are kept.
 */
export function PairingPage(): ReactNode {
  const ws = useWorkspace()
  const optIns = useDocValue(ws.programme, readPairingOptIns)
  const rounds = useDocValue(ws.programme, readPairingRounds)
  const people = useDocValue(ws.programme, readPeople)
  const mentors = useDocValue(ws.programme, readMentors)
  const projects = useDocValue(ws.programme, readProjectIndex)
  const errors = useFormErrors()
  const [notice, setNotice] = useState<string | null>(null)
  const noticeRef = useRef<HTMLDivElement>(null)
  const readOnly = ws.readOnly
  const next = rounds.draft?.number ?? rounds.published.length + 1
  useTitle('Pairing rounds')

  useEffect(() => {
    if (notice) noticeRef.current?.focus()
  }, [notice])

  const act = (fn: () => void, field: string, done: string | null = null): void => {
    if (errors.attempt(fn, field)) setNotice(done)
    else setNotice(null)
  }

  const optedIn = new Set(optIns.map((o) => o.id))
  // A mentor who joined Fortnight is also one of the programme's people: list them once, as a mentor.
  const mentorPeople = new Set(mentors.filter((m) => !m.retired && m.personId).map((m) => m.personId as string))
  const candidates: Candidate[] = [
    ...people
      .filter((p) => !optedIn.has(p.id) && !mentorPeople.has(p.id))
      .map((p) => ({ id: p.id as string, name: p.name, kind: 'person' as PairingKind, role: p.id === ws.profile.id ? 'You' : PERSON_ROLE_LABELS[p.role] }))
      .sort((a, b) => (a.role === 'You' ? -1 : b.role === 'You' ? 1 : 0)),
    ...mentors
      .filter((m) => !m.retired && !optedIn.has(m.id))
      .map((m) => ({ id: m.id as string, name: m.name, kind: 'mentor' as PairingKind, role: m.organisation ? `Mentor, ${m.organisation}` : 'Mentor' }))
  ]

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {notice && (
        <div
          className="govuk-notification-banner govuk-notification-banner--success"
          role="status"
          aria-labelledby="pairing-notice-title"
          tabIndex={-1}
          ref={noticeRef}
        >
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="pairing-notice-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{notice}</p>
          </div>
        </div>
      )}
      <h1 className="govuk-heading-xl">Pairing rounds</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Each round pairs everyone taking part at random, for a conversation about their work, as LocalGov Digital’s UnMentoring did. Nobody is
            paired with someone they met in an earlier round, or with someone from their own team, unless there is no other way. With an odd
            number of people, one group is a trio.
          </p>
          {readOnly && <div className="govuk-inset-text">This programme was saved by a newer version of Fortnight, so rounds can be seen here but not changed.</div>}
        </div>
      </div>

      <RoundSection
        key={rounds.draft ? `draft-${rounds.draft.number}` : 'none'}
        draft={rounds.draft}
        next={next}
        count={optIns.length}
        stale={rounds.draft ? staleDraftNotice(rounds.draft, optIns) : null}
        readOnly={readOnly}
        onDraw={() =>
          act(() => drawPairingRound(ws.programme, ws.ctx), 'pairing-draw', rounds.draft ? `Round ${next} has been drawn again` : `Round ${next} has been drawn`)
        }
        onPublish={(id) => act(() => publishPairingRound(ws.programme, ws.ctx, id), 'pairing-publish', `Round ${next} has been published`)}
      />

      <h2 className="govuk-heading-l" id="pairing-participants-heading">
        Taking part ({optIns.length})
      </h2>
      <p className="govuk-body">
        A team is the project someone works on. Fortnight does not record who works on which project, so choose it here: people on the same
        project are not paired together when it can be avoided. Choose “No team” for mentors and for people from outside the programme.
      </p>
      {optIns.length === 0 ? (
        <p className="govuk-body" id="pairing-participants" tabIndex={-1}>
          Nobody is taking part yet. Opt people in below.
        </p>
      ) : (
        <table className="govuk-table" id="pairing-participants" tabIndex={-1} aria-labelledby="pairing-participants-heading">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Team
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {optIns.map((o) => {
              const fieldId = `pairing-team-${o.id}`
              const error = errors.errorFor(fieldId)
              return (
                <tr className="govuk-table__row" key={o.id}>
                  <th scope="row" className="govuk-table__header">
                    {o.name}
                    {o.id === ws.profile.id && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">You</strong>}
                    {o.kind === 'mentor' && <strong className="govuk-tag govuk-tag--purple govuk-!-margin-left-2">Mentor</strong>}
                  </th>
                  <td className="govuk-table__cell">
                    <div className={`govuk-form-group govuk-!-margin-bottom-0${error ? ' govuk-form-group--error' : ''}`}>
                      <label className="govuk-label govuk-visually-hidden" htmlFor={fieldId}>
                        Team for {o.name}
                      </label>
                      {error && (
                        <p id={`${fieldId}-error`} className="govuk-error-message">
                          <span className="govuk-visually-hidden">Error:</span> {error}
                        </p>
                      )}
                      <TeamSelect
                        id={fieldId}
                        value={o.team}
                        projects={projects}
                        disabled={readOnly}
                        describedBy={error ? `${fieldId}-error` : undefined}
                        onChange={(team) => act(() => setPairingTeam(ws.programme, ws.ctx, o.id, team), fieldId)}
                      />
                    </div>
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {!readOnly && (
                      <button
                        type="button"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        onClick={() => act(() => optOutOfPairing(ws.programme, ws.ctx, o.id), 'pairing-participants', `${o.name} is no longer taking part`)}
                      >
                        Opt out<span className="govuk-visually-hidden"> {o.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}

      {!readOnly && (
        <>
          <h2 className="govuk-heading-m" id="pairing-candidates-heading">
            Not taking part yet
          </h2>
          {candidates.length === 0 ? (
            <p className="govuk-body">Everyone in the programme and the mentor directory is taking part.</p>
          ) : (
            <table className="govuk-table" aria-labelledby="pairing-candidates-heading">
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" className="govuk-table__header">
                    In the programme as
                  </th>
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {candidates.map((c) => (
                  <tr className="govuk-table__row" key={`${c.kind}:${c.id}`}>
                    <th scope="row" className="govuk-table__header">
                      {c.name}
                    </th>
                    <td className="govuk-table__cell">{c.role}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      <button
                        type="button"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        onClick={() =>
                          act(
                            () => optInToPairing(ws.programme, ws.ctx, { id: c.id, name: c.name, kind: c.kind }),
                            'pairing-participants',
                            `${c.name} is taking part`
                          )
                        }
                      >
                        Opt in<span className="govuk-visually-hidden"> {c.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <AddSomeoneForm projects={projects} onAdded={(name) => setNotice(`${name} is taking part`)} />
        </>
      )}

      <h2 className="govuk-heading-l govuk-!-margin-top-8">Published rounds</h2>
      {rounds.published.length === 0 ? (
        <p className="govuk-body">No rounds have been published yet.</p>
      ) : (
        [...rounds.published].reverse().map((r) => (
          <details className="govuk-details" key={r.id}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">
                Round {r.number}, published {r.publishedAt === null ? '' : formatLongDate(todayInLondon(r.publishedAt))}
              </span>
            </summary>
            <div className="govuk-details__text">
              <RoundTable round={r} caption={`Round ${r.number}`} />
              {pairingNotices(r).map((text) => (
                <p className="govuk-body" key={text}>
                  {text}
                </p>
              ))}
              <p className="govuk-body-s">
                Drawn by {r.drawnByName || 'someone'}
                {r.publishedByName ? `, published by ${r.publishedByName}` : ''}.
              </p>
            </div>
          </details>
        ))
      )}
    </>
  )
}

function RoundSection(props: {
  draft: PairingRound | null
  next: number
  count: number
  stale: string | null
  readOnly: boolean
  onDraw(): void
  onPublish(id: PairingRound['id']): void
}): ReactNode {
  const { draft, next, count, stale, readOnly } = props
  return (
    <section aria-labelledby="pairing-round-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="pairing-round-heading">
        Round {next}
      </h2>
      {draft ? (
        <>
          <p className="govuk-body">
            This round is a draft: draw it again as often as you like. Publishing keeps it for good, and every later round avoids its pairs.
          </p>
          <RoundTable round={draft} caption={`Round ${next} draft`} />
          {pairingNotices(draft).map((text) => (
            <div className="govuk-warning-text" key={text}>
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                {text}
              </strong>
            </div>
          ))}
          {stale && <div className="govuk-inset-text">{stale}</div>}
          {!readOnly && (
            <div className="govuk-button-group">
              <button type="button" id="pairing-publish" className="govuk-button" onClick={() => props.onPublish(draft.id)}>
                Publish round {next}
              </button>
              <button type="button" id="pairing-draw" className="govuk-button govuk-button--secondary" onClick={props.onDraw}>
                Draw again
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p className="govuk-body">
            {count < 2 ? 'At least 2 people need to take part before a round can be drawn.' : `${plural(count, 'person', 'people')} taking part.`}
          </p>
          {!readOnly && (
            <button type="button" id="pairing-draw" className="govuk-button" onClick={props.onDraw}>
              Draw round {next}
            </button>
          )}
        </>
      )}
    </section>
  )
}

function RoundTable({ round, caption }: { round: PairingRound; caption: string }): ReactNode {
  const labels = groupLabels(round.groups)
  return (
    <table className="govuk-table app-pairing-round">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Group
          </th>
          <th scope="col" className="govuk-table__header">
            People
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {round.groups.map((g, i) => (
          <tr className="govuk-table__row" key={g.map((m) => m.id).join('|')}>
            <th scope="row" className="govuk-table__header">
              {labels[i]}
            </th>
            <td className="govuk-table__cell">{namesOf(g)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function TeamSelect(props: {
  id: string
  value: string | null
  projects: readonly ProjectSummary[]
  disabled?: boolean
  describedBy?: string | undefined
  onChange(team: string | null): void
}): ReactNode {
  return (
    <select
      id={props.id}
      className="govuk-select"
      value={props.value ?? ''}
      disabled={props.disabled}
      aria-describedby={props.describedBy}
      onChange={(e) => props.onChange(e.target.value === '' ? null : e.target.value)}
    >
      {teamOptions(props.projects, props.value).map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}

/**
 * Someone who does not use Fortnight (UnMentoring's participants came from many councils): the
 * organiser names them, and they are paired like anyone else.
 */
function AddSomeoneForm({ projects, onAdded }: { projects: readonly ProjectSummary[]; onAdded(name: string): void }): ReactNode {
  const ws = useWorkspace()
  const [name, setName] = useState('')
  const [team, setTeam] = useState<string | null>(null)
  const errors = useFormErrors()

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    const ok = errors.attempt(() => void optInToPairing(ws.programme, ws.ctx, { name, team }), {
      name: 'pairing-new-name',
      team: 'pairing-new-team',
      _: 'pairing-new-name'
    })
    if (!ok) return
    onAdded(name.trim())
    setName('')
    setTeam(null)
  }

  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-top-6">
      <ErrorSummary errors={errors.summary} />
      <h3 className="govuk-heading-m">Add someone who does not use Fortnight</h3>
      <p className="govuk-body">They need not have Fortnight: tell them who they are paired with when you publish the round.</p>
      <TextField
        id="pairing-new-name"
        label="Name"
        value={name}
        autoComplete="off"
        error={errors.errorFor('pairing-new-name')}
        onChange={(e) => setName(e.target.value)}
        width="20"
      />
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="pairing-new-team">
          Team
        </label>
        <TeamSelect id="pairing-new-team" value={team} projects={projects} onChange={setTeam} />
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Add to pairing
      </button>
    </form>
  )
}
