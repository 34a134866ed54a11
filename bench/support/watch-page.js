// Code that runs inside a benchmarked page (the app, or the bare "physical limit" page), before
// the page's own scripts (page.addInitScript). Plain JavaScript read as text, not imported:
// functions that tsx has compiled carry helper calls (__name) that do not exist in the page.
// Defines globalThis.__benchWatch = { watch, arm }. It only observes.
//
// Milestones (performance.now(): ms since navigation started) go to window.__bench and are
// reported through the console as `fortnight-bench:<what>:<json>`, which Chromium forwards even
// while the page's main thread is busy:
//   appStart   the page's first IndexedDB open (the app: bundle loaded, React running)
//   projectOpen / idbRead / decoded   (with projectDb) the project's database opened, y-indexeddb's
//              getAll done, the updates applied (its next IndexedDB call, a key cursor)
//   shown      first animation frame in which the wanted screen is there (see `until` below)
//   painted    the next animation frame: that screen has been laid out and painted
//   answered   a trusted click inside the screen's first item reached the page (the harness clicks
//              as soon as it sees `shown`): when a person's first click would be handled
//   settled    `settleMs` after painted: the long tasks (Long Tasks API) seen after painted
//   latency    after arm(): one input → the DOM shows its effect → the frame after is painted

/**
 * @param {{
 *   until: { selector: string, min?: number, visible?: boolean, text?: string },
 *   projectDb?: string,
 *   settleMs?: number
 * }} opts
 *   until.selector  what must be in the DOM; min (default 1) how many; visible: the first one is
 *                   laid out with a size; text: the first one's text contains this
 */
function watch(opts) {
  const marks = {}
  window.__bench = marks
  const now = () => performance.now()
  const report = (what, extra) => console.debug(`fortnight-bench:${what}:${JSON.stringify({ ...marks, ...(extra ?? {}) })}`)

  const projectDb = opts.projectDb
  const open = IDBFactory.prototype.open
  IDBFactory.prototype.open = function (name, version) {
    if (marks.appStart === undefined) marks.appStart = now()
    // Every database the page opens, in order (for seeing where the time goes; first 30).
    if ((marks.opens ??= []).length < 30) marks.opens.push([String(name), Math.round(now())])
    if (projectDb && name === projectDb && marks.projectOpen === undefined) marks.projectOpen = now()
    return version === undefined ? open.call(this, name) : open.call(this, name, version)
  }
  if (projectDb) {
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
    const openKeyCursor = IDBObjectStore.prototype.openKeyCursor
    IDBObjectStore.prototype.openKeyCursor = function (...args) {
      if (marks.idbRead !== undefined && marks.decoded === undefined && ofProject(this)) marks.decoded = now()
      return openKeyCursor.apply(this, args)
    }
  }

  const longTasks = []
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push([Math.round(e.startTime), Math.round(e.duration)])
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    /* no Long Tasks API: settled reports none */
  }
  window.__benchLongTasks = longTasks

  const until = opts.until
  const min = until.min ?? 1
  const inView = (el) => {
    const r = el.getBoundingClientRect()
    // Visible as Playwright means it: laid out with a size (a notice above the board may push the
    // first tile just below the fold on some opens; it is on the page all the same).
    return r.height > 0 && r.width > 0
  }
  const there = () => {
    const all = document.querySelectorAll(until.selector)
    if (all.length < min) return null
    const first = all[0]
    if (until.visible && !inView(first)) return null
    if (until.text && !(first.textContent ?? '').includes(until.text)) return null
    return first
  }
  let firstItem = null
  const tick = () => {
    const el = there()
    if (!el) return void requestAnimationFrame(tick)
    firstItem = el
    marks.shown = now()
    const count = document.querySelector('.app-board')?.getAttribute('data-card-count')
    const inDom = document.querySelectorAll('li[data-card-id]').length
    const handle = el.querySelector('button') ?? el
    // So the harness's click lands on it even when something above pushed it below the fold.
    const box = handle.getBoundingClientRect()
    if (box.bottom > innerHeight || box.top < 0) handle.scrollIntoView({ block: 'center' })
    const r = handle.getBoundingClientRect()
    report('shown', { cardCount: count === null || count === undefined ? null : Number(count), cardsInDom: inDom, click: { x: r.left + r.width / 2, y: r.top + r.height / 2 } })
    requestAnimationFrame(() => {
      marks.painted = now()
      report('painted')
      setTimeout(() => {
        const after = longTasks.filter(([start]) => start >= marks.painted)
        report('settled', { longTasksAfterPaint: after, longestAfterPaint: after.reduce((m, [, d]) => Math.max(m, d), 0) })
      }, opts.settleMs ?? 3000)
    })
  }
  requestAnimationFrame(tick)

  const onClick = (e) => {
    if (marks.answered !== undefined || !e.isTrusted || !firstItem || !firstItem.contains(e.target)) return
    marks.answered = now()
    marks.clickAt = e.timeStamp
    report('answered')
  }
  addEventListener('pointerdown', onClick, true)

  // Input latency: arm(kind, arg) before the harness sends a key; the next trusted keydown's
  // timestamp starts the clock; each frame checks whether the DOM shows the effect; the clock
  // stops in a task posted from that frame (it runs after the frame is painted).
  let armed = null
  addEventListener(
    'keydown',
    (e) => {
      if (!armed || armed.t0 !== undefined || !e.isTrusted) return
      armed.t0 = e.timeStamp
      const a = armed
      const check = () => {
        if (!a.done()) return void requestAnimationFrame(check)
        a.dom = performance.now()
        const ch = new MessageChannel()
        ch.port1.onmessage = () => {
          armed = null
          const end = performance.now()
          // Where the time went: the page's keydown handlers (from the input's timestamp), then
          // until a frame saw the DOM changed, then that frame's style, layout and paint.
          const split = { handlers: (a.handled ?? a.t0) - a.t0, toFrame: a.dom - (a.handled ?? a.t0), paint: end - a.dom }
          console.debug(`fortnight-bench:latency:${JSON.stringify({ ms: end - a.t0, kind: a.kind, split })}`)
        }
        ch.port2.postMessage(0)
      }
      requestAnimationFrame(check)
    },
    true
  )
  // Bubbling, on window: runs after the page's own keydown handlers (those that let it bubble).
  addEventListener('keydown', (e) => {
    if (armed && armed.t0 === e.timeStamp && armed.handled === undefined) armed.handled = performance.now()
  })
  function indexOf(cardId) {
    const li = document.querySelector(`li[data-card-id="${CSS.escape(cardId)}"]`)
    if (!li || !li.parentElement) return -1
    return [...li.parentElement.querySelectorAll(':scope > li[data-card-id]')].indexOf(li)
  }
  function editorText() {
    return document.querySelector('.ProseMirror')?.textContent ?? ''
  }
  /** @param {'move' | 'type'} kind  @param {string} [cardId] */
  globalThis.__benchWatch.arm = (kind, cardId) => {
    if (kind === 'move') {
      const from = indexOf(cardId)
      armed = { kind, done: () => indexOf(cardId) !== from && indexOf(cardId) !== -1 }
      return from
    }
    const before = editorText().length
    armed = { kind, done: () => editorText().length > before }
    return before
  }
}

globalThis.__benchWatch = { watch, arm: () => -1 }
