import type { InputHTMLAttributes, ReactNode } from 'react'

interface FrameProps {
  id: string
  label: string
  hint?: string | undefined
  error?: string | undefined
  labelClassName?: string | undefined
}

/** The ids a control's `aria-describedby` names: its hint and its error, when shown. */
function describedBy({ id, hint, error }: FrameProps): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

/** GOV.UK form group: label, hint and error message around one control. */
function FieldFrame(props: FrameProps & { children: ReactNode }): ReactNode {
  const { id, label, hint, error, labelClassName } = props
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label ${labelClassName ?? ''}`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {props.children}
    </div>
  )
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string
  label: string
  hint?: string
  error?: string | undefined
  labelClassName?: string
  width?: 'full' | '20' | '10' | '5' | '3' | '2'
}

/** GOV.UK text input with label, hint and error wired up for assistive technology. */
export function TextField({ id, label, hint, error, labelClassName, width, className, ...rest }: TextFieldProps): ReactNode {
  const widthClass = width && width !== 'full' ? ` govuk-input--width-${width}` : ''
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <input
        id={id}
        name={id}
        className={`govuk-input${widthClass}${error ? ' govuk-input--error' : ''} ${className ?? ''}`}
        aria-describedby={describedBy({ id, label, hint, error })}
        {...rest}
      />
    </FieldFrame>
  )
}

/** GOV.UK select; `options` are [value, text] pairs. */
export function SelectField(props: {
  id: string
  label: string
  hint?: string
  value: string
  options: readonly (readonly [value: string, text: string])[]
  error?: string | undefined
  disabled: boolean
  onChange(e: { target: { value: string } }): void
}): ReactNode {
  return (
    <FieldFrame {...props}>
      <select
        id={props.id}
        className={`govuk-select${props.error ? ' govuk-select--error' : ''}`}
        value={props.value}
        onChange={props.onChange}
        disabled={props.disabled}
        aria-describedby={describedBy(props)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

/** GOV.UK textarea (five rows unless told). */
export function TextAreaField(props: {
  id: string
  label: string
  hint?: string
  value: string
  error?: string | undefined
  rows?: number
  onChange(e: { target: { value: string } }): void
}): ReactNode {
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.id}
        name={props.id}
        className={`govuk-textarea${props.error ? ' govuk-textarea--error' : ''}`}
        rows={props.rows ?? 5}
        value={props.value}
        onChange={props.onChange}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  )
}
