// The preload runs sandboxed (it can only require 'electron') and the renderer imports the
// contract: both break at run time, not at compile time, if these imports creep in.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '../..')

/** Module specifiers imported for their values (type-only imports are erased by the build). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8')
  const specifiers: string[] = []
  for (const match of source.matchAll(/^\s*import\s+(type\s+)?([^'"]*?)\s*(?:from\s+)?['"]([^'"]+)['"]/gm)) {
    if (!match[1]) specifiers.push(match[3] as string)
  }
  return specifiers
}

describe('module boundaries', () => {
  it('the contract has no runtime imports (the renderer and the sandboxed preload both load it)', () => {
    expect(runtimeImports('src/preload/contract.ts')).toEqual([])
  })

  it('the preload imports only electron and its own zod-free modules', () => {
    const files = readdirSync(join(root, 'src/preload')).filter((f) => f.endsWith('.ts'))
    for (const file of files) {
      for (const specifier of runtimeImports(`src/preload/${file}`)) {
        expect(['electron', './contract', './api'], `${file} imports ${specifier}`).toContain(specifier)
      }
    }
  })

  it('only the entry point and the window module import electron at run time', () => {
    const files = readdirSync(join(root, 'src/main'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.startsWith('signaling')
    )
    const importers = files.filter((f) => runtimeImports(`src/main/${f}`).includes('electron')).sort()
    expect(
      importers,
      'Only index.ts and window.ts may import electron at run time: pass what a module needs as parameters ' +
        '(or import types only) so it can be unit-tested without the Electron binary.'
    ).toEqual(['index.ts', 'window.ts'])
  })

  it('recognises a runtime import when there is one', () => {
    expect(runtimeImports('src/main/window.ts')).toContain('electron')
    expect(runtimeImports('src/main/security.ts')).not.toContain('electron')
  })
})
