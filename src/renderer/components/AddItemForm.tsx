import { useState, type ReactNode } from 'react'
import { TextField } from './Field'

/**
 * One text field and a button that adds what was typed (a label, a tag, a checklist item).
 * `onAdd` returns whether the item was added; only then is the field cleared, so a rejected
 * entry stays on screen to be corrected.
 */
export function AddItemForm(props: {
  id: string
  label: string
  button: string
  hint?: string
  width?: '10' | '20'
  /** The field's own error message (the form's error summary links here). */
  error?: string | undefined
  onAdd(text: string): boolean
}): ReactNode {
  const [text, setText] = useState('')
  return (
    <form
      noValidate
      className="app-inline-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (props.onAdd(text)) setText('')
      }}
    >
      <TextField id={props.id} label={props.label} hint={props.hint} error={props.error} value={text} onChange={(e) => setText(e.target.value)} width={props.width ?? '10'} />
      <button type="submit" className="govuk-button govuk-button--secondary">
        {props.button}
      </button>
    </form>
  )
}

/** "Remove" with the thing's name for screen readers ("Remove label research"). */
export function RemoveButton({ what, onClick }: { what: string; onClick(): void }): ReactNode {
  return (
    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onClick}>
      Remove<span className="govuk-visually-hidden"> {what}</span>
    </button>
  )
}
