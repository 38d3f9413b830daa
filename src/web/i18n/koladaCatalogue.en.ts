import { koladaCatalogueSv, type KoladaCatalogueMessages } from './koladaCatalogue.sv.js';

/** Messages of the admin's search in Kolada's KPI catalogue, English. */
export const koladaCatalogueEn: KoladaCatalogueMessages = {
  title: 'Add from Kolada',
  link: "Search Kolada's KPIs",
  lead: "Search Kolada's KPIs by words of the title, read the KPI's description and add it as an indicator on a goal in one step. The nightly import fetches the values for Sweden, every county and the county's municipalities.",
  searchLabel: "Words in the KPI's title",
  searchHint: 'For example “förvärvsarbetande” or “invånare” (Kolada is in Swedish).',
  search: 'Search',
  results: (shown, total, q) =>
    shown === total
      ? `${total} KPIs match “${q}”.`
      : `Showing ${shown} of ${total} KPIs matching “${q}”; add words to see fewer.`,
  none: (q) => `No KPI in Kolada matches “${q}”.`,
  failed: (cause) =>
    `The search in Kolada failed: ${cause} What you typed is kept; try again in a while.`,
  addFailed: 'The KPI could not be added:',
  unit: 'Unit',
  gender: 'Divided by gender',
  yes: 'yes',
  no: 'no',
  area: 'Operating area',
  published: 'Published',
  period: 'Latest period',
  noDescription: 'Kolada has no description of the KPI.',
  goal: 'Goal',
  direction: 'Direction',
  higher: 'Higher is better',
  lower: 'Lower is better',
  add: (kpi) => `Add ${kpi} as an indicator`,
  exists: 'Already an indicator:',
  tooLong: 'The search may be at most 100 characters.',
};

export const koladaCatalogueMessages = (locale: 'sv' | 'en'): KoladaCatalogueMessages =>
  locale === 'sv' ? koladaCatalogueSv : koladaCatalogueEn;
