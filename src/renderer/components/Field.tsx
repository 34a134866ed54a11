import type { InputHTMLAttributes, ReactNode } from 'react'

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
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  const widthClass = width && width !== 'full' ? ` govuk-input--width-${width}` : ''
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
      <input
        id={id}
        name={id}
        className={`govuk-input${widthClass}${error ? ' govuk-input--error' : ''} ${className ?? ''}`}
        aria-describedby={described}
        {...rest}
      />
    </div>
  )
}
