import type { FortnightApi } from '../preload/contract'

/**
 * The one seam between the desktop app (window.fortnight from the preload) and browser mode.
 * Features call these functions and never check which one they run in.
 */
declare global {
  interface Window {
    fortnight?: FortnightApi
  }
}

export type PlatformKind = 'desktop' | 'browser'

export function platformKind(): PlatformKind {
  return window.fortnight ? 'desktop' : 'browser'
}

export async function appVersion(): Promise<string> {
  return window.fortnight ? window.fortnight.appVersion() : (import.meta.env.VITE_APP_VERSION ?? 'web')
}

/** Save text to a file the user chooses (desktop) or to Downloads (browser). */
export async function saveTextFile(suggestedName: string, content: string, mime = 'application/json'): Promise<boolean> {
  if (window.fortnight) {
    const result = await window.fortnight.saveFile({ suggestedName, content })
    return result.saved
  }
  const url = URL.createObjectURL(new Blob([content], { type: mime }))
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = suggestedName
    a.click()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
  return true
}

/** Ask the user for a text file. Null when they cancel. */
export async function openTextFile(accept: string[] = ['.json']): Promise<{ name: string; content: string } | null> {
  if (window.fortnight) {
    return window.fortnight.openFile({ filters: [{ name: 'Fortnight files', extensions: accept.map((a) => a.replace(/^\./, '')) }] })
  }
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept.join(',')
    input.onchange = () => {
      const file = input.files?.[0]
      if (!file) return resolve(null)
      file.text().then((content) => resolve({ name: file.name, content }), reject)
    }
    input.click()
  })
}
