import * as Y from 'yjs'

/**
 * Store a value the way a changed app could: no schema, no checks. For the red-team tests and the
 * end-to-end test hooks only (they show that readers skip what this writes); nothing in the app
 * imports it, so release bundles leave it out. An object becomes a Y.Map (its arrays and nested
 * objects stay plain values), except under `comments` and `decisions`, which hold plain values;
 * `activity` appends to the log.
 */
export function storeAsAPeerMight(doc: Y.Doc, kind: string, key: string, value: unknown): void {
  doc.transact(() => {
    if (kind === 'activity') {
      doc.getArray<unknown>('activity').push([value])
      return
    }
    const plain = kind === 'comments' || kind === 'decisions' || typeof value !== 'object' || value === null || Array.isArray(value)
    doc.getMap<unknown>(kind).set(key, plain ? value : toYMap(value as Record<string, unknown>))
  })
}

function toYMap(value: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(value)) m.set(k, v)
  return m
}

/**
 * A comment bomb as a changed mentor app could send: `depth` maps nested under one entry of
 * `comments`, written by a throwaway client (so the sending session's own later comments are not
 * gaps behind it) and applied to `doc` as if it had arrived. Returns the update's size in bytes.
 */
export function sendNestedCommentBomb(doc: Y.Doc, depth: number): number {
  const forger = new Y.Doc()
  Y.applyUpdate(forger, Y.encodeStateAsUpdate(doc))
  const comments = forger.getMap<unknown>('comments')
  forger.transact(() => {
    let at = new Y.Map<unknown>()
    comments.set(`bomb-${forger.clientID}`, at)
    for (let i = 1; i < depth; i++) {
      const next = new Y.Map<unknown>()
      at.set('reply', next)
      at = next
    }
    at.set('text', 'Nested all the way down')
  })
  const update = Y.encodeStateAsUpdate(forger, Y.encodeStateVector(doc))
  forger.destroy()
  Y.applyUpdate(doc, update, 'test-hooks:bomb')
  return update.byteLength
}
