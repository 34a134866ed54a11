import { describe, expect, it } from 'vitest'
import { newId } from '@shared/domain/ids'
import { isPhase, PHASES, phaseSchema } from '@shared/domain/phases'

describe('phases', () => {
  it('uses Pipeline’s spelling, in lifecycle order', () => {
    expect(PHASES).toEqual(['Concept', 'Discovery', 'Alpha', 'Beta', 'Live', 'Decommissioned'])
  })

  it('recognises only those spellings', () => {
    expect(isPhase('Alpha')).toBe(true)
    expect(isPhase('alpha')).toBe(false)
    expect(isPhase('Gamma')).toBe(false)
    expect(isPhase(undefined)).toBe(false)
    expect(phaseSchema.safeParse('Beta').success).toBe(true)
    expect(phaseSchema.safeParse('beta').success).toBe(false)
  })
})

describe('newId', () => {
  it('never repeats, so records created offline on two computers cannot collide', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId<string>()))
    expect(ids.size).toBe(10_000)
  })
})
