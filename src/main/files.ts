// file:save and file:open. Dialogs and the file system are injected so the handlers run in tests
// against a real temp directory without Electron.
import { basename, join } from 'node:path'
import type { FileFilter, OpenFileRequest, OpenFileResult, SaveFileRequest, SaveFileResult } from '../preload/contract'
import { DEFAULT_OPEN_MAX_BYTES, MEGABYTE } from './ipc/schemas'

export interface FileDeps {
  /** Folder the save dialog starts in (the person's Documents). */
  defaultDir: string
  showSaveDialog(options: { defaultPath: string; filters?: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>
  showOpenDialog(options: { filters?: FileFilter[] }): Promise<{ canceled: boolean; filePaths: string[] }>
  writeFile(path: string, content: string): Promise<void>
  stat(path: string): Promise<{ size: number; isFile(): boolean }>
  readFile(path: string): Promise<Uint8Array>
}

const REASONS: Record<string, string> = {
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'part of the path is not a folder',
  EISDIR: 'it is a folder',
  EBUSY: 'it is in use by another program',
  EMFILE: 'too many files are open'
}

function reasonFor(error: unknown, overrides: Record<string, string> = {}): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  const reason = code ? (overrides[code] ?? REASONS[code]) : undefined
  if (code && reason) return `${reason} (${code})`
  return error instanceof Error ? error.message : String(error)
}

/** "12 MB", "1.5 MB", "300 KB", "12 bytes" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < MEGABYTE) return `${Math.round(bytes / 1024)} KB`
  const mb = bytes / MEGABYTE
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`
}

export async function saveFile(deps: FileDeps, req: SaveFileRequest): Promise<SaveFileResult> {
  const choice = await deps.showSaveDialog({ defaultPath: join(deps.defaultDir, req.suggestedName), filters: req.filters })
  if (choice.canceled || !choice.filePath) return { saved: false }
  try {
    await deps.writeFile(choice.filePath, req.content)
  } catch (error) {
    throw new Error(`Couldn't save ${basename(choice.filePath)}: ${reasonFor(error)}.`, { cause: error })
  }
  return { saved: true, path: choice.filePath }
}

/** Text files only: a NUL byte or invalid UTF-8 means the person picked something else. */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

export async function openFile(deps: FileDeps, req: OpenFileRequest): Promise<OpenFileResult> {
  const maxBytes = req.maxBytes ?? DEFAULT_OPEN_MAX_BYTES
  const choice = await deps.showOpenDialog({ filters: req.filters })
  const filePath = choice.filePaths[0]
  if (choice.canceled || !filePath) return null
  const name = basename(filePath)

  const couldNotOpen = (error: unknown): Error => new Error(`Couldn't open ${name}: ${reasonFor(error, { ENOENT: 'the file no longer exists' })}.`, { cause: error })
  const tooBig = (size: number): Error =>
    new Error(`${name} is ${formatSize(size)}, more than the ${formatSize(maxBytes)} limit, so Fortnight didn't open it.`)

  let info: { size: number; isFile(): boolean }
  try {
    info = await deps.stat(filePath)
  } catch (error) {
    throw couldNotOpen(error)
  }
  if (!info.isFile()) throw new Error(`Couldn't open ${name}: it isn't a file.`)
  if (info.size > maxBytes) throw tooBig(info.size)

  let bytes: Uint8Array
  try {
    bytes = await deps.readFile(filePath)
  } catch (error) {
    throw couldNotOpen(error)
  }
  // The file may have grown between stat and read.
  if (bytes.byteLength > maxBytes) throw tooBig(bytes.byteLength)
  const content = decodeText(bytes)
  if (content === null) throw new Error(`${name} isn't a text file, so Fortnight can't open it.`)
  return { name, content }
}
