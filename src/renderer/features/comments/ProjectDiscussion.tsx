import type { ReactNode } from 'react'

/** Placeholder until this screen lands (issue 9). */
export function ProjectDiscussion(): ReactNode {
  return <h2 className="govuk-heading-m">Discussion</h2>
}
