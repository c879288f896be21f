/** The paths of the search and stats pages, apart so that the page shell (layout.ts) can link them without importing the pages. */
export const SEARCH_PAGE = '/page/search';
export const STATS_PAGE = '/page/stats';
