import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const yjsOnlyInDoc = {
  paths: [{ name: 'yjs', message: 'Only src/shared/doc/** may import yjs: go through the domain operations there.' }]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', yjsOnlyInDoc],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  {
    // The document layer is the one place that touches Yjs.
    files: ['src/shared/doc/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    // Tests of the document layer may build raw Yjs updates (e.g. a misbehaving peer).
    files: ['test/**/*.ts', 'bench/**/*.ts', 'bench/**/*.mjs'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/doc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...yjsOnlyInDoc,
          patterns: [{ group: ['react', 'react-dom', 'electron'], message: 'src/shared is UI- and Electron-free.' }]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...yjsOnlyInDoc,
          patterns: [{ group: ['electron', 'node:*'], message: 'The renderer never needs Node or Electron: use platform.ts.' }]
        }
      ]
    }
  }
)
