import type { ProgressStatus } from '../../domain/followup/progressStatus.js';

/** The words around an indicator's numbers ("Siffrorna i ord"), Swedish. */
export const summarySv = {
  heading: 'Siffrorna i ord',
  sinceBaseline: (subject: string, year: number, to: string, fromYear: number, from: string) =>
    `År ${year} var värdet för ${subject} ${to}, mot ${from} år ${fromYear}`,
  sameAsBaseline: (subject: string, year: number, to: string, fromYear: number) =>
    `År ${year} var värdet för ${subject} ${to}, detsamma som år ${fromYear}.`,
  sinceLast: (fromYear: number, from: string) => `Jämfört med ${fromYear} (${from}) är det`,
  sameAsLast: (fromYear: number, from: string) =>
    `Värdet är oförändrat sedan ${fromYear} (${from}).`,
  /** ": en ökning med 3,2, en förbättring." */
  change: (up: boolean, amount: string, better: boolean) =>
    `${up ? 'en ökning' : 'en minskning'} med ${amount}, ${better ? 'en förbättring' : 'en försämring'}.`,
  rank: (subject: string, year: number, rank: number, of: number) =>
    `Bland de ${of} län som har ett värde ${year} har ${subject} plats ${rank}`,
  rankCountry: (country: string) => `; riket hade ${country}.`,
  target: (target: string, year: number) => `Målet är ${target} år ${year}.`,
  pace: {
    target_achieved: 'Målet är nått.',
    substantial_progress: 'Med takten sedan utgångsläget nås målet i tid.',
    moderate_progress:
      'Utvecklingen går åt rätt håll, men med takten sedan utgångsläget nås målet inte i tid.',
    limited_progress:
      'Utvecklingen går åt rätt håll men långsamt; med takten sedan utgångsläget nås målet inte i tid.',
    deterioration: 'Utvecklingen går bort från målet.',
    not_enough_data: '',
  } satisfies Record<ProgressStatus, string>,
  gender: (year: number, women: string, men: string) =>
    `År ${year} var värdet ${women} för kvinnor och ${men} för män`,
  genderGap: (amount: string, womenHigher: boolean) =>
    `, en skillnad på ${amount} (högre för ${womenHigher ? 'kvinnor' : 'män'}).`,
  genderEqual: ', lika för båda.',
  reference: (year: number, subject: string, own: string) => `År ${year}: ${subject} ${own}`,
  referenceCounty: (value: string) => `länet ${value}`,
  referenceCountry: (value: string) => `riket ${value}`,
  and: 'och',
  comparison: {
    heading: 'Länet bland länen och kommunerna',
    caption: (area: string) => `${area}: länet jämfört med riket, länen och kommunerna`,
    indicator: 'Indikator',
    year: 'År',
    country: 'Riket',
    rank: 'Plats bland länen',
    rankOf: (rank: number, of: number) => `${rank} av ${of}`,
    lowest: 'Lägst bland kommunerna',
    highest: 'Högst bland kommunerna',
  },
};

export type SummaryMessages = typeof summarySv;
