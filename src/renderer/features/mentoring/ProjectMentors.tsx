import type { ReactNode } from 'react'

/** Placeholder until this screen lands (issue 9). */
export function ProjectMentors(): ReactNode {
  return <h2 className="govuk-heading-m">Mentors</h2>
}
