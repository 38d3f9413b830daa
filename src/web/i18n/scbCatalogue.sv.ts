/** Messages of the admin's search in SCB's table catalogue (PxWebApi 2.0), Swedish. */
export const scbCatalogueSv = {
  title: 'Lägg till från SCB',
  link: 'Sök bland SCB:s tabeller',
  lead: 'Sök bland SCB:s tabeller med ord, välj en tabell och ett värde för varje variabel utom region, tid och kön, och lägg till den som indikator på ett mål. Nattens import hämtar tabellen för riket, alla län och länets kommuner.',
  searchLabel: 'Ord i tabellens titel',
  searchHint: 'Till exempel ”folkmängd” eller ”sysselsättning”.',
  search: 'Sök',
  results: (shown: number, total: number, q: string) =>
    shown === total
      ? `${total} tabeller matchar ”${q}”.`
      : `Visar ${shown} av ${total} tabeller som matchar ”${q}”; skriv fler ord för att se färre.`,
  none: (q: string) => `Inga tabeller hos SCB matchar ”${q}”.`,
  failed: (cause: string) =>
    `Frågan till SCB misslyckades: ${cause} Det du skrev finns kvar; försök igen om en stund.`,
  addFailed: 'Tabellen kunde inte läggas till:',
  periods: 'Perioder',
  variables: 'Variabler',
  updated: 'Uppdaterad',
  discontinued: 'Avslutad hos SCB',
  choose: 'Välj värden',
  tableTitle: (id: string) => `Tabell ${id}`,
  fixed: (names: string) =>
    `Importen väljer själv ${names}: riket, alla län och länets kommuner, varje år från utgångsåret.`,
  leaveOut: '(utelämna – summan)',
  goal: 'Mål',
  direction: 'Riktning',
  higher: 'Högre är bättre',
  lower: 'Lägre är bättre',
  add: 'Lägg till som indikator',
  back: 'Tillbaka till sökningen',
  noRegionOrTime: (id: string) =>
    `Tabellen ${id} har ingen variabel för region och tid, så den kan inte följas upp per område och år.`,
  tooLong: 'Sökningen får vara högst 100 tecken.',
};

export type ScbCatalogueMessages = typeof scbCatalogueSv;
