import type { ReactNode } from 'react'

/** Placeholder until this screen lands (issue 9). */
export function ForYouPage(): ReactNode {
  return <h1 className="govuk-heading-l">For you</h1>
}
