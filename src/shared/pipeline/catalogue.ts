import { z } from 'zod'
import { prepareCatalogueCsv, type DateOrder } from './importCsv'
import { prepareCatalogueJson, type PreparedRows, type Refused } from './importJson'
import {
  CATALOGUE_FORMAT_VERSION,
  CATALOGUE_FORMATS,
  CATALOGUE_LIMITS,
  describeRowAt,
  identityKey,
  nameKey,
  storedCatalogueProjectSchema,
  type CatalogueFields,
  type CatalogueFormat,
  type CatalogueProject,
  type IncomingProject,
  type RowIssue
} from './importSchema'

/**
 * The sector catalogue: other councils' Pipeline projects, imported from a file, kept on this
 * computer only and read-only (issue 10, "look sideways").
 *
 * Where it is kept: its own IndexedDB database per programme (`catalogueDatabaseName`), not a Yjs
 * doc. It is never shared, so it needs none of what Yjs is for (merging peers' edits), and plain
 * IndexedDB gives what an import needs: one transaction that reads what is there, decides, and
 * writes every project — all of it or, if anything fails (a full disk, another window deleting the
 * data), none of it. Not being a Y.Doc, it cannot be handed to a sync provider by mistake; its name
 * (`fortnight-catalogue:…`) is not a doc name either, so the sync layer's `docIdOf` (which only
 * knows `fortnight:programme:` and `fortnight:project:`) would ignore it even if it were.
 *
 * An import goes: bound the size → decode → tell JSON from CSV → check the file as a whole (a bad
 * file is refused here, nothing written) → check each row in batches, yielding between them so a
 * progress bar moves → drop repeats within the file (reported) → one transaction that updates
 * projects already known (by Pipeline Id, else organisation and title; see planImport) and adds
 * the rest.
 */

// ——— Reading a file ———

export interface CatalogueInput {
  /** The file's name (shown in reports; its extension is a hint to the format). */
  readonly name: string
  /** The file's bytes (checked for size and decoded here), or text already decoded. */
  readonly bytes?: Uint8Array
  readonly text?: string
}

export interface ImportProgress {
  readonly phase: 'reading' | 'checking' | 'saving'
  readonly done: number
  readonly total: number
}

export interface ReadOptions {
  /** Day/month order for slash dates in a CSV; default: worked out per file. */
  readonly dateOrder?: DateOrder
  onProgress?(p: ImportProgress): void
  /** Called between batches of rows: give the UI a turn (the renderer waits a macrotask). */
  pause?(): Promise<void>
  /** Rows per batch; default 500. */
  readonly batchSize?: number
}

/** A file that was refused as a whole: nothing in it is imported. */
export interface CatalogueRefusal {
  readonly ok: false
  /** Plain English, for the error summary. */
  readonly error: string
  /** When every row was refused: why, row by row. */
  readonly issues: readonly RowIssue[]
}

export interface CatalogueRead {
  readonly ok: true
  readonly file: string
  readonly format: CatalogueFormat
  /** Rows (CSV) or items (JSON) in the file. */
  readonly rowsInFile: number
  /** Rows that passed, in file order, repeats removed. */
  readonly rows: readonly IncomingProject[]
  /** Errors (row skipped) and warnings (row imported), in file order. */
  readonly issues: readonly RowIssue[]
  readonly notes: readonly string[]
}

const BATCH = 500

/** Read and check a catalogue file. Pure apart from `pause`: nothing is stored. */
export async function readCatalogueFile(input: CatalogueInput, opts: ReadOptions = {}): Promise<CatalogueRead | CatalogueRefusal> {
  const refuse = (error: string, issues: readonly RowIssue[] = []): CatalogueRefusal => ({ ok: false, error, issues })
  opts.onProgress?.({ phase: 'reading', done: 0, total: 1 })
  const decoded = decode(input)
  if (!decoded.ok) return refuse(decoded.error)
  const { text, notes: decodeNotes } = decoded

  const first = text.trimStart().charAt(0)
  // The content decides (a list or an object is JSON, whatever the file is called), then the name.
  const json = first === '[' || first === '{' || /\.json$/i.test(input.name)
  const prepared: PreparedRows | Refused = json ? prepareCatalogueJson(text) : prepareCatalogueCsv(text, { dateOrder: opts.dateOrder ?? 'auto' })
  if (!prepared.ok) return refuse(prepared.error)

  const issues: RowIssue[] = []
  const rows: IncomingProject[] = []
  const byId = new Map<number, IncomingProject>()
  const byName = new Map<string, IncomingProject>()
  const batch = Math.max(1, opts.batchSize ?? BATCH)
  for (let i = 0; i < prepared.count; i++) {
    if (i > 0 && i % batch === 0) {
      opts.onProgress?.({ phase: 'checking', done: i, total: prepared.count })
      await opts.pause?.()
    }
    const mark = issues.length
    const row = prepared.readRow(i, issues)
    if (!row) continue
    const name = nameKey(row.organisation, row.title)
    const sameId = row.pipelineId !== null ? byId.get(row.pipelineId) : undefined
    const sameName = row.pipelineId === null ? byName.get(name) : undefined
    const earlier = sameId ?? sameName
    if (earlier) {
      // A repeat: its own warnings would only be noise; one error says why it was left out.
      issues.length = mark
      issues.push({
        at: row.at,
        severity: 'error',
        title: row.title.length > 80 ? `${row.title.slice(0, 80)}…` : row.title,
        message: sameId
          ? `repeats Id ${row.pipelineId} from ${describeRowAt(earlier.at).toLowerCase()}: not imported (the first is kept)`
          : `has the same title and organisation as ${describeRowAt(earlier.at).toLowerCase()}: not imported (the first is kept)`
      })
      continue
    }
    if (row.pipelineId !== null) byId.set(row.pipelineId, row)
    if (!byName.has(name)) byName.set(name, row)
    rows.push(row)
  }
  opts.onProgress?.({ phase: 'checking', done: prepared.count, total: prepared.count })
  if (rows.length === 0)
    return refuse(
      prepared.count === 1
        ? 'The project in this file could not be imported: the problem is listed below.'
        : 'No project in this file could be imported: every row has a problem, listed below.',
      issues
    )
  return { ok: true, file: input.name, format: prepared.format, rowsInFile: prepared.count, rows, issues, notes: [...decodeNotes, ...prepared.notes] }
}

type Decoded = { ok: true; text: string; notes: string[] } | { ok: false; error: string }

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB` : `${Math.ceil(n / 1024)} KB`
}

/** For a file picked in the browser: refuse it by its size before reading a byte. Null when it may be read. */
export function fileTooBig(size: number): string | null {
  return size > CATALOGUE_LIMITS.maxFileChars ? TOO_BIG(sizeText(size)) : null
}

const TOO_BIG = (size: string): string =>
  `This file is ${size}. A Pipeline catalogue is a few MB; Fortnight imports files up to ${sizeText(CATALOGUE_LIMITS.maxFileChars)}.`
const NOT_TEXT =
  'This file is not text: it may be a spreadsheet, an archive or a picture. Save the catalogue as CSV (comma separated values) or JSON and import that.'

/**
 * Bytes to text, bounded first: the size is checked before anything is decoded or parsed. UTF-8
 * (with or without its byte-order mark) and UTF-16 with a mark are read as such; bytes that are
 * not UTF-8 but look like text are read as Windows-1252 (what Excel on Windows saves as "CSV").
 * NUL bytes or many control bytes mean the file is not text at all.
 */
export function decode(input: CatalogueInput): Decoded {
  if (input.text !== undefined) {
    if (input.text.length > CATALOGUE_LIMITS.maxFileChars) return { ok: false, error: TOO_BIG(sizeText(input.text.length)) }
    const text = input.text.replace(/^\uFEFF/, '')
    if (text.trim() === '') return { ok: false, error: 'The file is empty.' }
    if (text.includes('\u0000')) return { ok: false, error: NOT_TEXT }
    return { ok: true, text, notes: [] }
  }
  const bytes = input.bytes ?? new Uint8Array()
  if (bytes.length > CATALOGUE_LIMITS.maxFileChars) return { ok: false, error: TOO_BIG(sizeText(bytes.length)) }
  if (bytes.length === 0) return { ok: false, error: 'The file is empty.' }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return { ok: false, error: 'This file is a compressed workbook or archive (for example an Excel .xlsx file), not text. Save it as CSV and import that.' }
  let text: string
  const notes: string[] = []
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2))
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2))
  else {
    let control = 0
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!
      if (b === 0) return { ok: false, error: NOT_TEXT }
      if (b < 0x09 || (b > 0x0d && b < 0x20)) control++
    }
    if (control > 8 && control > bytes.length / 1000) return { ok: false, error: NOT_TEXT }
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes)
      notes.push('This file is not in UTF-8, so it was read as Windows-1252 (as Excel saves CSV on Windows). If letters look wrong, save it as “CSV UTF-8” and import it again.')
    }
  }
  text = text.replace(/^\uFEFF/, '')
  if (text.trim() === '') return { ok: false, error: 'The file is empty.' }
  if (text.includes('\u0000')) return { ok: false, error: NOT_TEXT }
  return { ok: true, text, notes }
}

// ——— Planning an import against what is stored ———

export interface ImportPlan {
  readonly puts: readonly CatalogueProject[]
  /** Keys replaced by a new key (a project first known by name, now by its Pipeline Id). */
  readonly deletes: readonly string[]
  readonly added: number
  readonly updated: number
  readonly unchanged: number
  /** Rows that matched more than one stored project: skipped (errors, in file order). */
  readonly issues: readonly RowIssue[]
  /** Projects in the catalogue after the import. */
  readonly total: number
}

const EMPTY_FIELDS: CatalogueFields = {
  title: '',
  organisation: '',
  organisationId: null,
  department: '',
  status: null,
  agileLifecycle: null,
  fundingBoundary: null,
  collaborationLevel: null,
  owner: '',
  ownerEmail: '',
  tags: [],
  content: '',
  projectStart: null,
  projectEnd: null,
  nextServiceAssessment: null,
  estimatedDates: null,
  lastUpdated: null
}
const FIELD_NAMES = Object.keys(EMPTY_FIELDS) as (keyof CatalogueFields)[]

/**
 * Which stored project each row is: the one with its Pipeline Id; else, by organisation and title
 * normalised (case, accents, punctuation and spacing ignored: the Pipeline's CSV strips commas), the
 * one project with that name. A row with an Id that matches a project known only by name takes it
 * over (so a CSV then a JSON of the same catalogue give one project each, not two). A row without
 * an Id that matches two projects by name (two Pipeline projects with one title) cannot be placed
 * and is reported.
 *
 * A row changes only the fields its format carries: a CSV, which has no tags, status or
 * description, leaves those as an earlier JSON import gave them. Where the CSV writes a value with
 * its commas removed and that is all that differs, the stored value (with commas) is kept.
 * Projects stored but not in this file are kept.
 */
export function planImport(stored: readonly CatalogueProject[], read: CatalogueRead, now: number): ImportPlan {
  const byKey = new Map<string, CatalogueProject>()
  const byName = new Map<string, CatalogueProject[]>()
  for (const p of stored) {
    byKey.set(p.key, p)
    const n = nameKey(p.organisation, p.title)
    const list = byName.get(n)
    if (list) list.push(p)
    else byName.set(n, [p])
  }
  const puts: CatalogueProject[] = []
  const deletes: string[] = []
  const issues: RowIssue[] = []
  let added = 0
  let updated = 0
  let unchanged = 0
  const source = { format: read.format, file: read.file.slice(0, 500) }
  for (const row of read.rows) {
    const name = nameKey(row.organisation, row.title)
    const named = byName.get(name) ?? []
    let target: CatalogueProject | undefined
    let key: string
    if (row.pipelineId !== null) {
      key = identityKey(row.pipelineId, row.organisation, row.title)
      target = byKey.get(key)
      if (!target) {
        const unnumbered = named.filter((p) => p.pipelineId === null)
        if (unnumbered.length === 1) target = unnumbered[0]
      }
    } else if (named.length > 1) {
      issues.push({
        at: row.at,
        severity: 'error',
        title: row.title,
        message: `matches ${named.length} projects already in the catalogue with this title and organisation (Pipeline Ids ${named.map((p) => p.pipelineId ?? '?').join(', ')}), so it cannot be told which: not imported`
      })
      continue
    } else {
      target = named[0]
      key = target?.key ?? identityKey(null, row.organisation, row.title)
    }
    const merged = merge(target, row, key, now, source)
    if (target && target.key !== key) {
      deletes.push(target.key)
      byKey.delete(target.key)
    }
    byKey.set(key, merged)
    if (!target) {
      added++
      puts.push(merged)
    } else if (target.key === key && sameFields(target, merged)) unchanged++
    else {
      updated++
      puts.push(merged)
    }
  }
  return { puts, deletes, added, updated, unchanged, issues, total: byKey.size }
}

const withoutCommas = (s: string): string => s.replace(/[,\r\n]+/g, ' ').replace(/\s+/g, ' ').trim()

function merge(
  target: CatalogueProject | undefined,
  row: IncomingProject,
  key: string,
  now: number,
  source: CatalogueProject['source']
): CatalogueProject {
  const fields: Record<string, unknown> = { ...EMPTY_FIELDS, ...(target ? pick(target) : {}) }
  for (const k of FIELD_NAMES) {
    if (!Object.hasOwn(row.fields, k)) continue
    const incoming = row.fields[k]
    const before = fields[k]
    if (source.format === 'pipeline-csv' && typeof before === 'string' && typeof incoming === 'string' && withoutCommas(before) === incoming) continue
    fields[k] = incoming
  }
  return {
    ...(fields as unknown as CatalogueFields),
    key,
    pipelineId: row.pipelineId ?? target?.pipelineId ?? null,
    importedAt: now,
    source
  }
}

function pick(p: CatalogueProject): CatalogueFields {
  const out: Record<string, unknown> = {}
  for (const k of FIELD_NAMES) out[k] = p[k]
  return out as unknown as CatalogueFields
}

function sameFields(a: CatalogueProject, b: CatalogueProject): boolean {
  if (a.pipelineId !== b.pipelineId) return false
  for (const k of FIELD_NAMES) {
    const x = a[k]
    const y = b[k]
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false
    } else if (x !== y) return false
  }
  return true
}

// ——— The store ———

export const MAX_REPORTED_ISSUES = 500

/** The last import, kept with the catalogue so its report survives a reload. */
export interface ImportSummary {
  readonly file: string
  readonly format: CatalogueFormat
  readonly at: number
  readonly rowsInFile: number
  readonly added: number
  readonly updated: number
  readonly unchanged: number
  readonly skipped: number
  readonly warnings: number
  readonly notes: readonly string[]
  /** The first MAX_REPORTED_ISSUES issues, in file order. */
  readonly issues: readonly RowIssue[]
  readonly total: number
}

export interface CatalogueInfo {
  readonly formatVersion: number
  readonly lastImport: ImportSummary | null
}

export interface CatalogueSnapshot {
  /** Every readable project, by title then key. */
  readonly projects: readonly CatalogueProject[]
  readonly info: CatalogueInfo | null
  /** Stored records that failed their schema (not shown). */
  readonly unreadable: number
}

export interface CatalogueWrite {
  readonly puts: readonly CatalogueProject[]
  readonly deletes: readonly string[]
  readonly info: CatalogueInfo
}

/**
 * Told after a change: with the new snapshot when the change was made through this store (no need
 * to read it back), without one when another window of this browser made it (read it again).
 */
export type CatalogueListener = (snapshot: CatalogueSnapshot | null) => void

export interface CatalogueStore {
  load(): Promise<CatalogueSnapshot>
  /**
   * One atomic step: read what is stored, decide what to write, write it. If `decide` throws or the
   * write fails, nothing is written.
   */
  update<T>(decide: (current: CatalogueSnapshot) => { write: CatalogueWrite; result: T }): Promise<T>
  /** Remove every project and the last report. */
  clear(): Promise<void>
  subscribe(listener: CatalogueListener): () => void
  close(): void
}

export class CatalogueError extends Error {
  override readonly name = 'CatalogueError'
  constructor(message: string, override readonly cause?: unknown) {
    super(message)
  }
}

const storedInfoSchema = z.object({
  formatVersion: z.number().int().positive(),
  lastImport: z
    .object({
      file: z.string().max(500),
      format: z.enum(CATALOGUE_FORMATS),
      at: z.number(),
      rowsInFile: z.number().int().nonnegative(),
      added: z.number().int().nonnegative(),
      updated: z.number().int().nonnegative(),
      unchanged: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
      warnings: z.number().int().nonnegative(),
      notes: z.array(z.string().max(2000)).max(20),
      issues: z
        .array(
          z.object({
            at: z.union([z.object({ kind: z.literal('line'), line: z.number().int() }), z.object({ kind: z.literal('item'), index: z.number().int() })]),
            severity: z.enum(['error', 'warning']),
            title: z.string().max(200),
            message: z.string().max(2000)
          })
        )
        .max(MAX_REPORTED_ISSUES),
      total: z.number().int().nonnegative()
    })
    .nullable()
}) satisfies z.ZodType<CatalogueInfo>

/** What is stored, read through the stored-record schemas: a record that fails is counted, never thrown. */
function snapshotOf(records: unknown, info: unknown): CatalogueSnapshot {
  const projects: CatalogueProject[] = []
  let unreadable = 0
  if (Array.isArray(records))
    for (const r of records) {
      const parsed = storedCatalogueProjectSchema.safeParse(r)
      if (parsed.success) projects.push(parsed.data)
      else unreadable++
    }
  else if (records !== undefined) unreadable++
  projects.sort(byTitle)
  const i = info === undefined ? null : storedInfoSchema.safeParse(info)
  return { projects, info: i?.success ? i.data : null, unreadable }
}

/** The snapshot after a write, from the one before it (what was just written needs no re-reading). */
function applyWrite(current: CatalogueSnapshot, write: CatalogueWrite): CatalogueSnapshot {
  const byKey = new Map(current.projects.map((p) => [p.key, p]))
  for (const k of write.deletes) byKey.delete(k)
  for (const p of write.puts) byKey.set(p.key, p)
  return { projects: [...byKey.values()].sort(byTitle), info: write.info, unreadable: 0 }
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true })
export function byTitle(a: CatalogueProject, b: CatalogueProject): number {
  return collator.compare(a.title, b.title) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
}

function checkWritable(current: CatalogueSnapshot): void {
  const v = current.info?.formatVersion ?? CATALOGUE_FORMAT_VERSION
  if (v > CATALOGUE_FORMAT_VERSION)
    throw new CatalogueError('This catalogue was saved by a newer version of Fortnight. Update Fortnight to import into it; until then it can be searched but not changed.')
}

/** In memory: tests, benchmarks, and a browser without IndexedDB. Values are cloned in and out, as IndexedDB would. */
export function memoryCatalogueStore(): CatalogueStore {
  let records: unknown = undefined
  let info: unknown = undefined
  const listeners = new Set<CatalogueListener>()
  const snapshot = (): CatalogueSnapshot => snapshotOf(structuredClone(records), structuredClone(info))
  return {
    load: () => Promise.resolve(snapshot()),
    update(decide) {
      try {
        const current = snapshot()
        checkWritable(current)
        const { write, result } = decide(current)
        const next = applyWrite(current, write)
        records = structuredClone(next.projects)
        info = structuredClone(write.info)
        listeners.forEach((l) => l(next))
        return Promise.resolve(result)
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new CatalogueError(String(err)))
      }
    },
    clear() {
      records = undefined
      info = undefined
      listeners.forEach((l) => l({ projects: [], info: null, unreadable: 0 }))
      return Promise.resolve()
    },
    subscribe(l) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    close() {
      listeners.clear()
    }
  }
}

/** The database holding one programme's catalogue. Not a doc name: never opened by y-indexeddb or sync. */
export function catalogueDatabaseName(programmeId: string): string {
  return `fortnight-catalogue:${programmeId}`
}

const STORE = 'catalogue'
const PROJECTS_KEY = 'projects'
const INFO_KEY = 'info'
const OPEN_TIMEOUT_MS = 10_000

function requestPromise<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/**
 * The catalogue in IndexedDB (`catalogueDatabaseName`): one object store holding two values, the
 * list of projects and the info (format version, last import's report). One value for the whole
 * list rather than one per project: an import rewrites it in one put, about four times faster
 * than 5,000 puts in Chromium, and the catalogue is only ever read whole. Windows of this browser
 * hear of each other's imports through a BroadcastChannel of the same name.
 */
export function indexedDbCatalogueStore(programmeId: string, factory: IDBFactory = indexedDB): CatalogueStore {
  const name = catalogueDatabaseName(programmeId)
  let dbPromise: Promise<IDBDatabase> | null = null
  const listeners = new Set<CatalogueListener>()
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null
  if (channel) channel.onmessage = () => listeners.forEach((l) => l(null))
  const changed = (next: CatalogueSnapshot): void => {
    channel?.postMessage('changed')
    listeners.forEach((l) => l(next))
  }

  const open = (): Promise<IDBDatabase> => {
    dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
      const timer = setTimeout(() => reject(new CatalogueError('The sector catalogue did not open on this computer in time. Close other Fortnight windows and try again.')), OPEN_TIMEOUT_MS)
      const req = factory.open(name, 1)
      req.onupgradeneeded = () => {
        const db = req.result
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE)
      }
      req.onsuccess = () => {
        clearTimeout(timer)
        const db = req.result
        // Another window deleting or upgrading it: let go, and open afresh next time.
        db.onversionchange = () => {
          db.close()
          dbPromise = null
        }
        resolve(db)
      }
      req.onerror = () => {
        clearTimeout(timer)
        reject(new CatalogueError('The sector catalogue could not be opened on this computer.', req.error))
      }
    }).catch((err: unknown) => {
      dbPromise = null
      throw err
    })
    return dbPromise
  }

  return {
    async load() {
      const db = await open()
      const tx = db.transaction(STORE, 'readonly')
      const store = tx.objectStore(STORE)
      const [records, info] = await Promise.all([requestPromise(store.get(PROJECTS_KEY)), requestPromise(store.get(INFO_KEY))])
      return snapshotOf(records, info)
    },
    async update(decide) {
      const db = await open()
      return new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, 'readwrite')
        const store = tx.objectStore(STORE)
        let done: { value: unknown; next: CatalogueSnapshot } | null = null
        let failure: unknown = null
        const records = store.get(PROJECTS_KEY)
        const info = store.get(INFO_KEY)
        info.onsuccess = () => {
          try {
            const current = snapshotOf(records.result, info.result)
            checkWritable(current)
            const decided = decide(current)
            const next = applyWrite(current, decided.write)
            store.put(next.projects, PROJECTS_KEY)
            store.put(decided.write.info, INFO_KEY)
            done = { value: decided.result, next }
          } catch (err) {
            failure = err
            tx.abort()
          }
        }
        tx.oncomplete = () => {
          changed(done!.next)
          resolve(done!.value as never)
        }
        tx.onabort = () =>
          reject(failure instanceof Error ? failure : new CatalogueError('The catalogue could not be saved on this computer, so nothing was changed.', tx.error))
      })
    },
    async clear() {
      const db = await open()
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(STORE, 'readwrite')
        tx.objectStore(STORE).clear()
        tx.oncomplete = () => resolve()
        tx.onabort = () => reject(new CatalogueError('The catalogue could not be removed from this computer.', tx.error))
      })
      changed({ projects: [], info: null, unreadable: 0 })
    },
    subscribe(l) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    close() {
      listeners.clear()
      channel?.close()
      void dbPromise?.then((db) => db.close()).catch(() => {})
      dbPromise = null
    }
  }
}

// ——— Importing ———

export type ImportOutcome = ({ readonly ok: true } & ImportSummary) | CatalogueRefusal

/**
 * Read, check and store a catalogue file. A refused file changes nothing; otherwise every row that
 * passed is added or updated in one transaction, and the report (also kept with the catalogue) says
 * what happened to every row that had a problem.
 */
export async function importCatalogue(store: CatalogueStore, input: CatalogueInput, opts: ReadOptions & { readonly now?: () => number } = {}): Promise<ImportOutcome> {
  const read = await readCatalogueFile(input, opts)
  if (!read.ok) return read
  opts.onProgress?.({ phase: 'saving', done: 0, total: 1 })
  await opts.pause?.()
  const now = opts.now?.() ?? Date.now()
  const summary = await store.update((current) => {
    const plan = planImport(current.projects, read, now)
    const issues = [...read.issues, ...plan.issues].sort((a, b) => position(a) - position(b))
    const skipped = issues.filter((i) => i.severity === 'error').length
    const summary: ImportSummary = {
      file: read.file.slice(0, 500),
      format: read.format,
      at: now,
      rowsInFile: read.rowsInFile,
      added: plan.added,
      updated: plan.updated,
      unchanged: plan.unchanged,
      skipped,
      warnings: issues.length - skipped,
      notes: read.notes.slice(0, 20),
      issues: issues.slice(0, MAX_REPORTED_ISSUES),
      total: plan.total
    }
    return { write: { puts: plan.puts, deletes: plan.deletes, info: { formatVersion: CATALOGUE_FORMAT_VERSION, lastImport: summary } }, result: summary }
  })
  opts.onProgress?.({ phase: 'saving', done: 1, total: 1 })
  return { ok: true, ...summary }
}

function position(i: RowIssue): number {
  return i.at.kind === 'line' ? i.at.line : i.at.index
}
