import { createContext, useContext } from 'react'
import type { FormErrors } from '../../components/useFormErrors'

export const CardFormCtx = createContext<FormErrors | null>(null)

/**
 * The card dialog's one error summary: every form in the dialog reports here, at the top of what
 * the person is looking at, never to the page banner behind the backdrop.
 */
export function useCardForm(): FormErrors {
  const form = useContext(CardFormCtx)
  if (!form) throw new Error('useCardForm must be used inside the card dialog')
  return form
}

/** Where errors without a field of their own (a checkbox, a move) link to: the dialog's heading. */
export const CARD_DIALOG_TOP = 'card-dialog-title'
