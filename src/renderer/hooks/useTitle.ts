import { useEffect } from 'react'

/**
 * The page title, GOV.UK style: "Page – Fortnight", and "Error: Page – Fortnight" while the page
 * shows an error (an error summary, or an error page). Screen-reader users hear the title on each
 * navigation, so it must name what is in front of them: a dialog opened over a page (priority 1)
 * names itself, and the page's own title comes back when it closes.
 */
interface TitleEntry {
  readonly page: string
  readonly priority: number
  readonly seq: number
}

const titles: TitleEntry[] = []
let seq = 0
let errorHolders = 0

function render(): void {
  let top: TitleEntry | undefined
  for (const t of titles) if (!top || t.priority > top.priority || (t.priority === top.priority && t.seq > top.seq)) top = t
  const page = top?.page ? `${top.page} – Fortnight` : 'Fortnight'
  document.title = errorHolders > 0 ? `Error: ${page}` : page
}

export function useTitle(page: string, options: { priority?: number } = {}): void {
  const priority = options.priority ?? 0
  useEffect(() => {
    const entry: TitleEntry = { page, priority, seq: ++seq }
    titles.push(entry)
    render()
    return () => {
      titles.splice(titles.indexOf(entry), 1)
      render()
    }
  }, [page, priority])
}

/** While `active`, the title starts with "Error: " (GOV.UK: a form with errors, an error page). */
export function useErrorTitle(active: boolean): void {
  useEffect(() => {
    if (!active) return
    errorHolders++
    render()
    return () => {
      errorHolders--
      render()
    }
  }, [active])
}
