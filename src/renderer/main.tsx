import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { z } from 'zod'
import { App, preloadWorkspace } from './App'
import { localStore, openLocalStore } from './storage/localStore'
import { recoverProgrammeId } from './storage/recoverProgramme'
import { PROFILE_KEY } from './workspace/profile'
import './styles/app.scss'

// zod otherwise probes `new Function` once, which the strict CSP (rightly) reports.
z.config({ jitless: true })

// GOV.UK Frontend styles some components differently once JavaScript is known to be on.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

const root = document.getElementById('root')
if (!root) throw new Error('Fortnight could not find its root element')

// Only shown if opening the local store takes a moment: a status, so screen readers hear it.
const opening = document.createElement('p')
opening.className = 'govuk-body app-width-container'
opening.setAttribute('role', 'status')
const showOpening = setTimeout(() => {
  opening.textContent = 'Opening Fortnight…'
  root.append(opening)
}, 200)

// The profile, the open programme and the sync keys are read synchronously by the app: load
// them from disk first, and find the programme again if its id was lost.
void (async () => {
  try {
    // Used here before (the localStorage mirror has a profile): fetch the workspace while the disk
    // is read, and render once both are here, so the first screen does not wait on a loading state.
    const workspace = hasUsedFortnightBefore() ? preloadWorkspace(window.location.hash.replace(/^#/, '')) : null
    await openLocalStore()
    await workspace
    await recoverProgrammeId(localStore())
  } catch (err) {
    // Each step reports its own failures; whatever else goes wrong, the app still starts.
    console.error('Fortnight could not finish getting ready', err)
  } finally {
    clearTimeout(showOpening)
    opening.remove()
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>
    )
  }
})()

function hasUsedFortnightBefore(): boolean {
  try {
    return window.localStorage.getItem(PROFILE_KEY) !== null
  } catch {
    return false
  }
}
