import { regionIdentity } from '../../region/activeRegion.js';
import type { OpenDataMessages } from './openData.sv.js';

/** Messages of the open-data page, the embed page and the embeddable widgets, English. */
export const openDataEn: OpenDataMessages = {
  title: 'Open data',
  lead: 'Everything published in Riktning is open data under CC0: free to use, without asking. Values from Kolada are marked "Källa: Kolada" (source: Kolada).',
  apiHeading: 'API',
  apiText:
    'A JSON API with the strategy, initiatives, progress reports, indicators and values. Fields are in snake_case and lists are paged.',
  apiDoc: 'API description (OpenAPI 3.1)',
  writeText:
    'Actors can register initiatives and submit progress reports from their own systems with an API key that the organisation creates in the admin area.',
  downloadsHeading: 'Downloads',
  dumpLink: 'Everything at once: riktning.zip',
  dumpText:
    'All published data as CSV and JSON files in one ZIP file, with a README and a datapackage.json listing the files, the licence and the sources. It is rebuilt when the data changes.',
  initiativesCsv: 'Initiatives as CSV',
  initiativesXlsx: 'Initiatives as Excel',
  semicolonHint: 'For Excel with Swedish settings: CSV with semicolons.',
  indicatorsCaption: 'Values per indicator to download',
  indicator: 'Indicator',
  unit: 'Unit',
  files: 'Files',
  standardsHeading: 'Standards',
  iati: 'Initiatives as IATI 2.03 (XML)',
  dcat: 'Data catalogue as DCAT-AP-SE (for dataportal.se)',
  embedHeading: 'Embed',
  embedText: "Show a goal area's initiatives or an indicator on your own website.",
  embedLink: 'Embed on your website',
  embedTitle: 'Embed',
  embedLead:
    'Choose what to show and copy the code to your website, e.g. an HTML module in Sitevision. The content updates by itself and works without scripts. Below the frame is an ordinary link for those who cannot see the frame.',
  chooseHeading: 'Choose content',
  goalArea: 'Goal area',
  chooseIndicator: 'Indicator',
  show: 'Show code',
  none: '– none –',
  snippetHeading: 'Code to copy',
  snippetLabel: 'HTML code to embed',
  previewHeading: 'Preview',
  openWidget: 'Open the embed as a page of its own',
  widgetInitiatives: (name: string) => `Initiatives in ${name}`,
  widgetIndicator: (name: string) => `Indicator: ${name}`,
  widgetMore: (name: string) => `${name} on Riktning`,
  widgetNone: 'No published initiatives yet.',
  get widgetSource() {
    return `Source: ${regionIdentity().nameEn}, Riktning. Open data (CC0).`;
  },
  widgetCount: (n: number) => `${n} ${n === 1 ? 'initiative' : 'initiatives'}`,
};
