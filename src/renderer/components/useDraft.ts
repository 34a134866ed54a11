import { useCallback, useMemo, useState } from 'react'

/**
 * What a person has typed into a form over a record that may change under them (a colleague's
 * edit arriving over sync, or another action on the same page such as adding a tag). Only fields
 * the person touched are held; every other field shows the saved value live. Nothing they typed
 * is thrown away until they save (then `reset`) or leave the page.
 */
export function useDraft<T extends Record<string, string>>(saved: T): {
  readonly values: T
  readonly dirty: boolean
  set<K extends keyof T>(key: K, value: T[K]): void
  reset(): void
} {
  const [edits, setEdits] = useState<Partial<T>>({})
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => setEdits((e) => ({ ...e, [key]: value })), [])
  const reset = useCallback(() => setEdits({}), [])
  const values = useMemo(() => ({ ...saved, ...edits }) as T, [saved, edits])
  return { values, dirty: Object.keys(edits).length > 0, set, reset }
}
