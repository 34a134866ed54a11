// An activity entry a peer wrote with data nested thousands of levels deep is small enough to pass
// the size limit; read as it is, describing it would overflow the stack inside the History screen.
import { expect, it } from 'vitest'
import { describeActivity } from '@shared/doc/activityText'
import { parseStoredActivity } from '@shared/doc/records/activity'

it('an entry a peer wrote with deeply nested data is refused, or described without throwing', () => {
  const depth = 3_500
  const kind = JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown
  const r = parseStoredActivity({ id: 'a1', at: 1, by: 'p', byName: 'P', type: 'decision.recorded', data: { kind } })
  if (!r.ok) return // refused: fine
  expect(() => describeActivity(r.entry, { card: () => null, column: () => null })).not.toThrow()
})
