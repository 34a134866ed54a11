import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { z } from 'zod'
import { App } from './App'
import './styles/app.scss'

// zod otherwise probes `new Function` once, which the strict CSP (rightly) reports.
z.config({ jitless: true })

// GOV.UK Frontend styles some components differently once JavaScript is known to be on.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

const root = document.getElementById('root')
if (!root) throw new Error('Fortnight could not find its root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
