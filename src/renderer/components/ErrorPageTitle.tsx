import type { ReactNode } from 'react'
import { useErrorTitle, useTitle } from '../hooks/useTitle'

/** Gives an error page (or an error shown in place of a page) its "Error: …" title. */
export function ErrorPageTitle({ title, priority }: { title: string; priority?: number }): ReactNode {
  useTitle(title, priority === undefined ? {} : { priority })
  useErrorTitle(true)
  return null
}
