// The main window and the navigation rules applied to every web contents.
import { BrowserWindow, type WebContents } from 'electron'
import { APP_ENTRY_URL, isAllowedExternal, isAllowedNavigation, webPreferencesFor } from './security'

export interface NavigationPolicy {
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), only when the app is not packaged. */
  devServerUrl?: string
  openExternal(url: string): void
}

/**
 * No new windows, no navigation away from the app, no <webview>. Allowlisted https links are
 * handed to the person's browser instead.
 */
export function hardenWebContents(contents: WebContents, policy: NavigationPolicy): void {
  const sendOut = (url: string): void => {
    if (isAllowedExternal(url)) policy.openExternal(url)
  }
  contents.setWindowOpenHandler(({ url }) => {
    sendOut(url)
    return { action: 'deny' }
  })
  const guard = (event: { url: string; preventDefault(): void }): void => {
    if (isAllowedNavigation(event.url, policy.devServerUrl)) return
    event.preventDefault()
    sendOut(event.url)
  }
  contents.on('will-navigate', guard)
  contents.on('will-frame-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export interface MainWindowOptions {
  preloadPath: string
  iconPath?: string
  devServerUrl?: string
}

export function createMainWindow({ preloadPath, iconPath, devServerUrl }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Fortnight',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#ffffff',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: webPreferencesFor(preloadPath)
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL)
  return win
}
