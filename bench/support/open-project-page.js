// Code that runs inside the benchmarked page. Plain JavaScript read as text, not imported:
// functions that tsx has compiled carry helper calls (__name) that do not exist in the page.
// Defines globalThis.__benchPage = { seed }. (Measuring is bench/support/watch-page.js.)

/**
 * Write docs into IndexedDB exactly as y-indexeddb lays them out (lib0/indexeddb openDB: no
 * version, so 1; stores 'updates' (autoIncrement) and 'custom' created on upgrade; each value a
 * Uint8Array update), then the local profile the app reads at start.
 *
 * @param {{ docs: { name: string, update: string }[], profile: object | null, programmeId: string | null }} input
 *   update is base64; profile and programmeId are left alone when null
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
  if (profile) localStorage.setItem('fortnight.profile', JSON.stringify(profile))
  if (programmeId) localStorage.setItem('fortnight.programmeId', programmeId)
}

globalThis.__benchPage = { seed }
