import { describe, expect, it } from 'vitest'
import { wipState } from '@shared/domain/wip'

describe('wipState', () => {
  it('shows no limit when there is none', () => {
    expect(wipState(50, null)).toBe('none')
    expect(wipState(3, 0)).toBe('none')
  })

  it('is under, at, then over as cards are added', () => {
    expect(wipState(0, 3)).toBe('under')
    expect(wipState(2, 3)).toBe('under')
    expect(wipState(3, 3)).toBe('at')
    expect(wipState(4, 3)).toBe('over')
  })
})
