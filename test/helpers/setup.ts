// Real IndexedDB semantics in node for y-indexeddb under vitest.
import 'fake-indexeddb/auto'
