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
