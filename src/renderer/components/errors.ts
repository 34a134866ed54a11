import { ZodError, type z } from 'zod'
import { InputError } from '@shared/domain/inputError'

/**
 * A person-readable message for one validation issue. Our schemas carry their own UK-English
 * messages; this is the safety net for one that does not, so zod's developer wording ("Too big:
 * expected string to have <=200 characters") never reaches the screen.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (!looksTechnical(issue.message)) return issue.message
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string' ? `Enter ${formatCount(issue.maximum)} characters or fewer` : `Enter ${formatCount(issue.maximum)} or less`
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Enter a value' : `Enter at least ${formatCount(issue.minimum)} characters`
      return `Enter ${formatCount(issue.minimum)} or more`
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? 'Enter a number' : 'Check what you entered'
    case 'invalid_value':
      return 'Choose one of the options'
    default:
      return 'Check what you entered'
  }
}

const TECHNICAL = /^(invalid|too (big|small)|expected|unrecognized|must be)\b|expected |received /i

function looksTechnical(message: string): boolean {
  return message.trim() === '' || TECHNICAL.test(message)
}

function formatCount(n: number | bigint): string {
  return Number(n).toLocaleString('en-GB')
}

/** A message a person can act on, from whatever a domain operation threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ZodError) return err.issues[0] ? issueMessage(err.issues[0]) : 'Check what you entered'
  if (err instanceof Error && err.message && !/^(TypeError|ReferenceError|RangeError|SyntaxError)$/.test(err.name)) return err.message
  // A programming error's text ("Cannot read properties of undefined") means nothing to a person.
  console.error(err)
  return 'Something went wrong and the change was not saved. Try again; if it keeps happening, reload the page.'
}

/** Field-keyed messages from a ZodError or an InputError, for inline GOV.UK error messages. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (err instanceof InputError) return { [err.field]: err.message }
  if (!(err instanceof ZodError)) return {}
  const out: Record<string, string> = {}
  for (const issue of err.issues) {
    const key = String(issue.path[0] ?? '_')
    out[key] ??= issueMessage(issue)
  }
  return out
}
