import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { insertMention, mentionQueryAt, mentionSuggestions, type MentionCandidate } from '@shared/domain/mentions'

/**
 * A GOV.UK textarea that offers names when you type "@": a list of matching people and mentors
 * below the box, the textarea pointing at the highlighted one (`aria-activedescendant`, the ARIA
 * pattern for a list popup on a text box; a textarea cannot take the combobox role itself).
 * Up and Down move through the list, Enter chooses, Escape closes it (without closing a card
 * dialog around it), and a click chooses too. What was chosen is reported (`onPick`), so two
 * people with the same name are told apart.
 */
export function MentionTextarea(props: {
  id: string
  label: ReactNode
  hint?: ReactNode
  value: string
  onChange(value: string): void
  candidates: readonly MentionCandidate[]
  onPick(id: string): void
  error?: string | null
  rows?: number
  /** The box itself (the form focuses it). */
  textareaRef: RefObject<HTMLTextAreaElement | null>
  labelClassName?: string
}): ReactNode {
  const { id, value, onChange, candidates, onPick, error, label, hint, rows, labelClassName, textareaRef: own } = props
  const [caret, setCaret] = useState(0)
  // The highlighted suggestion, for the query it was chosen in (a new query starts at the top).
  const [highlight, setHighlight] = useState<{ key: string | null; index: number }>({ key: null, index: 0 })
  const [dismissedAt, setDismissedAt] = useState<string | null>(null)
  const nextCaret = useRef<number | null>(null)
  const query = mentionQueryAt(value, caret)
  const suggestions = query && candidates.length > 0 ? mentionSuggestions(query.query, candidates, 6) : []
  const queryKey = query ? `${query.start}:${query.query}` : null
  const open = suggestions.length > 0 && dismissedAt !== queryKey
  const listId = `${id}-mentions`
  const optionId = (i: number): string => `${id}-mention-${i}`
  const activeIndex = highlight.key === queryKey ? Math.min(highlight.index, Math.max(0, suggestions.length - 1)) : 0
  const setActive = (index: number): void => setHighlight({ key: queryKey, index })
  useLayoutEffect(() => {
    if (nextCaret.current === null || !own.current) return
    own.current.setSelectionRange(nextCaret.current, nextCaret.current)
    setCaret(nextCaret.current)
    nextCaret.current = null
  }, [value, own])

  // Escape closes the list, and only the list: a card dialog around this box listens for Escape
  // in the capture phase (to close the card from anywhere), so the key is claimed before React
  // hands it out.
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.target !== own.current) return
      e.preventDefault()
      e.stopPropagation()
      setDismissedAt(queryKey)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [open, queryKey, own])

  const choose = (c: MentionCandidate): void => {
    if (!query) return
    const next = insertMention(value, query.start, caret, c.name)
    nextCaret.current = next.caret
    // The chosen name is itself a query that matches: the list stays closed until more is typed.
    setDismissedAt(`${query.start}:${next.text.slice(query.start + 1, next.caret)}`)
    onPick(c.id)
    onChange(next.text)
  }

  const hintId = hint ? `${id}-hint` : null
  const errorId = error ? `${id}-error` : null
  const statusId = `${id}-mention-status`
  return (
    <div className={`govuk-form-group app-mention${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label${labelClassName ? ` ${labelClassName}` : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={hintId!} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={errorId!} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <textarea
        id={id}
        ref={own}
        className={`govuk-textarea app-mention__input${error ? ' govuk-textarea--error' : ''}`}
        rows={rows ?? 3}
        value={value}
        aria-describedby={[hintId, errorId, statusId].filter(Boolean).join(' ')}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
        onChange={(e) => {
          setCaret(e.target.selectionStart ?? e.target.value.length)
          onChange(e.target.value)
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onBlur={() => setDismissedAt(queryKey)}
        onFocus={() => setDismissedAt(null)}
        onKeyDown={(e) => {
          if (!open) return
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            setActive((activeIndex + 1) % suggestions.length)
          } else if (e.key === 'ArrowUp') {
            e.preventDefault()
            setActive((activeIndex - 1 + suggestions.length) % suggestions.length)
          } else if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault()
            choose(suggestions[activeIndex]!)
          }
        }}
      />
      {open && (
        <ul className="app-mention__list" role="listbox" id={listId} aria-label="People you can mention">
          {suggestions.map((c, i) => (
            <li
              key={c.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              className={`app-mention__option${i === activeIndex ? ' app-mention__option--active' : ''}`}
              // Keep focus in the box: the click chooses, the box keeps the caret.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(c)}
            >
              <span className="app-mention__name">{c.name}</span>
              {c.detail && <span className="app-mention__detail"> – {c.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      <p id={statusId} className="govuk-visually-hidden" role="status">
        {open ? `${suggestions.length === 1 ? '1 person matches' : `${suggestions.length} people match`}. Use the up and down arrows, then Enter to choose.` : ''}
      </p>
    </div>
  )
}
