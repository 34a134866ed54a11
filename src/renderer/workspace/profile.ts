import { z } from 'zod'
import { newId, type PersonId, type ProgrammeId } from '@shared/domain/ids'
import { localStore } from '../storage/localStore'

/**
 * The local profile lives on this computer only (the durable local store, src/renderer/storage), not in a shared doc: it says
 * who "I" am on this machine, and is copied into the programme's people list for others.
 */
export const profileSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Name must be 100 characters or fewer'),
  colour: z.string().regex(/^#[0-9a-f]{6}$/i)
})
export type Profile = { readonly id: PersonId; readonly name: string; readonly colour: string }

/** Colours with at least 4.5:1 contrast against white text (used for avatars and carets). */
export const PROFILE_COLOURS: readonly { value: string; label: string }[] = [
  { value: '#1d70b8', label: 'Blue' },
  { value: '#00703c', label: 'Green' },
  { value: '#d4351c', label: 'Red' },
  { value: '#4c2c92', label: 'Purple' },
  { value: '#912b88', label: 'Pink' },
  { value: '#28a197', label: 'Turquoise' },
  { value: '#b58840', label: 'Brown' },
  { value: '#0b0c0c', label: 'Black' }
]

export const PROFILE_KEY = 'fortnight.profile'
export const PROGRAMME_KEY = 'fortnight.programmeId'
/** The programmes known on this computer (workspace/programmes.ts keeps the list). Here, apart from that module, so start-up code can name it without loading the doc layer. */
export const PROGRAMMES_KEY = 'fortnight.programmes'

export function loadProfile(): Profile | null {
  try {
    const raw = localStore().getItem(PROFILE_KEY)
    if (!raw) return null
    const parsed = profileSchema.safeParse(JSON.parse(raw))
    return parsed.success ? { ...parsed.data, id: parsed.data.id as PersonId } : null
  } catch {
    return null
  }
}

export function saveProfile(input: { id?: PersonId; name: string; colour: string }): Profile {
  const parsed = profileSchema.parse({ ...input, id: input.id ?? newId<PersonId>() })
  const profile: Profile = { ...parsed, id: parsed.id as PersonId }
  localStore().setItem(PROFILE_KEY, JSON.stringify(profile))
  return profile
}

export function loadProgrammeId(): ProgrammeId | null {
  return (localStore().getItem(PROGRAMME_KEY) as ProgrammeId | null) ?? null
}

export function saveProgrammeId(id: ProgrammeId): void {
  localStore().setItem(PROGRAMME_KEY, id)
}
