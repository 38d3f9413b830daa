import { regionIdentity } from '../../region/activeRegion.js';
import { followupSv, type FollowupMessages } from './followup.sv.js';

/** Messages of the follow-up pages, English. */
export const followupEn: FollowupMessages = {
  get overviewTitle() {
    return `How ${regionIdentity().countyEn} is doing`;
  },
  overviewLead:
    "Here we follow up the strategy's goals with indicators. Each indicator gets a status that shows whether it is moving in the right direction, fast enough to reach the target value.",
  overviewNav: 'Follow-up',
  statusLabel: {
    target_achieved: 'Target achieved',
    substantial_progress: 'Substantial progress',
    moderate_progress: 'Moderate progress',
    limited_progress: 'Limited progress',
    deterioration: 'Deterioration',
    not_enough_data: 'Not enough data',
  },
  statusCounts: 'Number of indicators per status',
  indicators: 'Indicators',
  indicator: 'Indicator',
  noIndicators: 'The goal has no indicators yet.',
  status: 'Status',
  latest: 'Latest value',
  goal: 'Goal',
  goalArea: 'Goal area',
  unit: 'Unit',
  source: 'Source',
  sourceName: { kolada: 'Kolada', scb: 'Statistics Sweden (SCB)', manual: 'Own data' },
  koladaAttribution: 'Källa: Kolada (source: Kolada)',
  direction: 'Direction',
  directionText: { higher: 'Higher is better', lower: 'Lower is better' },
  baseline: 'Baseline',
  target: 'Target',
  exampleTarget: 'example target value',
  exampleTargetNote: 'The target is an example to show the method. It is not an adopted target.',
  noTarget: 'No target value',
  total: 'Total',
  women: 'Women',
  men: 'Men',
  get county() {
    return `${regionIdentity().countyEn}`;
  },
  country: 'Sweden',
  year: 'Year',
  municipality: 'Municipality',
  value: 'Value',
  missing: 'Missing',
  methodTitle: 'How the status is worked out',
  method:
    'We compare how fast the value has changed since the baseline year with how fast it must change to reach the target on time. At least 95 per cent of the pace needed is substantial progress, 60–95 per cent moderate progress, slower but in the right direction limited progress, and the wrong direction deterioration. Without a target the yearly change is compared with fixed limits (1.5 and 0.5 per cent a year). The method was developed by Statistics Canada and is used by Open SDG.',
  statusFor: 'Status for the county',
  get trendChart() {
    return `Development in ${regionIdentity().countyEn}`;
  },
  trendDesc: (name, from, to) =>
    `Line chart of ${name} in ${regionIdentity().countyEn} ${from}–${to}, with the baseline and the target marked.`,
  genderDesc: 'Women and men are shown with dashed and dotted lines.',
  barChart: (year) => `The municipalities in ${year}`,
  barDesc: (year) =>
    `Bar chart of the municipalities' values in ${year}, with the county and Sweden as reference lines.`,
  mapChart: (year) => `Map of the municipalities in ${year}`,
  mapDesc: (year) =>
    `Map with the municipalities shaded by their value in ${year}; a darker shade means a higher value.`,
  mapTableLink: 'The map’s figures are in the table under the bar chart.',
  tableCaption: (what) => `Table: ${what}`,
  downloadCsv: 'Download the data (CSV)',
  downloadXlsx: 'Download the data (Excel)',
  revisions: 'Revised values',
  revised: 'revised',
  revisionText: (place, year, oldV, newV, date) => `${place} ${year}: ${oldV} → ${newV} (${date})`,
  noRevisions: 'No values have been revised.',
  trend: { up: 'Rising', down: 'Falling', flat: 'Unchanged', none: 'No trend yet' },
  readMore: 'Read more about the indicator',
  noValue: 'No value yet',
  allIndicators: 'See how all goals are doing',
};

export const followupMessages = (locale: 'sv' | 'en'): FollowupMessages =>
  locale === 'sv' ? followupSv : followupEn;
