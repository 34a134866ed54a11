import { useCallback, useSyncExternalStore, type ReactNode } from 'react'
import type { AnyDoc } from '@shared/doc'
import { readProblemsMessage, readProblemsOf, subscribeReadProblems } from '@shared/doc/readProblems'

/**
 * Says how many records of `doc` a colleague's computer wrote that could not be read (and so are
 * not shown): see src/shared/doc/readProblems.ts. Nothing when there are none.
 */
export function ReadProblemsNotice({ doc }: { doc: AnyDoc }): ReactNode {
  const subscribe = useCallback((cb: () => void) => subscribeReadProblems(doc, cb), [doc])
  const problems = useSyncExternalStore(subscribe, () => readProblemsOf(doc))
  const message = readProblemsMessage(problems.length)
  if (!message) return null
  return (
    <div className="govuk-inset-text" role="status" data-read-problems={problems.length}>
      {message}. Everything else is shown as usual. If this keeps happening, ask your colleagues to update Fortnight.
    </div>
  )
}
