import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { searchServiceFor, type SearchOptions, type SearchResults, type SearchService, type SearchStatus } from '@shared/search'

/**
 * Search the whole programme. Mounting this opens a search session (project docs are read into
 * the index and kept current); unmounting ends it.
 */
export function useSearch(query: string, options: SearchOptions): { status: SearchStatus; results: SearchResults } {
  const ws = useWorkspace()
  const service = searchServiceFor(ws.registry, ws.programme)
  useEffect(() => service.open(), [service])
  const status = useSyncExternalStore(service.subscribe, service.getStatus)
  const { includeArchived, limit } = options
  // The version is passed in (and ignored) so the query runs again whenever the index changed.
  const version = status.version
  const results = useMemo(() => runSearch(service, version, query, includeArchived, limit), [service, version, query, includeArchived, limit])
  return { status, results }
}

function runSearch(service: SearchService, _version: number, query: string, includeArchived?: boolean, limit?: number): SearchResults {
  return service.index.search(query, { includeArchived, limit })
}
