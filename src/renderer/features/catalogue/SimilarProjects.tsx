import { useDeferredValue, useId, useMemo, type ReactNode } from 'react'
import { Link } from 'wouter'
import { looksLikeEmail } from '@shared/pipeline/importSchema'
import { DEFAULT_SIMILAR_LIMIT, similarProjects, type SimilarProject } from '@shared/pipeline/similar'
import { readPipelineOrganisation } from '@shared/doc'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useCatalogue } from './catalogueSource'
import { phaseText } from './catalogueView'

export interface SimilarProjectsProps {
  /** The project as typed so far: any field may be empty. */
  readonly name: string
  /** The problem statement as plain text. */
  readonly problem: string
  readonly tags: readonly string[]
  readonly serviceArea: string
  /** Level of the section's heading; each project's is one below. Default 2. */
  readonly headingLevel?: 2 | 3 | 4
  /** How many to show; default 5. */
  readonly limit?: number
  /** When the catalogue is empty: a hint with a link to import one (default), or nothing at all. */
  readonly whenEmpty?: 'hint' | 'nothing'
  /** This project's own Pipeline id, if it is on the Pipeline: never "similar" to itself. */
  readonly ownPipelineId?: number | null
}

const headings = { 2: 'h2', 3: 'h3', 4: 'h4', 5: 'h5' } as const

/**
 * "Look sideways": projects at other councils like this one, from the sector catalogue on this
 * computer (never from the network), best first, each with organisation, phase, key contact and
 * why it matches. Mount it anywhere inside the workspace; it follows the fields as they are typed
 * (deferred, so typing never waits for the ranking) and tells screen-reader users how many it found.
 */
export function SimilarProjects(props: SimilarProjectsProps): ReactNode {
  const { state } = useCatalogue()
  const id = useId().replace(/:/g, '')
  // Keyed by the tags' text, so a caller passing a new array each render (`tags={[]}`) costs nothing.
  const tagsKey = props.tags.join('\u0000')
  const query = useDeferredValue(
    // eslint-disable-next-line react-hooks/exhaustive-deps -- tagsKey stands for props.tags
    useMemo(() => ({ name: props.name, problem: props.problem, tags: props.tags, serviceArea: props.serviceArea }), [props.name, props.problem, tagsKey, props.serviceArea])
  )
  // "At other councils": leave out this council's own projects (its Pipeline organisation) and this one.
  const ws = useWorkspace()
  const org = useDocValue(ws.programme, readPipelineOrganisation)
  const all = state.snapshot.projects
  const own = props.ownPipelineId ?? null
  const projects = useMemo(() => {
    const orgName = org.name.trim().toLowerCase()
    return all.filter(
      (p) =>
        !(own !== null && p.pipelineId === own) &&
        !(org.id !== null && p.organisationId === org.id) &&
        !(orgName !== '' && p.organisation.trim().toLowerCase() === orgName)
    )
  }, [all, own, org.id, org.name])
  const limit = props.limit ?? DEFAULT_SIMILAR_LIMIT
  const found = useMemo(() => similarProjects(query, projects, { limit }), [query, projects, limit])
  const level = props.headingLevel ?? 2
  const Heading = headings[level]
  const Item = headings[(level + 1) as 3 | 4 | 5]
  const typed = [query.name, query.problem, query.serviceArea].some((s) => s.trim() !== '') || query.tags.length > 0

  if (state.status === 'loading') return null
  if (all.length === 0) {
    if (props.whenEmpty === 'nothing') return null
    return (
      <section className="govuk-!-margin-bottom-6" aria-labelledby={`${id}-heading`}>
        <Heading className="govuk-heading-s" id={`${id}-heading`}>
          Similar projects at other councils
        </Heading>
        <p className="govuk-body">
          Import the sector catalogue from the Pipeline to see what other councils have done.{' '}
          <Link href="/catalogue" className="govuk-link">
            Go to the sector catalogue
          </Link>
        </p>
      </section>
    )
  }
  const countText = !typed ? '' : found.length === 0 ? 'No similar projects found' : `${found.length} similar project${found.length === 1 ? '' : 's'} found`
  return (
    <section className="govuk-!-margin-bottom-6" aria-labelledby={`${id}-heading`}>
      <Heading className="govuk-heading-s" id={`${id}-heading`}>
        Similar projects at other councils
      </Heading>
      <p className="govuk-visually-hidden" role="status">
        {countText}
      </p>
      {!typed ? (
        <p className="govuk-hint">Type the project’s name, problem or tags to see similar projects from the sector catalogue.</p>
      ) : found.length === 0 ? (
        <p className="govuk-body">No project in the sector catalogue looks like this one yet.</p>
      ) : (
        <>
          <p className="govuk-body">Talk to them before you start: they may have found out what you need to know.</p>
          <ol className="govuk-list" aria-label="Similar projects at other councils">
            {found.map((s) => (
              <SimilarItem key={s.project.key} s={s} Item={Item} />
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

function SimilarItem({ s, Item }: { s: SimilarProject; Item: 'h3' | 'h4' | 'h5' }): ReactNode {
  const p = s.project
  return (
    <li className="govuk-!-margin-bottom-4">
      <Item className="govuk-heading-s govuk-!-margin-bottom-1">{p.title}</Item>
      <p className="govuk-body-s govuk-!-margin-bottom-1">{[p.organisation, p.department].filter(Boolean).join(' · ') || 'Organisation not given'}</p>
      <dl className="govuk-body-s govuk-!-margin-bottom-1">
        <div>
          <dt className="govuk-!-display-inline govuk-!-font-weight-bold">Phase: </dt>
          <dd className="govuk-!-display-inline govuk-!-margin-left-0">{phaseText(p)}</dd>
        </div>
        <div>
          <dt className="govuk-!-display-inline govuk-!-font-weight-bold">Key contact: </dt>
          <dd className="govuk-!-display-inline govuk-!-margin-left-0">
            <KeyContact owner={p.owner} email={p.ownerEmail} />
          </dd>
        </div>
      </dl>
      {s.pipelineRule && <strong className="govuk-tag govuk-tag--green govuk-!-margin-bottom-1">3 or more shared tags</strong>}
      <p className="govuk-body govuk-!-margin-bottom-0">
        <span className="govuk-visually-hidden">Why: </span>
        {s.reason}
      </p>
    </li>
  )
}

/** Owner and e-mail; the address is a mailto link only when it is one (never a `javascript:` or other scheme). */
export function KeyContact({ owner, email }: { owner: string; email: string }): ReactNode {
  if (!owner && !email) return <>Not given</>
  return (
    <>
      {owner}
      {owner && email ? ', ' : ''}
      {email &&
        (looksLikeEmail(email) ? (
          <a className="govuk-link" href={`mailto:${encodeURIComponent(email).replace(/%40/g, '@')}`}>
            {email}
          </a>
        ) : (
          email
        ))}
    </>
  )
}
