import { useState, type FormEvent, type ReactNode } from 'react'
import { Link } from 'wouter'
import { initProgrammeDoc, programmeDocName, readProgramme } from '@shared/doc'
import { newId, type ProgrammeId } from '@shared/domain/ids'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { useDocValue } from '../../hooks/useDocValue'
import { useTitle } from '../../hooks/useTitle'
import {
  newProgrammeSchema,
  programmeLabel,
  rememberProgramme,
  switchProgramme,
  useKnownProgrammes,
  useRememberProgramme,
  whenAllSaved,
  type KnownProgramme
} from '../../workspace/programmes'
import { useWorkspace } from '../../workspace/WorkspaceContext'

/**
 * /programmes: every programme known on this computer (one you started, one you joined with an
 * invite, another council's), which one is open, a switch to each, and a way to start another.
 */
export function ProgrammesPage(): ReactNode {
  const ws = useWorkspace()
  const known = useKnownProgrammes()
  const open = useDocValue(ws.programme, readProgramme)
  const [busy, setBusy] = useState(false)
  const switchErrors = useFormErrors()
  useTitle('Your programmes')
  // The open programme is listed under its current name before any switch (App.tsx does this for every screen once wired).
  useRememberProgramme(ws.programmeId, ws.programme)

  // The open programme's own doc is the freshest source of its name; the list may lag a moment.
  const rows: KnownProgramme[] = known.map((p) => (p.id === ws.programmeId && open ? { ...p, name: open.name, council: open.council } : p))
  if (!rows.some((p) => p.id === ws.programmeId))
    rows.push({ id: ws.programmeId, name: open?.name ?? '', council: open?.council ?? '', addedAt: 0, lastOpenedAt: Number.MAX_SAFE_INTEGER })
  rows.sort((a, b) =>
    a.id === ws.programmeId ? -1 : b.id === ws.programmeId ? 1 : programmeLabel(a).localeCompare(programmeLabel(b), 'en-GB') || (a.id < b.id ? -1 : 1)
  )

  const switchTo = async (id: ProgrammeId): Promise<void> => {
    setBusy(true)
    const ok = await switchErrors.attemptAsync(() => whenAllSaved(), 'programmes-list')
    if (ok) switchProgramme(id)
    else setBusy(false)
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={switchErrors.summary} />
        <h1 className="govuk-heading-xl">Your programmes</h1>
        <p className="govuk-body">
          Every programme you have started or joined on this computer is listed here. Switching opens another programme; the one you leave stays
          saved here, exactly as it was, for when you switch back.
        </p>
        <p className="govuk-body">
          Each programme keeps its own projects, and each programme and project keeps its own sharing keys on this computer. Switching never
          moves, merges or shares anything between them: someone invited to one programme sees nothing of another.
        </p>
        <table className="govuk-table" id="programmes-list" tabIndex={-1}>
          <caption className="govuk-table__caption govuk-table__caption--m">Programmes on this computer</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Programme
              </th>
              <th scope="col" className="govuk-table__header">
                Council
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Status or action</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((p) => (
              <tr className="govuk-table__row" key={p.id}>
                <th scope="row" className="govuk-table__header">
                  {programmeLabel(p)}
                </th>
                <td className="govuk-table__cell">{p.council || <span className="govuk-hint govuk-!-margin-0">Not given</span>}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {p.id === ws.programmeId ? (
                    <strong className="govuk-tag govuk-tag--blue">Current</strong>
                  ) : (
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      disabled={busy}
                      onClick={() => void switchTo(p.id)}
                    >
                      Switch to {programmeLabel(p)}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="govuk-body">
          Invited to another programme? <Link href="/join" className="govuk-link">Join it with the invite</Link>. It is added to this list, and the programme you have
          open now stays here.
        </p>
        <NewProgrammeForm current={programmeLabel({ name: open?.name ?? '' })} />
      </div>
    </div>
  )
}

/** Start another programme on this computer: a new, empty programme, opened at once. */
function NewProgrammeForm({ current }: { current: string }): ReactNode {
  const ws = useWorkspace()
  const [form, setForm] = useState({ name: '', council: '' })
  const [busy, setBusy] = useState(false)
  const errors = useFormErrors()

  const submit = async (ev: FormEvent): Promise<void> => {
    ev.preventDefault()
    setBusy(true)
    const ok = await errors.attemptAsync(
      async () => {
        const input = newProgrammeSchema.parse(form)
        const id = newId<ProgrammeId>()
        const name = programmeDocName(id)
        // Filled here, on this computer only (not joined to any sync room), and saved before the
        // switch; the app then opens it like any programme (App.tsx only fills an empty one).
        const local = await ws.registry.acquire(name, { network: false })
        try {
          initProgrammeDoc(local.doc, ws.ctx, { id, name: input.name, council: input.council })
          await local.whenSaved()
        } finally {
          ws.registry.release(name)
        }
        rememberProgramme({ id, name: input.name, council: input.council }, { opened: true })
        await whenAllSaved()
        switchProgramme(id)
      },
      { name: 'new-programme-name', council: 'new-programme-council', _: 'new-programme-name' }
    )
    if (!ok) setBusy(false)
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="govuk-!-margin-top-8">
      <ErrorSummary errors={errors.summary} />
      <h2 className="govuk-heading-m">Start a new programme</h2>
      <p className="govuk-body">For another accelerator or another council. It starts empty: no projects, no people but you.</p>
      <TextField
        id="new-programme-name"
        label="Programme name"
        hint="For example, Digital accelerator 2027"
        value={form.name}
        error={errors.errorFor('new-programme-name')}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
      />
      <TextField
        id="new-programme-council"
        label="Council (optional)"
        value={form.council}
        error={errors.errorFor('new-programme-council')}
        onChange={(e) => setForm({ ...form, council: e.target.value })}
      />
      <div className="govuk-inset-text">Starting a programme switches this computer to it. {current} stays in your programmes.</div>
      <button type="submit" className="govuk-button" disabled={busy}>
        Start programme
      </button>
    </form>
  )
}
