// The application menu, UK English. Pure: returns a template for Menu.buildFromTemplate.
import type { MenuItemConstructorOptions } from 'electron'

export const HELP_LINKS = [
  { label: 'LocalGov Digital', url: 'https://localgov.digital/' },
  { label: 'LocalGov Digital Pipeline', url: 'https://pipeline.localgov.digital/' },
  { label: 'LocalGov Digital on GitHub', url: 'https://github.com/LocalGovDigital' }
] as const

export interface MenuOptions {
  isMac: boolean
  /** Developer tools are offered only when the app is not packaged. */
  isDev: boolean
  openExternal(url: string): void
}

export function menuTemplate({ isMac, isDev, openExternal }: MenuOptions): MenuItemConstructorOptions[] {
  const sep: MenuItemConstructorOptions = { type: 'separator' }
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: 'Fortnight',
          submenu: [
            { role: 'about', label: 'About Fortnight' },
            sep,
            { role: 'hide', label: 'Hide Fortnight' },
            { role: 'hideOthers', label: 'Hide others' },
            { role: 'unhide', label: 'Show all' },
            sep,
            { role: 'quit', label: 'Quit Fortnight' }
          ]
        }
      ]
    : []
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [isMac ? { role: 'close', label: 'Close window' } : { role: 'quit', label: 'Quit Fortnight' }]
    },
    {
      // No undo/redo roles here: they would run the browser's native undo and bypass the
      // editor's Y.UndoManager. Ctrl/Cmd+Z is handled inside the page.
      label: 'Edit',
      submenu: [
        { role: 'cut', label: 'Cut' },
        { role: 'copy', label: 'Copy' },
        { role: 'paste', label: 'Paste' },
        { role: 'pasteAndMatchStyle', label: 'Paste and match style' },
        { role: 'selectAll', label: 'Select all' }
      ]
    },
    {
      label: 'View',
      submenu: [
        ...(isDev
          ? ([{ role: 'reload', label: 'Reload' }, { role: 'toggleDevTools', label: 'Developer tools' }, sep] as MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom', label: 'Actual size' },
        { role: 'zoomIn', label: 'Zoom in' },
        { role: 'zoomOut', label: 'Zoom out' },
        sep,
        { role: 'togglefullscreen', label: 'Full screen' }
      ]
    },
    {
      label: 'Window',
      submenu: [{ role: 'minimize', label: 'Minimise' }, ...(isMac ? [{ role: 'zoom', label: 'Zoom' } as const] : [])]
    },
    {
      role: 'help',
      label: 'Help',
      submenu: HELP_LINKS.map((link) => ({ label: link.label, click: () => openExternal(link.url) }))
    }
  ]
}
