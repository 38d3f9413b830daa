import { regionIdentity } from '../../region/activeRegion.js';

/** Messages of the comparison with the other län and riket (indicator pages), Swedish. */
export const comparisonSv = {
  heading: 'Jämfört med andra län',
  rank: (rank: number, of: number) => `plats ${rank} av ${of}`,
  rankLead: (county: string, rank: number, of: number, year: number, higher: boolean) =>
    `${county} har ${year} plats ${rank} av ${of} bland länen (plats 1 är det län där värdet är ${higher ? 'högst' : 'lägst'}).`,
  lanChart: (year: number) => `Länen ${year}`,
  lanDesc: (n: number, year: number, county: string) =>
    `Liggande stapeldiagram över värdet i ${n} län ${year}, bäst först. ${county} är markerat; riket visas som en referenslinje.`,
  get trendChart() {
    return `${regionIdentity().countySv} och riket`;
  },
  trendDesc: (from: number, to: number) =>
    `Linjediagram över länets och rikets värde ${from}–${to}.`,
  county: 'Län',
  country: 'Riket',
  year: 'År',
  value: 'Värde',
  place: 'Plats',
  download: 'Ladda ner jämförelsen (CSV)',
  downloadTrend: 'Ladda ner jämförelsen (CSV)',
  tableCaption: (what: string) => `Tabell: ${what}`,
  missing: 'Saknas',
};

export type ComparisonMessages = typeof comparisonSv;
