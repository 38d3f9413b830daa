import { scbCatalogueSv, type ScbCatalogueMessages } from './scbCatalogue.sv.js';

/** Messages of the admin's search in SCB's table catalogue (PxWebApi 2.0), English. */
export const scbCatalogueEn: ScbCatalogueMessages = {
  title: 'Add from SCB',
  link: "Search SCB's tables",
  lead: "Search Statistics Sweden's tables by words, choose a table and one value of every variable but region, time and gender, and add it as an indicator on a goal. The nightly import fetches the table for Sweden, every county and the county's municipalities.",
  searchLabel: "Words in the table's title",
  searchHint: 'For example “folkmängd” or “sysselsättning” (SCB answers in Swedish).',
  search: 'Search',
  results: (shown, total, q) =>
    shown === total
      ? `${total} tables match “${q}”.`
      : `Showing ${shown} of ${total} tables matching “${q}”; add words to see fewer.`,
  none: (q) => `No table at SCB matches “${q}”.`,
  failed: (cause) =>
    `The request to SCB failed: ${cause} What you typed is kept; try again in a while.`,
  addFailed: 'The table could not be added:',
  periods: 'Periods',
  variables: 'Variables',
  updated: 'Updated',
  discontinued: 'Discontinued at SCB',
  choose: 'Choose values',
  tableTitle: (id) => `Table ${id}`,
  fixed: (names) =>
    `The import chooses ${names} itself: Sweden, every county and the county's municipalities, every year from the baseline.`,
  leaveOut: '(leave out – the total)',
  goal: 'Goal',
  direction: 'Direction',
  higher: 'Higher is better',
  lower: 'Lower is better',
  add: 'Add as an indicator',
  back: 'Back to the search',
  noRegionOrTime: (id) =>
    `Table ${id} has no variable for region and time, so it cannot be followed up by area and year.`,
  tooLong: 'The search may be at most 100 characters.',
};

export const scbCatalogueMessages = (locale: 'sv' | 'en'): ScbCatalogueMessages =>
  locale === 'sv' ? scbCatalogueSv : scbCatalogueEn;
