/**
 * One module per record kind: the zod schema for what a peer may have STORED, its defaults, and a
 * parse that returns the plain record or why it was refused. Readers in ../ use these and report
 * what they skip through ../readProblems.ts.
 */
export * from './common'
export * from './activity'
export * from './card'
export * from './column'
export * from './comment'
export * from './cycle'
export * from './decision'
export * from './feedback'
export * from './person'
export * from './project'
export * from './mentor'
export * from './pairing'
export * from './mentorLink'
