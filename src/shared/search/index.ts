/** Search: plain indexing and querying over what the doc layer reads. No Yjs, no React. */
export * from './entries'
export * from './highlight'
export * from './searchIndex'
export * from './filter'
export * from './service'
