import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useErrorTitle } from '../hooks/useTitle'

export interface FieldError {
  readonly href: string
  readonly text: string
}

/** GOV.UK error summary: focused when it appears so screen-reader users hear it at once. */
export function ErrorSummary({ errors }: { errors: readonly FieldError[] }): ReactNode {
  const ref = useRef<HTMLDivElement>(null)
  // Two forms on one page may both show a summary: ids must stay unique.
  const titleId = `error-summary-title-${useId().replace(/:/g, '')}`
  useEffect(() => {
    if (errors.length) ref.current?.focus()
  }, [errors])
  useErrorTitle(errors.length > 0)
  if (errors.length === 0) return null
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <div role="alert">
        <h2 className="govuk-error-summary__title" id={titleId}>
          There is a problem
        </h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={e.href + e.text}>
                <a href={e.href} onClick={(ev) => focusField(ev, e.href)}>
                  {e.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  )
}

// Links in the summary point at field ids; with hash routing the default jump would navigate.
function focusField(ev: React.MouseEvent, href: string): void {
  ev.preventDefault()
  document.getElementById(href.replace(/^#/, ''))?.focus()
}
