import { regionIdentity } from '../../region/activeRegion.js';
/** Messages of the open-data page, the embed page and the embeddable widgets, Swedish. */
export const openDataSv = {
  title: 'Öppna data',
  lead: 'Allt som publiceras i Riktning är öppna data under CC0: fritt att använda, utan att fråga. Värden från Kolada anges med "Källa: Kolada".',
  apiHeading: 'API',
  apiText:
    'Ett JSON-API med strategi, insatser, lägesrapporter, indikatorer och utfall. Fälten är i snake_case och listor har sidor.',
  apiDoc: 'API-beskrivning (OpenAPI 3.1)',
  writeText:
    'Aktörer kan registrera insatser och lämna lägesrapporter från sina egna system med en API-nyckel som organisationen skapar i administrationen.',
  downloadsHeading: 'Nedladdningar',
  dumpLink: 'Allt på en gång: riktning.zip',
  dumpText:
    'Alla publicerade uppgifter som CSV- och JSON-filer i en ZIP-fil, med en README och en datapackage.json som listar filerna, licensen och källorna. Den skapas på nytt när uppgifterna ändras.',
  initiativesCsv: 'Insatser som CSV',
  initiativesXlsx: 'Insatser som Excel',
  semicolonHint: 'För Excel med svenska inställningar: CSV med semikolon.',
  indicatorsCaption: 'Utfall per indikator att ladda ned',
  indicator: 'Indikator',
  unit: 'Enhet',
  files: 'Filer',
  standardsHeading: 'Standarder',
  iati: 'Insatser enligt IATI 2.03 (XML)',
  dcat: 'Datakatalog enligt DCAT-AP-SE (för dataportal.se)',
  embedHeading: 'Bädda in',
  embedText: 'Visa ett målområdes insatser eller en indikator på er egen webbplats.',
  embedLink: 'Bädda in på er webbplats',
  embedTitle: 'Bädda in',
  embedLead:
    'Välj vad ni vill visa och kopiera koden till er webbplats, t.ex. en HTML-modul i Sitevision. Innehållet uppdateras av sig självt och fungerar utan skript. Under ramen finns en vanlig länk för den som inte kan se ramen.',
  chooseHeading: 'Välj innehåll',
  goalArea: 'Målområde',
  chooseIndicator: 'Indikator',
  show: 'Visa kod',
  none: '– inget –',
  snippetHeading: 'Kod att kopiera',
  snippetLabel: 'HTML-kod för inbäddning',
  previewHeading: 'Förhandsvisning',
  openWidget: 'Öppna inbäddningen som egen sida',
  widgetInitiatives: (name: string) => `Insatser inom ${name}`,
  widgetIndicator: (name: string) => `Indikator: ${name}`,
  widgetMore: (name: string) => `${name} på Riktning`,
  widgetNone: 'Inga publicerade insatser ännu.',
  get widgetSource() {
    return `Källa: ${regionIdentity().nameSv}, Riktning. Öppna data (CC0).`;
  },
  widgetCount: (n: number) => `${n} ${n === 1 ? 'insats' : 'insatser'}`,
};

export type OpenDataMessages = typeof openDataSv;
