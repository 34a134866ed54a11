import { useState, type FormEvent, type ReactNode } from 'react'
import { closeCycle, DECISION_KINDS, DECISION_LABELS, readDecisions, readFeedback, type CloseResult, type Decision, type DecisionKind, type FeedbackId } from '@shared/doc'
import type { CycleRules } from '@shared/domain/cycles'
import { ErrorSummary } from '../../components/ErrorSummary'
import { errorMessage, fieldErrors } from '../../components/errors'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { FEEDBACK_SOURCE_LABELS } from '@shared/doc'
import { formatTimestamp, plural } from './format'

const HINTS: Record<DecisionKind, string> = {
  persevere: 'Keep going in the same direction.',
  pivot: 'Change direction. Write down the new one.',
  stop: 'Stop the project. Its board is kept; no more cycles are planned.'
}

/** Persevere, pivot or stop, with the evidence it rests on. Recording it closes the cycle. */
export function DecisionForm({ number, unfinished, rules, onClosed }: { number: number; unfinished: number; rules: CycleRules; onClosed(r: CloseResult): void }): ReactNode {
  const { doc, readOnly, projectId } = useProjectDoc()
  const ws = useWorkspace()
  const feedback = useDocValue(doc, readFeedback, number)
  const [kind, setKind] = useState<DecisionKind | ''>('')
  const [direction, setDirection] = useState('')
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')
  const [evidence, setEvidence] = useState<ReadonlySet<FeedbackId>>(new Set())
  const [errors, setErrors] = useState<Record<string, string>>({})
  if (readOnly) return <p className="govuk-body">Only the project team can record the decision.</p>

  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    try {
      const result = closeCycle(doc, ws.ctx, {
        cycle: number,
        rules,
        decision: { kind: kind as DecisionKind, direction, reason, note, evidence: feedback.map((f) => f.id).filter((id) => evidence.has(id)) }
      })
      setErrors({})
      onClosed(result)
      window.scrollTo(0, 0)
      void projectId
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(Object.keys(fe).length ? fe : { kind: errorMessage(err) })
    }
  }
  const summary = Object.entries(errors).map(([k, text]) => ({ href: k === 'kind' ? '#decision-kind-persevere' : `#decision-${k}`, text }))
  const textarea = (id: 'direction' | 'reason' | 'note', label: string, value: string, set: (v: string) => void, hint?: string): ReactNode => (
    <div className={`govuk-form-group${errors[id] ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={`decision-${id}`}>
        {label}
      </label>
      {hint && (
        <div className="govuk-hint" id={`decision-${id}-hint`}>
          {hint}
        </div>
      )}
      {errors[id] && (
        <p className="govuk-error-message" id={`decision-${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {errors[id]}
        </p>
      )}
      <textarea
        id={`decision-${id}`}
        className={`govuk-textarea${errors[id] ? ' govuk-textarea--error' : ''}`}
        rows={3}
        value={value}
        aria-describedby={[hint ? `decision-${id}-hint` : '', errors[id] ? `decision-${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => set(e.target.value)}
      />
    </div>
  )
  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary errors={summary} />
      <div className={`govuk-form-group${errors.kind ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={errors.kind ? 'decision-kind-error' : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">What did the team decide?</legend>
          {errors.kind && (
            <p className="govuk-error-message" id="decision-kind-error">
              <span className="govuk-visually-hidden">Error:</span> {errors.kind}
            </p>
          )}
          <div className="govuk-radios">
            {DECISION_KINDS.map((k) => (
              <div key={k}>
                <div className="govuk-radios__item">
                  <input className="govuk-radios__input" id={`decision-kind-${k}`} name="decision-kind" type="radio" value={k} checked={kind === k} onChange={() => setKind(k)} aria-describedby={`decision-kind-${k}-hint`} />
                  <label className="govuk-label govuk-radios__label" htmlFor={`decision-kind-${k}`}>
                    {DECISION_LABELS[k]}
                  </label>
                  <div id={`decision-kind-${k}-hint`} className="govuk-hint govuk-radios__hint">
                    {HINTS[k]}
                  </div>
                </div>
                {kind === 'pivot' && k === 'pivot' && <div className="govuk-radios__conditional">{textarea('direction', 'The new direction', direction, setDirection)}</div>}
                {kind === 'stop' && k === 'stop' && <div className="govuk-radios__conditional">{textarea('reason', 'Why the project is stopping', reason, setReason)}</div>}
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset" aria-describedby="decision-evidence-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Evidence</legend>
          <div className="govuk-hint" id="decision-evidence-hint">
            The feedback this decision rests on.
          </div>
          {feedback.length === 0 ? (
            <p className="govuk-body">No feedback recorded for this cycle. Add it in the feedback inbox above.</p>
          ) : (
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {feedback.map((f) => (
                <div className="govuk-checkboxes__item" key={f.id}>
                  <input
                    className="govuk-checkboxes__input"
                    id={`decision-evidence-${f.id}`}
                    type="checkbox"
                    checked={evidence.has(f.id)}
                    onChange={(e) => {
                      const next = new Set(evidence)
                      if (e.target.checked) next.add(f.id)
                      else next.delete(f.id)
                      setEvidence(next)
                    }}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`decision-evidence-${f.id}`}>
                    {f.who} ({FEEDBACK_SOURCE_LABELS[f.source]}): “{f.text}”
                  </label>
                </div>
              ))}
            </div>
          )}
        </fieldset>
      </div>
      {textarea('note', 'Anything else for the record (optional)', note, setNote)}
      <div className="govuk-inset-text">
        {unfinished === 0
          ? 'Every committed card is done.'
          : kind === 'stop'
            ? `Stopping ends the project’s later cycles: ${plural(unfinished, 'unfinished card')} ${unfinished === 1 ? 'goes' : 'go'} back to the backlog.`
            : rules.rollover === 'roll'
              ? `Closing moves ${plural(unfinished, 'unfinished card')} into the next cycle.`
              : `The programme uses a circuit breaker: closing sends ${plural(unfinished, 'unfinished card')} back to the backlog.`}{' '}
        Your name and the time are recorded with the decision.
      </div>
      <button type="submit" className="govuk-button">
        Record decision and close cycle {number}
      </button>
    </form>
  )
}

/** The decision a closed cycle ended with (and any made at the same time, superseded). */
export function RecordedDecision({ number }: { number: number }): ReactNode {
  const { doc } = useProjectDoc()
  const decisions = useDocValue(doc, readDecisions).filter((d) => d.cycle === number)
  if (decisions.length === 0) return <p className="govuk-body">Closed without a recorded decision.</p>
  return (
    <>
      {[...decisions].reverse().map((d) => (
        <DecisionSummary key={d.id} decision={d} />
      ))}
    </>
  )
}

export function DecisionSummary({ decision: d, showCycle = false }: { decision: Decision; showCycle?: boolean }): ReactNode {
  const { doc } = useProjectDoc()
  const feedback = useDocValue(doc, readFeedback)
  const evidence = d.evidence.map((id) => feedback.find((f) => f.id === id)).filter((f) => f !== undefined)
  return (
    <div className={`app-decision${d.superseded ? ' app-decision--superseded' : ''}`} data-decision-id={d.id}>
      <p className="govuk-body govuk-!-margin-bottom-2">
        {showCycle && <span className="govuk-!-font-weight-bold">Cycle {d.cycle}: </span>}
        <strong className={`govuk-tag ${d.kind === 'stop' ? 'govuk-tag--red' : d.kind === 'pivot' ? 'govuk-tag--orange' : 'govuk-tag--green'}`}>{DECISION_LABELS[d.kind]}</strong>
        {d.superseded && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-1">Superseded</strong>}
      </p>
      <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2">
        {d.direction && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">New direction</dt>
            <dd className="govuk-summary-list__value">{d.direction}</dd>
          </div>
        )}
        {d.reason && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Reason for stopping</dt>
            <dd className="govuk-summary-list__value">{d.reason}</dd>
          </div>
        )}
        {d.note && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Note</dt>
            <dd className="govuk-summary-list__value">{d.note}</dd>
          </div>
        )}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Evidence</dt>
          <dd className="govuk-summary-list__value">
            {evidence.length === 0 ? (
              'None linked'
            ) : (
              <ul className="govuk-list govuk-!-margin-bottom-0">
                {evidence.map((f) => (
                  <li key={f.id}>
                    {f.who} ({FEEDBACK_SOURCE_LABELS[f.source]}): “{f.text}”
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Decided by</dt>
          <dd className="govuk-summary-list__value">
            {d.decidedByName} on {formatTimestamp(d.decidedAt)}
          </dd>
        </div>
      </dl>
      {d.superseded && <p className="govuk-body-s">Recorded at the same time as the decision above, which is the one that counts.</p>}
    </div>
  )
}
