import { z } from 'zod'

/**
 * Project phases, spelled exactly as LocalGov Digital's Pipeline stores `projectstatus`
 * (see shared/PIPELINE.md), so export needs no mapping and import loses nothing.
 */
export const PHASES = ['Concept', 'Discovery', 'Alpha', 'Beta', 'Live', 'Decommissioned'] as const
export type Phase = (typeof PHASES)[number]
export const phaseSchema = z.enum(PHASES)

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value)
}
