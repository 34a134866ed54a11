import { useEffect, useState, type ReactNode } from 'react'

/** How long a load may take before "Loading…" appears: a fast load does not flash a message. */
export const LOADING_DELAY_MS = 100

/**
 * The quiet loading state for a part of Fortnight that is fetched when first needed (a
 * <Suspense> fallback): nothing at first, then a GOV.UK body line "Loading…" in a status region,
 * so a screen reader hears it and a fast load shows nothing at all.
 */
export function DelayedLoading({ label = 'Loading…' }: { label?: string }): ReactNode {
  const [shown, setShown] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), LOADING_DELAY_MS)
    return () => clearTimeout(timer)
  }, [])
  if (!shown) return null
  return (
    <p className="govuk-body" role="status" data-loading="">
      {label}
    </p>
  )
}
