// Command-line arguments for the standalone signaling server (cli.ts), kept apart so they are testable.
import { parseArgs } from 'node:util'
import { SIGNALING_DEFAULTS } from './server'

export const USAGE = `Usage: npm run signal -- [--port 4444] [--host 127.0.0.1] [--token TOKEN] [--allow-origin ORIGIN ...]

  --port   port to listen on (default 4444)
  --host   address to listen on (default 127.0.0.1, this computer only;
           use --host 0.0.0.0 to serve colleagues on the LAN)
  --token  shared access token (at least 16 characters). Without one, a strong
           token is generated and printed once. FORTNIGHT_SIGNAL_TOKEN also works
           and keeps the token out of the process list.
  --allow-origin  accept browser connections only from this origin (repeatable),
           e.g. app://fortnight and the address the office serves Fortnight from.
           Clients that send no Origin (not web pages) still need the token.
           Without it, any origin with a valid token is accepted.

  Mentor and viewer invites carry a token for their own room only, derived from
  this token: they cannot open more than a few connections or join other rooms.`

export interface CliOptions {
  port: number
  host: string
  token: string | undefined
  /** Present only when --allow-origin was given. */
  allowOrigins?: string[]
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  })
  if (values.help) return 'help'
  const portText = values.port ?? '4444'
  const port = Number(portText)
  if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".`)
  const origins = values['allow-origin']
  return {
    port,
    host: values.host ?? SIGNALING_DEFAULTS.host,
    token: values.token ?? (env.FORTNIGHT_SIGNAL_TOKEN || undefined),
    ...(origins && origins.length > 0 ? { allowOrigins: origins } : {})
  }
}
