import { InputError } from './inputError'

/**
 * Random pairing rounds, as LocalGov Digital's UnMentoring ran them: everyone who opted in is
 * paired at random with someone they have not been paired with before, and not with someone from
 * their own team; an odd person out makes one trio.
 *
 * Pure and seeded: the same people, past pairs and seed give the same round on every computer and
 * in every test, so a drawn round can be checked exactly and re-created from what is stored.
 */

export interface PairingParticipant {
  readonly id: string
  readonly name: string
  /** Who someone works with day to day; two people with the same team are not paired if avoidable. */
  readonly team: string | null
}

export interface DrawnRound {
  /** Pairs, and one trio when the count is odd: participant ids. */
  readonly groups: string[][]
  /** Pairs in this round that met in an earlier round (0 unless it could not be avoided). */
  readonly repeats: number
  /** Pairs in this round from the same team (0 unless it could not be avoided). */
  readonly sameTeam: number
}

/** The key of an unordered pair in `pastPairs`: the two ids, smaller first, joined by "|". */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`
}

/** Every pair that met in these groups (a trio makes three), as `pairKey`s. */
export function pairsOf(groups: readonly (readonly string[])[]): string[] {
  const out: string[] = []
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.push(pairKey(g[i]!, g[j]!))
  return out
}

/**
 * A small seeded random source (mulberry32 over an FNV-1a hash of the seed): numbers in [0, 1).
 * Not for secrets; for draws that must come out the same wherever they are repeated.
 */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  let a = h >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

/** A repeat costs more than every possible same-team pair together: fewest repeats first, then fewest same-team pairs. */
const REPEAT_COST = 1_000_000
/** Backtracking steps per try, and tries (each reshuffled): bounded, so an impossible round still answers at once. */
const SEARCH_STEPS = 4_000
const SEARCH_TRIES = 12
const GREEDY_STARTS = 16

function teamOf(team: string | null): string | null {
  const t = team?.trim().toLocaleLowerCase('en-GB') ?? ''
  return t === '' ? null : t
}

/**
 * Draw one round.
 *
 * How: first a randomised backtracking search (the person with the fewest possible partners goes
 * first) for a round with no repeat pair and no same-team pair; failing that, one with no repeat
 * pair, improved by swaps to lower the same-team pairs; failing that, random greedy rounds improved
 * by swaps (swapping members between two groups while that lowers the cost), keeping the best.
 * Repeats are avoided before teams. The trio is part of the cost, so the odd person out joins the
 * pair that adds the fewest repeats. The counts say what could not be avoided, for the screen.
 *
 * The result depends on the set of people, not on the order they are given in (they are ordered by
 * id inside); groups come back in the order given (each group by its first member).
 */
export function drawRound(participants: readonly PairingParticipant[], pastPairs: ReadonlySet<string>, seed: string): DrawnRound {
  const byId = new Map<string, PairingParticipant>()
  for (const p of participants) if (!byId.has(p.id)) byId.set(p.id, p)
  if (byId.size < 2) throw new InputError('participants', 'At least 2 people need to opt in before a round can be drawn')
  const people = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const n = people.length
  const teams = people.map((p) => teamOf(p.team))
  const repeat: boolean[][] = people.map((a) => people.map((b) => a.id !== b.id && pastPairs.has(pairKey(a.id, b.id))))
  const same: boolean[][] = teams.map((a) => teams.map((b) => a !== null && a === b))
  const cost: number[][] = people.map((_, i) => people.map((_, j) => (repeat[i]![j] ? REPEAT_COST : 0) + (same[i]![j] ? 1 : 0)))
  const random = seededRandom(seed)

  let groups = findRound(n, (i, j) => cost[i]![j] === 0, random)
  if (!groups) {
    const noRepeats = findRound(n, (i, j) => !repeat[i]![j], random)
    if (noRepeats) groups = improve(noRepeats, cost, random)
  }
  if (!groups) {
    let best: number[][] | null = null
    let bestCost = Infinity
    for (let s = 0; s < GREEDY_STARTS && bestCost > 0; s++) {
      const g = improve(greedyRound(n, cost, random), cost, random)
      const c = totalCost(g, cost)
      if (c < bestCost) [best, bestCost] = [g, c]
    }
    groups = best!
  }

  let repeats = 0
  let sameTeam = 0
  for (const g of groups)
    for (let a = 0; a < g.length; a++)
      for (let b = a + 1; b < g.length; b++) {
        if (repeat[g[a]!]![g[b]!]) repeats++
        if (same[g[a]!]![g[b]!]) sameTeam++
      }
  const given = new Map([...byId.keys()].map((id, i) => [id, i]))
  const ordered = groups
    .map((g) => g.map((i) => people[i]!.id).sort((a, b) => given.get(a)! - given.get(b)!))
    .sort((a, b) => given.get(a[0]!)! - given.get(b[0]!)!)
  return { groups: ordered, repeats, sameTeam }
}

/**
 * A round using only allowed pairs (every pair inside a trio allowed too), or null when none was
 * found within the step budget. Backtracking on the person with the fewest free allowed partners.
 */
function findRound(n: number, allowed: (i: number, j: number) => boolean, random: () => number): number[][] | null {
  const neighbours: number[][] = []
  for (let i = 0; i < n; i++) {
    const list: number[] = []
    for (let j = 0; j < n; j++) if (j !== i && allowed(i, j)) list.push(j)
    if (list.length === 0) return null
    neighbours.push(list)
  }
  for (let attempt = 0; attempt < SEARCH_TRIES; attempt++) {
    const order = shuffle([...Array(n).keys()], random)
    const lists = neighbours.map((l) => shuffle([...l], random))
    const free = new Array<boolean>(n).fill(true)
    // How many free allowed partners each person has left.
    const degree = lists.map((l) => l.length)
    const groups: number[][] = []
    let steps = 0
    const take = (v: number): void => {
      free[v] = false
      for (const u of lists[v]!) degree[u]!--
    }
    const give = (v: number): void => {
      free[v] = true
      for (const u of lists[v]!) degree[u]!++
    }
    const search = (remaining: number, trioLeft: boolean): boolean => {
      if (remaining === 0) return true
      if (++steps > SEARCH_STEPS) return false
      let v = -1
      for (const i of order) {
        if (!free[i]) continue
        if (degree[i] === 0) return false
        if (v === -1 || degree[i]! < degree[v]!) v = i
      }
      take(v)
      const partners = lists[v]!.filter((u) => free[u])
      if (!(trioLeft && remaining === 3)) {
        for (const u of partners) {
          take(u)
          groups.push([v, u])
          if (search(remaining - 2, trioLeft)) return true
          groups.pop()
          give(u)
          if (steps > SEARCH_STEPS) break
        }
      }
      if (trioLeft && steps <= SEARCH_STEPS) {
        for (let a = 0; a < partners.length; a++)
          for (let b = a + 1; b < partners.length; b++) {
            const [u, w] = [partners[a]!, partners[b]!]
            if (!allowed(u, w)) continue
            take(u)
            take(w)
            groups.push([v, u, w])
            if (search(remaining - 3, false)) return true
            groups.pop()
            give(w)
            give(u)
            if (steps > SEARCH_STEPS) break
          }
      }
      give(v)
      return false
    }
    if (search(n, n % 2 === 1)) return groups
  }
  return null
}

/** Random order; each person takes the cheapest free partner; an odd person out joins the cheapest pair. */
function greedyRound(n: number, cost: number[][], random: () => number): number[][] {
  const order = shuffle([...Array(n).keys()], random)
  const free = new Array<boolean>(n).fill(true)
  const groups: number[][] = []
  for (const v of order) {
    if (!free[v]) continue
    let best = -1
    for (const u of order) if (u !== v && free[u] && (best === -1 || cost[v]![u]! < cost[v]![best]!)) best = u
    if (best === -1) {
      // The odd person out: the pair that adds least.
      let target = groups[0]!
      for (const g of groups) if (addedCost(g, v, cost) < addedCost(target, v, cost)) target = g
      target.push(v)
    } else {
      free[v] = false
      free[best] = false
      groups.push([v, best])
    }
  }
  return groups
}

function addedCost(group: readonly number[], v: number, cost: number[][]): number {
  return group.reduce((sum, u) => sum + cost[u]![v]!, 0)
}

function groupCost(group: readonly number[], cost: number[][]): number {
  let sum = 0
  for (let a = 0; a < group.length; a++) for (let b = a + 1; b < group.length; b++) sum += cost[group[a]!]![group[b]!]!
  return sum
}

function totalCost(groups: readonly (readonly number[])[], cost: number[][]): number {
  return groups.reduce((sum, g) => sum + groupCost(g, cost), 0)
}

/** Every way to split `items` into a group of `size` and the rest (at most 10 ways for a pair and a trio). */
function splits(items: readonly number[], size: number): [number[], number[]][] {
  const out: [number[], number[]][] = []
  const pick = (start: number, chosen: number[]): void => {
    if (chosen.length === size) {
      out.push([chosen, items.filter((x) => !chosen.includes(x))])
      return
    }
    for (let i = start; i < items.length; i++) pick(i + 1, [...chosen, items[i]!])
  }
  pick(0, [])
  return out
}

/** Swap members between two groups while that lowers the cost (never raises it). */
function improve(start: readonly (readonly number[])[], cost: number[][], random: () => number): number[][] {
  const groups = start.map((g) => [...g])
  let better = true
  while (better) {
    better = false
    const pairs: [number, number][] = []
    for (let a = 0; a < groups.length; a++) for (let b = a + 1; b < groups.length; b++) pairs.push([a, b])
    for (const [a, b] of shuffle(pairs, random)) {
      const g1 = groups[a]!
      const g2 = groups[b]!
      const now = groupCost(g1, cost) + groupCost(g2, cost)
      if (now === 0) continue
      let best: [number[], number[]] | null = null
      let bestCost = now
      for (const [x, y] of splits([...g1, ...g2], g1.length)) {
        const c = groupCost(x, cost) + groupCost(y, cost)
        if (c < bestCost) [best, bestCost] = [[x, y], c]
      }
      if (best) {
        groups[a] = best[0]
        groups[b] = best[1]
        better = true
      }
    }
  }
  return groups
}
