import type { Locale } from './index.js';
import { initiativeListSv, type InitiativeListMessages } from './initiativeList.sv.js';

/** The admin initiative list (English); the same keys as initiativeList.sv.ts. */
export const initiativeListEn: InitiativeListMessages = {
  search: 'Search by name or organisation',
  filters: 'Search and filter',
  state: 'State',
  anyState: 'Every state',
  waitingForMe: 'Waiting for me',
  organisation: 'Organisation',
  goalArea: 'Goal area',
  place: 'Place',
  all: 'All',
  sort: 'Sort by',
  sortNames: {
    andrad: 'Most recently changed first',
    namn: 'Name (A–Z)',
    organisation: 'Organisation (A–Z)',
    lage: 'State',
  },
  show: 'Show',
  clear: 'Clear filters',
  count: (n: number) => (n === 1 ? '1 initiative' : `${n.toLocaleString('en-GB')} initiatives`),
  caption: 'Matching initiatives',
  initiative: 'Initiative',
  columnUpdated: 'Last changed',
  none: 'No initiatives match. Remove a filter or search for something else.',
  page: (page: number, pages: number) => `Page ${page} of ${pages}`,
  previous: 'Previous',
  next: 'Next',
  pagination: 'Pages',
  proposal: 'proposed change',
  export: 'Download every initiative as CSV or Excel',
};

export const initiativeListMessages = (locale: Locale): InitiativeListMessages =>
  locale === 'en' ? initiativeListEn : initiativeListSv;
