import { defineConfig } from 'vitest/config'
import { sharedAlias } from './vite.web.config'

export default defineConfig({
  resolve: { alias: sharedAlias, dedupe: ['yjs', 'y-protocols', 'lib0'] },
  test: {
    include: ['test/shared/**/*.test.ts', 'test/security/**/*.test.ts', 'test/main/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 20000
  }
})
