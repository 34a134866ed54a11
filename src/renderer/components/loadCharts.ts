import type * as ChartsModule from './charts'
import { loadOnce } from './lazyLoad'

export type Charts = typeof ChartsModule

/**
 * The chart components, fetched once, when a chart is first drawn. Read them in a component with
 * React's `use(loadCharts())` inside <Suspense>; a failed download reaches the ErrorBoundary.
 */
export const loadCharts: () => Promise<Charts> = loadOnce(() => import('./charts'))
