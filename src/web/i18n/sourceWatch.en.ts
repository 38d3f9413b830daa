import { sourceWatchSv, type SourceWatchMessages } from './sourceWatch.sv.js';

/** Messages of the source watch: revised values after a frozen report, changed KPIs. English. */
export const sourceWatchEn: SourceWatchMessages = {
  reportHeading: 'Revised values',
  reportNotice: (count, published, latest) =>
    `${count === 1 ? 'One value' : `${count} values`} the report rests on ${count === 1 ? 'has' : 'have'} been revised by the source since the report was published on ${published} (latest ${latest}). The report's text is unchanged; the current values and the revisions are on the indicators' pages:`,
  revisedCount: (count) => (count === 1 ? '1 value' : `${count} values`),
  heading: 'Source watch',
  lead: 'What has changed at the sources and the analysts should look into.',
  revisedSince: (count, year) =>
    `${count === 1 ? '1 value has' : `${count} values have`} been revised since the ${year} report was published`,
  revisedOn: (latest) => `latest ${latest}`,
  publicReport: 'The report with the notice',
  renamed: (kpi, from, to, on) => `Kolada renamed ${kpi} on ${on}: from “${from}” to “${to}”.`,
  removed: (kpi, on, source) =>
    `${source} no longer knows ${kpi} (since ${on}); the indicator gets no new values until its source is changed.`,
  discontinued: (table, on) =>
    `SCB no longer updates table ${table} (since ${on}); choose a new table for the indicator.`,
  seen: 'Mark as seen',
  seenDone: 'The notice is marked as seen.',
  editIndicator: 'Edit the indicator',
};

export const sourceWatchMessages = (locale: 'sv' | 'en'): SourceWatchMessages =>
  locale === 'sv' ? sourceWatchSv : sourceWatchEn;
