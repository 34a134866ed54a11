/**
 * A rule about what a person typed that a schema cannot see on its own (a name already taken, a
 * label the card already has). It names the field, so a form shows the message on that field and
 * in its error summary, exactly like a validation message.
 */
export class InputError extends Error {
  override readonly name = 'InputError'
  constructor(
    /** The input's key as the operation names it (`name`, `title`, `label`, `tag`…). */
    readonly field: string,
    message: string
  ) {
    super(message)
  }
}

/** Names compared the way people read them: case, accents' case and surrounding spaces ignored. */
export function sameName(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), 'en-GB', { sensitivity: 'accent' }) === 0
}
