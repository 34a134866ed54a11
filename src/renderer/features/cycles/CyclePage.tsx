import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { Link } from 'wouter'
import {
  commitCard,
  readCycleGraph,
  readCyclePlan,
  retroOf,
  setCycleGoal,
  showAndTellOf,
  uncommitCard,
  type CloseResult,
  type CyclePlan
} from '@shared/doc'
import type { CardId } from '@shared/domain/ids'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextField } from '../../components/Field'
import { useFormErrors } from '../../components/useFormErrors'
import { NotFound } from '../../components/NotFound'
import { RichTextEditor } from '../../editor/RichTextEditor'
import { useDocValue } from '../../hooks/useDocValue'
import { useWorkspace } from '../../workspace/WorkspaceContext'
import { useProjectDoc } from '../board/ProjectDocContext'
import { CycleGraphView } from './CycleGraphView'
import { CycleHeader, StoppedBanner } from './CycleHeader'
import { DecisionForm, RecordedDecision } from './DecisionForm'
import { FeedbackInbox } from './FeedbackInbox'
import { CommentThread } from '../comments/CommentThread'
import { plural } from './format'
import { useCycles } from './useCycles'

/** One cycle: plan it, follow it, review it and decide. */
export function CyclePage({ number }: { number: number }): ReactNode {
  const { doc, projectId } = useProjectDoc()
  const { today, rules } = useCycles()
  const arg = useMemo(() => ({ cycle: number, today }), [number, today])
  const plan = useDocValue(doc, readCyclePlan, arg)
  const graphArg = useMemo(() => ({ cycle: number, rules, today }), [number, rules, today])
  const graph = useDocValue(doc, readCycleGraph, graphArg)
  const [closed, setClosed] = useState<CloseResult | null>(null)
  // Kept here: the goal form is re-keyed (re-mounted) whenever the saved goal changes.
  const [goalSaved, setGoalSaved] = useState(false)
  const c = plan.cycle
  if (!c) return <NotFound what="Cycle" />
  const open = c.status !== 'closed' && c.status !== 'ended'
  return (
    <>
      <Link className="govuk-back-link" href={`/projects/${projectId}/cycles`}>
        All cycles
      </Link>
      <StoppedBanner />
      {closed && <ClosedBanner result={closed} number={number} />}
      <CycleHeader cycleNumber={number} />
      <nav aria-label="On this page" className="govuk-!-margin-bottom-6">
        <ul className="govuk-list app-inline-list">
          <li><a className="govuk-link" href="#plan" onClick={jump('plan')}>Plan</a></li>
          <li><a className="govuk-link" href="#progress" onClick={jump('progress')}>Cycle graph</a></li>
          <li><a className="govuk-link" href="#review" onClick={jump('review')}>Review</a></li>
          <li><a className="govuk-link" href="#decision" onClick={jump('decision')}>Decision</a></li>
        </ul>
      </nav>

      <h2 className="govuk-heading-l" id="plan" tabIndex={-1}>
        Plan
      </h2>
      {open && <GoalForm key={c.goal} number={number} goal={c.goal} requireGoal={rules.requireGoal} started={c.status !== 'planned'} saved={goalSaved} setSaved={setGoalSaved} />}
      <CommittedCards plan={plan} added={new Set(graph?.scope.added ?? [])} open={open} />
      {open && <CommitFromBacklog key={plan.backlog.map((b) => b.card.id).join()} plan={plan} today={today} />}

      <h2 className="govuk-heading-l" id="progress" tabIndex={-1}>
        Cycle graph
      </h2>
      <p className="govuk-body">
        Cards in scope, started and completed at the end of each day, against a target line that reaches the cycle’s starting scope on its last working
        day. Weekends and days off keep the target flat.
      </p>
      {graph && <CycleGraphView graph={graph} />}

      <h2 className="govuk-heading-l" id="review" tabIndex={-1}>
        Review
      </h2>
      <NoteEditor number={number} part="showAndTell" title="Show and tell" hint="What did you ship and show? Who saw it?" />
      <NoteEditor number={number} part="retro" title="Retrospective" hint="How did the team work this cycle? What will you change?" />
      <FeedbackInbox number={number} plan={plan} open={open} />
      <CommentThread subject={{ kind: 'cycle', id: String(number) }} heading="Comments on this review" headingLevel={3} />

      <h2 className="govuk-heading-l" id="decision" tabIndex={-1}>
        Decision
      </h2>
      {c.status === 'closed' ? (
        <RecordedDecision number={number} />
      ) : c.status === 'ended' ? (
        <p className="govuk-body">This cycle did not run: the project stopped before it.</p>
      ) : c.status === 'planned' ? (
        <p className="govuk-body">You can record the decision once the cycle has started.</p>
      ) : (
        <DecisionForm number={number} unfinished={plan.committed.filter((x) => x.role !== 'done').length} rules={rules} onClosed={setClosed} />
      )}
    </>
  )
}

// In-page links: with hash routing the default jump would navigate away.
function jump(id: string) {
  return (ev: React.MouseEvent): void => {
    ev.preventDefault()
    const el = document.getElementById(id)
    el?.focus()
    el?.scrollIntoView()
  }
}

function ClosedBanner({ result, number }: { result: CloseResult; number: number }): ReactNode {
  const { projectId } = useProjectDoc()
  const unfinished = result.rolled.length + result.returned.length
  const moved = result.rolled.length
  const returned = result.returned.length
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="closed-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="closed-banner-title">
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Cycle {number} is closed and the decision is on the record.</p>
        {result.kind === 'stop' ? (
          // A stop ends the later cycles: whatever the rollover wrote, unfinished cards are in the backlog.
          <p className="govuk-body">
            The project has stopped, so no more cycles are planned.
            {unfinished > 0 && ` ${plural(unfinished, 'unfinished card')} ${unfinished === 1 ? 'is' : 'are'} back in the backlog.`}
          </p>
        ) : (
          <>
            {moved > 0 && result.next !== null && (
              <p className="govuk-body">
                {plural(moved, 'unfinished card')} moved to{' '}
                <Link className="govuk-notification-banner__link" href={`/projects/${projectId}/cycles/${result.next}`}>
                  cycle {result.next}
                </Link>
                .
              </p>
            )}
            {returned > 0 && (
              <p className="govuk-body">
                {plural(returned, 'unfinished card')} went back to the backlog, to be committed again deliberately.
              </p>
            )}
          </>
        )}
      </div>
    </div>
  )
}

function GoalForm(props: { number: number; goal: string; requireGoal: boolean; started: boolean; saved: boolean; setSaved(v: boolean): void }): ReactNode {
  const { number, goal, requireGoal, started, saved, setSaved } = props
  const { doc, write, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  const errors = useFormErrors()
  const [value, setValue] = useState(goal)
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        setSaved(errors.attempt(() => write(() => setCycleGoal(doc, ws.ctx, number, value)), 'cycle-goal'))
      }}
    >
      <ErrorSummary errors={errors.summary} />
      {requireGoal && !goal && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {started
              ? 'This cycle has started without a goal. The programme asks every cycle to say what it will ship.'
              : 'Set a goal before the cycle starts: the programme asks every cycle to say what it will ship.'}
          </strong>
        </div>
      )}
      <TextField
        id="cycle-goal"
        label="Goal: what will you ship in this cycle?"
        labelClassName="govuk-label--s"
        hint="Something a resident or colleague could use or see, for example “Residents can renew a permit online”"
        value={value}
        error={errors.errorFor('cycle-goal')}
        onChange={(e) => {
          setValue(e.target.value)
          setSaved(false)
        }}
        disabled={readOnly}
      />
      {!readOnly && (
        <button type="submit" className="govuk-button govuk-button--secondary">
          Save goal
        </button>
      )}
      {saved && (
        <p className="govuk-body" role="status">
          Goal saved.
        </p>
      )}
    </form>
  )
}

function CommittedCards({ plan, added, open }: { plan: CyclePlan; added: ReadonlySet<string>; open: boolean }): ReactNode {
  const { doc, run, readOnly, projectId } = useProjectDoc()
  const ws = useWorkspace()
  const n = plan.cycle?.number
  return (
    <>
      <h3 className="govuk-heading-m" id="committed-title">
        {open ? 'Committed cards' : 'Cards that stayed in this cycle'}
      </h3>
      {!open && <p className="govuk-body">Unfinished cards moved on when the cycle closed; the graph below shows the whole cycle.</p>}
      {plan.committed.length === 0 ? (
        <p className="govuk-body">No cards committed to this cycle.</p>
      ) : (
        <ul className="govuk-list app-cycle-cards" aria-labelledby="committed-title">
          {plan.committed.map(({ card, columnTitle, role }) => (
            <li key={card.id} className="app-cycle-cards__item" data-card-id={card.id}>
              <Link className="govuk-link app-cycle-cards__title" href={`/projects/${projectId}/cards/${card.id}`}>
                {card.title}
              </Link>{' '}
              <strong className={`govuk-tag ${role === 'done' ? 'govuk-tag--green' : role === 'doing' ? 'govuk-tag--blue' : 'govuk-tag--grey'}`}>{columnTitle}</strong>
              {added.has(card.id) && <strong className="govuk-tag govuk-tag--yellow">Added after the start</strong>}
              {open && !readOnly && n !== undefined && (
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 app-cycle-cards__action" onClick={() => run(() => uncommitCard(doc, ws.ctx, card.id))}>
                  Remove<span className="govuk-visually-hidden"> {card.title}</span> from the cycle
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function CommitFromBacklog({ plan, today }: { plan: CyclePlan; today: string }): ReactNode {
  const { doc, write, readOnly } = useProjectDoc()
  const ws = useWorkspace()
  const errors = useFormErrors()
  const [chosen, setChosen] = useState<ReadonlySet<CardId>>(new Set())
  const n = plan.cycle?.number
  if (readOnly || n === undefined) return null
  const firstBox = plan.backlog[0] ? `commit-${plan.backlog[0].card.id}` : 'backlog-hint'
  const error = errors.errorFor(firstBox)
  const submit = (ev: FormEvent): void => {
    ev.preventDefault()
    if (chosen.size === 0) return errors.show({ [firstBox]: 'Choose at least one card to commit' })
    const ok = errors.attempt(
      () =>
        write(() => {
          for (const id of plan.backlog.map((b) => b.card.id).filter((id) => chosen.has(id))) commitCard(doc, ws.ctx, id, n)
        }),
      firstBox
    )
    if (ok) setChosen(new Set())
  }
  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary errors={errors.summary} />
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={`backlog-hint${error ? ' backlog-error' : ''}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h3 className="govuk-fieldset__heading">Commit cards from the backlog</h3>
          </legend>
          <div className="govuk-hint" id="backlog-hint">
            Cards that are not done and not in a cycle.{' '}
            {plan.cycle?.status === 'planned'
              ? ''
              : plan.cycle?.start === today
                ? 'Today is the cycle’s first day: cards committed today are part of the plan.'
                : 'The cycle is past its first day, so these will show as scope added.'}
          </div>
          {error && (
            <p className="govuk-error-message" id="backlog-error">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          )}
          {plan.backlog.length === 0 ? (
            <p className="govuk-body">The backlog is empty. Add cards on the board first.</p>
          ) : (
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              {plan.backlog.map(({ card, columnTitle }) => (
                <div className="govuk-checkboxes__item" key={card.id}>
                  <input
                    className="govuk-checkboxes__input"
                    id={`commit-${card.id}`}
                    type="checkbox"
                    checked={chosen.has(card.id)}
                    onChange={(e) => {
                      const next = new Set(chosen)
                      if (e.target.checked) next.add(card.id)
                      else next.delete(card.id)
                      setChosen(next)
                    }}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`commit-${card.id}`}>
                    {card.title} <span className="app-secondary-text">({columnTitle})</span>
                  </label>
                </div>
              ))}
            </div>
          )}
        </fieldset>
      </div>
      {plan.backlog.length > 0 && (
        <button type="submit" className="govuk-button">
          Commit to cycle {n}
        </button>
      )}
    </form>
  )
}

function NoteEditor({ number, part, title, hint }: { number: number; part: 'showAndTell' | 'retro'; title: string; hint: string }): ReactNode {
  const { doc, readOnly } = useProjectDoc()
  const fragment = part === 'showAndTell' ? showAndTellOf(doc, number) : retroOf(doc, number)
  const id = `cycle-${part}`
  return (
    <div className="govuk-form-group">
      <h3 className="govuk-heading-m govuk-!-margin-bottom-1" id={`${id}-label`}>
        {title}
      </h3>
      <p className="govuk-hint" id={`${id}-hint`}>
        {hint}
      </p>
      <RichTextEditor fragment={fragment} labelId={`${id}-label`} hintId={`${id}-hint`} readOnly={readOnly} />
    </div>
  )
}

