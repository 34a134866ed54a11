import { describe, expect, it } from 'vitest'
import {
  findMentions,
  insertMention,
  MAX_MENTIONS,
  mentionParts,
  mentionQueryAt,
  mentionSuggestions,
  parseMentions,
  type MentionCandidate
} from '@shared/domain/mentions'

const PEOPLE: MentionCandidate[] = [
  { id: 'p-asha', name: 'Asha Patel', kind: 'person' },
  { id: 'p-asha2', name: 'Asha', kind: 'person' },
  { id: 'p-bob', name: 'Bob Pryce', kind: 'person' },
  { id: 'm-priya', name: 'Priya Shah', kind: 'mentor', detail: 'NHS Digital' },
  { id: 'p-zoe', name: 'Zoë O’Neill', kind: 'person' }
]

describe('parseMentions', () => {
  it('matches names with spaces, the longest name first', () => {
    expect(parseMentions('Thanks @Asha Patel, can you ask @Priya Shah?', PEOPLE)).toEqual(['p-asha', 'm-priya'])
    // "@Asha" alone is the other Asha.
    expect(parseMentions('@Asha could you look', PEOPLE)).toEqual(['p-asha2'])
  })

  it('ignores case, and needs a word boundary after the name', () => {
    expect(parseMentions('@bob pryce please', PEOPLE)).toEqual(['p-bob'])
    expect(parseMentions('@Bob Pryces team', PEOPLE)).toEqual([])
    expect(parseMentions('ask @zoë o’neill.', PEOPLE)).toEqual(['p-zoe'])
  })

  it('leaves unknown names and e-mail addresses as text', () => {
    expect(parseMentions('@Nobody Here and asha@council.gov.uk', PEOPLE)).toEqual([])
  })

  it('mentions each person once, in order of first appearance', () => {
    expect(parseMentions('@Bob Pryce @Asha Patel @Bob Pryce', PEOPLE)).toEqual(['p-bob', 'p-asha'])
  })

  it('two people with one name: the one picked wins; with none picked, both are told', () => {
    const twins: MentionCandidate[] = [
      { id: 'a', name: 'Sam Lee', kind: 'person' },
      { id: 'b', name: 'Sam Lee', kind: 'mentor', detail: 'Charity' }
    ]
    expect(parseMentions('@Sam Lee hi', twins, new Set(['b']))).toEqual(['b'])
    expect(parseMentions('@Sam Lee hi', twins)).toEqual(['a', 'b'])
  })

  it(`keeps at most ${MAX_MENTIONS}`, () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, name: `Person ${String.fromCharCode(65 + i)}x`, kind: 'person' as const }))
    const text = many.map((p) => `@${p.name}`).join(' ')
    expect(parseMentions(text, many)).toHaveLength(MAX_MENTIONS)
  })
})

describe('typing a mention', () => {
  it('finds the @query at the caret, and not inside an address', () => {
    expect(mentionQueryAt('Hello @As', 9)).toEqual({ start: 6, query: 'As' })
    expect(mentionQueryAt('Hello @Asha Pa', 14)).toEqual({ start: 6, query: 'Asha Pa' })
    expect(mentionQueryAt('mail asha@x', 11)).toBeNull()
    expect(mentionQueryAt('no at here', 5)).toBeNull()
    expect(mentionQueryAt('@Asha\nnext', 10)).toBeNull()
  })

  it('suggests names starting with the query, or with a word of it', () => {
    expect(mentionSuggestions('as', PEOPLE).map((c) => c.id)).toEqual(['p-asha2', 'p-asha'])
    expect(mentionSuggestions('sha', PEOPLE).map((c) => c.id)).toEqual(['m-priya'])
    expect(mentionSuggestions('', PEOPLE)).toHaveLength(PEOPLE.length)
    expect(mentionSuggestions('x', PEOPLE)).toEqual([])
  })

  it('inserts "@Name " where the query was, and puts the caret after it', () => {
    expect(insertMention('Hi @as thanks', 3, 6, 'Asha Patel')).toEqual({ text: 'Hi @Asha Patel thanks', caret: 15 })
    expect(insertMention('Hi @as', 3, 6, 'Asha Patel')).toEqual({ text: 'Hi @Asha Patel ', caret: 15 })
  })
})

describe('showing mentions', () => {
  it('marks only the names the comment mentions', () => {
    const parts = mentionParts('@Asha Patel and @Bob Pryce', ['p-asha'], PEOPLE)
    expect(parts).toEqual([
      { kind: 'mention', text: '@Asha Patel', id: 'p-asha' },
      { kind: 'text', text: ' and @Bob Pryce' }
    ])
    expect(findMentions('@Asha Patel', [])).toEqual([])
  })
})
