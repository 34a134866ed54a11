import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import {
  addMentor,
  MENTOR_FIELD_IDS,
  MENTOR_LIMITS,
  MENTOR_SECTORS,
  MentorInputError,
  pastProjectFieldId,
  readMentor,
  updateMentor,
  type Mentor,
  type MentorInput,
  type MentorSector
} from '@shared/doc'
import type { MentorId } from '@shared/domain/ids'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextAreaField, TextField } from '../../components/Field'
import { errorMessage } from '../../components/errors'
import { useDraft } from '../../components/useDraft'
import { useFormErrors } from '../../components/useFormErrors'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { WHO_MAY_EDIT } from './mentorView'

const F = MENTOR_FIELD_IDS

/** One past project as the form holds it: text as typed; `id` when it is a saved row. */
interface Row {
  readonly key: string
  readonly id?: string
  readonly title: string
  readonly summary: string
  readonly tags: string
  readonly pipelineUrl: string
}

let rowSeq = 0
const blankRow = (): Row => ({ key: `new-${++rowSeq}`, title: '', summary: '', tags: '', pipelineUrl: '' })

type FormValues = {
  name: string
  organisation: string
  internal: string
  sector: string
  sectorOther: string
  expertise: string
  bio: string
  capacity: string
  availability: string
  contact: string
}

function savedValues(m: Mentor | null): FormValues {
  return {
    name: m?.name ?? '',
    organisation: m?.organisation ?? '',
    internal: m ? (m.internal ? 'yes' : 'no') : '',
    sector: m?.sector ?? '',
    sectorOther: m?.sectorOther ?? '',
    expertise: m?.expertise.join(', ') ?? '',
    bio: m?.bio ?? '',
    capacity: m ? String(m.capacity) : '',
    availability: m?.availability ?? '',
    contact: m?.contact ?? ''
  }
}

function savedRows(m: Mentor | null): Row[] {
  if (!m || m.pastProjects.length === 0) return [blankRow()]
  return m.pastProjects.map((p) => ({ key: p.id, id: p.id, title: p.title, summary: p.summary, tags: p.tags.join(', '), pipelineUrl: p.pipelineUrl ?? '' }))
}

const splitTags = (s: string): string[] => s.split(',')

/** What the form sends: text as typed (the domain trims, normalises and checks it). */
function toInput(v: FormValues, rows: readonly Row[]): MentorInput {
  const capacity = v.capacity.trim()
  return {
    name: v.name,
    organisation: v.organisation,
    // Not chosen yet: left out, so the check says "Choose …" on the field.
    internal: (v.internal === 'yes' ? true : v.internal === 'no' ? false : undefined) as boolean,
    sector: (v.sector || undefined) as MentorSector,
    sectorOther: v.sectorOther,
    expertise: splitTags(v.expertise),
    bio: v.bio,
    pastProjects: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), title: r.title, summary: r.summary, tags: splitTags(r.tags), pipelineUrl: r.pipelineUrl })),
    capacity: capacity === '' ? Number.NaN : Number(capacity),
    availability: v.availability,
    contact: v.contact
  }
}

/**
 * Add a mentor (/mentors/new) or change one (/mentors/:id/edit): one GOV.UK form with every field.
 * What was typed stays on screen when something is wrong; fields not touched follow the saved
 * entry (a colleague's edit arriving). Saving goes to the mentor's page.
 */
export function MentorFormPage({ mentorId }: { mentorId?: string }): ReactNode {
  const ws = useWorkspace()
  const editing = mentorId !== undefined
  const mentor = useDocValue(ws.programme, readMentor, mentorId ?? '')
  const title = editing ? (mentor ? `Edit ${mentor.name}` : 'Mentor not found') : 'Add a mentor'
  useTitle(title)
  if (ws.readOnly)
    return (
      <>
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">
          You have view-only access to this programme, so you cannot change the mentor directory.{' '}
          <Link href="/mentors" className="govuk-link">
            Back to the mentors
          </Link>
        </p>
      </>
    )
  if (editing && !mentor)
    return (
      <>
        <h1 className="govuk-heading-l">Mentor not found</h1>
        <p className="govuk-body">
          This mentor is not in the directory, or their entry could not be read.{' '}
          <Link href="/mentors" className="govuk-link">
            Back to mentors
          </Link>
        </p>
      </>
    )
  return <MentorForm key={mentorId ?? 'new'} mentor={mentor} title={title} />
}

function MentorForm({ mentor, title }: { mentor: Mentor | null; title: string }): ReactNode {
  const ws = useWorkspace()
  const [, navigate] = useLocation()
  const form = useFormErrors()
  const saved = useMemo(() => savedValues(mentor), [mentor])
  const draft = useDraft(saved)
  const v = draft.values
  // Past projects: the saved list until the person changes a row, then theirs.
  const [editedRows, setRows] = useState<Row[] | null>(null)
  const rows = editedRows ?? savedRows(mentor)
  const addButton = useRef<HTMLButtonElement>(null)

  const change = (k: keyof FormValues) => (e: { target: { value: string } }) => draft.set(k, e.target.value)
  const changeRow = (i: number, field: keyof Omit<Row, 'key' | 'id'>, value: string): void =>
    setRows(rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)))
  const removeRow = (i: number): void => {
    const next = rows.filter((_, j) => j !== i)
    setRows(next)
    // Focus moves somewhere sensible: the next row's title, or the add button.
    const target = next[i] ? pastProjectFieldId(i, 'title') : null
    requestAnimationFrame(() => (target ? document.getElementById(target)?.focus() : addButton.current?.focus()))
  }
  const addRow = (): void => {
    setRows([...rows, blankRow()])
    const i = rows.length
    requestAnimationFrame(() => document.getElementById(pastProjectFieldId(i, 'title'))?.focus())
  }

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    const input = toInput(v, rows)
    let id: MentorId | null = null
    try {
      if (mentor) {
        updateMentor(ws.programme, ws.ctx, mentor.id, input)
        id = mentor.id
      } else id = addMentor(ws.programme, ws.ctx, input)
    } catch (err) {
      form.show(err instanceof MentorInputError ? err.fields : { [F.name]: errorMessage(err) })
      return
    }
    form.clear()
    draft.reset()
    navigate(`/mentors/${id}`)
  }

  return (
    <>
      <Link href={mentor ? `/mentors/${mentor.id}` : '/mentors'} className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <form onSubmit={submit} noValidate className="app-mentor-form govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">{WHO_MAY_EDIT} The mentor does not need to use Fortnight.</p>

          <TextField id={F.name} label="Name" value={v.name} error={form.errorFor(F.name)} onChange={change('name')} autoComplete="off" spellCheck={false} />
          <TextField
            id={F.organisation}
            label="Organisation (optional)"
            hint="For example, Westbridge City Council or NHS Northshire"
            value={v.organisation}
            error={form.errorFor(F.organisation)}
            onChange={change('organisation')}
          />
          <Radios
            id={F.internal}
            legend="Where are they from?"
            value={v.internal}
            error={form.errorFor(F.internal)}
            onChange={(x) => draft.set('internal', x)}
            options={[
              { value: 'yes', label: 'Our council' },
              { value: 'no', label: 'Another organisation' }
            ]}
          />
          <Radios
            id={F.sector}
            legend="Sector"
            value={v.sector}
            error={form.errorFor(F.sector)}
            onChange={(x) => draft.set('sector', x)}
            options={MENTOR_SECTORS}
            conditional={{
              other: (
                <TextField
                  id={F.sectorOther}
                  label="Name the sector"
                  hint="For example, Housing association or Fire and rescue"
                  value={v.sectorOther}
                  error={form.errorFor(F.sectorOther)}
                  onChange={change('sectorOther')}
                  width="20"
                />
              )
            }}
          />
          <TextField
            id={F.expertise}
            label="Expertise (optional)"
            hint={`Tags separated by commas, for example: housing repairs, damp and mould. Spaces become hyphens. Up to ${MENTOR_LIMITS.tags} tags.`}
            value={v.expertise}
            error={form.errorFor(F.expertise)}
            onChange={change('expertise')}
          />
          <TextAreaField
            id={F.bio}
            label="Short bio (optional)"
            hint={`What they do and what they can help with. Up to ${MENTOR_LIMITS.bio.toLocaleString('en-GB')} characters.`}
            value={v.bio}
            error={form.errorFor(F.bio)}
            onChange={change('bio')}
            rows={4}
          />

          <h2 className="govuk-heading-m">Past projects</h2>
          <p className="govuk-body">Work they have done that a team could learn from. Suggestions for projects are based on these, so a few lines each helps.</p>
          {rows.map((r, i) => (
            <fieldset className="govuk-fieldset app-mentor-form__past" key={r.key}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Past project {i + 1}</legend>
              <TextField id={pastProjectFieldId(i, 'title')} label="Title" value={r.title} error={form.errorFor(pastProjectFieldId(i, 'title'))} onChange={(e) => changeRow(i, 'title', e.target.value)} />
              <TextAreaField
                id={pastProjectFieldId(i, 'summary')}
                label="What they did (optional)"
                value={r.summary}
                error={form.errorFor(pastProjectFieldId(i, 'summary'))}
                onChange={(e) => changeRow(i, 'summary', e.target.value)}
                rows={3}
              />
              <TextField
                id={pastProjectFieldId(i, 'tags')}
                label="Tags (optional)"
                hint="Separated by commas"
                value={r.tags}
                error={form.errorFor(pastProjectFieldId(i, 'tags'))}
                onChange={(e) => changeRow(i, 'tags', e.target.value)}
              />
              <TextField
                id={pastProjectFieldId(i, 'pipelineUrl')}
                label="Pipeline link (optional)"
                hint="The project’s page on Pipeline, starting with https://"
                type="url"
                spellCheck={false}
                value={r.pipelineUrl}
                error={form.errorFor(pastProjectFieldId(i, 'pipelineUrl'))}
                onChange={(e) => changeRow(i, 'pipelineUrl', e.target.value)}
              />
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => removeRow(i)}>
                Remove<span className="govuk-visually-hidden"> past project {i + 1}</span>
              </button>
            </fieldset>
          ))}
          <div className={`govuk-form-group${form.errorFor(F.pastProjects) ? ' govuk-form-group--error' : ''}`}>
            {form.errorFor(F.pastProjects) && (
              <p id={`${F.pastProjects}-error`} className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {form.errorFor(F.pastProjects)}
              </p>
            )}
            <button
              type="button"
              id={F.pastProjects}
              ref={addButton}
              className="govuk-button govuk-button--secondary"
              onClick={addRow}
              disabled={rows.length >= MENTOR_LIMITS.pastProjects}
              aria-describedby={form.errorFor(F.pastProjects) ? `${F.pastProjects}-error` : undefined}
            >
              Add another past project
            </button>
          </div>

          <h2 className="govuk-heading-m">Mentoring</h2>
          <TextField
            id={F.capacity}
            label="How many teams can they mentor at once?"
            hint={`A whole number from 0 to ${MENTOR_LIMITS.capacity}. 0 means they are not taking teams just now.`}
            inputMode="numeric"
            value={v.capacity}
            error={form.errorFor(F.capacity)}
            onChange={change('capacity')}
            width="3"
          />
          <TextField
            id={F.availability}
            label="Availability (optional)"
            hint="For example, one hour a fortnight, usually Tuesday mornings"
            value={v.availability}
            error={form.errorFor(F.availability)}
            onChange={change('availability')}
          />
          <TextField
            id={F.contact}
            label="How to contact them (optional)"
            hint="Email or phone, as they prefer"
            value={v.contact}
            error={form.errorFor(F.contact)}
            onChange={change('contact')}
            spellCheck={false}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button">
              {mentor ? 'Save changes' : 'Add mentor'}
            </button>
            <Link href={mentor ? `/mentors/${mentor.id}` : '/mentors'} className="govuk-link">
              Cancel
            </Link>
          </div>
        </form>
      </div>
    </>
  )
}

/** GOV.UK radios in a fieldset; the first radio carries `id`, so the error summary can focus it. */
function Radios(props: {
  id: string
  legend: string
  value: string
  error?: string | undefined
  options: readonly { readonly value: string; readonly label: string }[]
  conditional?: Readonly<Record<string, ReactNode>>
  onChange(value: string): void
}): ReactNode {
  const errorId = `${props.id}-error`
  return (
    <div className={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={props.error ? errorId : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        {props.error && (
          <p id={errorId} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {props.error}
          </p>
        )}
        <div className="govuk-radios govuk-radios--small">
          {props.options.map((o, i) => {
            const id = i === 0 ? props.id : `${props.id}-${o.value}`
            const extra = props.conditional?.[o.value]
            return (
              <div key={o.value}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={id}
                    name={props.id}
                    type="radio"
                    value={o.value}
                    checked={props.value === o.value}
                    onChange={() => props.onChange(o.value)}
                    aria-controls={extra && props.value === o.value ? `${id}-conditional` : undefined}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={id}>
                    {o.label}
                  </label>
                </div>
                {extra && props.value === o.value && (
                  <div className="govuk-radios__conditional" id={`${id}-conditional`}>
                    {extra}
                  </div>
                )}
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}
