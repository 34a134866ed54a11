import { Component, type ErrorInfo, type ReactNode } from 'react'
import { ErrorPageTitle } from './ErrorPageTitle'

/**
 * Catches a render error in one screen (a route) or one section of a project, and shows a GOV.UK
 * "Sorry, there is a problem" page in its place. The header, navigation and every other screen keep
 * working: one bad record or one bug never takes the whole app down. The error goes to the console
 * for whoever investigates. Moving to another screen (`resetKey` changes) or "Try again" renders
 * the children afresh.
 */
export interface ErrorBoundaryProps {
  /** 'screen': the page's h1 and title; 'section': an h2 inside a page that still has its own h1. */
  readonly scope: 'screen' | 'section'
  /** Where the error happened, for the console ("route /projects/:id", "project section cycles"). */
  readonly name: string
  /** Changing it clears the error (the location, usually). */
  readonly resetKey?: unknown
  readonly children: ReactNode
}

interface State {
  readonly error: Error | null
  readonly resetKey: unknown
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null, resetKey: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    if (Object.is(props.resetKey, state.resetKey)) return null
    return { resetKey: props.resetKey, error: null }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Fortnight: the ${this.props.scope} "${this.props.name}" failed and shows an error page instead`, error, info.componentStack ?? '')
  }

  private readonly retry = (): void => this.setState({ error: null })

  override render(): ReactNode {
    if (!this.state.error) return this.props.children
    return <ErrorPage scope={this.props.scope} onRetry={this.retry} />
  }
}

function ErrorPage({ scope, onRetry }: { scope: 'screen' | 'section'; onRetry(): void }): ReactNode {
  const Heading = scope === 'screen' ? 'h1' : 'h2'
  const headingClass = scope === 'screen' ? 'govuk-heading-l' : 'govuk-heading-m'
  return (
    <div className="app-error-page" data-error-boundary={scope}>
      {scope === 'screen' ? <ErrorPageTitle title="Sorry, there is a problem with this screen" priority={2} /> : <ErrorPageTitle title="Sorry, there is a problem with this part of the screen" priority={-1} />}
      <Heading className={headingClass}>{scope === 'screen' ? 'Sorry, there is a problem with this screen' : 'Sorry, there is a problem with this part of the screen'}</Heading>
      <p className="govuk-body">Fortnight could not show it. Nothing you have saved has been lost, and the rest of Fortnight still works.</p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onRetry}>
          Try again
        </button>
        <a className="govuk-link" href="#/">
          Go to your projects
        </a>
      </div>
      <p className="govuk-body">If it happens again, tell whoever looks after Fortnight for your programme what you were doing.</p>
    </div>
  )
}
