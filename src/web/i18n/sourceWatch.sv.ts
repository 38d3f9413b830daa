/** Messages of the source watch: revised values after a frozen report, changed KPIs. Swedish. */
export const sourceWatchSv = {
  reportHeading: 'Reviderade värden',
  reportNotice: (count: number, published: string, latest: string) =>
    `${count === 1 ? 'Ett värde' : `${count} värden`} som rapporten bygger på har reviderats av källan sedan rapporten publicerades ${published} (senast ${latest}). Rapportens text är oförändrad; de aktuella värdena och revideringarna finns på indikatorernas sidor:`,
  revisedCount: (count: number) => (count === 1 ? '1 värde' : `${count} värden`),
  heading: 'Källbevakning',
  lead: 'Det som har ändrats hos källorna och som analytikerna bör se över.',
  revisedSince: (count: number, year: number) =>
    `${count === 1 ? '1 värde har' : `${count} värden har`} reviderats sedan rapporten ${year} publicerades`,
  revisedOn: (latest: string) => `senast ${latest}`,
  publicReport: 'Rapporten med notisen',
  renamed: (kpi: string, from: string, to: string, on: string) =>
    `Kolada har bytt namn på ${kpi} den ${on}: från ”${from}” till ”${to}”.`,
  removed: (kpi: string, on: string, source: string) =>
    `${source} känner inte längre till ${kpi} (sedan ${on}); indikatorn får inga nya värden förrän källan byts.`,
  discontinued: (table: string, on: string) =>
    `SCB uppdaterar inte längre tabellen ${table} (sedan ${on}); välj en ny tabell för indikatorn.`,
  seen: 'Markera som sedd',
  seenDone: 'Notisen är markerad som sedd.',
  editIndicator: 'Ändra indikatorn',
};

export type SourceWatchMessages = typeof sourceWatchSv;
