import type { SummaryMessages } from './summary.sv.js';
import { summarySv } from './summary.sv.js';

/** The words around an indicator's numbers ("The numbers in words"), English. */
export const summaryEn: SummaryMessages = {
  heading: 'The numbers in words',
  sinceBaseline: (subject, year, to, fromYear, from) =>
    `In ${year} the value for ${subject} was ${to}, against ${from} in ${fromYear}`,
  sameAsBaseline: (subject, year, to, fromYear) =>
    `In ${year} the value for ${subject} was ${to}, the same as in ${fromYear}.`,
  sinceLast: (fromYear, from) => `Compared with ${fromYear} (${from}) that is`,
  sameAsLast: (fromYear, from) => `The value is unchanged since ${fromYear} (${from}).`,
  change: (up, amount, better) =>
    `${up ? 'an increase' : 'a decrease'} of ${amount}, ${better ? 'an improvement' : 'a deterioration'}.`,
  rank: (subject, year, rank, of) =>
    `Among the ${of} counties with a value in ${year}, ${subject} ranks ${rank}`,
  rankCountry: (country) => `; Sweden had ${country}.`,
  target: (target, year) => `The target is ${target} in ${year}.`,
  pace: {
    target_achieved: 'The target has been reached.',
    substantial_progress: 'At the pace since the baseline the target will be reached in time.',
    moderate_progress:
      'The change is in the right direction, but at the pace since the baseline the target will not be reached in time.',
    limited_progress:
      'The change is in the right direction but slow; at the pace since the baseline the target will not be reached in time.',
    deterioration: 'The change is away from the target.',
    not_enough_data: '',
  },
  gender: (year, women, men) => `In ${year} the value was ${women} for women and ${men} for men`,
  genderGap: (amount, womenHigher) =>
    `, a difference of ${amount} (higher for ${womenHigher ? 'women' : 'men'}).`,
  genderEqual: ', the same for both.',
  reference: (year, subject, own) => `In ${year}: ${subject} ${own}`,
  referenceCounty: (value) => `the county ${value}`,
  referenceCountry: (value) => `Sweden ${value}`,
  and: 'and',
  comparison: {
    heading: 'The county among the counties and its municipalities',
    caption: (area) =>
      `${area}: the county compared with Sweden, the counties and the municipalities`,
    indicator: 'Indicator',
    year: 'Year',
    country: 'Sweden',
    rank: 'Place among the counties',
    rankOf: (rank, of) => `${rank} of ${of}`,
    lowest: 'Lowest among the municipalities',
    highest: 'Highest among the municipalities',
  },
};

export const summaryMessages = (locale: 'sv' | 'en'): SummaryMessages =>
  locale === 'sv' ? summarySv : summaryEn;
