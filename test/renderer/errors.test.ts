// The safety net under every form: whatever an operation throws becomes words for a person.
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { InputError } from '@shared/domain/inputError'
import { errorMessage, fieldErrors } from '../../src/renderer/components/errors'
import { errorsForFields } from '../../src/renderer/components/useFormErrors'

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

describe('errorMessage', () => {
  it("rewrites zod's own wording when a schema has no message of its own", () => {
    expect(errorMessage(thrown(() => z.string().max(200).parse('x'.repeat(201))))).toBe('Enter 200 characters or fewer')
    expect(errorMessage(thrown(() => z.number().parse(Number.NaN)))).toBe('Enter a number')
    expect(errorMessage(thrown(() => z.string().min(1).parse('')))).toBe('Enter a value')
    expect(errorMessage(thrown(() => z.enum(['a', 'b']).parse('c')))).toBe('Choose one of the options')
  })

  it('keeps a message written for people', () => {
    expect(errorMessage(thrown(() => z.string().max(5, 'Enter a label of 5 characters or fewer').parse('xxxxxxx')))).toBe('Enter a label of 5 characters or fewer')
    expect(errorMessage(new Error('Cycle 2 is closed, so it can no longer change'))).toBe('Cycle 2 is closed, so it can no longer change')
  })

  it("never shows a programming error's text", () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const err = thrown(() => (undefined as unknown as { write: () => void }).write())
    expect(errorMessage(err)).toBe('Something went wrong and the change was not saved. Try again; if it keeps happening, reload the page.')
    expect(spy).toHaveBeenCalled()
    spy.mockRestore()
  })
})

describe('errors land on the right field', () => {
  it('zod paths and InputError fields map to field ids; anything else goes to the fallback field', () => {
    const schema = z.object({ title: z.string().min(1, 'Enter a title'), wipLimit: z.number({ message: 'Enter a number' }) })
    const map = { _: 'form-top', title: 'col-title', wipLimit: 'col-wip' }
    expect(errorsForFields(thrown(() => schema.parse({ title: '', wipLimit: 'x' })), map)).toEqual({ 'col-title': 'Enter a title', 'col-wip': 'Enter a number' })
    expect(errorsForFields(new InputError('title', 'There is already a column called “Doing”'), map)).toEqual({ 'col-title': 'There is already a column called “Doing”' })
    expect(errorsForFields(new Error('This project has stopped'), map)).toEqual({ 'form-top': 'This project has stopped' })
    expect(errorsForFields(new InputError('label', 'Too many'), 'card-new-label')).toEqual({ 'card-new-label': 'Too many' })
    expect(fieldErrors(new Error('plain'))).toEqual({})
  })
})
