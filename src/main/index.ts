// Fortnight's main process: a thin, hardened shell around the renderer.
// Packaging note: fuses (RunAsNode off, NODE_OPTIONS off, --inspect off, asar integrity on,
// only load from asar, cookie encryption on) are flipped on the packaged binary by
// scripts/fuses.mjs; nothing here can replace them.
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, shell } from 'electron'
import { createHandlers } from './ipc/handlers'
import { originGate } from './ipc/pipeline'
import { createSyncHost } from './sync/host'
import { createKeyStore } from './sync/keyStore'
import { registerHandlers } from './ipc/invoke'
import { menuTemplate } from './menu'
import { APP_HOST, APP_SCHEME, isAllowedExternal, isPermissionAllowed, validateSender } from './security'
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './protocol'
import { createMainWindow, hardenWebContents } from './window'

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const rendererRoot = join(__dirname, '../renderer')
const preloadPath = join(__dirname, '../preload/index.cjs')

const openExternal = (url: string): void => {
  if (isAllowedExternal(url)) void shell.openExternal(url)
}

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
app.enableSandbox()
// A UK English interface: native date fields read dd/mm/yyyy whatever the machine's language.
app.commandLine.appendSwitch('lang', 'en-GB')

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { devServerUrl, openExternal }))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(() => {
    app.setAppUserModelId('digital.localgov.fortnight')

    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererRoot, request))

    const ses = session.defaultSession
    ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
      callback(isPermissionAllowed(permission, details.requestingUrl, devServerUrl))
    )
    ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
      isPermissionAllowed(permission, requestingOrigin, devServerUrl)
    )
    ses.setDevicePermissionHandler(() => false)
    ses.setSpellCheckerLanguages(['en-GB'])

    const parentOf = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? mainWindow ?? undefined
    // "Host sync on this computer": started only when the person asks and then confirms in a
    // system dialog (a page cannot click it), on the one address they picked; stopped on quit.
    const syncHost = createSyncHost({
      allowedOrigins: [`${APP_SCHEME}://${APP_HOST}`, ...(devServerUrl ? [new URL(devServerUrl).origin] : [])],
      confirm: async ({ address, port }) => {
        const options = {
          type: 'question' as const,
          buttons: ['Start hosting', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
          title: 'Host sync on this computer',
          message: `Let colleagues' computers connect to this one at ${address}, port ${port}?`,
          detail:
            'Fortnight will introduce colleagues to each other while it is open here. Anyone on that network who has the address with its access token can connect. The connection is not encrypted (ws://), but the work itself is: see Sharing and sync.'
        }
        const parent = parentOf()
        const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
        return response === 0
      }
    })
    const keyStore = createKeyStore({
      safeStorage,
      path: join(app.getPath('userData'), 'sync-keys.bin'),
      readFile: (path) => readFile(path),
      writeFile: (path, data) => writeFile(path, data, { mode: 0o600 })
    })
    app.on('will-quit', () => void syncHost.stop())
    const handlers = createHandlers({
      syncHost,
      keyStore,
      appVersion: () => app.getVersion(),
      // Through Chromium's network stack, so the council's system proxy and certificates apply.
      pipelineFetch: (url, init) => net.fetch(url, init),
      // Main calls a Pipeline only at an origin the person allowed in a system dialog (once per run).
      pipelineGate: originGate(async (origin) => {
        const options = {
          type: 'question' as const,
          buttons: ['Allow', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
          title: 'Publish to the Pipeline',
          message: `Send this programme's status updates to ${origin}?`,
          detail: 'Fortnight will post each closed cycle\'s goal, decision and evidence there, and read back what is already published. Only allow the Pipeline your programme reports to.'
        }
        const parent = parentOf()
        const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
        return response === 0
      }),
      files: {
        defaultDir: app.getPath('documents'),
        showSaveDialog: (options) => {
          const parent = parentOf()
          return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)
        },
        showOpenDialog: (options) => {
          const opts = { ...options, properties: ['openFile' as const] }
          const parent = parentOf()
          return parent ? dialog.showOpenDialog(parent, opts) : dialog.showOpenDialog(opts)
        },
        writeFile: (path, content) => writeFile(path, content, 'utf8'),
        stat: (path) => stat(path),
        readFile: (path) => readFile(path)
      }
    })
    registerHandlers(ipcMain, handlers, (frameUrl) => validateSender(frameUrl, devServerUrl))

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(menuTemplate({ isMac: process.platform === 'darwin', isDev: !app.isPackaged, openExternal }))
    )

    const open = (): void => {
      mainWindow = createMainWindow({ preloadPath, iconPath: join(app.getAppPath(), 'resources/icon.png'), devServerUrl })
      mainWindow.on('closed', () => {
        mainWindow = null
      })
    }
    open()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open()
    })
  })
}
