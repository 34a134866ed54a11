/**
 * Attack 11: an honest mentor was cut off without knowing. After one refused change in a mentor's
 * session, every later comment of that session was refused too (the "no gaps" rule), counted on
 * the team's side as another attempt, and the mentor's screen showed it as sent.
 */
import { describe, expect, it } from 'vitest'
import { addComment, readComments, renameColumn, watchCommentWrites } from '@shared/doc'
import { createCommentReceipts } from '@shared/sync/commentReceipts'
import { BOB, ctxAt } from '../shared/support'
import { world } from './support/guardRoom'

describe('attack 11: an honest mentor whose session had one refused change', () => {
  it('the team counts it once; the mentor learns within the timeout, starts a fresh session, and the comment gets through', () => {
    const w = world(2)
    const mentor = w.mentor
    let now = 0
    const receipts = createCommentReceipts(mentor.clientID, { timeoutMs: 10_000 })
    watchCommentWrites(mentor, { onLocal: (c) => receipts.wrote(c, now), onRemote: (k, v) => receipts.echo(k, v) })
    receipts.connected(true, now)

    // A comment that goes through is acknowledged by the team's re-authored copy.
    addComment(mentor, ctxAt(undefined, BOB), { text: 'First thoughts' })
    w.flush()
    expect(receipts.check(now)).toEqual({ waiting: 0, notAccepted: [] })

    // One refused change (an old app build let the mentor rename a column)...
    renameColumn(mentor, ctxAt(undefined, BOB), w.columnId as never, 'Mentor was here')
    // ...then three honest comments: gaps now, for this session.
    for (const text of ['One', 'Two', 'Three']) addComment(mentor, ctxAt(undefined, BOB), { text })
    w.flush()
    for (const t of w.team) expect(readComments(t).map((c) => c.text).sort()).toEqual(['Budget is £40k', 'First thoughts'])
    for (const m of w.mirrors) expect(m.stats()).toMatchObject({ refused: 1, gapsAfterRefusal: 3 })

    // Not yet overdue; connected time only counts.
    now += 5_000
    expect(receipts.check(now).notAccepted).toEqual([])
    receipts.connected(false, now)
    now += 60_000
    expect(receipts.check(now).notAccepted).toEqual([])
    receipts.connected(true, now)
    now += 5_000
    const { notAccepted } = receipts.check(now)
    expect(notAccepted.map((c) => c.text)).toEqual(['One', 'Two', 'Three'])

    // Fresh session: a new client id for the mentor's doc, the comments posted again (new ids).
    const fresh = (mentor.clientID + 1) >>> 0
    mentor.clientID = fresh
    for (const c of receipts.freshSession(fresh, now)) {
      mentor.getMap('comments').delete(c.id)
      addComment(mentor, ctxAt(undefined, BOB), { text: c.text, cardId: c.cardId as never })
    }
    w.flush()
    for (const t of w.team) expect(readComments(t).map((c) => c.text).sort()).toEqual(['Budget is £40k', 'First thoughts', 'One', 'Three', 'Two'])
    expect(receipts.check(now + 20_000)).toEqual({ waiting: 0, notAccepted: [] })
    // Still counted once: the bare deletions of the old keys are not attributable and not counted.
    for (const m of w.mirrors) expect(m.stats().refused).toBe(1)
  })
})
