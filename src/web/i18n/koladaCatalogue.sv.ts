/** Messages of the admin's search in Kolada's KPI catalogue, Swedish. */
export const koladaCatalogueSv = {
  title: 'Lägg till från Kolada',
  link: 'Sök bland Koladas nyckeltal',
  lead: 'Sök bland Koladas nyckeltal med ord ur titeln, läs nyckeltalets beskrivning och lägg till det som indikator på ett mål i ett steg. Nattens import hämtar värdena för riket, alla län och länets kommuner.',
  searchLabel: 'Ord i nyckeltalets titel',
  searchHint: 'Till exempel ”förvärvsarbetande” eller ”invånare”.',
  search: 'Sök',
  results: (shown: number, total: number, q: string) =>
    shown === total
      ? `${total} nyckeltal matchar ”${q}”.`
      : `Visar ${shown} av ${total} nyckeltal som matchar ”${q}”; skriv fler ord för att se färre.`,
  none: (q: string) => `Inga nyckeltal i Kolada matchar ”${q}”.`,
  failed: (cause: string) =>
    `Sökningen i Kolada misslyckades: ${cause} Det du skrev finns kvar; försök igen om en stund.`,
  addFailed: 'Nyckeltalet kunde inte läggas till:',
  unit: 'Enhet',
  gender: 'Uppdelat på kön',
  yes: 'ja',
  no: 'nej',
  area: 'Verksamhetsområde',
  published: 'Publicerat',
  period: 'Senaste period',
  noDescription: 'Kolada har ingen beskrivning av nyckeltalet.',
  goal: 'Mål',
  direction: 'Riktning',
  higher: 'Högre är bättre',
  lower: 'Lägre är bättre',
  add: (kpi: string) => `Lägg till ${kpi} som indikator`,
  exists: 'Redan en indikator:',
  tooLong: 'Sökningen får vara högst 100 tecken.',
};

export type KoladaCatalogueMessages = typeof koladaCatalogueSv;
