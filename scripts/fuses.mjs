#!/usr/bin/env node
// Flips Electron's fuses on a PACKAGED app binary. Fuses are bits compiled into the executable,
// so they can only be set after packaging (and, on macOS, before code signing): run this from the
// packager's afterPack hook (electron-builder) or use @electron/forge's FusesPlugin with the same
// options. Needs the @electron/fuses dev dependency, which the project does not have yet.
//
//   node scripts/fuses.mjs <path to the packaged executable, e.g. dist/linux-unpacked/fortnight>
//
// What each fuse closes:
//   RunAsNode off                          ELECTRON_RUN_AS_NODE cannot turn the app into a plain node
//   EnableNodeOptionsEnvironmentVariable   NODE_OPTIONS cannot inject code (--require) into main
//   EnableNodeCliInspectArguments off      --inspect cannot attach a debugger to main
//   EnableEmbeddedAsarIntegrityValidation  a tampered app.asar refuses to load (macOS, Windows)
//   OnlyLoadAppFromAsar on                 no loose app/ folder next to the asar is loaded instead
//   EnableCookieEncryption on              cookies on disk are encrypted with the OS keychain
//   GrantFileProtocolExtraPrivileges off   file:// gets no special powers (we serve app://)

import { pathToFileURL } from 'node:url'

export const FORTNIGHT_FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
  GrantFileProtocolExtraPrivileges: false
}

export async function applyFuses(executablePath) {
  let fuses
  try {
    fuses = await import('@electron/fuses')
  } catch {
    throw new Error('@electron/fuses is not installed: add it as a dev dependency to set fuses at packaging.')
  }
  const { flipFuses, FuseVersion, FuseV1Options } = fuses
  const options = Object.fromEntries(
    Object.entries(FORTNIGHT_FUSES).map(([name, value]) => {
      if (!(name in FuseV1Options)) throw new Error(`Unknown fuse ${name} in this version of @electron/fuses.`)
      return [FuseV1Options[name], value]
    })
  )
  await flipFuses(executablePath, {
    version: FuseVersion.V1,
    // macOS arm64 binaries must be re-signed after flipping (the packager signs afterwards anyway).
    resetAdHocDarwinSignature: process.platform === 'darwin' && process.arch === 'arm64',
    ...options
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2]
  if (!target) {
    console.error('Usage: node scripts/fuses.mjs <path to the packaged Fortnight executable>')
    process.exit(1)
  }
  try {
    await applyFuses(target)
    console.log(`Fuses set on ${target}.`)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}
