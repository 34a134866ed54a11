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
  /**
   * This computer joined the programme with a viewer invite (a manager): screens show what is there
   * and offer nothing that changes it. The team's peers drop a viewer's writes anyway (docs/sync.md).
   */
  readonly readOnly: boolean
  setProfile(profile: Profile): void
  /**
   * Show a problem in the page's error banner (never swallow a failed write). For problems that
   * are not about a form: storage and sync failures ('lasting', kept until dismissed), and
   * actions without a form of their own such as a drag ('action', cleared by the next action
   * that succeeds or by going to another page). Forms show their own errors (useFormErrors).
   */
  reportError(message: string, kind?: BannerErrorKind): void
  /** An action succeeded or the person moved on: earlier action errors no longer apply. */
  clearActionErrors(): void
  readonly errors: readonly string[]
  dismissErrors(): void
}

export type BannerErrorKind = 'lasting' | 'action'

interface BannerError {
  readonly message: string
  readonly kind: BannerErrorKind
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
  readOnly?: boolean
  onProfileChange(profile: Profile): void
  children: ReactNode
}): ReactNode {
  const registry = useRegistry()
  const [banner, setBanner] = useState<readonly BannerError[]>([])
  const reportError = useCallback(
    (message: string, kind: BannerErrorKind = 'lasting') => setBanner((e) => (e.some((x) => x.message === message) ? e : [...e, { message, kind }])),
    []
  )
  const clearActionErrors = useCallback(() => setBanner((e) => (e.some((x) => x.kind === 'action') ? e.filter((x) => x.kind !== 'action') : e)), [])
  const dismissErrors = useCallback(() => setBanner([]), [])
  const errors = useMemo(() => banner.map((e) => e.message), [banner])
  const { profile, programmeId, programmeLocal, onProfileChange } = props
  const readOnly = (props.readOnly ?? false) || programmeLocal.readOnly
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
      readOnly,
      setProfile: onProfileChange,
      reportError,
      clearActionErrors,
      errors,
      dismissErrors
    }),
    [registry, profile, programmeId, programmeLocal, ctx, readOnly, onProfileChange, reportError, clearActionErrors, errors, dismissErrors]
  )
  return <WorkspaceCtx.Provider value={value}>{props.children}</WorkspaceCtx.Provider>
}

export { programmeDocName }
