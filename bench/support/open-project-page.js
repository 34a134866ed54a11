// Code that runs inside the benchmarked page. Plain JavaScript read as text, not imported:
// functions that tsx has compiled carry helper calls (__name) that do not exist in the page.
// Defines globalThis.__benchPage = { instrument, seed }.

/**
 * Runs before the app's own scripts (page.addInitScript) and only observes. Records, as
 * performance.now() (ms since navigation started), in window.__bench:
 *   appStart     the app's first IndexedDB open (the programme doc): bundle loaded, React running
 *   projectOpen  the project doc's database is opened (programme loaded, project route rendered)
 *   idbRead      y-indexeddb's getAll of the project's stored updates succeeded (idbBytes: their size)
 *   decoded      y-indexeddb asks for the last key (a key cursor), which it does right after applying the updates
 *   allCards     document.querySelectorAll('li[data-card-id]').length === cards (checked every frame)
 *   painted      the next animation frame: the frame holding every card has been laid out and painted
 *   idle         after that, the end of the last stretch the main thread was busy (see watchIdle)
 *
 * @param {{ cards: number, projectDb: string }} opts
 */
function instrument({ cards, projectDb }) {
  if (!location.hash.startsWith('#/projects/')) return
  const marks = {}
  window.__bench = marks
  const now = () => performance.now()

  const open = IDBFactory.prototype.open
  IDBFactory.prototype.open = function (name, version) {
    if (marks.appStart === undefined) marks.appStart = now()
    if (name === projectDb && marks.projectOpen === undefined) marks.projectOpen = now()
    return version === undefined ? open.call(this, name) : open.call(this, name, version)
  }
  const ofProject = (store) => store.name === 'updates' && store.transaction.db.name === projectDb
  const getAll = IDBObjectStore.prototype.getAll
  IDBObjectStore.prototype.getAll = function (...args) {
    const req = getAll.apply(this, args)
    if (marks.idbRead === undefined && ofProject(this))
      req.addEventListener('success', () => {
        marks.idbRead = now()
        marks.idbBytes = req.result.reduce((sum, u) => sum + u.byteLength, 0)
      })
    return req
  }
  // lib0's getLastKey opens a key cursor; y-indexeddb calls it just after applying the updates.
  const openKeyCursor = IDBObjectStore.prototype.openKeyCursor
  IDBObjectStore.prototype.openKeyCursor = function (...args) {
    if (marks.idbRead !== undefined && marks.decoded === undefined && ofProject(this)) marks.decoded = now()
    return openKeyCursor.apply(this, args)
  }

  // The harness cannot poll the page while its main thread is busy, so milestones are also
  // reported through the console, which Chromium forwards at once.
  const report = (what) => console.debug(`fortnight-bench:${what}:${JSON.stringify(marks)}`)
  const tick = () => {
    if (document.querySelectorAll('li[data-card-id]').length === cards) {
      marks.allCards = now()
      report('allCards')
      requestAnimationFrame(() => {
        marks.painted = now()
        report('painted')
        watchIdle()
      })
      return
    }
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)

  // After the board is painted, React runs effects and libraries settle. A 50 ms heartbeat that
  // fires more than 50 ms late means the main thread was busy (a person's click would have waited);
  // "idle" is the end of the last such busy stretch once a full second has passed without one.
  function watchIdle() {
    let busyUntil = marks.painted
    let expected = now() + 50
    const beat = () => {
      const t = now()
      if (t - expected > 50) busyUntil = t
      if (t - busyUntil >= 1000) {
        marks.idle = busyUntil
        report('idle')
        return
      }
      expected = t + 50
      setTimeout(beat, 50)
    }
    setTimeout(beat, 50)
  }
}

/**
 * Write docs into IndexedDB exactly as y-indexeddb lays them out (lib0/indexeddb openDB: no
 * version, so 1; stores 'updates' (autoIncrement) and 'custom' created on upgrade; each value a
 * Uint8Array update), then the local profile the app reads at start.
 *
 * @param {{ docs: { name: string, update: string }[], profile: object, programmeId: string }} input
 *   update is base64
 */
async function seed({ docs, profile, programmeId }) {
  const done = (req) =>
    new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
  for (const { name, update } of docs) {
    await new Promise((resolve, reject) => {
      const del = indexedDB.deleteDatabase(name)
      del.onsuccess = () => resolve()
      del.onerror = () => reject(del.error)
      del.onblocked = () => reject(new Error(`deleting ${name} is blocked by an open connection`))
    })
    const open = indexedDB.open(name)
    open.onupgradeneeded = () => {
      open.result.createObjectStore('updates', { autoIncrement: true })
      open.result.createObjectStore('custom')
    }
    const db = await done(open)
    const bytes = Uint8Array.from(atob(update), (c) => c.charCodeAt(0))
    const tx = db.transaction(['updates'], 'readwrite')
    tx.objectStore('updates').add(bytes)
    await new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error)
    })
    db.close()
  }
  localStorage.setItem('fortnight.profile', JSON.stringify(profile))
  localStorage.setItem('fortnight.programmeId', programmeId)
}

globalThis.__benchPage = { instrument, seed }
