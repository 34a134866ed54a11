import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { useMentorProjects } from '../comments/forYouMe'

/** "Projects you mentor (N)" in the header, only on a computer that joined a project as a mentor. */
export function MentoringHeaderLink(): ReactNode {
  const projects = useMentorProjects()
  if (projects.length === 0) return null
  return <Link href="/mentoring">Projects you mentor ({projects.length})</Link>
}
