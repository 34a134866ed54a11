import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { HELP_LINKS, menuTemplate } from '../../src/main/menu'
import { isAllowedExternal } from '../../src/main/security'

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])])
}

const labels = (items: MenuItemConstructorOptions[]): string[] =>
  flatten(items).flatMap((item) => (item.label ? [item.label] : []))

describe('menuTemplate', () => {
  it.each([true, false])('labels everything in UK English (mac: %s)', (isMac) => {
    const items = flatten(menuTemplate({ isMac, isDev: false, openExternal: () => {} }))
    for (const item of items) if (item.type !== 'separator') expect(item.label, JSON.stringify(item)).toBeTruthy()
    const all = labels(menuTemplate({ isMac, isDev: false, openExternal: () => {} })).join(' ')
    expect(all).toContain('Minimise')
    expect(all).not.toMatch(/Minimize|Customize|Color/)
  })

  it('leaves undo/redo to the editor (Y.UndoManager)', () => {
    const roles = flatten(menuTemplate({ isMac: true, isDev: true, openExternal: () => {} })).map((item) => item.role)
    expect(roles).not.toContain('undo')
    expect(roles).not.toContain('redo')
  })

  it('offers developer tools only in development', () => {
    const roles = (isDev: boolean) =>
      flatten(menuTemplate({ isMac: false, isDev, openExternal: () => {} })).map((item) => item.role)
    expect(roles(true)).toContain('toggleDevTools')
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(false)).not.toContain('reload')
  })

  it('help links are all on the external allowlist and open through openExternal', () => {
    const opened: string[] = []
    const help = flatten(menuTemplate({ isMac: false, isDev: false, openExternal: (url) => opened.push(url) })).filter(
      (item) => item.click
    )
    for (const item of help) (item.click as () => void)()
    expect(opened).toEqual(HELP_LINKS.map((link) => link.url))
    for (const url of opened) expect(isAllowedExternal(url), url).toBe(true)
  })
})
