/**
 * Opening a project checks well-formed cards without zod (records/card.ts `wellFormedCard`). It
 * must never accept what the stored-card schema refuses, nor read a card differently: here every
 * field of a good card is broken in turn (and a few at once), and whenever the fast path answers,
 * its answer must equal the schema's.
 */
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { cardFromSchema, wellFormedCard } from '@shared/doc/records/card'

const GOOD: Record<string, unknown> = {
  id: 'card-1',
  columnId: 'col-1',
  rank: 'a0',
  title: 'Map the repairs journey',
  dueDate: '2026-06-30',
  archived: false,
  createdBy: 'person-1',
  createdAt: 1_780_000_000_000,
  updatedBy: 'person-2',
  updatedAt: 1_780_000_100_000,
  fromSession: { sessionId: 'session-1', actionId: 'action-1' },
  labels: ['discovery', 'housing'],
  assignees: ['person-1'],
  checklist: [
    { id: 'item-2', text: 'Second', done: true, rank: 'a1' },
    { id: 'item-1', text: 'First', done: false, rank: 'a0' }
  ]
}

const BAD_VALUES: readonly unknown[] = [
  undefined, null, NaN, Infinity, -1, 1e300, 0, 42, '', 'x'.repeat(5_001), 'x'.repeat(101), '2026-02-31', '__proto__',
  true, [], ['a'], [1], {}, { notASet: true }, Array.from({ length: 501 }, (_, i) => `l${i}`),
  [{ id: 'i', text: 't', done: 'yes', rank: 'a0' }], [{ id: '', text: 't', done: false, rank: 'a0' }], [null], { sessionId: 'x' }
]

function agree(raw: Record<string, unknown>, key = 'card-1', cycle: number | null = null): void {
  const fast = wellFormedCard(key, raw, cycle)
  if (fast === null) return
  const slow = cardFromSchema(key, raw, cycle)
  expect(slow.ok, `schema refused what the fast path accepted: ${JSON.stringify(raw)}`).toBe(true)
  if (slow.ok) expect(fast).toEqual(slow.card)
}

describe('the fast check for stored cards', () => {
  it('reads a good card exactly as the schema does, checklist sorted and cycle kept', () => {
    const fast = wellFormedCard('card-1', GOOD, 3)
    expect(fast).not.toBeNull()
    expect(fast?.checklist.map((i) => i.text)).toEqual(['First', 'Second'])
    expect(fast?.cycle).toBe(3)
    agree(GOOD, 'card-1', 3)
  })

  it('never accepts a field the schema would refuse or read differently', () => {
    for (const field of Object.keys(GOOD)) for (const bad of BAD_VALUES) agree({ ...GOOD, [field]: bad })
    for (const key of ['', '__proto__', 'k'.repeat(101), 'other-card']) agree(GOOD, key)
  })

  it('agrees with the schema on 2,000 cards broken in several places at once', () => {
    const gen = prng.create(7)
    const fields = Object.keys(GOOD)
    for (let n = 0; n < 2_000; n++) {
      const raw = { ...GOOD }
      for (let k = prng.uint32(gen, 1, 3); k > 0; k--) raw[fields[prng.uint32(gen, 0, fields.length - 1)]!] = BAD_VALUES[prng.uint32(gen, 0, BAD_VALUES.length - 1)]
      agree(raw)
    }
  })
})
