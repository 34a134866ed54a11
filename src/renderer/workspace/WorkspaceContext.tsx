import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { DocRegistry, opContext, programmeDocName, type LocalDoc, type OpContext, type ProgrammeDoc } from '@shared/doc'
import type { ProgrammeId } from '@shared/domain/ids'
import type { Profile } from './profile'

export interface Workspace {
  readonly registry: DocRegistry
  readonly profile: Profile
  readonly programmeId: ProgrammeId
  readonly programme: ProgrammeDoc
  readonly programmeLocal: LocalDoc
  readonly ctx: OpContext
  /** Show a problem to the user in the page's error banner (never swallow a failed write). */
  setProfile(profile: Profile): void
  reportError(message: string): void
  readonly errors: readonly string[]
  dismissErrors(): void
}

const WorkspaceCtx = createContext<Workspace | null>(null)
/** For the page frame, which renders both before and after the workspace exists. */
export const WorkspaceCtxForLayout = WorkspaceCtx
const RegistryCtx = createContext<DocRegistry | null>(null)

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceCtx)
  if (!ws) throw new Error('useWorkspace must be used inside <WorkspaceProvider>')
  return ws
}

/** The registry exists before the programme doc has loaded (the loader itself needs it). */
export function useRegistry(): DocRegistry {
  const r = useContext(RegistryCtx)
  if (!r) throw new Error('useRegistry must be used inside <RegistryProvider>')
  return r
}

export function RegistryProvider({ children }: { children: ReactNode }): ReactNode {
  const [registry] = useState(() => new DocRegistry())
  useEffect(() => () => void registry.closeAll(), [registry])
  return <RegistryCtx.Provider value={registry}>{children}</RegistryCtx.Provider>
}

export function WorkspaceProvider(props: {
  profile: Profile
  programmeId: ProgrammeId
  programmeLocal: LocalDoc
  onProfileChange(profile: Profile): void
  children: ReactNode
}): ReactNode {
  const registry = useRegistry()
  const [errors, setErrors] = useState<string[]>([])
  const reportError = useCallback((message: string) => setErrors((e) => (e.includes(message) ? e : [...e, message])), [])
  const dismissErrors = useCallback(() => setErrors([]), [])
  const { profile, programmeId, programmeLocal, onProfileChange } = props
  useEffect(() => programmeLocal.onStorageError((e) => reportError(e.message)), [programmeLocal, reportError])
  const ctx = useMemo(() => opContext({ id: profile.id, name: profile.name }), [profile.id, profile.name])
  const value = useMemo<Workspace>(
    () => ({
      registry,
      profile,
      programmeId,
      programme: programmeLocal.doc,
      programmeLocal,
      ctx,
      setProfile: onProfileChange,
      reportError,
      errors,
      dismissErrors
    }),
    [registry, profile, programmeId, programmeLocal, ctx, onProfileChange, reportError, errors, dismissErrors]
  )
  return <WorkspaceCtx.Provider value={value}>{props.children}</WorkspaceCtx.Provider>
}

export { programmeDocName }
