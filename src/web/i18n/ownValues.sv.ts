/** Messages of the page of an indicator's own values (table and upload), Swedish. */
export const ownValuesSv = {
  title: (name: string) => `Egna värden: ${name}`,
  back: 'Tillbaka till indikatorn',
  lead: 'Skriv in värden per område och år. Tomma rutor lämnas som de är. Alla värden sparas tillsammans, eller inget om något är fel.',
  notManual:
    'Indikatorn hämtar sina värden från sin källa (Kolada eller SCB). Egna värden kan bara anges för indikatorer med källan ”Egna värden”.',
  tableHeading: 'Skriv in värden',
  caption: (unit: string) => `Värden per område och år (${unit})`,
  area: 'Område',
  gender: { T: 'totalt', K: 'kvinnor', M: 'män' } as Record<string, string>,
  cellLabel: (place: string, year: number, gender: string) => `${place} ${year}, ${gender}`,
  notNumber: 'Skriv ett tal, till exempel 12,5.',
  atLeastOne: 'Skriv minst ett värde.',
  save: 'Spara värdena',
  errorsTitle: 'Inget har sparats. Rätta det här och spara igen',
  uploadHeading: 'Ladda upp en fil',
  uploadLead:
    'En CSV-fil (UTF-8) eller en Excel-fil med rubrikraden indicator,place,period,gender,value,status – samma format som kommandot riktning import csv. Alla rader kontrolleras först; finns ett enda fel sparas ingenting och varje fel visas med rad och kolumn.',
  file: 'Fil (.csv eller .xlsx)',
  upload: 'Ladda upp',
  noFile: 'Välj en fil att ladda upp.',
  wrongType: 'Filen ska vara en CSV-fil (.csv) eller en Excel-arbetsbok (.xlsx).',
  tooLarge: 'Filen är för stor (högst 20 MB).',
  uploadFailed: 'Inget har sparats: filen har fel. Rätta raderna nedan och ladda upp filen igen.',
  errorsCaption: 'Fel per rad och kolumn',
  colRow: 'Rad',
  colColumn: 'Kolumn',
  colMessage: 'Fel',
  whole: 'Hela filen',
  runLink: (id: number) => `Se importkörning ${id}`,
  saved: (id: string) => `Värdena är sparade (importkörning ${id}).`,
  uploaded: (id: string) => `Filen är inläst (importkörning ${id}).`,
};

export type OwnValuesMessages = typeof ownValuesSv;
