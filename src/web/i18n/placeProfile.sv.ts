/** Messages of a municipality's indicator profile (the municipality pages), Swedish. */
export const placeProfileSv = {
  heading: (place: string) => `Så går det i ${place}`,
  /** `ofPlace` is the genitive ("Nybros"). */
  lead: (ofPlace: string, place: string, county: string) =>
    `Strategins indikatorer med ${ofPlace} senaste värde bredvid ${county} och riket. Utvecklingen är ${ofPlace} förändring sedan strategins utgångsår (eller det första året med värde) och sedan värdet före det senaste; linjen visar ${place} och den streckade länet.`,
  countyLead: (ofCounty: string) =>
    `Strategins indikatorer med ${ofCounty} senaste värde bredvid riket. Utvecklingen är länets förändring sedan strategins utgångsår (eller det första året med värde) och sedan värdet före det senaste; den streckade linjen visar riket.`,
  caption: (area: string, place: string) => `${area}: ${place} jämfört med länet och riket`,
  indicator: 'Indikator',
  year: 'År',
  country: 'Riket',
  trend: 'Utveckling',
  missing: 'Saknas',
  noSeries: 'För få värden',
  none: 'Strategin har ännu inga publicerade indikatorer.',
};

export type PlaceProfileMessages = typeof placeProfileSv;
