/** The search box's id, apart from the search page so the header's link does not load the page (and minisearch) at start. */
export const SEARCH_INPUT_ID = 'search-everything'
