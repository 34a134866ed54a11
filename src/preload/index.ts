// Sandboxed preload (bundled to CJS as out/preload/index.cjs): it may only require 'electron',
// so it imports nothing but the zod-free contract and the builder.
import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from './api'

contextBridge.exposeInMainWorld(
  'fortnight',
  buildApi((channel, payload) => ipcRenderer.invoke(channel, payload))
)
