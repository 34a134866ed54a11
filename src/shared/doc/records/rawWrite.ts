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
