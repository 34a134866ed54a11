import { useEffect } from 'react'

/** GOV.UK pattern: "Page – Service". Screen-reader users hear the title on each navigation. */
export function useTitle(page: string): void {
  useEffect(() => {
    document.title = page ? `${page} – Fortnight` : 'Fortnight'
  }, [page])
}
