import type { ReactNode } from 'react'
import { useProjectDoc } from '../board/ProjectDocContext'
import { CommentThread } from './CommentThread'

/**
 * The project's own discussion: threads about the project as a whole. Comments on a card, a
 * cycle's review or a feedback item stay with those, and "For you" gathers what is addressed to you.
 */
export function ProjectDiscussion(): ReactNode {
  const { projectId } = useProjectDoc()
  return <CommentThread subject={{ kind: 'project', id: projectId }} heading="Discussion" headingLevel={2} />
}
