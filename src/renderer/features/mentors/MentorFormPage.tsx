import type { ReactNode } from 'react'

/** Placeholder until this screen lands (issue 9). */
export function MentorFormPage(_props: { mentorId?: string }): ReactNode {
  return <h1 className="govuk-heading-l">Add a mentor</h1>
}
