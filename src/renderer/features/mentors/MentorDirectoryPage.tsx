import type { ReactNode } from 'react'

/** Placeholder until this screen lands (issue 9). */
export function MentorDirectoryPage(): ReactNode {
  return <h1 className="govuk-heading-l">Mentors</h1>
}
