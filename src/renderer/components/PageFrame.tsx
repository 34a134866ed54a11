import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { useFocusOnNavigate } from '../hooks/useFocusOnNavigate'

/**
 * The page frame: skip link, header, one <main>, footer. On its own before the workspace has
 * loaded (first-run welcome, "Opening…"); the workspace's Layout draws through it with its header
 * links, so the first screen does not wait for the documents, sync and search code those need.
 */
export function PageFrame({ children, headerLinks }: { children: ReactNode; headerLinks?: ReactNode }): ReactNode {
  useFocusOnNavigate()
  return (
    <>
      <a href="#main-content" className="govuk-skip-link" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-width-container app-header__inner">
          <Link href="/" className="app-header__title">
            Fortnight
          </Link>
          {headerLinks}
        </div>
      </header>
      <div className="app-width-container">
        <main className="app-main" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="app-width-container">
          <p className="govuk-body-s">Fortnight keeps your work on this computer. Nothing is sent anywhere unless you share it.</p>
        </div>
      </footer>
    </>
  )
}

// With hash routing, the default jump to #main-content would be read as a route change.
function skipToMain(ev: React.MouseEvent): void {
  ev.preventDefault()
  document.getElementById('main-content')?.focus()
}
