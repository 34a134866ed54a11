import { localStore } from '../../storage/localStore'

/**
 * Small bits of search state that outlive one screen: the last query (so the home page can hand
 * one over, and Back returns to the same results) and whether the "/" shortcut is on.
 */
let lastQuery = ''

export function rememberQuery(q: string): void {
  lastQuery = q
}

export function rememberedQuery(): string {
  return lastQuery
}

let typeOnArrival = false

/**
 * The next search screen should put focus in its box rather than on its heading (the page-change
 * default): set by the "/" key and the home page's "Search everything", where the person has just
 * said they want to type a search.
 */
export function focusSearchBoxOnArrival(): void {
  typeOnArrival = true
}

export function takeFocusOnArrival(): boolean {
  const v = typeOnArrival
  typeOnArrival = false
  return v
}

const SHORTCUT_KEY = 'fortnight:searchShortcut'

/**
 * WCAG 2.1.4 (character key shortcuts): a one-key shortcut must be possible to turn off, because
 * speech-input users can trigger it by accident. Stored on this computer only (the durable local store).
 */
export function shortcutEnabled(): boolean {
  try {
    return localStore().getItem(SHORTCUT_KEY) !== 'off'
  } catch {
    return true
  }
}

export function setShortcutEnabled(on: boolean): void {
  try {
    if (on) localStore().removeItem(SHORTCUT_KEY)
    else localStore().setItem(SHORTCUT_KEY, 'off')
  } catch {
    // Storage refused (private mode): the setting lasts until the page reloads, which is fine.
  }
}
