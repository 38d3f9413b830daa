/** The admin initiative list: search, filters, sorting and pages (Swedish). */
export const initiativeListSv = {
  search: 'Sök på namn eller organisation',
  filters: 'Sök och filtrera',
  state: 'Läge',
  anyState: 'Alla lägen',
  waitingForMe: 'Väntar på mig',
  organisation: 'Organisation',
  goalArea: 'Målområde',
  place: 'Plats',
  all: 'Alla',
  sort: 'Sortera efter',
  sortNames: {
    andrad: 'Senast ändrad först',
    namn: 'Namn (A–Ö)',
    organisation: 'Organisation (A–Ö)',
    lage: 'Läge',
  },
  show: 'Visa',
  clear: 'Rensa filter',
  count: (n: number) => (n === 1 ? '1 insats' : `${n.toLocaleString('sv-SE')} insatser`),
  caption: 'Insatser som matchar',
  initiative: 'Insats',
  columnUpdated: 'Senast ändrad',
  none: 'Inga insatser matchar. Ta bort ett filter eller sök på något annat.',
  page: (page: number, pages: number) => `Sida ${page} av ${pages}`,
  previous: 'Föregående',
  next: 'Nästa',
  pagination: 'Sidor',
  proposal: 'ändringsförslag',
  export: 'Hämta alla insatser som CSV eller Excel',
};

export type InitiativeListMessages = typeof initiativeListSv;
