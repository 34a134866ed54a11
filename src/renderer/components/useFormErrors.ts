import { useCallback, useMemo, useState } from 'react'
import { fieldErrors, errorMessage } from './errors'
import type { FieldError } from './ErrorSummary'

/**
 * Where a thrown error belongs in a form: zod issue paths (the first segment: `title`, `label`,
 * `wipLimit`…) mapped to field ids, and `_` for anything else (a domain rule, a storage
 * failure). A plain string means "every error goes on this field".
 */
export type FieldMap = string | (Readonly<Record<string, string>> & { readonly _: string })

export interface FormErrors {
  /** For `<ErrorSummary errors={…}>`: links to each field with an error. */
  readonly summary: readonly FieldError[]
  /** The field's own message (GOV.UK: the same words as in the summary). */
  errorFor(fieldId: string): string | undefined
  /**
   * Runs a write; if it throws, shows a person-readable message in the summary and on the field
   * (never a banner behind a dialog) and returns false. On success clears the form's errors.
   */
  attempt(fn: () => void, fields: FieldMap): boolean
  /** Async writes (opening a doc first, saving settings). */
  attemptAsync(fn: () => Promise<void>, fields: FieldMap): Promise<boolean>
  /** Errors found before writing (a field left empty, a number that is not one). */
  show(errors: Readonly<Record<string, string>>): void
  clear(): void
}

/** Turns what an operation threw into messages keyed by field id. */
export function errorsForFields(err: unknown, fields: FieldMap): Record<string, string> {
  const map: Record<string, string> & { _: string } = typeof fields === 'string' ? { _: fields } : { ...fields }
  const byPath = fieldErrors(err)
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(byPath)) {
    const id = map[path] ?? map._
    out[id] ??= message
  }
  if (Object.keys(out).length === 0) out[map._] = errorMessage(err)
  return out
}

/** GOV.UK error summary + field messages for one form or dialog. */
export function useFormErrors(): FormErrors {
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({})
  const clear = useCallback(() => setErrors((e) => (Object.keys(e).length ? {} : e)), [])
  const attempt = useCallback((fn: () => void, fields: FieldMap): boolean => {
    try {
      fn()
      setErrors((e) => (Object.keys(e).length ? {} : e))
      return true
    } catch (err) {
      setErrors(errorsForFields(err, fields))
      return false
    }
  }, [])
  const attemptAsync = useCallback(async (fn: () => Promise<void>, fields: FieldMap): Promise<boolean> => {
    try {
      await fn()
      setErrors((e) => (Object.keys(e).length ? {} : e))
      return true
    } catch (err) {
      setErrors(errorsForFields(err, fields))
      return false
    }
  }, [])
  return useMemo(
    () => ({
      summary: Object.entries(errors).map(([id, text]) => ({ href: `#${id}`, text })),
      errorFor: (id: string) => errors[id],
      attempt,
      attemptAsync,
      show: (e) => setErrors({ ...e }),
      clear
    }),
    [errors, attempt, attemptAsync, clear]
  )
}
