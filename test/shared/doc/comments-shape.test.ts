/**
 * Attack 5 (the data part): a comment with `at: NaN` was accepted (and took the card screen down).
 * The guard refuses a comment record of bad shape; the reader's side is tested with the readers.
 */
import { describe, expect, it } from 'vitest'
import { readComments } from '@shared/doc'
import { assertStillFlowing, diff, hostileCopy, refusals, teamView, world } from '../../security/support/guardRoom'

const good = { id: 'c-1', cardId: null, text: 'Fine', by: 'person-bob', byName: 'Bob', at: Date.UTC(2026, 5, 1) }

describe('attack 5: a comment record of bad shape', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['at: NaN', { ...good, at: NaN }],
    ['at: Infinity', { ...good, at: Infinity }],
    ['at in the year 3000', { ...good, at: Date.UTC(3000, 0, 1) }],
    ['at as text', { ...good, at: '2026-06-01' }],
    ['text missing', { ...good, text: undefined }],
    ['text blank', { ...good, text: '   ' }],
    ['id not its key', { ...good, id: 'another' }],
    ['an array', [good] as unknown as Record<string, unknown>],
    ['cardId an object', { ...good, cardId: { x: 1 } }],
    ['byName of 10,000 characters', { ...good, byName: 'x'.repeat(10_000) }]
  ]
  it.each(cases)('%s is refused and counted; nothing changes for the team', (_what, value) => {
    const w = world(2)
    const before = teamView(w)
    const hostile = hostileCopy(w)
    w.room.send(diff(hostile, (d) => d.getMap('comments').set('c-1', value)))
    w.flush()
    expect(teamView(w)).toEqual(before)
    expect(refusals(w)).toBe(2)
    for (const m of w.mirrors) expect(m.stats().lastRefusal).toBe('bad-comment')
    for (const m of w.mirrors) expect(m.doc.getMap('comments').has('c-1')).toBe(false)
    assertStillFlowing(w)
  })

  it('the same record with a sane time is accepted (the test can fail)', () => {
    const w = world(2)
    w.room.send(diff(hostileCopy(w), (d) => d.getMap('comments').set('c-1', good)))
    w.flush()
    for (const t of w.team) expect(readComments(t).map((c) => c.text)).toContain('Fine')
  })
})
