import type { ReactNode } from 'react'

/** Placeholder until this screen lands (issue 9). */
export function ProgrammesPage(): ReactNode {
  return <h1 className="govuk-heading-l">Your programmes</h1>
}
