// Standalone signaling server: `npm run signal -- --port 4444 --host 0.0.0.0 [--token T]`.
// Prints the access token only when it generated one, and never logs what passes through.
import { randomBytes } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import { parseCliArgs, USAGE, type CliOptions } from './args'
import { signalingUrl, startSignalingServer } from './server'

/** IPv4 addresses colleagues on the LAN could reach, for the start-up message. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address)
}

async function main(): Promise<void> {
  let options: CliOptions | 'help'
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (options === 'help') {
    console.log(USAGE)
    return
  }
  const generated = options.token === undefined
  const token = options.token ?? randomBytes(32).toString('base64url')
  const server = await startSignalingServer({
    port: options.port,
    host: options.host,
    token,
    ...(options.allowOrigins ? { allowOrigin: (origin: string | undefined) => origin === undefined || options.allowOrigins!.includes(origin) } : {}),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`)
  })

  const wildcard = server.host === '0.0.0.0' || server.host === '::'
  const urls = wildcard ? [server.url, ...lanAddresses().map((a) => signalingUrl(a, server.port, token))] : [server.url]
  console.log('\nFortnight signaling server is running.')
  if (generated) {
    console.log('A new access token was generated. It is shown only this once: keep it like a password.')
  }
  console.log(`Put ${urls.length > 1 ? 'one of these addresses' : 'this address'} in Fortnight's sync settings:`)
  for (const url of urls) console.log(`  ${generated ? url : url.replace(/\?token=.*$/, '?token=<your token>')}`)
  if (wildcard) console.log('Colleagues on the LAN use the address of this computer that they can reach.')
  else console.log(`Only this computer can connect. To serve colleagues on the LAN, start it with --host 0.0.0.0`)
  console.log('Press Ctrl+C to stop.\n')

  const stop = (signal: NodeJS.Signals): void => {
    console.log(`${signal} received: closing connections...`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`The signaling server could not start: ${(error as Error).message}`)
  process.exit(1)
})
