// Random pairing rounds (UnMentoring): seeded, so every assertion here is exact.
import { describe, expect, it } from 'vitest'
import { drawRound, pairKey, pairsOf, seededRandom, type PairingParticipant } from '@shared/domain/pairing'
import { InputError } from '@shared/domain/inputError'

const people = (n: number, team: (i: number) => string | null = () => null): PairingParticipant[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${String(i).padStart(2, '0')}`, name: `Person ${i}`, team: team(i) }))

const NONE: ReadonlySet<string> = new Set()

function everyoneOnce(groups: readonly (readonly string[])[], ids: readonly string[]): void {
  const flat = groups.flat()
  expect([...flat].sort()).toEqual([...ids].sort())
  expect(new Set(flat).size).toBe(flat.length)
}

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, and others for another seed', () => {
    const a = seededRandom('round-1')
    const b = seededRandom('round-1')
    const c = seededRandom('round-2')
    const first = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(first)
    expect([c(), c(), c()]).not.toEqual(first)
    for (const x of first) expect(x >= 0 && x < 1).toBe(true)
  })
})

describe('drawRound', () => {
  it('pairs 31 people for 12 rounds with no pair ever repeated, and never two from the same team', () => {
    // Six teams of five or six, like a cohort of project teams.
    const all = people(31, (i) => `team ${i % 6}`)
    const past = new Set<string>()
    for (let round = 1; round <= 12; round++) {
      const r = drawRound(all, past, `programme-x:round-${round}`)
      everyoneOnce(r.groups, all.map((p) => p.id))
      expect(r.groups.filter((g) => g.length === 3)).toHaveLength(1)
      expect(r.groups.filter((g) => g.length === 2)).toHaveLength(14)
      expect(r.repeats).toBe(0)
      expect(r.sameTeam).toBe(0)
      for (const key of pairsOf(r.groups)) {
        expect(past.has(key), `round ${round} repeats ${key}`).toBe(false)
        const [a, b] = key.split('|')
        expect(all.find((p) => p.id === a)!.team).not.toBe(all.find((p) => p.id === b)!.team)
        past.add(key)
      }
    }
    // 12 rounds of 14 pairs and a trio (3 pairs): 204 different pairs met.
    expect(past.size).toBe(12 * 17)
  })

  it('keeps people from the same team apart when it can', () => {
    const four = people(4, (i) => (i < 2 ? 'bins' : 'parking'))
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      const r = drawRound(four, NONE, seed)
      expect(r.sameTeam).toBe(0)
      for (const g of r.groups) expect(new Set(g.map((id) => four.find((p) => p.id === id)!.team)).size).toBe(g.length)
    }
  })

  it('makes one trio of an odd count, choosing the trio that adds no repeat pair', () => {
    const five = people(5)
    // p04 has already met p00, p01 and p02: any trio with p04 in it repeats a pair, so p04 is
    // paired with p03 and the trio is p00, p01 and p02.
    const past = new Set([pairKey('p04', 'p00'), pairKey('p04', 'p01'), pairKey('p04', 'p02')])
    const r = drawRound(five, past, 'trio')
    everyoneOnce(r.groups, five.map((p) => p.id))
    expect(r.repeats).toBe(0)
    expect(r.groups).toEqual([['p00', 'p01', 'p02'], ['p03', 'p04']])
  })

  it('draws three people as one trio', () => {
    expect(drawRound(people(3), NONE, 's').groups).toEqual([['p00', 'p01', 'p02']])
  })

  it('when repeats cannot be avoided, makes as few as possible and says how many', () => {
    const four = people(4)
    const everyPair = new Set(pairsOf([['p00', 'p01', 'p02', 'p03']]))
    const r = drawRound(four, everyPair, 'full')
    everyoneOnce(r.groups, four.map((p) => p.id))
    expect(r.groups).toHaveLength(2)
    expect(r.repeats).toBe(2)
  })

  it('prefers two people from the same team to a repeat pair', () => {
    // A, B in one team; C, D in another. A–C, B–D and A–D have met: the only round without a
    // repeat pairs each team with itself.
    const four: PairingParticipant[] = [
      { id: 'a', name: 'A', team: 'x' },
      { id: 'b', name: 'B', team: 'x' },
      { id: 'c', name: 'C', team: 'y' },
      { id: 'd', name: 'D', team: 'y' }
    ]
    const past = new Set([pairKey('a', 'c'), pairKey('b', 'd'), pairKey('a', 'd')])
    const r = drawRound(four, past, 'teams')
    expect(r).toEqual({ groups: [['a', 'b'], ['c', 'd']], repeats: 0, sameTeam: 2 })
  })

  it('counts the same-team pairs it could not avoid (everyone in one team)', () => {
    const r = drawRound(people(7, () => 'Everyone'), NONE, 'one-team')
    expect(r.repeats).toBe(0)
    // Seven people: two pairs and a trio, which holds three pairs.
    expect(r.sameTeam).toBe(5)
  })

  it('compares teams ignoring case and spaces', () => {
    const two: PairingParticipant[] = [
      { id: 'a', name: 'A', team: 'Bins ' },
      { id: 'b', name: 'B', team: 'bins' }
    ]
    expect(drawRound(two, NONE, 's').sameTeam).toBe(1)
    expect(drawRound([{ ...two[0]!, team: null }, { ...two[1]!, team: null }], NONE, 's').sameTeam).toBe(0)
  })

  it('is the same round for the same seed, whatever order people are given in', () => {
    const ten = people(10)
    const r1 = drawRound(ten, NONE, 'seed-1')
    expect(drawRound(ten, NONE, 'seed-1')).toEqual(r1)
    const reversed = drawRound([...ten].reverse(), NONE, 'seed-1')
    // Same pairs; listed in the order given.
    expect(new Set(pairsOf(reversed.groups))).toEqual(new Set(pairsOf(r1.groups)))
  })

  it('draws different rounds for different seeds', () => {
    const ten = people(10)
    const rounds = ['s1', 's2', 's3', 's4'].map((s) => JSON.stringify(drawRound(ten, NONE, s).groups))
    expect(new Set(rounds).size).toBe(4)
  })

  it('lists groups in the order people were given, members too', () => {
    const six = people(6)
    const r = drawRound(six, NONE, 'order')
    for (const g of r.groups) expect([...g].sort()).toEqual(g)
    expect(r.groups.map((g) => g[0])).toEqual([...r.groups.map((g) => g[0])].sort())
    expect(r.groups[0]![0]).toBe('p00')
  })

  it('needs at least two people', () => {
    expect(() => drawRound(people(1), NONE, 's')).toThrow(InputError)
    expect(() => drawRound([], NONE, 's')).toThrow('At least 2 people need to opt in before a round can be drawn')
  })

  it('counts each person once when listed twice', () => {
    const r = drawRound([...people(4), ...people(4)], NONE, 'dup')
    everyoneOnce(r.groups, people(4).map((p) => p.id))
  })

  it('answers quickly when nothing good is possible (60 people, one team, everyone met)', () => {
    const sixty = people(60, () => 'same')
    const ids = sixty.map((p) => p.id)
    const past = new Set(pairsOf([ids]))
    const started = performance.now()
    const r = drawRound(sixty, past, 'worst')
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(r.repeats).toBe(30)
    expect(r.sameTeam).toBe(30)
  })
})
