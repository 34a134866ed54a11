import type { ReactNode } from 'react'
import { useErrorTitle, useTitle } from '../hooks/useTitle'

export function NotFound({ what = 'Page' }: { what?: string }): ReactNode {
  useTitle(`${what} not found`)
  useErrorTitle(true)
  return (
    <>
      <h1 className="govuk-heading-l">{what} not found</h1>
      <p className="govuk-body">
        It may have been removed, or it has not reached this computer yet.{' '}
        <a className="govuk-link" href="#/">
          Go to your projects
        </a>
        .
      </p>
    </>
  )
}
