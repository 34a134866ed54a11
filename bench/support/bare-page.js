// The "physical limit" page: served from the same server as the app, under the same CSP, with the
// app's own stylesheet. It fetches a plain JSON file (no Yjs, no React) and renders the same
// visible items the app shows, with the same element names the bench waits for. Copied to
// <web root>/__bench__/bare.js by bench/support/app-page.ts; bare.html?data=<file>&kind=<kind>.
//   kind=board      { columns: [{ id, title }], cards: [{ id, title, columnId, rank, labels }] }:
//                   sorts every card into its column by (rank, id), renders the first VISIBLE of
//                   each column (more than fit on the screen)
//   kind=projects   [{ id, name, phase }]: the programme home's project list
//   kind=portfolio  [{ name, phase, cycle, committed, done, lastDecision }]: the portfolio table
//   kind=screen     { heading, body }: a first screen (a heading and a paragraph)
//   kind=editor     { text }: a plain contenteditable (class ProseMirror, so the bench finds it)
// On the board, a keyboard move works as the app's does (Space to pick up, arrows, Space to drop,
// each step said in a live region named like dnd-kit's) but moves the <li> directly: the least a
// browser must do to show a move.
const VISIBLE = 40
const params = new URLSearchParams(location.search)
const kind = params.get('kind')
const main = document.createElement('main')
main.className = 'govuk-main-wrapper'
main.id = 'main-content'
document.getElementById('root').append(main)

function el(tag, attrs, ...children) {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs ?? {})) e.setAttribute(k, v)
  for (const c of children) e.append(c)
  return e
}

fetch(params.get('data'))
  .then((r) => r.json())
  .then((data) => {
    if (kind === 'board') {
      const byColumn = new Map(data.columns.map((c) => [c.id, []]))
      for (const card of data.cards) byColumn.get(card.columnId)?.push(card)
      const board = el('div', { class: 'app-board', role: 'region', 'aria-label': 'Board' })
      for (const col of data.columns) {
        const cards = byColumn.get(col.id).sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1))
        const list = el('ol', { class: 'app-column__cards' })
        for (const card of cards.slice(0, VISIBLE)) {
          const meta = el('div', { class: 'app-card__meta' }, ...card.labels.map((l) => el('span', { class: 'app-label' }, l)))
          list.append(
            el(
              'li',
              { 'data-card-id': card.id },
              el(
                'div',
                { class: 'app-card' },
                el('button', { type: 'button', class: 'app-card__handle', 'aria-label': `Move card: ${card.title}` }, '⠿'),
                el('div', { class: 'app-card__body' }, el('a', { class: 'govuk-link app-card__title', href: `#/cards/${card.id}` }, card.title), meta)
              )
            )
          )
        }
        board.append(el('section', { class: 'app-column' }, el('div', { class: 'app-column__header' }, el('h2', { class: 'app-column__title' }, col.title), el('span', { class: 'app-column__count' }, String(cards.length))), list))
      }
      board.setAttribute('data-card-count', String(data.cards.length))
      main.append(el('h1', { class: 'govuk-heading-l' }, data.title ?? 'Board'), board)
      keyboardMoves(board)
    } else if (kind === 'editor') {
      main.append(el('h1', { class: 'govuk-heading-l' }, 'Notes'), el('div', { class: 'ProseMirror', contenteditable: 'true', role: 'textbox', 'aria-label': 'Notes' }, data.text ?? ''))
    } else if (kind === 'screen') {
      main.append(el('h1', { class: 'govuk-heading-xl' }, data.heading), el('p', { class: 'govuk-body' }, data.body))
    } else if (kind === 'projects') {
      main.append(
        el('h1', { class: 'govuk-heading-xl' }, 'Your change projects'),
        el('ul', { class: 'app-project-list' }, ...data.map((p) => el('li', {}, el('a', { class: 'govuk-link', href: `#/projects/${p.id}` }, p.name), el('p', { class: 'govuk-body-s' }, p.phase ?? ''))))
      )
    } else if (kind === 'portfolio') {
      const head = el('thead', {}, el('tr', {}, ...['Project', 'Phase', 'Cycle', 'Committed', 'Done', 'Last decision'].map((h) => el('th', { class: 'govuk-table__header' }, h))))
      const body = el('tbody', {}, ...data.map((r) => el('tr', { class: 'govuk-table__row' }, ...[r.name, r.phase, r.cycle, r.committed, r.done, r.lastDecision].map((v) => el('td', { class: 'govuk-table__cell' }, String(v ?? ''))))))
      main.append(el('h1', { class: 'govuk-heading-xl' }, 'Portfolio'), el('table', { class: 'govuk-table app-portfolio' }, head, body))
    }
  })

function keyboardMoves(board) {
  const live = el('div', { id: 'DndLiveRegion-bare', role: 'status', 'aria-live': 'assertive', class: 'govuk-visually-hidden' })
  document.body.append(live)
  let picked = null
  board.addEventListener('keydown', (e) => {
    const handle = e.target.closest('.app-card__handle')
    const li = handle?.closest('li')
    if (!li) return
    const list = li.parentElement
    const title = handle.getAttribute('aria-label').replace('Move card: ', '')
    const say = (index) => (live.textContent = `${title} is over position ${index + 1} in ${list.closest('section').querySelector('h2').textContent}.`)
    if (e.key === ' ') {
      e.preventDefault()
      if (!picked) {
        picked = { index: [...list.children].indexOf(li) }
        say(picked.index)
      } else {
        const target = list.children[picked.index]
        if (target && target !== li) list.insertBefore(li, picked.index > [...list.children].indexOf(li) ? target.nextSibling : target)
        handle.focus()
        live.textContent = `${title} was dropped at position ${picked.index + 1}.`
        picked = null
      }
    } else if (picked && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault()
      picked.index = Math.max(0, Math.min(list.children.length - 1, picked.index + (e.key === 'ArrowDown' ? 1 : -1)))
      say(picked.index)
    }
  })
}
