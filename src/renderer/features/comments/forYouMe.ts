import { useMemo } from 'react'
import { readMentors, type AnyDoc, type CommentMe } from '@shared/doc'
import type { KeyEntry } from '@shared/sync/keyring'
import { useDocValue } from '../../hooks/useDocValue'
import { useSyncValue } from '../../sync/SyncContext'
import { useWorkspace } from '../../workspace/WorkspaceContext'

const NO_ENTRIES: readonly KeyEntry[] = []

const myMentorIds = (programme: AnyDoc, personId: string): readonly string[] =>
  readMentors(programme)
    .filter((m) => m.personId === personId)
    .map((m) => m.id)

/**
 * Who "you" are for comments addressed to you: your person id, your entry in this programme's
 * mentor directory (when it is linked to you), and the directory entry each mentor invite you
 * joined with named (the keyring keeps it: it is how another council's team mentions you).
 */
export function useCommentMe(): CommentMe {
  const ws = useWorkspace()
  const fromDirectory = useDocValue(ws.programme, myMentorIds, ws.profile.id as string)
  const entries = useSyncValue((m) => m.keyring.list(), NO_ENTRIES)
  return useMemo(() => {
    const mentorIds = new Set(fromDirectory)
    for (const e of entries) if (e.mentor) mentorIds.add(e.mentor.id)
    return { personIds: [ws.profile.id], mentorIds: [...mentorIds].sort() }
  }, [ws.profile.id, fromDirectory, entries])
}

/** The projects this computer joined with a mentor invite (they are in no programme index here). */
export function useMentorProjects(): readonly { readonly id: string; readonly name: string }[] {
  const entries = useSyncValue((m) => m.keyring.list(), NO_ENTRIES)
  return useMemo(() => entries.filter((e) => e.kind === 'project' && e.role === 'mentor').map((e) => ({ id: e.docId, name: e.docName ?? 'A project you mentor' })), [entries])
}
