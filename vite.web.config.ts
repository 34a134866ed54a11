import { resolve } from 'node:path'
import { defineConfig, type UserConfig } from 'vite'
import react from '@vitejs/plugin-react'

export const sharedAlias = { '@shared': resolve(import.meta.dirname, 'src/shared') }

/**
 * The build-time switch for the end-to-end test hooks (src/renderer/sync/testHooks.ts): replaced by
 * a constant, so a build without it has neither the hooks nor the code that loads them. Only
 * scripts/e2e.mjs and the bench set VITE_FORTNIGHT_TEST_HOOKS=1; the desktop build forces it off
 * (electron.vite.config.ts), and `npm test` checks release bundles for the hooks' names.
 */
export function testHooksDefine(on: boolean): Record<string, string> {
  return { 'import.meta.env.VITE_FORTNIGHT_TEST_HOOKS': JSON.stringify(on ? '1' : '0') }
}

/**
 * One renderer config for the desktop build and for browser mode.
 * `dedupe` keeps a single copy of yjs / y-protocols / y-tiptap in the bundle: two copies
 * break `instanceof` checks inside Yjs and silently corrupt documents.
 */
export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  define: testHooksDefine(process.env.VITE_FORTNIGHT_TEST_HOOKS === '1'),
  resolve: {
    alias: { ...sharedAlias, '@govuk-assets': resolve(import.meta.dirname, 'node_modules/govuk-frontend/dist/govuk/assets') },
    dedupe: ['yjs', 'y-protocols', '@tiptap/y-tiptap', 'lib0', 'react', 'react-dom']
  },
  css: {
    preprocessorOptions: {
      scss: { quietDeps: true, silenceDeprecations: ['import'] }
    }
  },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // The renderer is split (App.tsx, lazyLoad.ts): the editor (TipTap) and the charts (recharts)
    // are the largest chunks, a little over 400 kB each. A chunk past this means something heavy
    // joined one that every start needs.
    chunkSizeWarningLimit: 500,
    // lightningcss rejects a GOV.UK Frontend print media query; esbuild minifies it fine.
    cssMinify: 'esbuild',
    // electron-vite leaves the renderer unminified by default; a 2.3x smaller bundle starts faster.
    minify: true,
    rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') }
  }
}

export default defineConfig({
  ...rendererConfig,
  build: { ...rendererConfig.build, outDir: resolve(import.meta.dirname, 'out/web') },
  server: { host: '127.0.0.1', strictPort: false }
})
