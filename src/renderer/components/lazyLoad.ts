import { createElement, lazy, type ComponentType, type JSX, type ReactNode } from 'react'

/**
 * A part of Fortnight that is loaded when first needed (a route's screen, the editor, the charts)
 * could not be fetched: offline in browser mode, or the app was updated and the old file is gone.
 * ErrorBoundary shows a plain-English page for it with "Try again" (a reload) instead of a blank
 * screen.
 */
export class ChunkLoadError extends Error {
  override readonly name = 'ChunkLoadError'
  constructor(cause: unknown) {
    super('Part of Fortnight could not be loaded. Reload Fortnight and try again', { cause })
  }
}

export function isChunkLoadError(error: unknown): error is ChunkLoadError {
  return error instanceof ChunkLoadError
}

/**
 * `load` once: every caller shares the same promise, so a preload and the screen that needs the
 * module fetch it only once. A failure is wrapped in ChunkLoadError and forgotten, so the next
 * call tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null
      throw error instanceof ChunkLoadError ? error : new ChunkLoadError(error)
    }))
}

export type LazyWithPreload<P> = ComponentType<P> & { preload(): Promise<unknown> }

/**
 * React.lazy for a named export: `lazyNamed(() => import('./Page'), (m) => m.Page)`. Render it inside
 * <Suspense> and an ErrorBoundary; `preload()` starts the download early (e.g. when idle).
 *
 * Once the module has arrived (preloaded, or shown before) the component renders directly instead
 * of through React.lazy: a lazy component suspends on its first render even when its code is
 * already here, and React 19 holds a revealed Suspense boundary back for up to 300 ms, which a
 * start that preloaded the workspace and its first screen would pay at every level.
 */
export function lazyNamed<M, P>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>): LazyWithPreload<P> {
  let ready: ComponentType<P> | null = null
  const once = loadOnce(() =>
    load().then((m) => {
      ready = pick(m)
      return m
    })
  )
  const Lazy = lazy(() => once().then((m) => ({ default: pick(m) })))
  function LazyPart(props: P): ReactNode {
    const Part = (ready ?? Lazy) as ComponentType<P & JSX.IntrinsicAttributes>
    return createElement(Part, props as P & JSX.IntrinsicAttributes)
  }
  return Object.assign(LazyPart, { preload: once })
}

/** Runs `fn` when the browser is idle (or after a short delay where requestIdleCallback is missing). */
export function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 2_000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(fn, 200)
  return () => clearTimeout(id)
}
