import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { compareRanked, rankAtIndex, rankBetween, sortRanked, type Ranked } from '@shared/domain/ordering'

describe('compareRanked / sortRanked', () => {
  it('orders by rank first, whatever the ids', () => {
    const items: Ranked[] = [
      { id: 'a', rank: 'a2' },
      { id: 'z', rank: 'a0' },
      { id: 'm', rank: 'a1' }
    ]
    expect(sortRanked(items).map((i) => i.id)).toEqual(['z', 'm', 'a'])
  })

  it('breaks equal ranks by id, so two peers that inserted at the same spot show the same order', () => {
    const x = { id: 'card-b', rank: 'a0' }
    const y = { id: 'card-a', rank: 'a0' }
    expect(sortRanked([x, y]).map((i) => i.id)).toEqual(['card-a', 'card-b'])
    expect(sortRanked([y, x]).map((i) => i.id)).toEqual(['card-a', 'card-b'])
    expect(compareRanked(x, x)).toBe(0)
  })

  it('does not reorder the list it was given', () => {
    const items = [
      { id: 'b', rank: 'a1' },
      { id: 'a', rank: 'a0' }
    ]
    sortRanked(items)
    expect(items.map((i) => i.id)).toEqual(['b', 'a'])
  })
})

describe('rankBetween', () => {
  it('makes a rank strictly between two different neighbours', () => {
    const r = rankBetween('a0', 'a1')
    expect(r > 'a0' && r < 'a1').toBe(true)
  })

  it('makes ranks at either end', () => {
    expect(rankBetween(null, 'a0') < 'a0').toBe(true)
    expect(rankBetween('a0', null) > 'a0').toBe(true)
    expect(typeof rankBetween(null, null)).toBe('string')
  })

  it('does not throw when two neighbours share a rank, and places after them, before the next larger rank', () => {
    const all = ['a0', 'a0', 'a1']
    let r = ''
    expect(() => (r = rankBetween('a0', 'a0', all))).not.toThrow()
    expect(r > 'a0').toBe(true)
    expect(r < 'a1').toBe(true)
  })

  it('does not throw when a neighbour’s rank is missing or unreadable (a half-delivered change), and keeps order', () => {
    const all = ['', '', 'a1', 'a2']
    const r = rankBetween('', '', all)
    expect(r > '' && r < 'a1').toBe(true)
    expect(rankBetween('', 'a1', all) < 'a1').toBe(true)
    const s = rankBetween('a1', 'not a rank', all)
    expect(s > 'a1' && s < 'a2').toBe(true)
    expect(() => rankBetween('###', null)).not.toThrow()
  })

  it('copes with equal neighbours at the end of the list', () => {
    const r = rankBetween('a5', 'a5', ['a0', 'a5', 'a5'])
    expect(r > 'a5').toBe(true)
  })
})

describe('rankAtIndex', () => {
  const place = (list: Ranked[], id: string, index: number): Ranked[] =>
    sortRanked([...list, { id, rank: rankAtIndex(list, index) }])

  it('puts an item at the requested index', () => {
    let list: Ranked[] = []
    list = place(list, 'b', 0)
    list = place(list, 'd', 1)
    list = place(list, 'a', 0)
    list = place(list, 'c', 2)
    expect(list.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('clamps an index outside the list to the nearest end', () => {
    let list: Ranked[] = [{ id: 'm', rank: 'a0' }]
    list = place(list, 'first', -5)
    list = place(list, 'last', 99)
    expect(list.map((i) => i.id)).toEqual(['first', 'm', 'last'])
  })

  it('keeps a single person’s random insertions in exactly the intended order (500 inserts)', () => {
    const gen = prng.create(42)
    const expected: string[] = []
    let list: Ranked[] = []
    for (let n = 0; n < 500; n++) {
      const id = `item-${n}`
      const index = prng.int32(gen, 0, expected.length)
      expected.splice(index, 0, id)
      list = place(list, id, index)
    }
    expect(list.map((i) => i.id)).toEqual(expected)
  })

  it('places among cards whose rank is missing without throwing', () => {
    const list: Ranked[] = sortRanked([
      { id: 'x', rank: '' },
      { id: 'y', rank: '' },
      { id: 'z', rank: 'a1' }
    ])
    for (let i = 0; i <= list.length; i++) expect(() => rankAtIndex(list, i)).not.toThrow()
    expect(place(list, 'new', 2).map((i) => i.id)).toEqual(['x', 'y', 'new', 'z'])
    expect(place(list, 'end', 3).map((i) => i.id)).toEqual(['x', 'y', 'z', 'end'])
  })

  it('inserting between two tied neighbours lands next to them, never past a larger rank', () => {
    const tied: Ranked[] = sortRanked([
      { id: 'x', rank: 'a0' },
      { id: 'y', rank: 'a0' },
      { id: 'z', rank: 'a1' }
    ])
    const list = place(tied, 'new', 1)
    // No rank sorts strictly between two equal ranks, so the new item follows the tied pair.
    expect(list.map((i) => i.id)).toEqual(['x', 'y', 'new', 'z'])
  })
})
