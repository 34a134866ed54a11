import { useContext, useState, type ReactNode } from 'react'
import { readMentorLinks, type AnyDoc, type MentorLink } from '@shared/doc'
import { Link } from 'wouter'
import type { Role } from '@shared/sync/roles'
import { INVITE_LINK_PREFIX } from '@shared/sync/invite'
import { MissingSignalingError } from '@shared/sync/session'
import { statusText } from '@shared/sync/status'
import { ErrorSummary } from '../../components/ErrorSummary'
import { errorMessage } from '../../components/errors'
import { useFormErrors } from '../../components/useFormErrors'
import { useDocSyncStatus, useRole, useSyncManager } from '../../sync/SyncContext'
import { useDocValue } from '../../hooks/useDocValue'
import { ProjectDocCtx } from '../board/ProjectDocContext'
import { loadOnce } from '../../components/lazyLoad'

// The QR code maker is fetched when the first invite is made: few people make one.
const loadQrCode = loadOnce(async () => (await import('qrcode')).default)

const liveLinks = (doc: AnyDoc): readonly MentorLink[] => readMentorLinks(doc).filter((l) => l.state !== 'ended')

/** On a project page, with mentors linked: which of them a mentor invite is for. */
function MentorChoice(props: { doc: AnyDoc; value: string; onChange(mentor: { id: string; name: string } | null): void }): ReactNode {
  const linked = useDocValue(props.doc, liveLinks)
  if (linked.length === 0) return null
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor="invite-mentor">
        Which mentor is this invite for?
      </label>
      <div className="govuk-hint" id="invite-mentor-hint">
        Their app then knows which mentor they are here, so questions addressed to them reach their home page.
      </div>
      <select
        id="invite-mentor"
        className="govuk-select"
        value={props.value}
        aria-describedby="invite-mentor-hint"
        onChange={(e) => {
          const l = linked.find((x) => x.mentorId === e.target.value)
          props.onChange(l ? { id: l.mentorId, name: l.mentorName } : null)
        }}
      >
        <option value="">Someone not linked to this project</option>
        {linked.map((l) => (
          <option key={l.id} value={l.mentorId}>
            {l.mentorName}
          </option>
        ))}
      </select>
    </div>
  )
}

const ROLE_TEXT: Record<Role, { label: string; hint: string }> = {
  team: { label: 'Team member', hint: 'Can change everything. Gets the team secret: invite only people on the team.' },
  mentor: { label: 'Mentor', hint: 'Sees the board and can comment. Can never change the board, whatever their app does.' },
  viewer: { label: 'Viewer', hint: 'Sees the board and comments. Cannot write anything.' }
}

const PROGRAMME_ROLE_TEXT: Record<Role, { label: string; hint: string }> = {
  ...ROLE_TEXT,
  team: { label: 'Team member', hint: 'Joins the programme and gets every project’s key: invite only people on the teams.' },
  viewer: {
    label: 'Manager (view only)',
    hint: 'Sees every project’s summary, the portfolio and the mentor directory. Cannot change anything, and gets no project’s key, so boards stay with their teams.'
  }
}

interface Made {
  role: Role
  mentorName?: string
  code: string
  link: string
  qr: string
}

/** The invite form's own place for "add a signaling address first" (a link to the settings). */
const SIGNALING_LINK_ID = 'invite-signaling'

/**
 * Start sharing, invite by role (code + link + QR), and change the secret. A failed invite
 * changes nothing: the checks run before the doc is shared (SyncManager.shareAndInvite).
 * `settingsOnPage`: the Sync settings form is on this page, so "no signaling address" links
 * straight to its field; elsewhere to a link to the Sharing page.
 */
export function InvitePanel(props: { docId: string; kind: 'programme' | 'project'; docName: string; settingsOnPage?: boolean }): ReactNode {
  const { docId, kind, docName, settingsOnPage = false } = props
  const manager = useSyncManager()
  const role = useRole(docId)
  const status = useDocSyncStatus(docId)
  // A programme's viewer is a manager: every project's summary and the portfolio, no project keys.
  const roles: Role[] = kind === 'programme' ? ['team', 'viewer'] : ['team', 'mentor', 'viewer']
  const roleText = kind === 'programme' ? PROGRAMME_ROLE_TEXT : ROLE_TEXT
  const [chosen, setChosen] = useState<Role>('team')
  // Which linked mentor a mentor invite is for: their app then knows who "you" are (mentions, home).
  const projectDoc = useContext(ProjectDocCtx)?.doc ?? null
  const [forMentor, setForMentor] = useState<{ id: string; name: string } | null>(null)
  const [made, setMade] = useState<Made | null>(null)
  const form = useFormErrors()
  const signalingError = form.errorFor(settingsOnPage ? 'sync-signaling' : SIGNALING_LINK_ID)
  const roleError = form.errorFor('invite-role-team')
  const [copied, setCopied] = useState(false)
  const [confirmRotate, setConfirmRotate] = useState(false)
  const [rotated, setRotated] = useState<number | null>(null)
  const [confirmLeave, setConfirmLeave] = useState(false)
  const what = kind === 'programme' ? 'programme' : 'project'

  if (role !== null && role !== 'team') {
    return (
      <p className="govuk-body" data-testid="role-note">
        You joined this {what} as a <strong>{roleText[role].label.toLowerCase()}</strong>. {roleText[role].hint} Only team members can invite people.
      </p>
    )
  }

  const create = async (): Promise<void> => {
    setCopied(false)
    // Checked first, so nothing is shared, keyed or marked when the invite cannot be made.
    const problem = manager.inviteProblem(docId, kind, chosen)
    if (problem instanceof MissingSignalingError) {
      setMade(null)
      return form.show({ [settingsOnPage ? 'sync-signaling' : SIGNALING_LINK_ID]: problem.message })
    }
    await form.attemptAsync(async () => {
      // Before sharing: if the QR code maker cannot be fetched, nothing is shared or keyed yet.
      const QRCode = await loadQrCode()
      const mentor = chosen === 'mentor' && forMentor ? forMentor : undefined
      const code = await manager.shareAndInvite(docId, kind, chosen, { docName, ...(mentor ? { mentor } : {}) })
      const link = INVITE_LINK_PREFIX + code
      const qr = await QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 240 })
      setMade({ role: chosen, code, link, qr, ...(mentor ? { mentorName: mentor.name } : {}) })
    }, 'invite-role-team')
  }

  return (
    <>
      <ErrorSummary errors={form.summary} />
      <p className="govuk-body" data-testid="doc-sync-status">
        {role === null ? `This ${what} is not shared yet. Creating an invite starts sharing it.` : statusText(status)}
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
      >
        {signalingError && (
          <div className="govuk-form-group govuk-form-group--error">
            <p className="govuk-error-message" id="invite-signaling-error">
              <span className="govuk-visually-hidden">Error:</span> {signalingError}
            </p>
            <p className="govuk-body">
              {settingsOnPage ? (
                <a href="#sync-signaling" className="govuk-link" onClick={(e) => focusById(e, 'sync-signaling')}>
                  Go to the signaling addresses
                </a>
              ) : (
                <Link href="/sharing" id={SIGNALING_LINK_ID} className="govuk-link">
                  Go to the sync settings to add a signaling address
                </Link>
              )}
            </p>
          </div>
        )}
        <div className={`govuk-form-group${roleError ? ' govuk-form-group--error' : ''}`}>
          <fieldset className="govuk-fieldset" aria-describedby={`invite-role-hint${roleError ? ' invite-role-error' : ''}`}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Invite someone as</legend>
            <div id="invite-role-hint" className="govuk-hint">
              An invite works like a password: send it privately, to one person.
            </div>
            {roleError && (
              <p id="invite-role-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {roleError}
              </p>
            )}
            <div className="govuk-radios" data-module="govuk-radios">
              {roles.map((r) => (
                <div className="govuk-radios__item" key={r}>
                  <input
                    className="govuk-radios__input"
                    id={`invite-role-${r}`}
                    name="invite-role"
                    type="radio"
                    value={r}
                    checked={chosen === r}
                    onChange={() => setChosen(r)}
                    aria-describedby={`invite-role-${r}-hint`}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={`invite-role-${r}`}>
                    {roleText[r].label}
                  </label>
                  <div id={`invite-role-${r}-hint`} className="govuk-hint govuk-radios__hint">
                    {roleText[r].hint}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        {chosen === 'mentor' && projectDoc && kind === 'project' && <MentorChoice doc={projectDoc} value={forMentor?.id ?? ''} onChange={setForMentor} />}
        <button type="submit" className="govuk-button">
          Create invite
        </button>
      </form>

      {made && (
        <div className="app-invite" data-testid="invite">
          <h3 className="govuk-heading-s">
            Invite for a {roleText[made.role].label.toLowerCase()}
            {made.mentorName ? `: ${made.mentorName}` : ''}
          </h3>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="invite-code">
              Invite code
            </label>
            <div className="govuk-hint" id="invite-code-hint">
              They paste this into Fortnight under Sharing, then Join with an invite.
            </div>
            {form.errorFor('invite-code') && (
              <p id="invite-code-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {form.errorFor('invite-code')}
              </p>
            )}
            <textarea id="invite-code" className="govuk-textarea app-invite__code" rows={4} readOnly value={made.code} aria-describedby="invite-code-hint" />
          </div>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => {
              void navigator.clipboard?.writeText(made.code).then(
                () => setCopied(true),
                () => form.show({ 'invite-code': 'The invite could not be copied. Select the code and copy it yourself' })
              )
            }}
          >
            Copy invite code
          </button>
          <p className="govuk-body-s" role="status">
            {copied ? 'Copied.' : ''}
          </p>
          <p className="govuk-body-s">
            Link form: <code className="app-invite__link">{made.link}</code>
          </p>
          <img src={made.qr} width={240} height={240} alt={`QR code of the invite for a ${roleText[made.role].label.toLowerCase()}`} />
        </div>
      )}

      {role === 'team' && (
        <>
          <h3 className="govuk-heading-s govuk-!-margin-top-6">Take back access</h3>
          {rotated !== null && (
            <p className="govuk-body" role="status">
              The secret was changed (version {rotated}). Old invites no longer work. Send new invites to the people who should keep access.
            </p>
          )}
          {!confirmRotate ? (
            <button type="button" className="govuk-button govuk-button--warning" onClick={() => setConfirmRotate(true)}>
              Change the secret
            </button>
          ) : (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <div className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                <p className="govuk-body govuk-!-font-weight-bold">
                  Every invite sent so far stops working for new connections, for team members, mentors and viewers alike.
                </p>
                <p className="govuk-body">
                  {kind === 'project'
                    ? 'Team members who joined the whole programme get the new secret automatically. Everyone else needs a new invite. '
                    : 'Everyone needs a new invite. '}
                  It cannot take back what people have already copied to their computers.
                </p>
                <div className="govuk-button-group">
                  <button
                    type="button"
                    className="govuk-button govuk-button--warning"
                    onClick={() => {
                      void manager.rotate(docId).then(
                        (e) => {
                          setRotated(e.secretVersion)
                          setMade(null)
                          setConfirmRotate(false)
                        },
                        (err: unknown) => form.show({ 'invite-role-team': errorMessage(err) })
                      )
                    }}
                  >
                    Yes, change the secret
                  </button>
                  <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirmRotate(false)}>
                    Cancel
                  </button>
                </div>
              </div>
            </div>
          )}
          <h3 className="govuk-heading-s govuk-!-margin-top-6">Stop sharing on this computer</h3>
          <p className="govuk-body">
            This computer stops syncing this {what} and forgets its key. Your copy stays here. To sync again you need a new team invite (an
            invite never replaces a team key this computer already holds).
          </p>
          {!confirmLeave ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirmLeave(true)}>
              Stop sharing on this computer
            </button>
          ) : (
            <div className="govuk-button-group">
              <button
                type="button"
                className="govuk-button govuk-button--warning"
                onClick={() => {
                  void manager.leave(docId).then(
                    () => setConfirmLeave(false),
                    (err: unknown) => form.show({ 'invite-role-team': errorMessage(err) })
                  )
                }}
              >
                Yes, stop sharing on this computer
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirmLeave(false)}>
                Cancel
              </button>
            </div>
          )}
        </>
      )}
    </>
  )
}

// With hash routing a plain #id link would navigate: focus the field instead.
function focusById(ev: React.MouseEvent, id: string): void {
  ev.preventDefault()
  document.getElementById(id)?.focus()
}
