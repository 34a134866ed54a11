import { createContext, useContext } from 'react'
import type { BoardUndo, ProjectDoc } from '@shared/doc'
import type { ProjectId } from '@shared/domain/ids'

export interface ProjectDocValue {
  readonly projectId: ProjectId
  readonly doc: ProjectDoc
  readonly readOnly: boolean
  readonly undo: BoardUndo
  /** Run a domain write; a thrown error is shown to the user, never swallowed. Returns success. */
  run(fn: () => void): boolean
}

export const ProjectDocCtx = createContext<ProjectDocValue | null>(null)

export function useProjectDoc(): ProjectDocValue {
  const v = useContext(ProjectDocCtx)
  if (!v) throw new Error('useProjectDoc must be used inside a project page')
  return v
}
