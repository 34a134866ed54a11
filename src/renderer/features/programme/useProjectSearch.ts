import MiniSearch from 'minisearch'
import { useMemo } from 'react'
import type { ProjectSummary } from '@shared/doc'

/** Search the project index by name and tag (prefix and typo tolerant), keeping list order. */
export function useProjectSearch(projects: readonly ProjectSummary[], query: string): readonly ProjectSummary[] {
  const index = useMemo(() => {
    const ms = new MiniSearch<{ id: string; name: string; tags: string }>({
      fields: ['name', 'tags'],
      searchOptions: { prefix: true, fuzzy: 0.2, boost: { name: 2 } }
    })
    ms.addAll(projects.map((p) => ({ id: p.id, name: p.name, tags: p.tags.join(' ') })))
    return ms
  }, [projects])
  return useMemo(() => {
    const q = query.trim()
    if (!q) return projects
    const hits = new Set(index.search(q).map((r) => r.id as string))
    return projects.filter((p) => hits.has(p.id))
  }, [index, projects, query])
}
