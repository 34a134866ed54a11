import { createContext, useContext } from 'react'
import type { BoardUndo, ProjectDoc } from '@shared/doc'
import type { ProjectId } from '@shared/domain/ids'

export interface ProjectDocValue {
  readonly projectId: ProjectId
  readonly doc: ProjectDoc
  readonly readOnly: boolean
  readonly undo: BoardUndo
  /**
   * Run a write that has no form of its own (a drag, a button): a thrown error goes to the page's
   * error banner, never swallowed. Returns success.
   */
  run(fn: () => void): boolean
  /**
   * Run a write from a form or dialog: throws (with a message for people) when this copy is
   * read-only or the write fails, so the form's `useFormErrors().attempt` shows it where the
   * person is looking.
   */
  write(fn: () => void): void
}

export const ProjectDocCtx = createContext<ProjectDocValue | null>(null)

export function useProjectDoc(): ProjectDocValue {
  const v = useContext(ProjectDocCtx)
  if (!v) throw new Error('useProjectDoc must be used inside a project page')
  return v
}
