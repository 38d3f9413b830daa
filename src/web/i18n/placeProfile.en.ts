import { placeProfileSv, type PlaceProfileMessages } from './placeProfile.sv.js';

/** Messages of a municipality's indicator profile (the municipality pages), English. */
export const placeProfileEn: PlaceProfileMessages = {
  heading: (place) => `How ${place} is doing`,
  lead: (_ofPlace, place, county) =>
    `The strategy's indicators with the latest value for ${place} beside ${county} and Sweden. The trend is ${place}'s change since the strategy's baseline year (or its first year with a value) and since the value before the latest; the line shows ${place} and the dashed one the county.`,
  countyLead: (county) =>
    `The strategy's indicators with the latest value for ${county} beside Sweden. The trend is the county's change since the strategy's baseline year (or its first year with a value) and since the value before the latest; the dashed line shows Sweden.`,
  caption: (area, place) => `${area}: ${place} compared with the county and Sweden`,
  indicator: 'Indicator',
  year: 'Year',
  country: 'Sweden',
  trend: 'Trend',
  missing: 'Missing',
  noSeries: 'Too few values',
  none: 'The strategy has no published indicators yet.',
};

export const placeProfileMessages = (locale: 'sv' | 'en'): PlaceProfileMessages =>
  locale === 'sv' ? placeProfileSv : placeProfileEn;
