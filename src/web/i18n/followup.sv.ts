import { regionIdentity } from '../../region/activeRegion.js';
import type { ProgressStatus } from '../../domain/followup/progressStatus.js';

/** Messages of the follow-up pages (uppföljning, indicator pages), Swedish. */
export const followupSv = {
  get overviewTitle() {
    return `Så går det för ${regionIdentity().countySv}`;
  },
  overviewLead:
    'Här följer vi upp strategins mål med indikatorer. Varje indikator får en status som visar om utvecklingen går i rätt riktning och i rätt takt för att nå målvärdet.',
  overviewNav: 'Uppföljning',
  statusLabel: {
    target_achieved: 'Målet nått',
    substantial_progress: 'Betydande framsteg',
    moderate_progress: 'Måttliga framsteg',
    limited_progress: 'Begränsade framsteg',
    deterioration: 'Försämring',
    not_enough_data: 'För lite data',
  } satisfies Record<ProgressStatus, string>,
  statusCounts: 'Antal indikatorer per status',
  indicators: 'Indikatorer',
  indicator: 'Indikator',
  noIndicators: 'Målet har inga indikatorer ännu.',
  status: 'Status',
  latest: 'Senaste värde',
  goal: 'Mål',
  goalArea: 'Målområde',
  unit: 'Enhet',
  source: 'Källa',
  sourceName: { kolada: 'Kolada', scb: 'SCB', manual: 'Egen uppgift' } as Record<string, string>,
  koladaAttribution: 'Källa: Kolada',
  direction: 'Riktning',
  directionText: { higher: 'Högre värde är bättre', lower: 'Lägre värde är bättre' },
  baseline: 'Utgångsvärde',
  target: 'Målvärde',
  exampleTarget: 'exempel på målvärde',
  exampleTargetNote: 'Målvärdet är ett exempel för att visa metoden. Det är inte ett beslutat mål.',
  noTarget: 'Inget målvärde',
  total: 'Totalt',
  women: 'Kvinnor',
  men: 'Män',
  get county() {
    return `${regionIdentity().countySv}`;
  },
  country: 'Riket',
  year: 'År',
  municipality: 'Kommun',
  value: 'Värde',
  missing: 'Saknas',
  methodTitle: 'Hur status räknas fram',
  method:
    'Vi jämför hur snabbt värdet har förändrats sedan utgångsåret med hur snabbt det måste förändras för att nå målvärdet i tid. Går det minst 95 procent så fort som behövs är det betydande framsteg, 60–95 procent måttliga framsteg, långsammare men i rätt riktning begränsade framsteg, och i fel riktning försämring. Utan målvärde jämförs den årliga förändringen med fasta gränser (1,5 och 0,5 procent per år). Metoden kommer från Statistiska centralbyrån i Kanada och används av Open SDG.',
  statusFor: 'Status för länet',
  get trendChart() {
    return `Utveckling i ${regionIdentity().countySv}`;
  },
  trendDesc: (name: string, from: number, to: number) =>
    `Linjediagram över ${name} i ${regionIdentity().countySv} ${from}–${to}, med utgångsvärde och målvärde markerade.`,
  genderDesc: 'Kvinnor och män visas med streckade och prickade linjer.',
  barChart: (year: number) => `Kommunerna ${year}`,
  barDesc: (year: number) =>
    `Stapeldiagram över kommunernas värden ${year}, med länet och riket som referenslinjer.`,
  mapChart: (year: number) => `Karta över kommunerna ${year}`,
  mapDesc: (year: number) =>
    `Karta där kommunerna är färgade efter värdet ${year}; mörkare färg betyder högre värde.`,
  mapTableLink: 'Kartans siffror finns i tabellen under stapeldiagrammet.',
  tableCaption: (what: string) => `Tabell: ${what}`,
  downloadCsv: 'Ladda ner data (CSV)',
  downloadXlsx: 'Ladda ner data (Excel)',
  revisions: 'Reviderade värden',
  revised: 'reviderad',
  revisionText: (place: string, year: number, oldV: string, newV: string, date: string) =>
    `${place} ${year}: ${oldV} → ${newV} (${date})`,
  noRevisions: 'Inga värden har reviderats.',
  trend: { up: 'Ökar', down: 'Minskar', flat: 'Oförändrat', none: 'Ingen trend ännu' },
  readMore: 'Läs mer om indikatorn',
  noValue: 'Inget värde ännu',
  allIndicators: 'Se hur det går för alla mål',
};

export type FollowupMessages = typeof followupSv;
