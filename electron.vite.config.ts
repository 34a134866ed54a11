import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig, sharedAlias, testHooksDefine } from './vite.web.config'

// The renderer is built from the same config as browser mode, so the desktop app and
// `npm start` in a browser run exactly the same workspace. The desktop app never has the test
// hooks, whatever the environment says (see testHooksDefine).
export default defineConfig({
  main: {
    resolve: { alias: sharedAlias },
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/index.ts') }
      }
    }
  },
  preload: {
    resolve: { alias: sharedAlias },
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: { ...rendererConfig, define: { ...rendererConfig.define, ...testHooksDefine(false) } }
})
