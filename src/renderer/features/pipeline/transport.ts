import { PipelineError, pipelineFetch, transportFrom, type PipelineRequest, type PipelineTransport } from '@shared/pipeline/publish'

/**
 * How this copy of Fortnight reaches a Pipeline.
 *
 * Desktop: through main (`pipeline:request`). The app:// page's CSP (connect-src 'self' ws: wss:)
 * blocks a fetch to any https address, deliberately: main calls only the Pipeline's four
 * status-update routes, on an https (or local test) address, with a checked body.
 *
 * Browser: `fetch`, which needs the Pipeline to send CORS headers and the page's own CSP (set by
 * whoever hosts Fortnight) to allow the Pipeline's address in connect-src. When the policy blocks
 * it, the person is told that, not "could not be reached".
 */
export function pipelineTransport(address: string): PipelineTransport {
  const api = window.fortnight
  if (api) {
    return transportFrom(address, async (req) => {
      const r = await api.pipelineRequest({ address, ...req } as Parameters<typeof api.pipelineRequest>[0])
      if (!r.ok) throw new PipelineError(r.kind, r.message, r.status)
      return r.data
    })
  }
  return transportFrom(address, (req) => browserRequest(address, req))
}

async function browserRequest(address: string, req: PipelineRequest): Promise<unknown> {
  let blocked = false
  const origin = new URL(address).origin
  const onViolation = (e: SecurityPolicyViolationEvent): void => {
    if (e.blockedURI.startsWith(origin)) blocked = true
  }
  document.addEventListener('securitypolicyviolation', onViolation)
  try {
    return await pipelineFetch(address, req)
  } catch (e) {
    // The violation event is queued as a task: let it arrive before deciding what happened.
    await new Promise((r) => setTimeout(r, 0))
    if (blocked)
      throw new PipelineError(
        'blocked',
        `This page’s security policy does not allow it to contact ${address}. Publish from the Fortnight desktop app, or ask whoever hosts Fortnight to allow the Pipeline’s address`
      )
    throw e
  } finally {
    document.removeEventListener('securitypolicyviolation', onViolation)
  }
}
