import { regionIdentity } from '../../region/activeRegion.js';
import type { ComparisonMessages } from './comparison.sv.js';
import { comparisonSv } from './comparison.sv.js';

/** Messages of the comparison with the other counties and Sweden (indicator pages), English. */
export const comparisonEn: ComparisonMessages = {
  heading: 'Compared with other counties',
  rank: (rank, of) => `rank ${rank} of ${of}`,
  rankLead: (county, rank, of, year, higher) =>
    `In ${year} ${county} ranks ${rank} of ${of} counties (rank 1 is the county with the ${higher ? 'highest' : 'lowest'} value).`,
  lanChart: (year) => `The counties ${year}`,
  lanDesc: (n, year, county) =>
    `Horizontal bar chart of the value in ${n} counties in ${year}, best first. ${county} is highlighted; Sweden is shown as a reference line.`,
  get trendChart() {
    return `${regionIdentity().countyEn} and Sweden`;
  },
  trendDesc: (from, to) => `Line chart of the county's and Sweden's value ${from}–${to}.`,
  county: 'County',
  country: 'Sweden',
  year: 'Year',
  value: 'Value',
  place: 'Rank',
  download: 'Download the comparison (CSV)',
  downloadTrend: 'Download the comparison (CSV)',
  tableCaption: (what) => `Table: ${what}`,
  missing: 'Missing',
};

export const comparisonMessages = (locale: 'sv' | 'en'): ComparisonMessages =>
  locale === 'sv' ? comparisonSv : comparisonEn;
