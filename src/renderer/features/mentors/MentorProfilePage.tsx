import type { ReactNode } from 'react'

/** Placeholder until this screen lands (issue 9). */
export function MentorProfilePage(_props: { mentorId: string }): ReactNode {
  return <h1 className="govuk-heading-l">Mentor</h1>
}
