import { describe, expect, it } from 'vitest'
import { createCommentReceipts, isReceiptFor } from '@shared/sync/commentReceipts'

const c = { id: 'c1', cardId: null, text: 'Hello' }
const receipt = { id: 'c1', cardId: null, text: 'Hello', by: 'p', byName: 'P', at: 1, via: 'mentor-room', mentorClient: 7 }

describe('comment receipts (mentor side)', () => {
  it("acknowledges only the team's copy of this session's comment with the same text", () => {
    expect(isReceiptFor(receipt, 7, c)).toBe(true)
    expect(isReceiptFor(receipt, 8, c)).toBe(false)
    expect(isReceiptFor({ ...receipt, text: 'Hello!' }, 7, c)).toBe(false)
    expect(isReceiptFor({ ...receipt, via: undefined }, 7, c)).toBe(false)
    expect(isReceiptFor({ ...receipt, text: '', deleted: true }, 7, { ...c, deleted: true })).toBe(true)
  })

  it('counts only connected time; overdue comments come back for a fresh session, under the new client id', () => {
    const r = createCommentReceipts(7, { timeoutMs: 1000 })
    r.wrote(c, 0)
    expect(r.check(5000).notAccepted).toEqual([]) // not connected yet
    r.connected(true, 5000)
    expect(r.check(5900).notAccepted).toEqual([])
    expect(r.check(6000).notAccepted).toEqual([c])
    expect(r.freshSession(9, 6000)).toEqual([c])
    expect(r.clientId).toBe(9)
    expect(r.check(99_000)).toEqual({ waiting: 0, notAccepted: [] })
  })

  it('an echo without content (the copy lost a same-key conflict) is a receipt; an unrelated key is not', () => {
    const r = createCommentReceipts(7, { timeoutMs: 1000 })
    r.connected(true, 0)
    r.wrote(c, 0)
    r.echo('other', undefined)
    expect(r.check(0).waiting).toBe(1)
    r.echo('c1', undefined)
    expect(r.check(5000)).toEqual({ waiting: 0, notAccepted: [] })
  })
})
