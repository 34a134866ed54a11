import { Component, type ComponentType, type ErrorInfo, type ReactNode } from 'react'
import { ErrorPageTitle } from './ErrorPageTitle'
import { isChunkLoadError } from './lazyLoad'

/**
 * Catches a render error in one screen (a route) or one section of a project, and shows a GOV.UK
 * "Sorry, there is a problem" page in its place. The header, navigation and every other screen keep
 * working: one bad record or one bug never takes the whole app down. The error goes to the console
 * for whoever investigates. Moving to another screen (`resetKey` changes) or "Try again" renders
 * the children afresh. A part of Fortnight that could not be downloaded (ChunkLoadError: offline,
 * or the app was updated since this window opened) gets its own message, and "Try again" reloads
 * the window so the current files are fetched.
 */
export interface ErrorBoundaryProps {
  /** 'screen': the page's h1 and title; 'section': an h2 inside a page that still has its own h1. */
  readonly scope: 'screen' | 'section'
  /** Where the error happened, for the console ("route /projects/:id", "project section cycles"). */
  readonly name: string
  /** Changing it clears the error (the location, usually). */
  readonly resetKey?: unknown
  /** Draws the error page inside this frame: for a boundary that sits outside the page Layout. */
  readonly frame?: ComponentType<{ children: ReactNode }>
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
    const Frame = this.props.frame ?? NoFrame
    return (
      <Frame>
        {isChunkLoadError(this.state.error) ? <LoadFailedPage scope={this.props.scope} /> : <ErrorPage scope={this.props.scope} onRetry={this.retry} />}
      </Frame>
    )
  }
}

function NoFrame({ children }: { children: ReactNode }): ReactNode {
  return children
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

/** Reloading fetches the files afresh: React keeps a failed lazy load, so re-rendering would not. */
function LoadFailedPage({ scope }: { scope: 'screen' | 'section' }): ReactNode {
  const Heading = scope === 'screen' ? 'h1' : 'h2'
  const headingClass = scope === 'screen' ? 'govuk-heading-l' : 'govuk-heading-m'
  const title = scope === 'screen' ? 'Sorry, this screen could not be opened' : 'Sorry, this part of the screen could not be opened'
  return (
    <div className="app-error-page" data-error-boundary={scope} data-load-failed="">
      <ErrorPageTitle title={title} priority={scope === 'screen' ? 2 : -1} />
      <Heading className={headingClass}>{title}</Heading>
      <p className="govuk-body">
        Fortnight could not load the part of itself that shows it. This can happen when you are offline, or when Fortnight has been updated
        since you opened it. Nothing you have saved has been lost.
      </p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={() => window.location.reload()}>
          Try again
        </button>
        <a className="govuk-link" href="#/">
          Go to your projects
        </a>
      </div>
    </div>
  )
}
