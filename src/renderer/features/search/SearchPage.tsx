import { useEffect, useId, useRef, useState, useDeferredValue, type ReactNode } from 'react'
import { Link } from 'wouter'
import {
  highlightRanges,
  oneLine,
  SEARCH_KIND_LABELS,
  snippet,
  type SearchEntry,
  type SearchGroup,
  type SearchHit,
  type SearchStatus
} from '@shared/search'
import { useTitle } from '../../hooks/useTitle'
import { Highlighted } from './Highlighted'
import { rememberedQuery, rememberQuery, setShortcutEnabled, shortcutEnabled, takeFocusOnArrival } from './searchPrefs'
import { SEARCH_INPUT_ID } from './searchIds'
import { useSearch } from './useSearch'

/** Where a result leads: the card (a comment's card), the cycle page, or the project. */
export function resultHref(entry: SearchEntry): string {
  const project = `/projects/${entry.projectId}`
  if ((entry.kind === 'card' || entry.kind === 'comment') && entry.cardId) return `${project}/cards/${entry.cardId}`
  if ((entry.kind === 'feedback' || entry.kind === 'decision') && entry.cycle !== null) return `${project}/cycles/${entry.cycle}`
  return project
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

function statusText(status: SearchStatus, query: string, total: number, shown: number, groups: number): string {
  if (status.indexing) return `Searching ${plural(status.projects, 'project')}…`
  if (!query) return status.projects === 0 ? 'There are no projects to search yet.' : `Ready to search ${plural(status.projects, 'project')}.`
  if (total === 0) return `No results for “${query}”.`
  const where = `in ${plural(groups, 'project')}`
  return shown < total
    ? `Showing the best ${shown.toLocaleString('en-GB')} of ${plural(total, 'result')} for “${query}” ${where}.`
    : `${plural(total, 'result')} for “${query}” ${where}.`
}

/** Search everything in the programme: projects, cards, feedback, decisions and comments. */
export function SearchPage(): ReactNode {
  useTitle('Search')
  const [query, setQuery] = useState(rememberedQuery)
  const [includeArchived, setIncludeArchived] = useState(false)
  const [shortcut, setShortcut] = useState(shortcutEnabled)
  const deferred = useDeferredValue(query.trim())
  const { status, results } = useSearch(deferred, { includeArchived })
  const input = useRef<HTMLInputElement>(null)

  // Arriving by the "/" key or the home page's search means "I want to type": the box gets focus,
  // after the page-change focus on the heading (a timer, so it comes after the frame's effects).
  useEffect(() => {
    if (!takeFocusOnArrival()) return
    const t = setTimeout(() => input.current?.focus(), 0)
    return () => clearTimeout(t)
  }, [])
  useEffect(() => rememberQuery(query), [query])

  return (
    <>
      <h1 className="govuk-heading-xl">Search</h1>
      <form role="search" aria-label="Everything in the programme" noValidate onSubmit={(e) => e.preventDefault()} className="govuk-!-margin-bottom-4">
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor={SEARCH_INPUT_ID}>
            Search projects, cards, feedback, decisions and comments
          </label>
          <div id={`${SEARCH_INPUT_ID}-hint`} className="govuk-hint">
            Finds words in titles, notes, labels, checklists, problem statements, what people said and decisions. The start of a word is enough.
          </div>
          <input
            ref={input}
            id={SEARCH_INPUT_ID}
            name="q"
            type="search"
            className="govuk-input govuk-input--width-30"
            aria-describedby={`${SEARCH_INPUT_ID}-hint`}
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="search-include-archived"
              type="checkbox"
              checked={includeArchived}
              onChange={(e) => setIncludeArchived(e.target.checked)}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="search-include-archived">
              Include archived cards and projects
            </label>
          </div>
        </div>
      </form>

      <p className="govuk-body app-search-status" role="status">
        {statusText(status, deferred, results.total, results.shown, results.groups.length)}
      </p>
      {status.failed.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Some projects could not be opened from this computer, so they are not searched: {status.failed.join(', ')}.
          </strong>
        </div>
      )}

      {results.groups.map((g) => (
        <ResultGroup key={g.projectId} group={g} />
      ))}

      <details className="govuk-details govuk-!-margin-top-6">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Keyboard shortcut: /</span>
        </summary>
        <div className="govuk-details__text">
          <p className="govuk-body">
            Press <kbd>/</kbd> on any page to come to this search, unless you are typing in a box.
          </p>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="search-shortcut"
                type="checkbox"
                checked={shortcut}
                onChange={(e) => {
                  setShortcut(e.target.checked)
                  setShortcutEnabled(e.target.checked)
                }}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="search-shortcut">
                Use the / key to open search
              </label>
            </div>
          </div>
        </div>
      </details>
    </>
  )
}

function ResultGroup({ group }: { group: SearchGroup }): ReactNode {
  const id = useId()
  return (
    <section className="app-search-group" aria-labelledby={id}>
      <h2 className="govuk-heading-m govuk-!-margin-bottom-2" id={id}>
        {group.projectName || 'Untitled project'}{' '}
        <span className="govuk-caption-m app-search-group__count">{plural(group.hits.length, 'result')}</span>
      </h2>
      <ul className="app-search-results">
        {group.hits.map((h) => (
          <Result key={h.entry.id} hit={h} />
        ))}
      </ul>
    </section>
  )
}

const CONTEXT_FIELDS: Record<SearchEntry['kind'], readonly { field: 'text' | 'labels' | 'checklist'; label: string }[]> = {
  project: [
    { field: 'text', label: 'Problem statement' },
    { field: 'labels', label: 'Tags and service area' }
  ],
  card: [
    { field: 'text', label: 'Note' },
    { field: 'labels', label: 'Labels' },
    { field: 'checklist', label: 'Checklist' }
  ],
  feedback: [{ field: 'text', label: 'What they said' }],
  decision: [{ field: 'text', label: 'Decision' }],
  comment: [{ field: 'text', label: 'Comment' }]
}

function Result({ hit }: { hit: SearchHit }): ReactNode {
  const { entry, terms } = hit
  const heading = oneLine(entry.heading) || 'Untitled'
  // The first field with a matched word gives the excerpt; feedback, decisions and comments always
  // show their text, since their heading is not what was searched.
  const fields = CONTEXT_FIELDS[entry.kind]
  const withMatch = fields.find((f) => highlightRanges(oneLine(entry[f.field]), terms).length > 0)
  const context = withMatch ?? (entry.kind === 'card' || entry.kind === 'project' ? undefined : fields[0])
  const excerpt = context && entry[context.field] ? snippet(entry[context.field], terms) : null
  return (
    <li className="app-search-results__item">
      <strong className={`govuk-tag${TAG_COLOURS[entry.kind]} app-search-results__kind`}>{SEARCH_KIND_LABELS[entry.kind]}</strong>
      <div>
        <Link
          href={resultHref(entry)}
          className="govuk-link govuk-link--no-visited-state app-search-results__link"
          // What it is, then its visible words (WCAG 2.5.3: the visible text is in the name).
          aria-label={`${SEARCH_KIND_LABELS[entry.kind]}: ${heading}`}
        >
          <Highlighted text={heading} ranges={highlightRanges(heading, terms)} />
        </Link>
        {entry.archived && (
          <strong className="govuk-tag govuk-tag--yellow govuk-!-margin-left-2">Archived</strong>
        )}
        {excerpt && context && (
          <p className="govuk-body-s app-search-results__excerpt">
            <span className="app-search-results__field">{context.label}:</span> <Highlighted text={excerpt.text} ranges={excerpt.ranges} />
          </p>
        )}
      </div>
    </li>
  )
}

const TAG_COLOURS: Record<SearchEntry['kind'], string> = {
  project: '',
  card: ' govuk-tag--grey',
  feedback: ' govuk-tag--green',
  decision: ' govuk-tag--purple',
  comment: ' govuk-tag--turquoise'
}
