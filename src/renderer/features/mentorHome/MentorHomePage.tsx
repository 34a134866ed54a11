import type { ReactNode } from 'react'

/** Placeholder until this screen lands (issue 9). */
export function MentorHomePage(): ReactNode {
  return <h1 className="govuk-heading-l">Projects you mentor</h1>
}
