import { ZodError } from 'zod'

/** A message a person can act on, from whatever a domain operation threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ZodError) return err.issues[0]?.message ?? 'Check what you entered'
  if (err instanceof Error) return err.message
  return String(err)
}

/** Field-keyed messages from a ZodError, for inline GOV.UK error messages. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ZodError)) return {}
  const out: Record<string, string> = {}
  for (const issue of err.issues) {
    const key = String(issue.path[0] ?? '_')
    out[key] ??= issue.message
  }
  return out
}
