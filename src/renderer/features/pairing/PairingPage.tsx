import type { ReactNode } from 'react'

/** Placeholder until this screen lands (issue 9). */
export function PairingPage(): ReactNode {
  return <h1 className="govuk-heading-l">Pairing rounds</h1>
}
